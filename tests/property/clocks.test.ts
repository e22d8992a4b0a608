import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeClocks, type Clocks } from '../../src/core/clocks/clockEngine';
import { computeLamport } from '../../src/core/clocks/lamport';
import { buildAdjacency, findCycle, TopologicalSweep } from '../../src/core/clocks/topologicalOrder';
import { computeVectorClocks } from '../../src/core/clocks/vectorClocks';
import type { Diagnostic } from '../../src/core/model/diagnostic';
import { eventId, sourceOf, type Execution, textsOf } from '../../src/core/model/execution';
import { ExecutionBuilder } from '../../src/core/model/executionBuilder';

/**
 * A random execution as a model independent of the builder: events are
 * (process, seq) and edges refer to them, so the same model can be built in
 * any insertion order.
 */
interface Model {
  procs: number;
  /** Events per process, in program order. */
  counts: number[];
  /** Global creation order of events, as [proc, seq]. */
  events: [number, number][];
  edges: { from: [number, number]; to: [number, number] }[];
}

const MAX_PER_PROC = 40;

/** One step of the global sequence: a process does a local event, a send, a receive, or both. */
const stepArb = fc.record({
  proc: fc.nat(7),
  op: fc.constantFrom('local', 'send', 'recv', 'recv+send' as const),
  /** how many receivers a send admits (multicast) */
  fanout: fc.integer({ min: 1, max: 3 }),
  /** how many messages a receive takes (join) */
  join: fc.integer({ min: 1, max: 3 }),
  pick: fc.nat(1000),
});

const modelArb: fc.Arbitrary<Model> = fc
  .record({
    procs: fc.integer({ min: 1, max: 8 }),
    steps: fc.oneof(
      fc.array(stepArb, { maxLength: 20 }),
      fc.array(stepArb, { maxLength: 200, size: 'max' }),
    ),
  })
  .map(({ procs, steps }) => {
    const counts = new Array<number>(procs).fill(0);
    const events: [number, number][] = [];
    const edges: Model['edges'] = [];
    // Open messages: a sender and how many more receivers it admits. A receive
    // only takes messages sent earlier in the sequence, so the result is acyclic.
    const open: { from: [number, number]; left: number }[] = [];
    for (const s of steps) {
      const p = s.proc % procs;
      if (counts[p]! >= MAX_PER_PROC) continue;
      const me: [number, number] = [p, ++counts[p]!];
      events.push(me);
      if (s.op === 'recv' || s.op === 'recv+send') {
        const taken = new Set<number>();
        for (let j = 0; j < s.join && taken.size < open.length; j++) {
          let i = (s.pick + j * 7) % open.length;
          while (taken.has(i)) i = (i + 1) % open.length;
          taken.add(i);
        }
        for (const i of taken) edges.push({ from: open[i]!.from, to: me });
        for (const i of [...taken].sort((a, b) => b - a)) if (--open[i]!.left === 0) open.splice(i, 1);
      }
      if (s.op === 'send' || s.op === 'recv+send') open.push({ from: me, left: s.fanout });
    }
    return { procs, counts, events, edges };
  });

/** A tiny deterministic PRNG for shuffles driven by a fast-check seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0 || 1;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(xs: T[], rand: () => number): T[] {
  const out = xs.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const procName = (p: number) => `p${p}`;

/**
 * Builds the model. With a seed, events of different processes are added in
 * a random interleaving (each process keeps its own order) and edges in a
 * random order; process creation order is shuffled too.
 */
function build(m: Model, seed?: number, extraEdges: [number, number][][] = []): Execution {
  const b = new ExecutionBuilder('prop');
  const rand = seed === undefined ? null : rng(seed);
  let procOrder = [...Array(m.procs).keys()];
  if (rand) procOrder = shuffle(procOrder, rand);
  const pid = new Map<number, number>();
  for (const p of procOrder) pid.set(p, b.process(procName(p), `d${p % 3}`));
  let addOrder: [number, number][];
  if (!rand) addOrder = m.events;
  else {
    // random interleaving keeping per-process order
    const lanes = procOrder.map((p) => Array.from({ length: m.counts[p]! }, (_, i): [number, number] => [p, i + 1]));
    addOrder = [];
    const live = lanes.filter((l) => l.length > 0);
    while (live.length > 0) {
      const i = Math.floor(rand() * live.length);
      addOrder.push(live[i]!.shift()!);
      if (live[i]!.length === 0) live.splice(i, 1);
    }
  }
  const handle = new Map<string, number>();
  for (const [p, s] of addOrder) {
    handle.set(`${p}:${s}`, b.addEvent(pid.get(p)!, { text: `e${p}.${s}`, input: `${procName(p)}.log`, line: s }));
  }
  const h = ([p, s]: [number, number]) => handle.get(`${p}:${s}`)!;
  const edges = rand ? shuffle(m.edges, rand) : m.edges;
  for (const { from, to } of edges) b.addEdge(h(from), h(to), 'rule', `${from}->${to}`);
  for (const [from, to] of extraEdges) b.addEdge(h(from as [number, number]), h(to as [number, number]), 'back', 'cycle');
  return b.build();
}

