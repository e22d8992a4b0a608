import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import { inferEdges } from '../../src/core/correlate/inferEdges';
import { inferMessageIdEdges } from '../../src/core/correlate/messageIds';
import { conventionEnds } from '../../src/core/correlate/messageEnds';
import { withEdges } from '../../src/core/correlate/withEdges';
import { DiagnosticSink } from '../../src/core/model/diagnostic';
import { eventId, EventKind, type Execution } from '../../src/core/model/execution';
import { ExecutionBuilder } from '../../src/core/model/executionBuilder';

/** Events as [process, fields]; each process's events in program order. */
function execution(events: [string, Record<string, string>][]): Execution {
  const b = new ExecutionBuilder('t');
  events.forEach(([proc, fields], i) => b.addEvent(b.process(proc), { text: `e${i}`, fields, input: `${proc}.jsonl`, line: i + 1 }));
  return b.build();
}

function edges(events: [string, Record<string, string>][]): string[] {
  const x = execution(events);
  return inferMessageIdEdges(x, new DiagnosticSink()).edges.map(
    (e) => `${eventId(x, e.from)} -> ${eventId(x, e.to)} ${e.rule} ${e.key}`,
  );
}

describe('message-id edges: send and receive', () => {
  it('pairs a send with the receive of the same id on another process', () => {
    expect(
      edges([
        ['A', { msg_id: 'm1', dir: 'send' }],
        ['B', { msg_id: 'm1', dir: 'recv' }],
      ]),
    ).toEqual(['A:1 -> B:1 message-id msg_id=m1']);
  });

  it('understands every id field and direction word', () => {
    const ids = ['msg_id', 'message_id', 'request_id', 'req_id', 'x_request_id', 'correlation_id', 'rpc_id'];
    const sendWords = ['send', 'sent', 'out', 'request', 'client'];
    const recvWords = ['recv', 'receive', 'received', 'in', 'server', 'handle'];
    const dirKeys = ['dir', 'direction', 'kind', 'type'];
    ids.forEach((id, i) => {
      const s = sendWords[i % sendWords.length]!;
      const r = recvWords[i % recvWords.length]!;
      const k = dirKeys[i % dirKeys.length]!;
      expect(edges([['A', { [id]: 'v', [k]: s.toUpperCase() }], ['B', { [id]: 'v', [k]: r }]]), id).toEqual([
        `A:1 -> B:1 message-id ${id}=v`,
      ]);
    });
  });

  it('uses trace_id with span_id as one id when no id field is present', () => {
    expect(
      edges([
        ['A', { trace_id: 't', span_id: 's1', kind: 'client' }],
        ['B', { trace_id: 't', span_id: 's1', kind: 'server' }],
        ['C', { trace_id: 't', span_id: 's2', kind: 'server' }],
      ]),
    ).toEqual(['A:1 -> B:1 message-id trace_id=t span_id=s1']);
  });

  it('never pairs events of the same process', () => {
    expect(edges([['A', { msg_id: 'm', dir: 'send' }], ['A', { msg_id: 'm', dir: 'recv' }]])).toEqual([]);
  });

  it('does not pair events without a direction', () => {
    expect(edges([['A', { msg_id: 'm' }], ['B', { msg_id: 'm' }]])).toEqual([]);
  });

  it('takes the direction from a to or from peer when no dir field says it', () => {
    expect(edges([['A', { msg_id: 'm', to: 'B' }], ['B', { msg_id: 'm', from: 'A' }]])).toEqual(['A:1 -> B:1 message-id msg_id=m']);
  });

  it('ignores placeholder ids such as "-" and "null"', () => {
    expect(
      edges([
        ['A', { msg_id: '-', dir: 'send' }],
        ['B', { msg_id: '-', dir: 'recv' }],
        ['A', { msg_id: 'null', dir: 'send' }],
        ['B', { msg_id: 'null', dir: 'recv' }],
      ]),
    ).toEqual([]);
  });

  it('does not compare timestamps of different hosts: program order alone decides', () => {
    const b = new ExecutionBuilder('t');
    const A = b.process('A');
    const B = b.process('B');
    // B's clock is an hour behind, so its receive reads earlier than the send.
    b.addEvent(A, { time: { ms: 3_600_000, ns: 0, digits: 3 }, text: 's', fields: { msg_id: 'm', dir: 'send' }, input: 'a', line: 1 });
    b.addEvent(B, { time: { ms: 1, ns: 0, digits: 3 }, text: 'r', fields: { msg_id: 'm', dir: 'recv' }, input: 'b', line: 1 });
    const x = b.build();
    const found = inferMessageIdEdges(x, new DiagnosticSink()).edges;
    expect(found.map((e) => [eventId(x, e.from), eventId(x, e.to)])).toEqual([['A:1', 'B:1']]);
  });
});

