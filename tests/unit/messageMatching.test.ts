/**
 * Matching, retries and lost messages on logs shaped as real services write
 * them, not as our samples are: wording only (no dir fields), servers that
 * log no attempt, ids mentioned by unrelated lines, a send to a service
 * received by its instances, JSON lines and text side by side. The first
 * four tests are the four bugs of issue #18.
 */
import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/core/analysis/analyze';
import { alignChannel } from '../../src/core/correlate/alignChannel';
import { buildAnalysisDocument } from '../../src/core/document/analysisDocument';
import { eventId } from '../../src/core/model/execution';

import { edgesOf, run } from './analysisKit';

/** kind severity events, sorted: compared whole, so none missing and none extra. */
function found(a: Analysis, kinds?: string[]): string[] {
  const x = a.executions[0]!.execution;
  return a.executions[0]!.anomalies
    .filter((an) => !kinds || kinds.includes(an.kind))
    .map((an) => `${an.kind} ${an.severity} ${an.events.map((e) => eventId(x, e)).join(' ')}`)
    .sort();
}

function detailOf(a: Analysis, kind: string): Record<string, unknown> {
  return a.executions[0]!.anomalies.find((an) => an.kind === kind)!.detail;
}

const json = (o: Record<string, unknown>) => JSON.stringify(o);

