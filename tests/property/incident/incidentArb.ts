/**
 * fast-check incidents: a gateway calling a payments service (one or two
 * instances) with client retries, lost requests and lost replies; an orders
 * service publishing charges to a broker that writes no log, consumed by a
 * group of workers with redeliveries after a rebalance; one-way notices, some
 * lost; local events anywhere; host clock offsets and at most one clock step.
 *
 * Stories run one after another in true time (each process's events strictly
 * increase), so the ground truth is plain: every message the model delivers
 * is an edge, and nothing else is. Instances of one service sit on distinct
 * hosts, so a service name and a host together name one process.
 */
import fc from 'fast-check';
import type { Host, Incident, ModelEvent, ModelRetry, Proc, Role } from './incidentModel';

const OPS = [
  // `effect`: the server's line says it changed something (a read does not).
  { op: 'POST /transfer', idempotent: false, work: 'debited acc-5521 100.00 USD', effect: true },
  { op: 'GET /balance', idempotent: true, work: 'read balance of acc-5521', effect: false },
  { op: 'PUT /limit', idempotent: true, work: 'stored limit 500.00 for acc-5521', effect: true },
] as const;

type Fate = 'ok' | 'lost-request' | 'lost-reply';

interface CallStory {
  kind: 'call';
  op: number;
  attempts: { instance: number; fate: Fate }[];
  dedup: boolean;
}
interface PublishStory {
  kind: 'publish';
  deliveries: number[];
}
interface NotifyStory {
  kind: 'notify';
  instance: number;
  lost: boolean;
}
interface LocalStory {
  kind: 'local';
  proc: number;
  note: number;
}
type Story = CallStory | PublishStory | NotifyStory | LocalStory;

const fateArb = fc.constantFrom<Fate>('ok', 'lost-request', 'lost-reply');
const storyArb: fc.Arbitrary<Story> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('call' as const), op: fc.nat(2), attempts: fc.array(fc.record({ instance: fc.nat(1), fate: fateArb }), { minLength: 1, maxLength: 3 }), dedup: fc.boolean() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('publish' as const), deliveries: fc.array(fc.nat(1), { maxLength: 3 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('notify' as const), instance: fc.nat(1), lost: fc.boolean() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('local' as const), proc: fc.nat(6), note: fc.nat(3) }) },
);

const offsetArb = fc.oneof(fc.constant(0), fc.integer({ min: -400, max: 400 }));

/** Incidents; `step`: whether one host's clock steps back mid-incident (always, or never). */
export function incidentArb(step: boolean): fc.Arbitrary<Incident> {
  return fc
    .record({
      hosts: fc.integer({ min: 2, max: 3 }),
      offsets: fc.array(offsetArb, { minLength: 3, maxLength: 3 }),
      step: step ? fc.record({ host: fc.nat(2), at: fc.nat(1000), backMs: fc.integer({ min: 20, max: 300 }) }) : fc.constant(null),
      payments: fc.integer({ min: 1, max: 2 }),
      workers: fc.integer({ min: 1, max: 2 }),
      placement: fc.array(fc.nat(2), { minLength: 4, maxLength: 4 }),
      stories: fc.array(storyArb, { minLength: 1, maxLength: 7 }),
      delays: fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 64, maxLength: 64 }),
    })
    .map(build);
}

interface Raw {
  hosts: number;
  offsets: number[];
  step: { host: number; at: number; backMs: number } | null;
  payments: number;
  workers: number;
  placement: number[];
  stories: Story[];
  delays: number[];
}

