/**
 * Peers that name a set of processes, read end to end from structured logs:
 * a service whose first instance keeps the plain lane name (`billing`) and
 * whose other instances are `billing@host`; a consumer group prefixing its
 * members' names; a host. A send to the set is received by one member, and a
 * receive whose `from` names a set pairs with ONE send, never with one send
 * per member that happens to carry the key.
 */
import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/core/analysis/analyze';
import { peerResolver } from '../../src/core/correlate/peerProcess';
import { buildAnalysisDocument } from '../../src/core/document/analysisDocument';
import type { Execution } from '../../src/core/model/execution';
import { ExecutionBuilder } from '../../src/core/model/executionBuilder';

import { edgesOf, run } from './analysisKit';

function kinds(a: Analysis): string[] {
  return a.executions[0]!.anomalies.map((an) => an.kind).sort();
}

describe('peer names that stand for a service on several hosts', () => {
  it('a service is its plain lane and its svc@host lanes; an exact lane name still names one process', () => {
    const b = new ExecutionBuilder('t');
    for (const [name, host] of [['billing', 'h1'], ['billing@h2', 'h2'], ['billing-gw', 'h1'], ['api', 'h3']] as const)
      b.addEvent(b.process(name, host), { text: 'e', input: 'x.log', line: 1 });
    const x: Execution = b.build();
    const peers = peerResolver(x);
    const ref = peers.resolve('billing');
    expect(ref).toBeGreaterThanOrEqual(x.processNames.length);
    expect(peers.members(ref).map((p) => x.processNames[p]).sort()).toEqual(['billing', 'billing@h2']);
    expect(peers.resolve('billing@h2')).toBe(x.processNames.indexOf('billing@h2'));
    expect(peers.resolve('Billing')).toBe(ref);
    // A service with one instance is that process.
    expect(peers.resolve('api')).toBe(x.processNames.indexOf('api'));
    expect(peers.resolve('billing-gw')).toBe(x.processNames.indexOf('billing-gw'));
  });

  it('logfmt with svc and host: a send to the service is received by its instance on the second host', async () => {
    const a = await run({
      'node-1.log': [
        'ts=2026-03-14T10:00:00.000Z svc=gateway host=node-1 msg="POST /pay" request_id=r-1 dir=send to=billing',
        'ts=2026-03-14T10:00:00.010Z svc=billing host=node-1 msg="POST /pay" request_id=r-2 dir=recv from=gateway',
        'ts=2026-03-14T10:00:00.020Z svc=gateway host=node-1 msg="POST /pay" request_id=r-2 dir=send to=billing',
      ],
      'node-2.log': ['ts=2026-03-14T10:00:00.005Z svc=billing host=node-2 msg="POST /pay" request_id=r-1 dir=recv from=gateway'],
    });
    const x = a.executions[0]!.execution;
    expect([...x.processNames].sort()).toEqual(['billing', 'billing@node-2', 'gateway']);
    expect(x.domainNames[x.processDomain[x.processNames.indexOf('billing@node-2')]!]).toBe('node-2');
    expect(edgesOf(a)).toEqual(['gateway:1 -> billing@node-2:1', 'gateway:2 -> billing:1']);
    expect(kinds(a)).not.toContain('unmatched-send');
  });

  it('JSON lines: to=billing is received by billing-1 or billing-2 (a group prefixing the names)', async () => {
    const j = (o: Record<string, unknown>) => JSON.stringify(o);
    const a = await run({
      'all.jsonl': [
        j({ ts: '2026-03-14T10:00:00.000Z', app: 'orders', node: 'n1', msg: 'publish', msg_id: 'm-1', dir: 'send', to: 'billing' }),
        j({ ts: '2026-03-14T10:00:00.001Z', app: 'orders', node: 'n1', msg: 'publish', msg_id: 'm-2', dir: 'send', to: 'billing' }),
        j({ ts: '2026-03-14T10:00:00.002Z', app: 'billing-1', node: 'n2', msg: 'consume', msg_id: 'm-1', dir: 'recv', from: 'orders' }),
        j({ ts: '2026-03-14T10:00:00.003Z', app: 'billing-2', node: 'n3', msg: 'consume', msg_id: 'm-2', dir: 'recv', from: 'orders' }),
        j({ ts: '2026-03-14T10:00:00.004Z', app: 'audit', node: 'n1', msg: 'seen', msg_id: 'm-2', dir: 'recv' }),
      ],
    });
    expect(edgesOf(a)).toContain('orders:1 -> billing-1:1');
    expect(edgesOf(a)).toContain('orders:2 -> billing-2:1');
    expect(edgesOf(a).filter((e) => e.includes('billing'))).toHaveLength(2);
  });
});