/** Final index of event (p, s) in an execution built from a model. */
function indexOf(x: Execution, p: number, s: number): number {
  return x.procStart[x.processNames.indexOf(procName(p))]! + s - 1;
}

/** reach[a][b]: a path of length ≥ 1 from a to b over program order and the edges kept. */
function reachability(x: Execution, ignored?: Uint8Array): Uint8Array[] {
  const n = x.eventCount;
  const succ: number[][] = Array.from({ length: n }, () => []);
  for (let e = 0; e + 1 < n; e++) if (x.eventProc[e] === x.eventProc[e + 1]) succ[e]!.push(e + 1);
  for (let k = 0; k < x.edgeCount; k++) if (!ignored?.[k]) succ[x.edgeFrom[k]!]!.push(x.edgeTo[k]!);
  const reach: Uint8Array[] = [];
  for (let a = 0; a < n; a++) {
    const seen = new Uint8Array(n);
    const queue = [...succ[a]!];
    for (const b of queue) seen[b] = 1;
    for (let i = 0; i < queue.length; i++)
      for (const c of succ[queue[i]!]!)
        if (!seen[c]) {
          seen[c] = 1;
          queue.push(c);
        }
    reach.push(seen);
  }
  return reach;
}

/** Every program step and every kept edge goes up in Lamport time and forward in the order. */
function expectRespectsOrder(x: Execution, c: Clocks): void {
  const n = x.eventCount;
  const pos = new Int32Array(n).fill(-1);
  c.order.forEach((e, i) => (pos[e] = i));
  expect(pos.every((v) => v >= 0)).toBe(true);
  for (let e = 0; e < n; e++) expect(c.lamport[e]).toBeGreaterThan(0);
  // The clocks' sweep gives the timestamps computeLamport gives (any topological order does).
  expect(Array.from(c.lamport)).toEqual(Array.from(computeLamport(x, c.adjacency, c.order)));
  for (let e = 0; e + 1 < n; e++)
    if (x.eventProc[e] === x.eventProc[e + 1]) {
      expect(c.lamport[e]).toBeLessThan(c.lamport[e + 1]!);
      expect(pos[e]).toBeLessThan(pos[e + 1]!);
    }
  for (let k = 0; k < x.edgeCount; k++) {
    if (c.edgeIgnored[k]) continue;
    const a = x.edgeFrom[k]!;
    const b = x.edgeTo[k]!;
    expect(c.lamport[a]).toBeLessThan(c.lamport[b]!);
    expect(pos[a]).toBeLessThan(pos[b]!);
  }
}

/** Every event the diagnostic mentions as "P:seq (input:line)" is a real event, named correctly. */
function expectNamesEvents(x: Execution, d: Diagnostic): void {
  expect(d.severity).toBe('error');
  const ids = new Map<string, string>();
  for (let e = 0; e < x.eventCount; e++) ids.set(eventId(x, e), sourceOf(x, e));
  const mentions = [...d.message.matchAll(/(\S+:\d+) \(([^()]+:\d+)\)/g)];
  expect(mentions.length).toBeGreaterThan(0);
  for (const [, id, src] of mentions) expect(ids.get(id!)).toBe(src);
}

const RUNS = 60;