describe('message-id edges: multicast and joins', () => {
  it('links one send to a receive on each of several processes', () => {
    expect(
      edges([
        ['A', { msg_id: 'm', dir: 'send' }],
        ['B', { msg_id: 'm', dir: 'recv' }],
        ['C', { msg_id: 'm', dir: 'recv' }],
        ['D', { msg_id: 'm', dir: 'recv' }],
      ]),
    ).toEqual(['A:1 -> B:1 message-id msg_id=m', 'A:1 -> C:1 message-id msg_id=m', 'A:1 -> D:1 message-id msg_id=m']);
  });

  it('joins sends from distinct processes into one receive', () => {
    expect(
      edges([
        ['A', { msg_id: 'm', dir: 'send' }],
        ['B', { msg_id: 'm', dir: 'send' }],
        ['C', { msg_id: 'm', dir: 'recv' }],
      ]),
    ).toEqual(['A:1 -> C:1 message-id msg_id=m', 'B:1 -> C:1 message-id msg_id=m']);
  });

  it('does not join a sender that the receive names no peer of', () => {
    expect(
      edges([
        ['A', { msg_id: 'm', dir: 'send' }],
        ['B', { msg_id: 'm', dir: 'send' }],
        ['C', { msg_id: 'm', dir: 'recv', from: 'B' }],
      ]),
    ).toEqual(['B:1 -> C:1 message-id msg_id=m']);
  });
});

describe('message-id edges: peers', () => {
  it('sends that name a destination pair only with receives there', () => {
    expect(
      edges([
        ['A', { msg_id: 'm', dir: 'send', to: 'C' }],
        ['B', { msg_id: 'm', dir: 'recv' }],
        ['C', { msg_id: 'm', dir: 'recv' }],
      ]),
    ).toEqual(['A:1 -> C:1 message-id msg_id=m']);
  });

  it('reads peer as the destination of a send and the source of a receive', () => {
    expect(
      edges([
        ['A', { msg_id: 'm', dir: 'send', peer: 'C' }],
        ['B', { msg_id: 'm', dir: 'send' }],
        ['B', { msg_id: 'm', dir: 'recv' }],
        ['C', { msg_id: 'm', dir: 'recv', peer: 'A' }],
      ]),
    ).toEqual(['A:1 -> C:1 message-id msg_id=m']);
  });

  it('resolves a peer by host name when one process runs there', () => {
    const b = new ExecutionBuilder('t');
    const api = b.process('api', 'm1');
    const db = b.process('db', 'm2');
    const cache = b.process('cache', 'm3');
    b.addEvent(api, { text: 's', fields: { msg_id: 'q', dir: 'send', dest: 'm2' }, input: 'i', line: 1 });
    b.addEvent(db, { text: 'r', fields: { msg_id: 'q', dir: 'recv' }, input: 'i', line: 2 });
    b.addEvent(cache, { text: 'r', fields: { msg_id: 'q', dir: 'recv' }, input: 'i', line: 3 });
    const x = b.build();
    const found = inferMessageIdEdges(x, new DiagnosticSink()).edges;
    expect(found.map((e) => `${eventId(x, e.from)} -> ${eventId(x, e.to)}`)).toEqual(['api:1 -> db:1']);
  });

  it('treats a peer that names no loaded process as no constraint', () => {
    expect(
      edges([
        ['A', { msg_id: 'm', dir: 'send', to: '10.0.0.7:9000' }],
        ['B', { msg_id: 'm', dir: 'recv' }],
      ]),
    ).toEqual(['A:1 -> B:1 message-id msg_id=m']);
  });
});