describe('issue #18: the four bugs', () => {
  it('finds a retry in text logs whose server logs no attempt (wording only, no dir fields)', async () => {
    const a = await run({
      'gateway.log': [
        '2026-03-14T09:00:00.000Z sent POST /transfer to payments request_id=r-7 attempt=1',
        '2026-03-14T09:00:02.000Z call to payments timed out request_id=r-7 attempt=1; retrying',
        '2026-03-14T09:00:02.300Z sent POST /transfer to payments request_id=r-7 attempt=2',
        '2026-03-14T09:00:02.420Z received response from payments request_id=r-7 status=201',
      ],
      // The payments clock is 1.5 s behind; it logs each receive with no attempt.
      'payments.log': [
        '2026-03-14T08:59:58.520Z received POST /transfer from gateway request_id=r-7',
        '2026-03-14T08:59:58.600Z transfer committed request_id=r-7 txn=t-1',
        '2026-03-14T08:59:59.000Z worker pool at 80%',
        '2026-03-14T09:00:00.810Z received POST /transfer from gateway request_id=r-7',
        '2026-03-14T09:00:00.880Z transfer committed request_id=r-7 txn=t-2',
        '2026-03-14T09:00:00.900Z sent response to gateway request_id=r-7 status=201',
      ],
    });
    expect(edgesOf(a)).toEqual(['gateway:1 -> payments:1', 'gateway:3 -> payments:4', 'payments:6 -> gateway:4']);
    expect(found(a, ['non-idempotent-retry', 'idempotent-retry', 'unmatched-send', 'unmatched-receive'])).toEqual([
      'non-idempotent-retry critical gateway:1 gateway:3 payments:1 payments:4',
    ]);
    expect(detailOf(a, 'non-idempotent-retry')).toMatchObject({
      operation: 'POST',
      outcome: 'executed-twice',
      source: 'client',
      attempts: 2,
      deliveries: 2,
      work: ['payments:2', 'payments:5'],
    });
  });

  it('pairs the reply that arrived, not a lost earlier one, and reports the lost one', async () => {
    // JSON with dir fields but no attempts; the server's clock runs 300 ms ahead.
    const a = await run({
      'client.jsonl': [
        json({ ts: '2026-03-14T09:00:00.000Z', service: 'client', msg: 'POST /pay', request_id: 'p-1', dir: 'send', to: 'server', method: 'POST' }),
        json({ ts: '2026-03-14T09:00:01.000Z', service: 'client', msg: 'timeout waiting for server, retrying', request_id: 'p-1' }),
        json({ ts: '2026-03-14T09:00:01.100Z', service: 'client', msg: 'POST /pay', request_id: 'p-1', dir: 'send', to: 'server', method: 'POST' }),
        json({ ts: '2026-03-14T09:00:01.180Z', service: 'client', msg: 'payment accepted', request_id: 'p-1', dir: 'recv', from: 'server' }),
      ],
      'server.jsonl': [
        json({ ts: '2026-03-14T09:00:00.320Z', service: 'server', msg: 'POST /pay', request_id: 'p-1', dir: 'recv', from: 'client' }),
        json({ ts: '2026-03-14T09:00:00.330Z', service: 'server', msg: 'payment stored', request_id: 'p-1' }),
        json({ ts: '2026-03-14T09:00:00.340Z', service: 'server', msg: '201 Created', request_id: 'p-1', dir: 'send', to: 'client' }),
        json({ ts: '2026-03-14T09:00:01.420Z', service: 'server', msg: 'POST /pay', request_id: 'p-1', dir: 'recv', from: 'client' }),
        json({ ts: '2026-03-14T09:00:01.425Z', service: 'server', msg: 'duplicate request p-1, returning the stored response', request_id: 'p-1' }),
        json({ ts: '2026-03-14T09:00:01.430Z', service: 'server', msg: '201 Created', request_id: 'p-1', dir: 'send', to: 'client' }),
      ],
    });
    expect(edgesOf(a)).toEqual(['client:1 -> server:1', 'client:3 -> server:4', 'server:6 -> client:4']);
    expect(found(a, ['non-idempotent-retry', 'unmatched-send', 'unmatched-receive'])).toEqual([
      'non-idempotent-retry info client:1 client:3 server:1 server:4 server:5',
      'unmatched-send warning server:3',
    ]);
    expect(detailOf(a, 'non-idempotent-retry')).toMatchObject({ outcome: 'deduplicated', source: 'client', deliveries: 2, evidence: 'server:5' });
    // The document shows the other reply the receive could have been paired with.
    const doc = buildAnalysisDocument(a).executions[0]!;
    expect(doc.edges.find((e) => e.from === 'server:6')).toMatchObject({ to: 'client:4', match: { by: 'delay', alternatives: ['server:3'] } });
  });

  it('pairs ids that an unrelated line also mentions, in text and JSON side by side, with no false losses', async () => {
    const producer: string[] = [];
    const consumer: string[] = [];
    for (let i = 0; i < 40; i++) {
      const t = (ms: number) => `2026-03-14T09:00:${String(10 + Math.floor(ms / 1000)).padStart(2, '0')}.${String(ms % 1000).padStart(3, '0')}Z`;
      producer.push(`${t(i * 100)} sent order msg_id=o-${i} to consumer`);
      // The consumer's clock is 2 s behind, its log is JSON with a from field, and it commits each offset.
      consumer.push(json({ ts: t(i * 100 + 20).replace(':00:1', ':00:0'), service: 'consumer', msg: 'order received', msg_id: `o-${i}`, from: 'producer' }));
      consumer.push(json({ ts: t(i * 100 + 30).replace(':00:1', ':00:0'), service: 'consumer', msg: 'offset committed', msg_id: `o-${i}` }));
    }
    const a = await run({ 'producer.log': producer, 'consumer.jsonl': consumer });
    expect(a.executions[0]!.execution.edgeCount).toBe(40);
    expect(found(a, ['unmatched-send', 'unmatched-receive'])).toEqual([]);
    expect(found(a, ['clock-skew'])).toHaveLength(40);
  });

  it('pairs a send by its to field with receives worded in a text log that also mentions the id without direction', async () => {
    const a = await run({
      'producer.jsonl': [json({ ts: '2026-03-14T09:00:00.000Z', service: 'producer', msg: 'publish order', msg_id: 'o-1', to: 'consumer' })],
      'consumer.log': [
        '2026-03-14T09:00:00.050Z received order msg_id=o-1 from producer',
        '2026-03-14T09:00:00.060Z offset committed msg_id=o-1',
      ],
    });
    expect(edgesOf(a)).toEqual(['producer:1 -> consumer:1']);
    expect(found(a, ['unmatched-send', 'unmatched-receive'])).toEqual([]);
  });

  it('sees a broker redelivery: one publish, delivered to two consumers of one group, charged twice', async () => {
    const a = await run({
      'orders.jsonl': [json({ ts: '2026-03-14T09:00:00.000Z', service: 'orders', msg: 'publish charge', msg_id: 'c-9', dir: 'send', to: 'billing', op: 'charge' })],
      'billing-1.jsonl': [
        json({ ts: '2026-03-14T09:00:00.010Z', service: 'billing-1', msg: 'charging card', msg_id: 'c-9', dir: 'recv' }),
        json({ ts: '2026-03-14T09:00:00.020Z', service: 'billing-1', msg: 'card charged 40.00 EUR', msg_id: 'c-9' }),
      ],
      'billing-2.jsonl': [
        json({ ts: '2026-03-14T09:00:30.000Z', service: 'billing-2', msg: 'partitions assigned after rebalance' }),
        json({ ts: '2026-03-14T09:00:30.010Z', service: 'billing-2', msg: 'charging card', msg_id: 'c-9', dir: 'recv', redelivered: true }),
        json({ ts: '2026-03-14T09:00:30.020Z', service: 'billing-2', msg: 'card charged 40.00 EUR', msg_id: 'c-9' }),
      ],
    });
    expect(edgesOf(a)).toEqual(['orders:1 -> billing-1:1', 'orders:1 -> billing-2:2']);
    expect(found(a, ['non-idempotent-retry', 'idempotent-retry', 'unmatched-send', 'unmatched-receive'])).toEqual([
      'non-idempotent-retry critical orders:1 billing-1:1 billing-2:2',
    ]);
    expect(detailOf(a, 'non-idempotent-retry')).toMatchObject({ operation: 'charge', outcome: 'executed-twice', source: 'broker', attempts: 1, deliveries: 2 });
  });

  // A topic names no consumer, and no delivery says it is a repeat: only the consumer group does.
  const topicRun = (groups: [string, string]) =>
    run({
      'shop.log': ['2026-03-14T09:00:00.000Z INFO sent charge to payment-requests msg_id=pay-1 amount=12.50'],
      'pay-a.log': [
        `ts=2026-03-14T09:00:00.010Z svc=pay-a msg="received payment from payment-requests" msg_id=pay-1 group=${groups[0]} partition=3`,
        'ts=2026-03-14T09:00:00.020Z svc=pay-a msg="charged card 12.50 EUR" order=o-1',
      ],
      'pay-b.log': [
        `ts=2026-03-14T09:00:06.010Z svc=pay-b msg="received payment from payment-requests" msg_id=pay-1 group=${groups[1]} partition=3`,
        'ts=2026-03-14T09:00:06.020Z svc=pay-b msg="charged card 12.50 EUR" order=o-1',
      ],
    });

  it('sees a redelivery in two deliveries of one publish to two consumers that name one group', async () => {
    const a = await topicRun(['charge-workers', 'charge-workers']);
    expect(edgesOf(a)).toEqual(['shop:1 -> pay-a:1', 'shop:1 -> pay-b:1']);
    expect(found(a, ['non-idempotent-retry', 'idempotent-retry'])).toEqual(['non-idempotent-retry critical shop:1 pay-a:1 pay-b:1']);
    expect(detailOf(a, 'non-idempotent-retry')).toMatchObject({ outcome: 'executed-twice', source: 'broker', attempts: 1, deliveries: 2, work: ['pay-a:2', 'pay-b:2'] });
  });

  it('takes one publish delivered to consumers of two groups for a fan-out, not a retry', async () => {
    const a = await topicRun(['charge-workers', 'fraud-scoring']);
    expect(edgesOf(a)).toEqual(['shop:1 -> pay-a:1', 'shop:1 -> pay-b:1']);
    expect(found(a, ['non-idempotent-retry', 'idempotent-retry'])).toEqual([]);
  });

  // No group field at all (a CSV export): two instances of one service took the one publish.
  const csvRun = (a: string, b: string) =>
    run({
      'export.csv': [
        'timestamp,service,host,message,msg_id,dir,from,to',
        '2026-03-14T09:00:00.000Z,shop,h1,charge,pay-1,send,,payment-requests',
        `2026-03-14T09:00:00.010Z,${a},h2,charge,pay-1,recv,payment-requests,`,
        `2026-03-14T09:00:00.020Z,${a},h2,charged card 12.50 EUR,,,,`,
        `2026-03-14T09:00:06.010Z,${b},h3,charge,pay-1,recv,payment-requests,`,
        `2026-03-14T09:00:06.020Z,${b},h3,charged card 12.50 EUR,,,,`,
      ],
    });

  it('sees a redelivery in one publish taken by two instances of one service', async () => {
    const a = await csvRun('worker-1', 'worker-2');
    expect(found(a, ['non-idempotent-retry', 'idempotent-retry'])).toEqual(['non-idempotent-retry critical shop:1 worker-1:1 worker-2:1']);
    expect(detailOf(a, 'non-idempotent-retry')).toMatchObject({ outcome: 'executed-twice', source: 'broker', deliveries: 2 });
  });

  it('takes one publish taken by two services for a fan-out', async () => {
    const a = await csvRun('ledger', 'worker');
    expect(edgesOf(a)).toEqual(['shop:1 -> ledger:1', 'shop:1 -> worker:1']);
    expect(found(a, ['non-idempotent-retry', 'idempotent-retry'])).toEqual([]);
  });
});