describe('one receive pairs with one send', () => {
  it('a receive from a service pairs with the instance whose attempt matches, not with both instances', async () => {
    const a = await run({
      'a.log': [
        'ts=2026-03-14T10:00:00.000Z svc=api host=h1 msg="call" request_id=r-9 dir=send to=store attempt=1',
      ],
      'b.log': [
        'ts=2026-03-14T10:00:00.500Z svc=api host=h2 msg="call" request_id=r-9 dir=send to=store attempt=2',
      ],
      'c.log': [
        'ts=2026-03-14T10:00:00.100Z svc=store host=h3 msg="got" request_id=r-9 dir=recv from=api attempt=1',
        'ts=2026-03-14T10:00:00.600Z svc=store host=h3 msg="got" request_id=r-9 dir=recv from=api attempt=2',
      ],
    });
    expect(edgesOf(a)).toEqual(['api:1 -> store:1', 'api@h2:1 -> store:2']);
  });

  it('without attempts, the sender the offset bounds make the shortest delay keeps the receive; the other is an alternative', async () => {
    // Two instances of api on their own hosts send the same key; store (one host) logs one receive from "api".
    // A second message on each channel bounds the clocks: h1 and h3 agree; h2 is about 5 s ahead of h3.
    const a = await run({
      'h1.log': [
        'ts=2026-03-14T10:00:00.000Z svc=api host=h1 msg="ping" msg_id=p-1 dir=send to=store',
        'ts=2026-03-14T10:00:01.000Z svc=api host=h1 msg="call" request_id=r-5 dir=send to=store',
      ],
      'h2.log': [
        'ts=2026-03-14T10:00:05.000Z svc=api host=h2 msg="ping" msg_id=p-2 dir=send to=store',
        'ts=2026-03-14T10:00:09.000Z svc=api host=h2 msg="call" request_id=r-5 dir=send to=store',
      ],
      'h3.log': [
        'ts=2026-03-14T10:00:00.010Z svc=store host=h3 msg="ping" msg_id=p-1 dir=recv from=api',
        'ts=2026-03-14T10:00:00.020Z svc=store host=h3 msg="ping" msg_id=p-2 dir=recv from=api',
        'ts=2026-03-14T10:00:01.010Z svc=store host=h3 msg="call" request_id=r-5 dir=recv from=api',
      ],
    });
    const edges = edgesOf(a);
    expect(edges.filter((e) => e.endsWith('store:3'))).toEqual(['api:2 -> store:3']);
    const doc = buildAnalysisDocument(a);
    const kept = doc.executions[0]!.edges.find((e) => e.to === 'store:3')!;
    expect(kept.match?.alternatives).toEqual(['api@h2:2']);
    // The other instance's send is left unmatched, as a lost message would be.
    expect(kinds(a)).toContain('unmatched-send');
  });

  it('a retried request to a service of two instances: each attempt pairs with the instance that got it, not one attempt with both', async () => {
    // The server logs no attempt; payments-2 (node-2) got attempt 1, whose reply was lost, payments-1 (node-1) attempt 2.
    const j = (o: Record<string, unknown>) => JSON.stringify(o);
    const a = await run({
      'gateway.jsonl': [
        j({ ts: '2026-03-14T10:00:00.006Z', service: 'gateway', host: 'node-1', msg: 'POST /transfer', request_id: 'r-1', dir: 'send', to: 'payments', attempt: 1 }),
        j({ ts: '2026-03-14T10:00:00.206Z', service: 'gateway', host: 'node-1', msg: 'no answer within 200 ms, will retry' }),
        j({ ts: '2026-03-14T10:00:00.208Z', service: 'gateway', host: 'node-1', msg: 'POST /transfer', request_id: 'r-1', dir: 'send', to: 'payments', attempt: 2 }),
        j({ ts: '2026-03-14T10:00:00.213Z', service: 'gateway', host: 'node-1', msg: '200 OK', request_id: 'r-1', dir: 'reply', from: 'payments', attempt: 2 }),
      ],
      'payments-2.jsonl': [
        j({ ts: '2026-03-14T10:00:00.007Z', service: 'payments-2', host: 'node-2', msg: 'POST /transfer', request_id: 'r-1', dir: 'recv', from: 'gateway' }),
        j({ ts: '2026-03-14T10:00:00.010Z', service: 'payments-2', host: 'node-2', msg: '200 OK', request_id: 'r-1', dir: 'reply', to: 'gateway' }),
      ],
      'payments-1.jsonl': [
        j({ ts: '2026-03-14T10:00:00.209Z', service: 'payments-1', host: 'node-1', msg: 'POST /transfer', request_id: 'r-1', dir: 'recv', from: 'gateway' }),
        j({ ts: '2026-03-14T10:00:00.212Z', service: 'payments-1', host: 'node-1', msg: '200 OK', request_id: 'r-1', dir: 'reply', to: 'gateway' }),
      ],
    });
    const edges = edgesOf(a);
    expect(edges).toContain('gateway:1 -> payments-2:1');
    expect(edges).toContain('gateway:3 -> payments-1:1');
    expect(edges).toContain('payments-1:2 -> gateway:4');
    expect(edges.filter((e) => e.startsWith('gateway:'))).toHaveLength(2);
    expect(edges.filter((e) => e.endsWith('gateway:4'))).toHaveLength(1);
  });

  it('one publish to a service taken by two of its instances (no second send) keeps both deliveries', async () => {
    const a = await run({
      'all.log': [
        'ts=2026-03-14T10:00:00.000Z svc=orders host=n1 msg="charge" msg_id=m-1 dir=send to=worker',
        'ts=2026-03-14T10:00:00.010Z svc=worker-1 host=n2 msg="charge" msg_id=m-1 dir=recv from=orders',
        'ts=2026-03-14T10:00:00.020Z svc=worker-2 host=n3 msg="charge" msg_id=m-1 dir=recv from=orders',
      ],
    });
    expect(edgesOf(a)).toEqual(['orders:1 -> worker-1:1', 'orders:1 -> worker-2:1']);
  });

  it('a receive naming no peer still joins every sender that carries its key', async () => {
    const j = (o: Record<string, unknown>) => JSON.stringify(o);
    const a = await run({
      'x.jsonl': [
        j({ ts: '2026-03-14T10:00:00.000Z', service: 'left', msg: 'part', msg_id: 'k', dir: 'send' }),
        j({ ts: '2026-03-14T10:00:00.001Z', service: 'right', msg: 'part', msg_id: 'k', dir: 'send' }),
        j({ ts: '2026-03-14T10:00:00.002Z', service: 'join', msg: 'both', msg_id: 'k', dir: 'recv' }),
      ],
    });
    expect(edgesOf(a)).toEqual(['left:1 -> join:1', 'right:1 -> join:1']);
  });
});