describe('message-id edges: retries', () => {
  it('pairs repeated keys in program order per channel', () => {
    expect(
      edges([
        ['A', { msg_id: 'm', dir: 'send', to: 'B' }],
        ['A', { msg_id: 'm', dir: 'send', to: 'C' }],
        ['A', { msg_id: 'm', dir: 'send', to: 'B' }],
        ['B', { msg_id: 'm', dir: 'recv' }],
        ['B', { msg_id: 'm', dir: 'recv' }],
        ['C', { msg_id: 'm', dir: 'recv' }],
      ]),
    ).toEqual(['A:1 -> B:1 message-id msg_id=m', 'A:2 -> C:1 message-id msg_id=m', 'A:3 -> B:2 message-id msg_id=m']);
  });

  it('pairs by attempt when both sides carry it, so a lost first try is skipped', () => {
    expect(
      edges([
        ['A', { msg_id: 'm', dir: 'send', attempt: '1' }],
        ['A', { msg_id: 'm', dir: 'send', attempt: '2' }],
        ['A', { msg_id: 'm', dir: 'send', attempt: '3' }],
        ['B', { msg_id: 'm', dir: 'recv', attempt: '2' }],
        ['B', { msg_id: 'm', dir: 'recv', attempt: '3' }],
      ]),
    ).toEqual(['A:2 -> B:1 message-id msg_id=m', 'A:3 -> B:2 message-id msg_id=m']);
  });

  it('falls back to program order when only one side has attempts', () => {
    expect(
      edges([
        ['A', { msg_id: 'm', dir: 'send', attempt: '1' }],
        ['A', { msg_id: 'm', dir: 'send', attempt: '2' }],
        ['B', { msg_id: 'm', dir: 'recv' }],
      ]),
    ).toEqual(['A:1 -> B:1 message-id msg_id=m']);
  });
});

describe('message-id edges: request and response', () => {
  it('gives a request edge to the server and a response edge back to the client', () => {
    expect(
      edges([
        ['client', { request_id: 'r1', type: 'request' }],
        ['client', { request_id: 'r1', type: 'response' }],
        ['server', { request_id: 'r1', type: 'handle' }],
        ['server', { request_id: 'r1', type: 'response' }],
      ]),
    ).toEqual(['client:1 -> server:1 request-response request_id=r1', 'server:2 -> client:2 request-response request_id=r1']);
  });

  it('pairs a server reply with the client receive that follows its request', () => {
    expect(
      edges([
        ['client', { req_id: 'r', kind: 'client' }],
        ['client', { req_id: 'r', kind: 'recv' }],
        ['server', { req_id: 'r', kind: 'server' }],
        ['server', { req_id: 'r', kind: 'reply' }],
      ]),
    ).toEqual(['client:1 -> server:1 request-response req_id=r', 'server:2 -> client:2 request-response req_id=r']);
  });

  it('handles a retried request with a response to the last attempt', () => {
    expect(
      edges([
        ['client', { request_id: 'r', dir: 'out', attempt: '1' }],
        ['client', { request_id: 'r', dir: 'out', attempt: '2' }],
        ['client', { request_id: 'r', dir: 'in' }],
        ['server', { request_id: 'r', dir: 'in', attempt: '2' }],
        ['server', { request_id: 'r', dir: 'response' }],
      ]),
    ).toEqual(['client:2 -> server:1 request-response request_id=r', 'server:2 -> client:3 request-response request_id=r']);
  });
});