describe('matching', () => {
  it('makes no edge from a process to itself when its one send and one receive of a key are on it and another process only mentions the key', async () => {
    const a = await run({
      'api.log': ['2026-03-14T09:00:00.000Z sending job msg_id=j-1 dir=send', '2026-03-14T09:00:00.010Z job back msg_id=j-1 dir=recv'],
      'audit.log': ['2026-03-14T09:00:00.005Z saw msg_id=j-1'],
      'zeta.log': ['2026-03-14T09:00:00.020Z sending other msg_id=j-2 dir=send'],
      'omega.log': ['2026-03-14T09:00:00.030Z got other msg_id=j-2 dir=recv'],
    });
    expect(edgesOf(a)).toEqual(['zeta:1 -> omega:1']);
  });

  it('keeps an id mentioned by commits and acks a mention, and still pairs by wording on both sides', async () => {
    const a = await run({
      'api.log': [
        '2026-03-14T09:00:00.000Z processing cart checkout req_id=q-1',
        '2026-03-14T09:00:00.010Z sending reserve req_id=q-1 to stock',
        '2026-03-14T09:00:00.090Z got answer req_id=q-1',
        '2026-03-14T09:00:00.100Z ack req_id=q-1',
      ],
      'stock.log': ['2026-03-14T09:00:00.030Z handling reserve req_id=q-1', '2026-03-14T09:00:00.040Z commit req_id=q-1', '2026-03-14T09:00:00.050Z reply sent req_id=q-1'],
    });
    expect(edgesOf(a)).toEqual(['api:2 -> stock:1', 'stock:3 -> api:3']);
    expect(found(a, ['unmatched-send', 'unmatched-receive', 'non-idempotent-retry', 'idempotent-retry'])).toEqual([]);
  });

  it('resolves a send to a service to whichever instance received it', async () => {
    const a = await run({
      'gateway.jsonl': [
        json({ ts: '2026-03-14T09:00:00.000Z', service: 'gateway', host: 'gw-1', msg: 'invoice', msg_id: 'i-1', dir: 'send', to: 'billing' }),
        json({ ts: '2026-03-14T09:00:00.100Z', service: 'gateway', host: 'gw-1', msg: 'invoice', msg_id: 'i-2', dir: 'send', to: 'billing' }),
      ],
      'billing-1.jsonl': [json({ ts: '2026-03-14T09:00:00.010Z', service: 'billing-1', host: 'b-1', msg: 'invoice', msg_id: 'i-1', dir: 'recv', from: 'gateway' })],
      'billing-2.jsonl': [json({ ts: '2026-03-14T09:00:00.110Z', service: 'billing-2', host: 'b-2', msg: 'invoice', msg_id: 'i-2', dir: 'recv', from: 'gw-1' })],
    });
    expect(edgesOf(a)).toEqual(['gateway:1 -> billing-1:1', 'gateway:2 -> billing-2:1']);
    expect(found(a, ['unmatched-send', 'unmatched-receive', 'non-idempotent-retry', 'idempotent-retry'])).toEqual([]);
  });

  it('lets attempt numbers decide before times do', async () => {
    // The attempt-2 receive is stamped nearer the first send, but the attempts say otherwise.
    const a = await run({
      'a.jsonl': [
        json({ ts: '2026-03-14T09:00:00.000Z', service: 'a', msg: 'GET /x', msg_id: 'm', dir: 'send', attempt: 1 }),
        json({ ts: '2026-03-14T09:00:05.000Z', service: 'a', msg: 'GET /x', msg_id: 'm', dir: 'send', attempt: 2 }),
      ],
      'b.jsonl': [json({ ts: '2026-03-14T09:00:00.010Z', service: 'b', msg: 'GET /x', msg_id: 'm', dir: 'recv', attempt: 2 })],
    });
    expect(edgesOf(a)).toEqual(['a:2 -> b:1']);
  });

  it('rejects a pairing the offset bounds rule out, though its raw delay is the smallest', async () => {
    // An unambiguous exchange bounds the server 280..320 ms ahead of the client. The client's
    // receive reads 1.05 s; the second reply reads 1.43 s on the server (1.13 s client time):
    // after the receive under every allowed offset, so the receive is the first reply.
    const a = await run({
      'client.jsonl': [
        json({ ts: '2026-03-14T08:59:59.000Z', service: 'client', msg: 'ping', msg_id: 'k', dir: 'send' }),
        json({ ts: '2026-03-14T08:59:59.040Z', service: 'client', msg: 'pong', msg_id: 'k2', dir: 'recv' }),
        json({ ts: '2026-03-14T09:00:00.000Z', service: 'client', msg: 'GET /a', request_id: 'p-2', dir: 'send' }),
        json({ ts: '2026-03-14T09:00:01.050Z', service: 'client', msg: 'answer', request_id: 'p-2', dir: 'reply' }),
      ],
      'server.jsonl': [
        json({ ts: '2026-03-14T08:59:59.320Z', service: 'server', msg: 'ping', msg_id: 'k', dir: 'recv' }),
        json({ ts: '2026-03-14T08:59:59.320Z', service: 'server', msg: 'pong', msg_id: 'k2', dir: 'send' }),
        json({ ts: '2026-03-14T09:00:00.320Z', service: 'server', msg: 'GET /a', request_id: 'p-2', dir: 'recv' }),
        json({ ts: '2026-03-14T09:00:00.340Z', service: 'server', msg: 'answer', request_id: 'p-2', dir: 'reply' }),
        json({ ts: '2026-03-14T09:00:01.430Z', service: 'server', msg: 'answer again', request_id: 'p-2', dir: 'reply' }),
      ],
    });
    expect(edgesOf(a)).toContain('server:4 -> client:4');
    expect(edgesOf(a)).not.toContain('server:5 -> client:4');
  });

  it('aligns in order, leaves later sends unmatched on ties, and prefers the smaller total delay', () => {
    const none = { delay: () => NaN, allowed: () => true };
    expect(Array.from(alignChannel(3, 2, none))).toEqual([0, 1]);
    const times = { s: [0, 2000], r: [2050] };
    const timed = { delay: (i: number, j: number) => times.r[j]! - times.s[i]!, allowed: () => true };
    expect(Array.from(alignChannel(2, 1, timed))).toEqual([1]);
    // a pair not allowed is never used, even when that leaves fewer pairs
    expect(Array.from(alignChannel(2, 1, { ...timed, allowed: (i: number) => i === 0 }))).toEqual([0]);
    // past the bounds: among as many pairs, the one that goes least past them, before the smaller delay
    expect(Array.from(alignChannel(2, 1, { ...timed, violation: (i: number) => (i === 1 ? 5 : 0) }))).toEqual([0]);
    // ... but pairs come first: three sends, two receives each past the bounds with its own send by a little
    const sends = [6, 208, 372];
    const recvs = [7, 209];
    const stepped = { delay: (i: number, j: number) => recvs[j]! - sends[i]!, allowed: () => true, violation: (i: number, j: number) => Math.max(0, sends[i]! + 3 - recvs[j]!) };
    expect(Array.from(alignChannel(3, 2, stepped))).toEqual([0, 1]);
    expect(Array.from(alignChannel(1, 2, { delay: () => NaN, allowed: (_: number, j: number) => j === 1 }))).toEqual([0, 0]);
  });
});

