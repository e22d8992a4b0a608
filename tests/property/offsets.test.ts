import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findClockSkew } from '../../src/core/anomalies/clockSkew';
import { formatIso, formatIsoFloat } from '../../src/core/model/eventTime';
import type { Execution } from '../../src/core/model/execution';
import { ExecutionBuilder } from '../../src/core/model/executionBuilder';
import { addEdgeConstraint, domainEventCounts, emptyConstraints, estimateOffsets, solveOffsets } from '../../src/core/offsets/domainOffsets';
import { textOf } from '../../src/core/model/execution';
import { describeOffsetConflicts } from '../../src/core/offsets/offsetConflict';

/** A realistic epoch (2023-11-14), so float ms of a timestamp carry only ~0.24 µs. */
const T0_MS = 1_700_000_000_000;
const EPS_MS = 1e-6;

/**
 * A synthetic execution with known truth: every event has a true time (integer
 * ns after T0), every domain a true offset (ns its clock reads ahead), every
 * message a true delay ≥ dMin and > 0; stamps are true time + the offset of
 * the stamping domain, kept in exact integer ns.
 */
interface Sim {
  domains: number;
  domainOf: number[];
  offNs: number[];
  dMinNs: number;
  events: { proc: number; trueNs: number; stampNs: number; timed: boolean }[];
  edges: [number, number][];
}

const stepArb = fc.record({
  proc: fc.nat(7),
  op: fc.constantFrom('local', 'send', 'recv', 'recv'),
  gapNs: fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.integer({ min: 1, max: 5_000_000 })),
  /** true delay above dMin: often exactly 0, so the bound is tight */
  extraNs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 5_000_000 })),
  pick: fc.nat(1000),
  timed: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
});

const offsetArb = fc.oneof(
  fc.constant(0),
  // small offsets (sub-µs to µs) make skews that only nanoseconds can tell apart
  fc.integer({ min: -3000, max: 3000 }),
  fc.integer({ min: -5_000_000_000, max: 5_000_000_000 }),
);

function simArb(opts: { zeroOffsets?: boolean; minDomains?: number } = {}): fc.Arbitrary<Sim> {
  return fc
    .record({
      domains: fc.integer({ min: opts.minDomains ?? 1, max: 5 }),
      procs: fc.integer({ min: 1, max: 8 }),
      domainPick: fc.array(fc.nat(100), { minLength: 8, maxLength: 8 }),
      offNs: fc.array(opts.zeroOffsets ? fc.constant(0) : offsetArb, { minLength: 5, maxLength: 5 }),
      dMinNs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2_000_000 })),
      steps: fc.oneof(fc.array(stepArb, { maxLength: 20 }), fc.array(stepArb, { maxLength: 150, size: 'max' })),
    })
    .map(({ domains, procs: procsDrawn, domainPick, offNs, dMinNs, steps }) => {
      // every domain gets at least one process; process p < domains is in domain p
      const procs = Math.max(procsDrawn, domains);
      const domainOf = Array.from({ length: procs }, (_, p) => (p < domains ? p : domainPick[p]! % domains));
      const tp = new Array<number>(procs).fill(0);
      const events: Sim['events'] = [];
      const edges: [number, number][] = [];
      const sends: number[] = [];
      for (const s of steps) {
        const p = s.proc % procs;
        tp[p]! += s.gapNs;
        let from = -1;
        if (s.op === 'recv' && sends.length > 0) {
          from = sends[s.pick % sends.length]!;
          const delay = Math.max(dMinNs + s.extraNs, 1);
          tp[p] = Math.max(tp[p]!, events[from]!.trueNs + delay);
        }
        const i = events.length;
        events.push({ proc: p, trueNs: tp[p]!, stampNs: tp[p]! + offNs[domainOf[p]!]!, timed: s.timed });
        if (from >= 0) edges.push([from, i]);
        // a message can be received several times (multicast)
        if (s.op === 'send') sends.push(i);
      }
      return { domains, domainOf, offNs: offNs.slice(0, domains), dMinNs, events, edges };
    });
}

