import { describe, expect, it } from 'vitest';
import { findClockSkew } from '../../src/core/anomalies/clockSkew';
import { ExecutionBuilder } from '../../src/core/model/executionBuilder';

/** A send stamped to the µs and a receive stamped to the ms, `recvBeforeSendUs` earlier. */
function pair(recvBeforeSendUs: number) {
  const b = new ExecutionBuilder('x');
  const a = b.process('a');
  const c = b.process('b');
  const sendMs = 1_773_480_000_123;
  const s = b.addEvent(a, { text: 'send', input: 'a.log', line: 1, time: { ms: sendMs, ns: 456_000, digits: 6 } });
  const recvNs = (sendMs * 1e6 + 456_000 - recvBeforeSendUs * 1000);
  const recvMs = Math.floor(recvNs / 1e6); // truncated to whole ms, as a ms logger writes
  const r = b.addEvent(c, { text: 'recv', input: 'b.log', line: 1, time: { ms: recvMs, ns: 0, digits: 3 } });
  b.addEdge(s, r, 'test', 'k');
  const x = b.build();
  return findClockSkew(x, new Uint8Array(x.edgeCount));
}

describe('clock-skew and timestamp precision', () => {
  it('does not call a gap within the receive stamp’s precision skew', () => {
    // Stamped 0.456 ms before the send, but a ms stamp may hide up to 1 ms.
    expect(pair(0)).toEqual([]);
    expect(pair(300)).toEqual([]);
  });

  it('reports a gap larger than the receive stamp’s precision', () => {
    const found = pair(2000);
    expect(found).toHaveLength(1);
    expect(found[0]!.detail['atLeastMs']).toBeGreaterThan(1);
  });
});