describe('lost messages, without false alarms', () => {
  it('says once that a peer with no log cannot be checked, instead of one loss per message', async () => {
    const lines = Array.from({ length: 40 }, (_, i) =>
      json({ ts: `2026-03-14T09:00:${String(i).padStart(2, '0')}.000Z`, service: 'shop', msg: 'charge', msg_id: `c-${i}`, dir: 'send', to: 'billing' }),
    );
    const a = await run({ 'shop.jsonl': lines, 'web.jsonl': [json({ ts: '2026-03-14T09:00:00.000Z', service: 'web', msg: 'up' })] });
    const found = a.executions[0]!.anomalies.filter((an) => an.kind === 'unmatched-send');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('info');
    expect(found[0]!.summary).toBe('no log from billing: 40 sends to it have no other end in the logs and cannot be checked');
    expect(found[0]!.detail).toEqual({ peer: 'billing', reason: 'no-log', sends: 40, receives: 0 });
  });

  it('reports a send as lost only when the peer log covers its time through the offset bounds', async () => {
    // inventory's log (same clock as shop, host h1) starts at 09:10: the 09:00 send falls before it.
    const a = await run({
      'shop.jsonl': [
        json({ ts: '2026-03-14T09:00:00.000Z', service: 'shop', host: 'h1', msg: 'reserve', msg_id: 'r-1', dir: 'send', to: 'inventory' }),
        json({ ts: '2026-03-14T09:10:00.500Z', service: 'shop', host: 'h1', msg: 'reserve', msg_id: 'r-2', dir: 'send', to: 'inventory' }),
        json({ ts: '2026-03-14T09:10:01.000Z', service: 'shop', host: 'h1', msg: 'reserve', msg_id: 'r-3', dir: 'send', to: 'inventory' }),
      ],
      'inventory.jsonl': [
        json({ ts: '2026-03-14T09:10:00.000Z', service: 'inventory', host: 'h1', msg: 'started' }),
        json({ ts: '2026-03-14T09:10:01.010Z', service: 'inventory', host: 'h1', msg: 'reserve', msg_id: 'r-3', dir: 'recv' }),
        json({ ts: '2026-03-14T09:10:02.000Z', service: 'inventory', host: 'h1', msg: 'idle' }),
      ],
    });
    expect(found(a, ['unmatched-send', 'unmatched-receive'])).toEqual(['unmatched-send info shop:1', 'unmatched-send warning shop:2']);
    const info = a.executions[0]!.anomalies.find((an) => an.kind === 'unmatched-send' && an.severity === 'info')!;
    expect(info.detail).toEqual({ peer: 'inventory', reason: 'outside-log', sends: 1, receives: 0 });
  });

  it('names the topic a producer wrote to as the peer with no log, as a `to` field would', async () => {
    const produce = (ts: string, id: string, more: Record<string, unknown>) => json({ ts, service: 'orders', msg: 'produced charge', msg_id: id, ...more });
    const consumer = ['payments.jsonl', [json({ ts: '2026-03-14T09:00:00.500Z', service: 'payments', msg: 'consumed charge', msg_id: 'm-3', dir: 'consumer', topic: 'charge-requests' })]] as const;
    const summaries = async (more: Record<string, unknown>) => {
      const a = await run({
        'orders.jsonl': [produce('2026-03-14T09:00:00.000Z', 'm-1', more), produce('2026-03-14T09:00:00.100Z', 'm-2', more), produce('2026-03-14T09:00:00.400Z', 'm-3', more)],
        [consumer[0]]: [...consumer[1]],
      });
      expect(edgesOf(a)).toEqual(['orders:3 -> payments:1']);
      return a.executions[0]!.anomalies.filter((an) => an.kind === 'unmatched-send').map((an) => `${an.severity} ${an.summary}`);
    };
    const kafka = await summaries({ dir: 'producer', topic: 'charge-requests', partition: 3 });
    expect(kafka).toEqual(['info no log from charge-requests: 2 sends to it have no other end in the logs and cannot be checked']);
    expect(await summaries({ dir: 'send', to: 'charge-requests' })).toEqual(kafka);
  });

  it('treats a peer on another host as covering a send only through the bounds its messages give', async () => {
    // db's clock is about 5 s ahead (bounded by the q-1 exchange); its log reads 09:00:05.0 .. 09:00:06.0,
    // i.e. 09:00:00.0 .. 09:00:01.0 in the api's time: the send at 09:00:00.5 is covered, at 09:00:03 it is not,
    // though the raw stamps would say the opposite.
    const a = await run({
      'api.jsonl': [
        json({ ts: '2026-03-14T09:00:00.000Z', service: 'api', host: 'a', msg: 'query', msg_id: 'q-1', dir: 'send', to: 'db' }),
        json({ ts: '2026-03-14T09:00:00.030Z', service: 'api', host: 'a', msg: 'rows', msg_id: 'q-1', dir: 'reply' }),
        json({ ts: '2026-03-14T09:00:00.500Z', service: 'api', host: 'a', msg: 'query', msg_id: 'q-2', dir: 'send', to: 'db' }),
        json({ ts: '2026-03-14T09:00:03.000Z', service: 'api', host: 'a', msg: 'query', msg_id: 'q-3', dir: 'send', to: 'db' }),
      ],
      'db.jsonl': [
        json({ ts: '2026-03-14T09:00:05.000Z', service: 'db', host: 'd', msg: 'query', msg_id: 'q-1', dir: 'recv' }),
        json({ ts: '2026-03-14T09:00:05.010Z', service: 'db', host: 'd', msg: 'rows', msg_id: 'q-1', dir: 'reply' }),
        json({ ts: '2026-03-14T09:00:06.000Z', service: 'db', host: 'd', msg: 'checkpoint' }),
      ],
    });
    expect(found(a, ['unmatched-send', 'unmatched-receive'])).toEqual(['unmatched-send info api:4', 'unmatched-send warning api:3']);
  });
});