describe('no-edges diagnostic', () => {
  it('says once why several processes got no edges, listing fields and suggesting an id field', () => {
    const x = execution([
      ['A', { txn: 'a1', level: 'info' }],
      ['B', { txn: 'a1', level: 'info' }],
      ['A', { txn: 'a2', level: 'info' }],
      ['B', { txn: 'a2', level: 'info' }],
      ['C', { txn: 'a3', level: 'debug' }],
    ]);
    const sink = new DiagnosticSink();
    expect(inferEdges(x, sink).specs()).toEqual([]);
    expect(sink.items).toHaveLength(1);
    const d = sink.items[0]!;
    expect(d).toMatchObject({ input: 'A.jsonl', line: 0, severity: 'info' });
    expect(d.message).toContain('no event has a message-id field');
    expect(d.message).toContain('Fields seen: level, txn');
    expect(d.message).toContain('"txn" looks like a message id (2 of its values appear on more than one process)');
  });

  it('says when ids are there but no direction is', () => {
    const x = execution([['A', { msg_id: '1' }], ['B', { msg_id: '1' }]]);
    const sink = new DiagnosticSink();
    inferEdges(x, sink);
    expect(sink.items[0]!.message).toContain("none says which way the message went");
    expect(sink.items[0]!.message).toContain('add dir=send');
  });

  it('lists at most 20 field names', () => {
    const fields: Record<string, string> = {};
    for (let i = 0; i < 25; i++) fields[`f${String(i).padStart(2, '0')}`] = 'x';
    const sink = new DiagnosticSink();
    inferEdges(execution([['A', fields], ['B', {}]]), sink);
    expect(sink.items[0]!.message).toContain('f19, … 5 more');
    expect(sink.items[0]!.message).not.toContain('f20');
  });

  it('stays quiet for one process or when edges are found', () => {
    const one = new DiagnosticSink();
    inferEdges(execution([['A', { msg_id: 'm', dir: 'send' }]]), one);
    expect(one.items).toEqual([]);
    const linked = new DiagnosticSink();
    inferEdges(execution([['A', { msg_id: 'm', dir: 'send' }], ['B', { msg_id: 'm', dir: 'recv' }]]), linked);
    expect(linked.items).toEqual([]);
  });
});