function build(raw: Raw): Incident {
  const H = raw.hosts;
  const hosts: Host[] = Array.from({ length: H }, (_, h) => ({ name: `node-${h + 1}`, offsetMs: raw.offsets[h]!, step: null }));
  const procs: Proc[] = [];
  const add = (name: string, service: string, host: number) => procs.push({ name, service, host }) - 1;
  const gateway = add('gateway', 'gateway', 0);
  const orders = add('orders', 'orders', raw.placement[0]! % H);
  // Instances of one service on distinct hosts.
  const instances = (service: string, n: number, first: number) =>
    Array.from({ length: n }, (_, i) => add(n === 1 ? service : `${service}-${i + 1}`, service, (first + i) % H));
  const payments = instances('payments', raw.payments, raw.placement[1]!);
  const workers = instances('worker', raw.workers, raw.placement[2]!);
  const audit = add('audit', 'audit', raw.placement[3]! % H);

  const events: ModelEvent[] = [];
  const edges: [string, string][] = [];
  const retries: ModelRetry[] = [];
  const free = procs.map(() => -1);
  let delay = 0;
  const nextDelay = () => raw.delays[delay++ % raw.delays.length]!;
  let now = 0;
  const ev = (proc: number, at: number, role: Role, more: Partial<ModelEvent> = {}): ModelEvent => {
    const trueMs = Math.max(at, free[proc]! + 1);
    free[proc] = trueMs;
    const e: ModelEvent = { id: `e${events.length}`, proc, trueMs, role, ...more };
    events.push(e);
    now = Math.max(now, trueMs);
    return e;
  };
  let requests = 0;
  let messages = 0;
  const topic = 'charge-requests';
  const group = 'charge-workers';

  for (const s of raw.stories) {
    now += 5 + nextDelay();
    if (s.kind === 'local') {
      const notes = ['cache warmed', 'heartbeat ok', 'gc pause 12 ms', 'config reloaded'];
      const p = [gateway, orders, ...payments, ...workers][s.proc % (2 + payments.length + workers.length)]!;
      ev(p, now, 'local', { note: notes[s.note % notes.length]! });
    } else if (s.kind === 'call') {
      const { op, idempotent, work, effect } = OPS[s.op]!;
      const key = { kind: 'request' as const, value: `r-${++requests}` };
      const sends: string[] = [];
      const received: string[] = [];
      let evidence: string | null = null;
      let executed = false;
      let worked = 0;
      s.attempts.forEach((a, i) => {
        const last = i === s.attempts.length - 1;
        // Only a failed attempt is retried.
        const fate: Fate = !last && a.fate === 'ok' ? 'lost-reply' : a.fate;
        const server = payments[a.instance % payments.length]!;
        const attempt = i + 1;
        const sent = ev(gateway, now, 'request', { key, peer: 'payments', attempt, op });
        sends.push(sent.id);
        if (fate !== 'lost-request') {
          const got = ev(server, sent.trueMs + nextDelay(), 'serve', { key, peer: 'gateway', attempt, op });
          edges.push([sent.id, got.id]);
          received.push(got.id);
          ev(server, got.trueMs + 1, 'mention', { key, note: 'processing', noise: true });
          if (s.dedup && executed && !idempotent) {
            const d = ev(server, got.trueMs + 2, 'mention', { key, note: 'duplicate of an earlier attempt, not executed again' });
            evidence ??= d.id;
          } else {
            ev(server, got.trueMs + 2 + (nextDelay() >> 2), 'local', { note: work });
            if (effect) worked++;
          }
          executed = true;
          const reply = ev(server, free[server]! + 1 + (nextDelay() >> 2), 'reply', { key, peer: 'gateway', attempt, op });
          if (fate === 'ok') {
            const answer = ev(gateway, reply.trueMs + nextDelay(), 'answer', { key, peer: 'payments', attempt, op });
            edges.push([reply.id, answer.id]);
          }
        }
        if (fate !== 'ok') {
          // The client gives up on this attempt after its timeout (longer than any round trip here).
          ev(gateway, sent.trueMs + 200, 'local', { note: last ? 'no answer within 200 ms, giving up' : 'no answer within 200 ms, will retry' });
          ev(gateway, free[gateway]! + 1, 'mention', { key, note: 'timed out', noise: true });
        }
      });
      ev(audit, now + 1, 'mention', { key, op, note: 'audit: user u-5521 asked for', noise: true });
      if (sends.length >= 2) retries.push({ sends, received, idempotent, evidence, worked, via: 'client' });
    } else if (s.kind === 'publish') {
      const key = { kind: 'message' as const, value: `m-${++messages}` };
      const pub = ev(orders, now, 'publish', { key, peer: topic, op: 'charge' });
      const received: string[] = [];
      let at = pub.trueMs;
      s.deliveries.forEach((w, i) => {
        const worker = workers[w % workers.length]!;
        const got = ev(worker, at + nextDelay(), 'consume', { key, peer: topic, op: 'charge' });
        edges.push([pub.id, got.id]);
        received.push(got.id);
        ev(worker, got.trueMs + 1, 'local', { note: 'charged card of order o-7 25.00 EUR' });
        if (i < s.deliveries.length - 1) {
          // A rebalance takes the partition away before the offset is committed: the broker delivers again.
          ev(worker, free[worker]! + 1, 'local', { note: `partitions revoked: rebalance of group ${group}` });
        } else ev(worker, free[worker]! + 1, 'mention', { key, note: 'offset committed', noise: true });
        at = free[worker]!;
      });
      if (received.length >= 2) retries.push({ sends: [pub.id], received, idempotent: false, evidence: null, worked: received.length, via: 'broker' });
    } else {
      const key = { kind: 'message' as const, value: `n-${++messages}` };
      const server = payments[s.instance % payments.length]!;
      // Every instance of the peer logs around the notice, so its log covers the time.
      for (const p of payments) ev(p, now, 'local', { note: 'heartbeat ok' });
      const sent = ev(gateway, now + 1, 'notify', { key, peer: 'payments', op: 'notify' });
      if (!s.lost) {
        const got = ev(server, sent.trueMs + nextDelay(), 'serve', { key, peer: 'gateway', op: 'notify' });
        edges.push([sent.id, got.id]);
      }
      const after = now + 45;
      for (const p of payments) ev(p, after, 'local', { note: 'heartbeat ok' });
    }
  }
  if (raw.step) {
    const h = raw.step.host % H;
    hosts[h]!.step = { atMs: Math.round((raw.step.at / 1000) * now), backMs: raw.step.backMs };
  }
  // Events in true-time order; ids stay as generated.
  events.sort((a, b) => a.trueMs - b.trueMs || Number(a.id.slice(1)) - Number(b.id.slice(1)));
  return { hosts, procs, events, edges, retries, topic, group };
}