describe('repeats to a set, and lost replies the logs cannot place', () => {
  it('pairs each attempt of a send to a two-instance service with one instance, the one whose clock is bounded first', async () => {
    // gateway retries r-1; the server logs no attempt. payments-1 (node-3) got attempt 2 and its
    // reply arrived, which bounds node-3 against node-1. payments-2 (node-2, nothing bounds its
    // clock: its reply was lost) logged a receive whose stamp is closest to attempt 2's, so its
    // own channel alone pairs it with attempt 2 too. One send is one message: payments-1's
    // bounded pair keeps attempt 2, and payments-2's receive takes the attempt no one else got.
    const a = await run({
      'gateway.jsonl': [
        json({ ts: '2026-03-14T10:00:00.000Z', service: 'gateway', host: 'node-1', msg: 'POST /transfer', request_id: 'r-1', dir: 'send', to: 'payments', attempt: 1 }),
        json({ ts: '2026-03-14T10:00:00.200Z', service: 'gateway', host: 'node-1', msg: 'no answer within 200 ms, will retry' }),
        json({ ts: '2026-03-14T10:00:00.202Z', service: 'gateway', host: 'node-1', msg: 'POST /transfer', request_id: 'r-1', dir: 'send', to: 'payments', attempt: 2 }),
        json({ ts: '2026-03-14T10:00:00.215Z', service: 'gateway', host: 'node-1', msg: '200 OK', request_id: 'r-1', dir: 'reply', from: 'payments', attempt: 2 }),
      ],
      'payments-1.jsonl': [
        json({ ts: '2026-03-14T10:00:00.203Z', service: 'payments-1', host: 'node-3', msg: 'POST /transfer', request_id: 'r-1', dir: 'recv', from: 'gateway' }),
        json({ ts: '2026-03-14T10:00:00.205Z', service: 'payments-1', host: 'node-3', msg: '200 OK', request_id: 'r-1', dir: 'reply', to: 'gateway' }),
      ],
      'payments-2.jsonl': [
        json({ ts: '2026-03-14T10:00:00.207Z', service: 'payments-2', host: 'node-2', msg: 'POST /transfer', request_id: 'r-1', dir: 'recv', from: 'gateway' }),
        json({ ts: '2026-03-14T10:00:00.209Z', service: 'payments-2', host: 'node-2', msg: '200 OK', request_id: 'r-1', dir: 'reply', to: 'gateway' }),
      ],
    });
    const edges = edgesOf(a);
    expect(edges).toEqual(['gateway:1 -> payments-2:1', 'gateway:3 -> payments-1:1', 'payments-1:2 -> gateway:4']);
    // The moved pair keeps the send it was first given as its alternative.
    const doc = buildAnalysisDocument(a).executions[0]!;
    expect(doc.edges.find((e) => e.to === 'payments-2:1')).toMatchObject({ from: 'gateway:1', match: { alternatives: ['gateway:3'] } });
    expect(found(a, ['unmatched-send'])).toEqual(['unmatched-send warning payments-2:2']);
  });

  it('lets no reply vouch for the clocks while another instance that sent one may still be its sender', async () => {
    // gateway (node-1, 20 ms behind) retries r-1 three times to the set payments; the server logs no
    // attempt. payments-2 (node-3) got attempt 1, payments-1 (node-2) attempts 2 and 3. Only payments-1's
    // last reply arrived (from=payments, attempt 3). payments-2's lone reply channel pairs that receive
    // one to one, but payments-1's channel holds it too: until both are decided the pairing proves
    // nothing about node-3's clock, and taking it for proof pulled attempt 3 onto payments-2 with a
    // false 383 ms skew.
    const line = (ts: string, service: string, host: string, msg: string, more: Record<string, unknown> = {}) => json({ ts: `2026-03-14T${ts}Z`, level: 'info', service, host, msg, ...more });
    const r1 = { request_id: 'r-1' };
    const a = await run({
      'gateway.jsonl': [
        line('09:59:59.986', 'gateway', 'node-1', 'POST /transfer', { ...r1, dir: 'send', to: 'payments', attempt: 1 }),
        line('10:00:00.188', 'gateway', 'node-1', 'POST /transfer', { ...r1, dir: 'send', to: 'payments', attempt: 2 }),
        line('10:00:00.390', 'gateway', 'node-1', 'POST /transfer', { ...r1, dir: 'send', to: 'payments', attempt: 3 }),
        line('10:00:00.395', 'gateway', 'node-1', '200 OK', { ...r1, dir: 'reply', from: 'payments', attempt: 3 }),
        line('10:00:00.403', 'gateway', 'node-1', 'notify', { msg_id: 'n-1', dir: 'send', to: 'payments' }),
      ],
      'payments-2.jsonl': [
        line('10:00:00.007', 'payments-2', 'node-3', 'POST /transfer', { ...r1, dir: 'recv', from: 'gateway' }),
        line('10:00:00.009', 'payments-2', 'node-3', 'debited acc-5521 100.00 USD'),
        line('10:00:00.010', 'payments-2', 'node-3', '200 OK', { ...r1, dir: 'reply', to: 'gateway' }),
      ],
      'payments-1.jsonl': [
        line('10:00:00.209', 'payments-1', 'node-2', 'POST /transfer', { ...r1, dir: 'recv', from: 'gateway' }),
        line('10:00:00.211', 'payments-1', 'node-2', 'duplicate of an earlier attempt, not executed again', r1),
        line('10:00:00.212', 'payments-1', 'node-2', '200 OK', { ...r1, dir: 'reply', to: 'gateway' }),
        line('10:00:00.411', 'payments-1', 'node-2', 'POST /transfer', { ...r1, dir: 'recv', from: 'gateway' }),
        line('10:00:00.413', 'payments-1', 'node-2', 'duplicate of an earlier attempt, not executed again', r1),
        line('10:00:00.414', 'payments-1', 'node-2', '200 OK', { ...r1, dir: 'reply', to: 'gateway' }),
        line('10:00:00.424', 'payments-1', 'node-2', 'notify', { msg_id: 'n-1', dir: 'recv', from: 'gateway' }),
      ],
    });
    expect(edgesOf(a)).toEqual([
      'gateway:1 -> payments-2:1',
      'gateway:2 -> payments-1:1',
      'gateway:3 -> payments-1:4',
      'gateway:5 -> payments-1:7',
      'payments-1:6 -> gateway:4',
    ]);
    // The skew found is node-1's, the clock that stepped; none is made up for node-3.
    const skews = a.executions[0]!.anomalies.filter((x) => x.kind === 'clock-skew').map((x) => x.summary);
    expect(skews).toHaveLength(1);
    expect(skews[0]).toMatch(/^node-1's clock is at least 19 ms behind node-2's/);
    expect(found(a, ['non-idempotent-retry'])).toEqual(['non-idempotent-retry info gateway:1 gateway:2 gateway:3 payments-2:1 payments-1:1 payments-1:4 payments-1:2']);
  });

  it('pairs every receive of a retried request when a clock step no log shows puts the bounds out of reach', async () => {
    // node-1 steps back 38 ms between attempt 2 and 3, unseen in its log. r-2, later, bounds node-1 at
    // least 3 ms behind node-2, which no pairing of r-1's receives fits (they came 1 ms after attempts 1
    // and 2). A receive comes from a send: the pairs that go least past the bounds are kept, not one
    // 203 ms pairing and a receive from nowhere.
    const line = (ts: string, service: string, host: string, msg: string, more: Record<string, unknown> = {}) => json({ ts: `2026-03-14T10:00:00.${ts}Z`, service, host, msg, ...more });
    const a = await run({
      'gateway.jsonl': [
        line('006', 'gateway', 'node-1', 'POST /transfer', { request_id: 'r-1', dir: 'send', to: 'payments', attempt: 1 }),
        line('208', 'gateway', 'node-1', 'POST /transfer', { request_id: 'r-1', dir: 'send', to: 'payments', attempt: 2 }),
        line('372', 'gateway', 'node-1', 'POST /transfer', { request_id: 'r-1', dir: 'send', to: 'payments', attempt: 3 }),
        line('615', 'gateway', 'node-1', 'POST /transfer', { request_id: 'r-2', dir: 'send', to: 'payments', attempt: 1 }),
        line('676', 'gateway', 'node-1', '200 OK', { request_id: 'r-2', dir: 'reply', from: 'payments', attempt: 1 }),
      ],
      'payments.jsonl': [
        line('007', 'payments', 'node-2', 'POST /transfer', { request_id: 'r-1', dir: 'recv', from: 'gateway' }),
        line('209', 'payments', 'node-2', 'POST /transfer', { request_id: 'r-1', dir: 'recv', from: 'gateway' }),
        line('667', 'payments', 'node-2', 'POST /transfer', { request_id: 'r-2', dir: 'recv', from: 'gateway' }),
        line('679', 'payments', 'node-2', '200 OK', { request_id: 'r-2', dir: 'reply', to: 'gateway' }),
      ],
    });
    expect(edgesOf(a)).toEqual(['gateway:1 -> payments:1', 'gateway:2 -> payments:2', 'gateway:4 -> payments:3', 'payments:4 -> gateway:5']);
    expect(found(a, ['unmatched-receive'])).toEqual([]);
  });

  it('with every reply lost, picks the attempts whose delays fit one offset best, and keeps the others as alternatives', async () => {
    // Three attempts, two receives on a server that logs no attempt, no reply back: nothing
    // bounds the server's clock. Whatever its offset, pairing attempts 1 and 3 gives delays that
    // differ by 1 ms, attempts 1 and 2 by 200 ms: the former is the smallest total implied delay.
    // The logs do not prove it (a server 200 ms behind could have got 2 and 3), so each edge
    // lists the attempts it could also have been.
    const a = await run({
      'gateway.jsonl': [
        json({ ts: '2026-03-14T10:00:00.000Z', service: 'gateway', host: 'node-1', msg: 'POST /transfer', request_id: 'r-1', dir: 'send', to: 'payments', attempt: 1 }),
        json({ ts: '2026-03-14T10:00:00.200Z', service: 'gateway', host: 'node-1', msg: 'POST /transfer', request_id: 'r-1', dir: 'send', to: 'payments', attempt: 2 }),
        json({ ts: '2026-03-14T10:00:00.400Z', service: 'gateway', host: 'node-1', msg: 'POST /transfer', request_id: 'r-1', dir: 'send', to: 'payments', attempt: 3 }),
        json({ ts: '2026-03-14T10:00:00.600Z', service: 'gateway', host: 'node-1', msg: 'no answer, giving up', request_id: 'r-1' }),
      ],
      // The server's clock runs 5 s ahead; it got attempts 1 and 3 (2 ms and 3 ms on the wire).
      'payments.jsonl': [
        json({ ts: '2026-03-14T10:00:05.002Z', service: 'payments', host: 'node-2', msg: 'POST /transfer', request_id: 'r-1', dir: 'recv', from: 'gateway' }),
        json({ ts: '2026-03-14T10:00:05.004Z', service: 'payments', host: 'node-2', msg: '200 OK', request_id: 'r-1', dir: 'reply', to: 'gateway' }),
        json({ ts: '2026-03-14T10:00:05.403Z', service: 'payments', host: 'node-2', msg: 'POST /transfer', request_id: 'r-1', dir: 'recv', from: 'gateway' }),
        json({ ts: '2026-03-14T10:00:05.405Z', service: 'payments', host: 'node-2', msg: '200 OK', request_id: 'r-1', dir: 'reply', to: 'gateway' }),
      ],
    });
    expect(edgesOf(a)).toEqual(['gateway:1 -> payments:1', 'gateway:3 -> payments:3']);
    const doc = buildAnalysisDocument(a).executions[0]!;
    expect(doc.edges.map((e) => [e.from, e.to, e.match])).toEqual([
      ['gateway:1', 'payments:1', { by: 'delay', alternatives: ['gateway:2', 'gateway:3'] }],
      ['gateway:3', 'payments:3', { by: 'delay', alternatives: ['gateway:1', 'gateway:2'] }],
    ]);
    expect(found(a, ['non-idempotent-retry', 'idempotent-retry'])).toEqual(['non-idempotent-retry warning gateway:1 gateway:2 gateway:3 payments:1 payments:3']);
    // The replies' loss is certain whichever attempts arrived; attempt 2's is the pairing's choice.
    expect(found(a, ['unmatched-send']).filter((f) => f.includes('payments:'))).toEqual(['unmatched-send warning payments:2', 'unmatched-send warning payments:4']);
  });
});