describe('message-id edges end to end', () => {
  const files: Record<string, string> = {
    'client.jsonl': [
      '{"ts":"2026-03-14T09:00:00.000Z","msg":"calling","request_id":"r1","type":"request","to":"server"}',
      '{"ts":"2026-03-14T09:00:00.900Z","msg":"got answer","request_id":"r1","type":"response"}',
      '{"ts":"2026-03-14T09:00:01.000Z","msg":"notify all","msg_id":"n1","dir":"send"}',
    ].join('\n'),
    // The server's clock is two seconds behind: its receive reads before the send.
    'server.jsonl': [
      '{"ts":"2026-03-14T08:59:58.100Z","msg":"handling","request_id":"r1","type":"handle","from":"client"}',
      '{"ts":"2026-03-14T08:59:58.200Z","msg":"answering","request_id":"r1","type":"response"}',
      '{"ts":"2026-03-14T08:59:59.500Z","msg":"notified","msg_id":"n1","dir":"recv"}',
    ].join('\n'),
    'audit.jsonl': '{"ts":"2026-03-14T09:00:01.100Z","msg":"notified","msg_id":"n1","dir":"recv"}\n',
  };

  it('orders events by Lamport clocks that respect every inferred edge', async () => {
    const result = await analyze(Object.entries(files).map(([name, text]) => ({ name, bytes: new TextEncoder().encode(text) })));
    const { execution: x, clocks } = result.executions[0]!;
    expect(x.processNames).toEqual(['audit', 'client', 'server']);
    const found: string[] = [];
    for (let k = 0; k < x.edgeCount; k++) {
      found.push(`${eventId(x, x.edgeFrom[k]!)} -> ${eventId(x, x.edgeTo[k]!)} ${x.strings.get(x.edgeRule[k]!)} ${x.strings.get(x.edgeKey[k]!)}`);
    }
    expect(found).toEqual([
      'client:1 -> server:1 request-response request_id=r1',
      'client:3 -> audit:1 message-id msg_id=n1',
      'client:3 -> server:3 message-id msg_id=n1',
      'server:2 -> client:2 request-response request_id=r1',
    ]);
    for (let k = 0; k < x.edgeCount; k++) {
      expect(clocks.lamport[x.edgeFrom[k]!]!).toBeLessThan(clocks.lamport[x.edgeTo[k]!]!);
      expect(x.eventKind[x.edgeFrom[k]!]).toBe(EventKind.Send);
      expect(x.eventKind[x.edgeTo[k]!]).toBe(EventKind.Receive);
    }
    const L = (id: string) => {
      const [p, s] = id.split(':');
      return clocks.lamport[x.procStart[x.processNames.indexOf(p!)]! + Number(s) - 1]!;
    };
    expect(['client:1', 'server:1', 'server:2', 'client:2', 'client:3', 'server:3'].map(L)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(L('audit:1')).toBe(6);
    // The causal order puts the server's handling after the client's call, whatever the clocks read.
    const pos = (e: number) => clocks.order.indexOf(e);
    expect(pos(x.procStart[2]!)).toBeGreaterThan(pos(x.procStart[1]!));
    expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  });

  it('withEdges takes the edges in columns as it takes them as objects: the same columns and string ids', () => {
    const events: [string, Record<string, string>][] = [
      ['A', { msg_id: 'q1', dir: 'send' }],
      ['B', { msg_id: 'q1', dir: 'recv' }],
      ['B', { msg_id: 'q1', dir: 'reply' }],
      ['A', { msg_id: 'q1', dir: 'reply' }],
      ['A', { msg_id: 'm2', dir: 'send' }],
      ['B', { msg_id: 'm2', dir: 'recv' }],
      ['C', { msg_id: 'm2', dir: 'recv' }],
      ['C', { request_id: 'r3', dir: 'send' }],
      ['A', { request_id: 'r3', dir: 'recv' }],
    ];
    const x1 = execution(events);
    const x2 = execution(events);
    const list = inferEdges(x1, new DiagnosticSink());
    const specs = inferEdges(x2, new DiagnosticSink()).specs();
    const y1 = withEdges(x1, list);
    const y2 = withEdges(x2, specs);
    expect(y1.edgeCount).toBe(5);
    for (const col of ['edgeFrom', 'edgeTo', 'edgeRule', 'edgeKey', 'eventKind'] as const) expect(Array.from(y1[col])).toEqual(Array.from(y2[col]));
    expect(y1.strings.size).toBe(y2.strings.size);
    expect(Array.from(y1.edgeRule, (r) => y1.strings.get(r))).toContain('request-response');
  });

  it('names an endpoint’s peer as the log wrote it: to for a send, from for a receive, else peer, topic or wording', () => {
    const x = execution([
      ['A', { msg_id: 'm1', dir: 'send', to: 'billing', from: 'gateway' }],
      ['B', { msg_id: 'm1', dir: 'recv', to: 'billing', from: 'gateway' }],
      ['A', { msg_id: 'm2', dir: 'send', peer: 'ledger' }],
      ['A', { msg_id: 'm3', dir: 'send', topic: 'payments' }],
      ['A', { msg_id: 'm4', dir: 'send' }],
    ]);
    const ends = conventionEnds(x);
    const names = Array.from({ length: x.eventCount }, (_, e) => `${eventId(x, e)} ${ends.peerName(e)}`);
    expect(names).toEqual(['A:1 billing', 'A:2 ledger', 'A:3 payments', 'A:4 null', 'B:1 gateway']);
  });

  it('withEdges marks paired events as send and receive', () => {
    const x = execution([['A', { msg_id: 'm', dir: 'send' }], ['B', { msg_id: 'm', dir: 'recv' }]]);
    const y = withEdges(x, inferEdges(x, new DiagnosticSink()));
    expect(Array.from(y.eventKind)).toEqual([EventKind.Send, EventKind.Receive]);
  });
});