describe('clock properties on random acyclic executions', () => {
  it('Lamport times increase along every edge and program step', () => {
    fc.assert(
      fc.property(modelArb, (m) => {
        const x = build(m);
        const diags: Diagnostic[] = [];
        const c = computeClocks(x, diags);
        expect(diags).toEqual([]);
        expect(Array.from(c.edgeIgnored).every((v) => v === 0)).toBe(true);
        expectRespectsOrder(x, c);
      }),
      { numRuns: RUNS },
    );
  });

  it('happenedBefore and concurrent agree with brute-force reachability for all pairs', () => {
    fc.assert(
      fc.property(modelArb, (m) => {
        const x = build(m);
        const { vc } = computeClocks(x);
        const reach = reachability(x);
        const n = x.eventCount;
        for (let a = 0; a < n; a++)
          for (let b = 0; b < n; b++) {
            const hb = vc.happenedBefore(a, b);
            if (hb !== (reach[a]![b] === 1)) expect(hb, `${eventId(x, a)} → ${eventId(x, b)}`).toBe(reach[a]![b] === 1);
            const conc = a !== b && !reach[a]![b] && !reach[b]![a];
            if (vc.concurrent(a, b) !== conc) expect(vc.concurrent(a, b), `${eventId(x, a)} ∥ ${eventId(x, b)}`).toBe(conc);
          }
      }),
      { numRuns: RUNS },
    );
  });

  it('pastPrefix and futureStart agree with brute-force reachability', () => {
    fc.assert(
      fc.property(modelArb, (m) => {
        const x = build(m);
        const { vc } = computeClocks(x);
        const reach = reachability(x);
        const P = x.processNames.length;
        for (let e = 0; e < x.eventCount; e++) {
          const past = vc.pastPrefix(e);
          const future = vc.futureStart(e);
          const wantPast = new Array<number>(P).fill(0);
          const wantFuture = new Array<number>(P).fill(0);
          for (let q = 0; q < P; q++)
            for (let f = x.procStart[q]!; f < x.procStart[q + 1]!; f++) {
              const seq = f - x.procStart[q]! + 1;
              if (f === e || reach[f]![e]) wantPast[q] = Math.max(wantPast[q]!, seq);
              if (reach[e]![f] && wantFuture[q] === 0) wantFuture[q] = seq;
            }
          expect(Array.from(past), `past of ${eventId(x, e)}`).toEqual(wantPast);
          expect(Array.from(future), `future of ${eventId(x, e)}`).toEqual(wantFuture);
          // the past really is a prefix: every earlier event of the lane is in it
          for (let q = 0; q < P; q++)
            for (let s = 1; s <= wantPast[q]!; s++) {
              const f = x.procStart[q]! + s - 1;
              expect(f === e || reach[f]![e] === 1).toBe(true);
            }
        }
      }),
      { numRuns: 40 },
    );
  });

  it('causal order is ascending Lamport, ties by process then sequence, and a linear extension', () => {
    fc.assert(
      fc.property(modelArb, (m) => {
        const x = build(m);
        const c = computeClocks(x);
        expectRespectsOrder(x, c);
        for (let i = 0; i + 1 < c.order.length; i++) {
          const a = c.order[i]!;
          const b = c.order[i + 1]!;
          const la = c.lamport[a]!;
          const lb = c.lamport[b]!;
          // event index ascends by (process name, seq)
          expect(la < lb || (la === lb && a < b)).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('gives identical columns and clocks whatever order events and edges were added in', () => {
    fc.assert(
      fc.property(modelArb, fc.nat(), fc.nat(), (m, s1, s2) => {
        const base = build(m);
        const c0 = computeClocks(base);
        for (const seed of [s1, s2]) {
          const x = build(m, seed);
          const c = computeClocks(x);
          expect(x.processNames).toEqual(base.processNames);
          expect(Array.from(x.procStart)).toEqual(Array.from(base.procStart));
          expect(textsOf(x)).toEqual(textsOf(base));
          expect(Array.from(x.eventLine)).toEqual(Array.from(base.eventLine));
          expect(Array.from(x.eventKind)).toEqual(Array.from(base.eventKind));
          expect(Array.from(x.edgeFrom)).toEqual(Array.from(base.edgeFrom));
          expect(Array.from(x.edgeTo)).toEqual(Array.from(base.edgeTo));
          expect(Array.from(x.edgeKey, (k) => x.strings.get(k))).toEqual(Array.from(base.edgeKey, (k) => base.strings.get(k)));
          expect(Array.from(c.lamport)).toEqual(Array.from(c0.lamport));
          expect(Array.from(c.order)).toEqual(Array.from(c0.order));
          for (let e = 0; e < x.eventCount; e++) expect(Array.from(c.vc.clockOf(e))).toEqual(Array.from(c0.vc.clockOf(e)));
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('clock properties with cycles', () => {
  /** A model with at least one event, and two of its events to close a cycle between. */
  const withBackEdge = modelArb
    .filter((m) => m.events.length > 0)
    .chain((m) => fc.tuple(fc.constant(m), fc.nat(m.events.length - 1), fc.nat(m.events.length - 1)));

  it('a back edge closing a cycle yields an error, sets edges aside and still clocks every event', () => {
    fc.assert(
      fc.property(withBackEdge, ([m, i, j]) => {
        // choose (from, to) with to happened-before-or-equal from
        const plain = build(m);
        const reach = reachability(plain);
        const [ep, es] = m.events[i]!;
        const [fp, fs] = m.events[j]!;
        let a = indexOf(plain, ep, es);
        let b = indexOf(plain, fp, fs);
        if (reach[a]![b]) [a, b] = [b, a];
        // concurrent: go back to the first event of the sender's lane instead
        if (a !== b && !reach[b]![a]) b = plain.procStart[plain.eventProc[a]!]!;
        expect(a === b || reach[b]![a] === 1).toBe(true);
        const aP = m.events.find(([p, s]) => indexOf(plain, p, s) === a)!;
        const bP = m.events.find(([p, s]) => indexOf(plain, p, s) === b)!;
        const x = build(m, undefined, [[aP, bP]]);
        const diags: Diagnostic[] = [];
        const c = computeClocks(x, diags);
        const ignored = Array.from(c.edgeIgnored).reduce((s, v) => s + v, 0);
        expect(ignored).toBeGreaterThanOrEqual(1);
        expect(diags).toHaveLength(ignored);
        for (const d of diags) expectNamesEvents(x, d);
        expectRespectsOrder(x, c);
        // what is left is acyclic, and the vector clocks describe exactly it
        const left = reachability(x, c.edgeIgnored);
        for (let u = 0; u < x.eventCount; u++) {
          expect(left[u]![u]).toBe(0);
          for (let v = 0; v < x.eventCount; v++)
            if (c.vc.happenedBefore(u, v) !== (left[u]![v] === 1)) expect(c.vc.happenedBefore(u, v)).toBe(left[u]![v] === 1);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('many random back edges at once terminate, and every diagnostic names real events', () => {
    const manyArb = modelArb
      .filter((m) => m.events.length > 1)
      .chain((m) =>
        fc.tuple(
          fc.constant(m),
          fc.array(fc.tuple(fc.nat(m.events.length - 1), fc.nat(m.events.length - 1)), { minLength: 50, maxLength: 50 }),
        ),
      );
    fc.assert(
      fc.property(manyArb, ([m, pairs]) => {
        const extra = pairs.map(([i, j]) => [m.events[i]!, m.events[j]!]);
        const x = build(m, undefined, extra);
        const diags: Diagnostic[] = [];
        const t0 = performance.now();
        const c = computeClocks(x, diags);
        expect(performance.now() - t0).toBeLessThan(2000);
        const ignored = Array.from(c.edgeIgnored).reduce((s, v) => s + v, 0);
        expect(diags).toHaveLength(ignored);
        for (const d of diags) {
          expectNamesEvents(x, d);
          expect(d.message).toMatch(/the edge \S+:\d+ → \S+:\d+ \(rule \w+, key ".*"\) was ignored/);
        }
        expectRespectsOrder(x, c);
        const left = reachability(x, c.edgeIgnored);
        for (let u = 0; u < x.eventCount; u++) expect(left[u]![u]).toBe(0);
      }),
      { numRuns: 30 },
    );
  });

  it('the one sweep sets aside the edges, and gives the clocks, Kahn’s order and the two-pass vector clocks give', () => {
    const someArb = modelArb.chain((m) =>
      fc.tuple(fc.constant(m), fc.array(fc.tuple(fc.nat(Math.max(0, m.events.length - 1)), fc.nat(Math.max(0, m.events.length - 1))), { maxLength: 6 })),
    );
    fc.assert(
      fc.property(someArb, ([m, pairs]) => {
        const extra = m.events.length === 0 ? [] : pairs.map(([i, j]) => [m.events[i]!, m.events[j]!]);
        const x = build(m, undefined, extra);
        const diags: Diagnostic[] = [];
        const c = computeClocks(x, diags);
        // The plain reading: Kahn's sweep, the last edge of each cycle found set aside, then vector clocks in its order.
        const adj = buildAdjacency(x);
        const sweep = new TopologicalSweep(x, adj);
        const dropped: number[] = [];
        while (!sweep.run()) {
          const cycle = findCycle(x, adj, sweep.released);
          const drop = cycle.edges[cycle.edges.length - 1]!;
          dropped.push(drop);
          sweep.dropEdge(drop);
        }
        const lamport = new Uint32Array(x.eventCount);
        const vc = computeVectorClocks(x, adj, sweep.order, lamport);
        expect(Array.from(c.edgeIgnored)).toEqual(Array.from(adj.skip));
        expect(diags).toHaveLength(dropped.length);
        expect(Array.from(c.lamport)).toEqual(Array.from(lamport));
        for (let e = 0; e < x.eventCount; e++) expect(Array.from(c.vc.clockOf(e)), eventId(x, e)).toEqual(Array.from(vc.clockOf(e)));
        expect(c.vc.snapshots.length).toBe(vc.snapshots.length);
      }),
      { numRuns: RUNS },
    );
  });
});