function wallTime(stampNs: number) {
  const msOff = Math.floor(stampNs / 1e6);
  return { ms: T0_MS + msOff, ns: stampNs - msOff * 1e6, digits: 9 };
}

/** Builds the simulation; event texts are "g<global index>". */
function build(sim: Sim): { x: Execution; globalOf: (e: number) => number } {
  const b = new ExecutionBuilder('offsets');
  const procs = sim.domainOf.length;
  const pid = Array.from({ length: procs }, (_, p) => b.process(`p${p}`, `D${sim.domainOf[p]}`));
  const h = sim.events.map((ev, i) =>
    b.addEvent(pid[ev.proc]!, { text: `g${i}`, input: `p${ev.proc}.log`, line: i + 1, time: ev.timed ? wallTime(ev.stampNs) : null }),
  );
  for (const [f, t] of sim.edges) b.addEdge(h[f]!, h[t]!, 'msg', `m${f}`);
  const x = b.build();
  return { x, globalOf: (e) => Number(textOf(x, e).slice(1)) };
}

const domainIndex = (name: string) => Number(name.slice(1));

describe('estimateOffsets on synthetic executions with known offsets', () => {
  it('every interval contains the true offset relative to its reference, and the estimate lies inside', () => {
    fc.assert(
      fc.property(simArb(), (sim) => {
        const { x } = build(sim);
        const r = estimateOffsets(x, sim.dMinNs / 1e6);
        expect(r.conflictEdges).toEqual([]);
        expect(r.offsets).toHaveLength(x.domainNames.length);
        r.offsets.forEach((o, d) => {
          const name = x.domainNames[d]!;
          const truth = (sim.offNs[domainIndex(name)]! - sim.offNs[domainIndex(o.reference)]!) / 1e6;
          const low = o.low ?? -Infinity;
          const high = o.high ?? Infinity;
          if (!(low <= truth + EPS_MS && truth - EPS_MS <= high))
            expect({ domain: name, ...o }).toEqual({ domain: name, ...o, truth });
          if (o.estimate !== null) {
            expect(o.estimate).toBeGreaterThanOrEqual(low - EPS_MS);
            expect(o.estimate).toBeLessThanOrEqual(high + EPS_MS);
          }
          if (o.reference === name) expect(o).toEqual({ reference: name, low: 0, high: 0, estimate: 0 });
        });
      }),
      { numRuns: 150 },
    );
  });

  it('a message edge bounds its two domains from both sides once a reply closes the loop', () => {
    // A stamps 10.000 ms, B receives at 12.5 ms; B replies at 13 ms, A receives at 20 ms.
    // With dMin = 1 ms: off(B) − off(A) ≤ 12.5 − 10 − 1 = 1.5 and off(A) − off(B) ≤ 20 − 13 − 1 = 6.
    const b = new ExecutionBuilder('pingpong');
    const A = b.process('a', 'A');
    const B = b.process('b', 'B');
    const at = (p: number, ms: number, line: number) => b.addEvent(p, { text: 't', input: 'i', line, time: { ms: T0_MS + ms, ns: 0, digits: 3 } });
    const a1 = at(A, 10, 1);
    const b1 = at(B, 12.5, 2);
    const b2 = at(B, 13, 3);
    const a2 = at(A, 20, 4);
    b.addEdge(a1, b1, 'r', 'ping');
    b.addEdge(b2, a2, 'r', 'pong');
    // give B more events so it is the reference
    at(B, 30, 5);
    const x = b.build();
    const r = estimateOffsets(x, 1);
    expect(r.conflictEdges).toEqual([]);
    expect(r.offsets).toEqual([
      { reference: 'B', low: -1.5, high: 6, estimate: 2.25 },
      { reference: 'B', low: 0, high: 0, estimate: 0 },
    ]);
  });
});

