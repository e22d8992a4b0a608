import { describe, expect, it } from 'vitest';
import { inferMessageIdEdges } from '../../src/core/correlate/messageIds';
import { peerResolver } from '../../src/core/correlate/peerProcess';
import { DiagnosticSink } from '../../src/core/model/diagnostic';
import { eventId, type Execution } from '../../src/core/model/execution';
import { ExecutionBuilder } from '../../src/core/model/executionBuilder';

/** One event per [process, clock domain]; processes sort by name when built. */
function execution(procs: [string, string?][]): Execution {
  const b = new ExecutionBuilder('t');
  procs.forEach(([name, domain], i) => b.addEvent(b.process(name, domain), { text: 'e', input: 'x.log', line: i + 1 }));
  return b.build();
}

const namesOf = (x: Execution, refs: readonly number[]) => refs.map((p) => x.processNames[p]).sort();

describe('peerResolver', () => {
  it('resolves a process name to that process, and an exact name wins over a prefix', () => {
    const x = execution([['billing'], ['billing-1'], ['billing-2']]);
    const peers = peerResolver(x);
    const ref = peers.resolve('billing');
    expect(ref).toBe(x.processNames.indexOf('billing'));
    expect(peers.accepts(ref, x.processNames.indexOf('billing'))).toBe(true);
    expect(peers.accepts(ref, x.processNames.indexOf('billing-1'))).toBe(false);
    expect(peers.nameOf(ref)).toBe('billing');
    expect(peers.resolve('billing-2')).toBe(x.processNames.indexOf('billing-2'));
  });

  it('a group or topic stands for the processes it prefixes at a separator, never inside a word', () => {
    const x = execution([['billing-1'], ['billing.0'], ['billing_a'], ['billingsvc'], ['orders-1']]);
    const peers = peerResolver(x);
    const ref = peers.resolve('billing');
    expect(ref).toBeGreaterThanOrEqual(x.processNames.length);
    expect(namesOf(x, peers.members(ref))).toEqual(['billing-1', 'billing.0', 'billing_a']);
    expect(peers.accepts(ref, x.processNames.indexOf('billingsvc'))).toBe(false);
    expect(peers.accepts(ref, x.processNames.indexOf('orders-1'))).toBe(false);
    expect(peers.accepts(ref, x.processNames.indexOf('billing.0'))).toBe(true);
    expect(peers.nameOf(ref)).toBe('billing');
    // A prefix of one process is that process.
    expect(peers.resolve('orders')).toBe(x.processNames.indexOf('orders-1'));
    expect(peers.resolve('bill')).toBe(-1);
  });

  it('a host of one process is that process; a host of several is the set of them', () => {
    const x = execution([['api', 'h1'], ['db', 'h1'], ['cache', 'h2']]);
    const peers = peerResolver(x);
    expect(peers.resolve('h2')).toBe(x.processNames.indexOf('cache'));
    const h1 = peers.resolve('h1');
    expect(h1).toBeGreaterThanOrEqual(x.processNames.length);
    expect(namesOf(x, peers.members(h1))).toEqual(['api', 'db']);
    expect(peers.accepts(h1, x.processNames.indexOf('cache'))).toBe(false);
    expect(peers.nameOf(h1)).toBe('h1');
  });

  it('a service stands for its instances on every host, not for services it prefixes', () => {
    const x = execution([['api@h1', 'h1'], ['api@h2', 'h2'], ['api-gw@h1', 'h1']]);
    const peers = peerResolver(x);
    const api = peers.resolve('api');
    expect(namesOf(x, peers.members(api))).toEqual(['api@h1', 'api@h2']);
    expect(peers.resolve('api-gw')).toBe(x.processNames.indexOf('api-gw@h1'));
    // Equal sets are one reference.
    expect(peers.resolve('API')).toBe(api);
  });

  it('unknown names and addresses are -1 and accept every process', () => {
    const x = execution([['api'], ['db']]);
    const peers = peerResolver(x);
    expect(peers.resolve('10.0.0.7:8080')).toBe(-1);
    expect(peers.resolve('')).toBe(-1);
    expect(peers.resolve('queue')).toBe(-1);
    expect(peers.accepts(-1, 0)).toBe(true);
    expect(peers.members(-1)).toEqual([]);
  });

  it('reads a host:port or URL down to the host it names, and host names case-blind', () => {
    const x = execution([['billing-1'], ['db']]);
    const peers = peerResolver(x);
    const b = x.processNames.indexOf('billing-1');
    expect(peers.resolve('billing-1:8080')).toBe(b);
    expect(peers.resolve('http://billing-1:8080/pay')).toBe(b);
    expect(peers.resolve('DB')).toBe(x.processNames.indexOf('db'));
  });
});

describe('message ids with group peers', () => {
  const edges = (events: [string, Record<string, string>][]) => {
    const b = new ExecutionBuilder('t');
    events.forEach(([proc, fields], i) => b.addEvent(b.process(proc), { text: `e${i}`, fields, input: `${proc}.jsonl`, line: i + 1 }));
    const x = b.build();
    return inferMessageIdEdges(x, new DiagnosticSink()).edges.map((e) => `${eventId(x, e.from)} -> ${eventId(x, e.to)}`);
  };

  it('a send to a consumer group reaches a member of the group and not a bystander', () => {
    expect(
      edges([
        ['producer', { msg_id: 'm1', dir: 'send', to: 'billing' }],
        ['billing-1', { msg_id: 'm1', dir: 'recv' }],
        ['audit', { msg_id: 'm1', dir: 'recv' }],
      ]),
    ).toEqual(['producer:1 -> billing-1:1']);
  });

  it('a receive from a host accepts any process on it', () => {
    const b = new ExecutionBuilder('t');
    b.addEvent(b.process('api', 'h1'), { text: 'send', fields: { msg_id: 'm', dir: 'send' }, input: 'a.jsonl', line: 1 });
    b.addEvent(b.process('db', 'h1'), { text: 'other', input: 'a.jsonl', line: 2 });
    b.addEvent(b.process('web', 'h2'), { text: 'recv', fields: { msg_id: 'm', dir: 'recv', from: 'h1' }, input: 'a.jsonl', line: 3 });
    b.addEvent(b.process('cron', 'h3'), { text: 'send', fields: { msg_id: 'm', dir: 'send' }, input: 'a.jsonl', line: 4 });
    const x = b.build();
    expect(inferMessageIdEdges(x, new DiagnosticSink()).edges.map((e) => `${eventId(x, e.from)} -> ${eventId(x, e.to)}`)).toEqual([
      'api:1 -> web:1',
    ]);
  });
});
