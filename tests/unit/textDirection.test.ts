import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import { MessageRole } from '../../src/core/correlate/messageConventions';
import { directionFromText } from '../../src/core/correlate/textDirection';

const enc = (s: string) => new TextEncoder().encode(s);

describe('directionFromText', () => {
  it('reads sends and receives with their peers from the wording', () => {
    expect(directionFromText('sent transfer req_id=r1 to ledger.')).toEqual({ role: MessageRole.Send, peer: 'ledger' });
    expect(directionFromText('received transfer from client-7')).toEqual({ role: MessageRole.Receive, peer: 'client-7' });
    expect(directionFromText('txn 42 -> ledger')).toEqual({ role: MessageRole.Send, peer: 'ledger' });
    expect(directionFromText('txn 42 <- gateway')).toEqual({ role: MessageRole.Receive, peer: 'gateway' });
    expect(directionFromText('calling inventory for sku 9')).toEqual({ role: MessageRole.Send, peer: 'inventory' });
    expect(directionFromText('handling GET /cart')).toEqual({ role: MessageRole.Receive, peer: null });
    expect(directionFromText('writing response')).toEqual({ role: MessageRole.Reply, peer: null });
  });

  it('prefers the most specific wording: a response received from A is a receive from A', () => {
    expect(directionFromText('received response from ledger')).toEqual({ role: MessageRole.Receive, peer: 'ledger' });
  });

  it('says nothing about text with no direction in it', () => {
    expect(directionFromText('cache warmed in 12 ms')).toBeNull();
  });
});

describe('message edges from the wording of text logs', () => {
  it('links request and response by id and wording alone, never by time', async () => {
    // The ledger's clock is 2 s behind: times must not decide anything.
    const client = enc(
      [
        '2026-03-14T09:00:00.000Z sent transfer req_id=r1 to ledger',
        '2026-03-14T09:00:00.300Z received response req_id=r1',
        '',
      ].join('\n'),
    );
    const ledger = enc(
      [
        '2026-03-14T08:59:58.010Z received transfer req_id=r1 from client',
        '2026-03-14T08:59:58.020Z sending response req_id=r1',
        '',
      ].join('\n'),
    );
    const a = await analyze([
      { name: 'client.log', bytes: client },
      { name: 'ledger.log', bytes: ledger },
    ]);
    const x = a.executions[0]!.execution;
    const edges = [...Array(x.edgeCount).keys()].map(
      (k) => `${x.processNames[x.eventProc[x.edgeFrom[k]!]!]}→${x.processNames[x.eventProc[x.edgeTo[k]!]!]} ${x.strings.get(x.edgeKey[k]!)}`,
    );
    expect(edges.sort()).toEqual(['client→ledger req_id=r1', 'ledger→client req_id=r1']);
    const skew = a.executions[0]!.anomalies.filter((an) => an.kind === 'clock-skew');
    expect(skew).toHaveLength(1);
  });
});

describe('failure lines', () => {
  it('gives no direction to a line that reports a failed send or call', () => {
    expect(directionFromText('writing response failed: client closed the connection')).toBeNull();
    expect(directionFromText('call to ledger timed out after 2000 ms; will retry')).toBeNull();
  });
});