describe('findClockSkew on synthetic executions', () => {
  const none = (x: Execution) => new Uint8Array(x.edgeCount);

  it('reports nothing when every clock reads true time', () => {
    fc.assert(
      fc.property(simArb({ zeroOffsets: true }), (sim) => {
        const { x } = build(sim);
        expect(findClockSkew(x, none(x))).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('reports exactly the edges whose receive is stamped before its send, with the gap', () => {
    fc.assert(
      fc.property(simArb({ minDomains: 2 }), (sim) => {
        const { x, globalOf } = build(sim);
        const want: string[] = [];
        const gapOf = new Map<string, number>();
        for (let k = 0; k < x.edgeCount; k++) {
          const s = sim.events[globalOf(x.edgeFrom[k]!)]!;
          const rcv = sim.events[globalOf(x.edgeTo[k]!)]!;
          if (!s.timed || !rcv.timed || rcv.stampNs >= s.stampNs) continue;
          // one clock domain cannot stamp a receive before its send
          expect(sim.domainOf[s.proc]).not.toBe(sim.domainOf[rcv.proc]);
          const id = `${x.edgeFrom[k]}→${x.edgeTo[k]}`;
          want.push(id);
          gapOf.set(id, (s.stampNs - rcv.stampNs) / 1e6);
        }
        const got = findClockSkew(x, none(x));
        expect(got.map((a) => `${a.events[0]}→${a.events[1]}`)).toEqual(want);
        for (const a of got) {
          expect(a.kind).toBe('clock-skew');
          const gap = gapOf.get(`${a.events[0]}→${a.events[1]}`)!;
          expect(Math.abs((a.detail.atLeastMs as number) - gap)).toBeLessThanOrEqual(EPS_MS);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('skips edges that the clock engine set aside', () => {
    const b = new ExecutionBuilder('ignored');
    const A = b.process('a', 'A');
    const B = b.process('b', 'B');
    const s = b.addEvent(A, { text: 's', input: 'i', line: 1, time: { ms: T0_MS + 5, ns: 0, digits: 3 } });
    const r = b.addEvent(B, { text: 'r', input: 'i', line: 2, time: { ms: T0_MS + 1, ns: 0, digits: 3 } });
    b.addEdge(s, r, 'x', 'k');
    const x = b.build();
    expect(findClockSkew(x, Uint8Array.of(0))).toHaveLength(1);
    expect(findClockSkew(x, Uint8Array.of(1))).toEqual([]);
  });

  it('sees a skew of 100 ns at a realistic epoch', () => {
    const b = new ExecutionBuilder('ns');
    const A = b.process('a', 'A');
    const B = b.process('b', 'B');
    const s = b.addEvent(A, { text: 's', input: 'i', line: 1, time: { ms: T0_MS + 7, ns: 500_100, digits: 9 } });
    const r = b.addEvent(B, { text: 'r', input: 'i', line: 2, time: { ms: T0_MS + 7, ns: 500_000, digits: 9 } });
    b.addEdge(s, r, 'x', 'k');
    const x = b.build();
    const got = findClockSkew(x, new Uint8Array(1));
    expect(got).toHaveLength(1);
    expect(got[0]!.detail.atLeastMs).toBe(0.0001);
    expect(got[0]!.summary).toContain('0.1 µs');
  });
});

describe('estimateOffsets on contradictory constraints', () => {
  /**
   * A background simulation plus a ping-pong between the first processes of
   * two domains, after everything else, across which the ping's sender steps
   * its clock back by more than the round trip allows.
   */
  const conflictArb = fc
    .record({
      sim: simArb({ minDomains: 2 }),
      d1: fc.integer({ min: 0, max: 3_000_000 }),
      d2: fc.integer({ min: 0, max: 3_000_000 }),
      hold: fc.integer({ min: 1, max: 1_000_000 }),
      excessNs: fc.integer({ min: 1000, max: 1_000_000_000 }),
    })
    .map(({ sim, d1, d2, hold, excessNs }) => {
      const [a, bProc] = [0, 1]; // processes 0 and 1 are in domains 0 and 1
      const events = sim.events.map((e) => ({ ...e }));
      const edges = sim.edges.map((e): [number, number] => [e[0], e[1]]);
      const start = Math.max(0, ...events.map((e) => e.trueNs)) + 1000;
      const delay1 = sim.dMinNs + d1 + 1;
      const delay2 = sim.dMinNs + d2 + 1;
      // the cycle A→B→A sums to delay1 + delay2 − 2·dMin − jump = −excess
      const jump = delay1 + delay2 - 2 * sim.dMinNs + excessNs;
      const stamp = (p: number, t: number, back = 0) => t + sim.offNs[sim.domainOf[p]!]! - back;
      const t1 = start;
      const t2 = t1 + delay1;
      const t3 = t2 + hold;
      const t4 = t3 + delay2;
      const i = events.length;
      events.push({ proc: a, trueNs: t1, stampNs: stamp(a, t1), timed: true });
      events.push({ proc: bProc, trueNs: t2, stampNs: stamp(bProc, t2), timed: true });
      events.push({ proc: bProc, trueNs: t3, stampNs: stamp(bProc, t3), timed: true });
      events.push({ proc: a, trueNs: t4, stampNs: stamp(a, t4, jump), timed: true });
      edges.push([i, i + 1], [i + 2, i + 3]);
      return { ...sim, events, edges };
    });

  it('reports a cycle of edges whose bounds sum below zero', () => {
    fc.assert(
      fc.property(conflictArb, (sim) => {
        const { x, globalOf } = build(sim);
        // The jump is a clock step of A, which estimateOffsets now splits into epochs (clockEpochs.test.ts):
        // here the constraints are solved per domain, as one offset per clock would be.
        const c = emptyConstraints(x.domainNames.length);
        for (let k = 0; k < x.edgeCount; k++) addEdgeConstraint(x, c, k, sim.dMinNs / 1e6);
        const r = solveOffsets(x, c, domainEventCounts(x), sim.dMinNs / 1e6);
        expect(r.conflictEdges.length).toBeGreaterThan(0);
        let sumNs = 0;
        const domainOfEvent = (e: number) => x.processDomain[x.eventProc[e]!]!;
        r.conflictEdges.forEach((k, i) => {
          expect(Number.isInteger(k) && k >= 0 && k < x.edgeCount).toBe(true);
          const next = r.conflictEdges[(i + 1) % r.conflictEdges.length]!;
          // the edges chain domain to domain and close the loop
          expect(domainOfEvent(x.edgeTo[k]!)).toBe(domainOfEvent(x.edgeFrom[next]!));
          expect(domainOfEvent(x.edgeTo[k]!)).not.toBe(domainOfEvent(x.edgeFrom[k]!));
          const s = sim.events[globalOf(x.edgeFrom[k]!)]!;
          const rcv = sim.events[globalOf(x.edgeTo[k]!)]!;
          sumNs += rcv.stampNs - s.stampNs - sim.dMinNs;
        });
        expect(sumNs).toBeLessThan(0);
        // no bounds are claimed from contradictory constraints; the connected sets without a contradiction are solved
        const contested = r.offsets[domainOfEvent(x.edgeFrom[r.conflictEdges[0]!]!)]!.reference;
        r.offsets.forEach((o, d) => {
          if (o.reference === contested) {
            expect(o.low).toBeNull();
            expect(o.high).toBeNull();
            return;
          }
          const truth = (sim.offNs[domainIndex(x.domainNames[d]!)]! - sim.offNs[domainIndex(o.reference)]!) / 1e6;
          expect(o.low ?? -Infinity).toBeLessThanOrEqual(truth + EPS_MS);
          expect(o.high ?? Infinity).toBeGreaterThanOrEqual(truth - EPS_MS);
          if (o.reference === x.domainNames[d]) expect(o).toEqual({ reference: o.reference, low: 0, high: 0, estimate: 0 });
        });
        expect(r.conflictCycles).toHaveLength(1);
      }),
      { numRuns: 100 },
    );
  });

  it('names both edges of a two-domain contradiction', () => {
    // A→B: off(B) − off(A) ≤ 1010 − 1000 = 10; B→A after A steps back 30 ms: off(A) − off(B) ≤ 1000 − 1020 = −20.
    const b = new ExecutionBuilder('step');
    const A = b.process('a', 'A');
    const B = b.process('b', 'B');
    const at = (p: number, ms: number, line: number) => b.addEvent(p, { text: 't', input: 'i', line, time: { ms: T0_MS + ms, ns: 0, digits: 3 } });
    const a1 = at(A, 1000, 1);
    const b1 = at(B, 1010, 2);
    const b2 = at(B, 1020, 3);
    const a2 = at(A, 1000, 4);
    b.addEdge(a1, b1, 'r', 'ping');
    b.addEdge(b2, a2, 'r', 'pong');
    const x = b.build();
    const r = estimateOffsets(x);
    expect([...r.conflictEdges].sort()).toEqual([0, 1]);
  });

  it('solves the connected sets a contradiction is not in, and names one cycle per contradicted set', () => {
    // Hosts A–B and E–F contradict as above; C–D ping-pong: off(D) − off(C) ≤ 12.5 − 10 = 2.5 and ≥ −(20 − 13) = −7.
    const b = new ExecutionBuilder('three sets');
    const at = (p: number, ms: number, line: number) => b.addEvent(p, { text: 't', input: 'i', line, time: { ms: T0_MS + ms, ns: 0, digits: 3 } });
    const contradict = (p: number, q: number, line: number) => {
      const p1 = at(p, 1000, line);
      const q1 = at(q, 1010, line + 1);
      const q2 = at(q, 1020, line + 2);
      const p2 = at(p, 1000, line + 3);
      b.addEdge(p1, q1, 'r', `ping${line}`);
      b.addEdge(q2, p2, 'r', `pong${line}`);
    };
    const [A, B, C, D, E, F] = ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => b.process(n, n.toUpperCase()));
    contradict(A!, B!, 1);
    b.addEdge(at(C!, 10, 10), at(D!, 12.5, 11), 'r', 'ask');
    b.addEdge(at(D!, 13, 12), at(C!, 20, 13), 'r', 'answer');
    contradict(E!, F!, 20);
    const x = b.build();
    const c = emptyConstraints(x.domainNames.length);
    for (let k = 0; k < x.edgeCount; k++) addEdgeConstraint(x, c, k, 0);
    const r = solveOffsets(x, c, domainEventCounts(x), 0);
    const of = (name: string) => r.offsets[x.domainNames.indexOf(name)]!;
    expect(of('D')).toEqual({ reference: 'C', low: -7, high: 2.5, estimate: -2.25 });
    expect(r.correctionMs![x.domainNames.indexOf('D')]).toBe(-2.25);
    for (const name of ['A', 'B', 'E', 'F']) expect([of(name).low, of(name).high]).toEqual([null, null]);
    expect(r.conflictCycles).toHaveLength(2);
    const sets = r.conflictCycles!.map((cycle) => new Set(cycle.map((k) => x.domainNames[x.processDomain[x.eventProc[x.edgeFrom[k]!]!]!])));
    expect(sets.map((s) => [...s].sort().join())).toEqual(['A,B', 'E,F']);
    const warnings = describeOffsetConflicts(x, r);
    expect(warnings.map((w) => w.message.match(/around (\S+ → \S+ → \w+):/)?.[1])).toEqual(['A → B → A', 'E → F → E']);
  });
});

describe('formatIso', () => {
  // 2016-03-09T22:40:00.123456789Z
  const ms = Date.UTC(2016, 2, 9, 22, 40, 0, 123);
  it('writes the input precision: 0, 3, 6 or 9 fractional digits', () => {
    expect(formatIso(ms, 456_789, 0)).toBe('2016-03-09T22:40:00Z');
    expect(formatIso(ms, 456_789, 3)).toBe('2016-03-09T22:40:00.123Z');
    expect(formatIso(ms, 456_789, 6)).toBe('2016-03-09T22:40:00.123456Z');
    expect(formatIso(ms, 456_789, 9)).toBe('2016-03-09T22:40:00.123456789Z');
  });

  it('pads leading zeros of the fraction', () => {
    expect(formatIso(Date.UTC(2016, 2, 9, 22, 40, 0, 7), 5, 9)).toBe('2016-03-09T22:40:00.007000005Z');
    expect(formatIso(Date.UTC(2016, 2, 9, 22, 40, 0, 0), 0, 6)).toBe('2016-03-09T22:40:00.000000Z');
  });

  it('truncates rather than rounds digits the input did not write', () => {
    expect(formatIso(Date.UTC(2016, 2, 9, 22, 40, 59, 999), 999_999, 3)).toBe('2016-03-09T22:40:59.999Z');
    expect(formatIso(Date.UTC(2016, 2, 9, 22, 40, 59, 999), 999_999, 0)).toBe('2016-03-09T22:40:59Z');
  });

  it('formats times before the epoch with a positive fraction', () => {
    expect(formatIso(-1, 0, 3)).toBe('1969-12-31T23:59:59.999Z');
    expect(formatIso(-1000, 250_000, 9)).toBe('1969-12-31T23:59:59.000250000Z');
  });
});

describe('formatIsoFloat', () => {
  it('rounds to 0, 3, 6 or 9 digits', () => {
    expect(formatIsoFloat(1234.5678, 0)).toBe('1970-01-01T00:00:01Z');
    expect(formatIsoFloat(1234.5678, 3)).toBe('1970-01-01T00:00:01.235Z');
    expect(formatIsoFloat(1234.5678, 6)).toBe('1970-01-01T00:00:01.234568Z');
    expect(formatIsoFloat(1234.5678, 9)).toBe('1970-01-01T00:00:01.234567800Z');
    expect(formatIsoFloat(1500, 0)).toBe('1970-01-01T00:00:02Z');
  });

  it('carries a fraction that rounds up into the next second', () => {
    expect(formatIsoFloat(999.9999, 0)).toBe('1970-01-01T00:00:01Z');
    expect(formatIsoFloat(999.9999, 3)).toBe('1970-01-01T00:00:01.000Z');
    expect(formatIsoFloat(999.9999, 6)).toBe('1970-01-01T00:00:01.000000Z');
    expect(formatIsoFloat(999.9999, 9)).toBe('1970-01-01T00:00:00.999999900Z');
  });

  it('carries through minutes, days and years', () => {
    expect(formatIsoFloat(59_999.9996, 3)).toBe('1970-01-01T00:01:00.000Z');
    expect(formatIsoFloat(Date.UTC(2016, 11, 31, 23, 59, 59, 999) + 0.9999, 3)).toBe('2017-01-01T00:00:00.000Z');
  });

  it('carries a sub-ms fraction that rounds to a whole millisecond', () => {
    expect(formatIsoFloat(12.9999999, 6)).toBe('1970-01-01T00:00:00.013000Z');
    expect(formatIsoFloat(12.9999999, 9)).toBe('1970-01-01T00:00:00.013000000Z');
  });

  it('clamps digits to 0..9', () => {
    expect(formatIsoFloat(1234.5678, -2)).toBe('1970-01-01T00:00:01Z');
    expect(formatIsoFloat(1234.5678, 12)).toBe('1970-01-01T00:00:01.234567800Z');
  });

  it('round-trips whole-microsecond times at a realistic epoch to 6 digits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 9 }), fc.integer({ min: 0, max: 999 }), (msOff, us) => {
        const ms = T0_MS + msOff;
        expect(formatIsoFloat(ms + us / 1000, 6)).toBe(formatIso(ms, us * 1000, 6));
      }),
      { numRuns: 200 },
    );
  });
});
