import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findAnomalies } from '../../src/core/anomalies/findAnomalies';
import { computeClocks } from '../../src/core/clocks/clockEngine';
import { DiagnosticSink } from '../../src/core/model/diagnostic';
import { diffMs } from '../../src/core/model/eventTime';
import type { Execution } from '../../src/core/model/execution';
import { ExecutionBuilder } from '../../src/core/model/executionBuilder';
import { estimateOffsets } from '../../src/core/offsets/domainOffsets';
import { countInversions } from '../../src/core/offsets/inversions';
import { estimateWindowOffsets } from '../../src/core/offsets/windowOffsets';
import { textOf } from '../../src/core/model/execution';
import { slotCorrectionsMs, slotOfEvent } from '../../src/core/offsets/domainCorrection';

const T0_MS = 1_700_000_000_000;
const EPS_MS = 1e-6;

/** Clock of one domain: offset, drift (ns per ms of true time) and one optional backward step. */
interface ClockModel {
  offNs: number;
  driftNsPerMs: number;
  stepAtNs: number;
  stepBackNs: number;
}
const stampOf = (c: ClockModel, trueNs: number) =>
  trueNs + c.offNs + Math.round((c.driftNsPerMs * trueNs) / 1e6) - (trueNs >= c.stepAtNs ? c.stepBackNs : 0);
const trueOffsetNs = (c: ClockModel, trueNs: number) => stampOf(c, trueNs) - trueNs;

interface Sim {
  clocks: ClockModel[];
  domainOf: number[];
  dMinNs: number;
  events: { proc: number; trueNs: number; stampNs: number; timed: boolean }[];
  edges: [number, number][];
}

const stepArb = fc.record({
  proc: fc.nat(5),
  op: fc.constantFrom('local', 'send', 'recv', 'recv'),
  gapNs: fc.integer({ min: 1, max: 3_000_000 }),
  extraNs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 3_000_000 })),
  pick: fc.nat(1000),
  timed: fc.oneof({ weight: 9, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
});

function clockArb(kind: 'exact' | 'offset' | 'any'): fc.Arbitrary<ClockModel> {
  if (kind === 'exact') return fc.constant({ offNs: 0, driftNsPerMs: 0, stepAtNs: Infinity, stepBackNs: 0 });
  const off = fc.oneof(fc.constant(0), fc.integer({ min: -3000, max: 3000 }), fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }));
  if (kind === 'offset') return off.map((offNs) => ({ offNs, driftNsPerMs: 0, stepAtNs: Infinity, stepBackNs: 0 }));
  return fc.record({
    offNs: off,
    driftNsPerMs: fc.oneof(fc.constant(0), fc.integer({ min: -500, max: 500 })),
    stepAtNs: fc.oneof(fc.constant(Infinity), fc.integer({ min: 0, max: 200_000_000 })),
    stepBackNs: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 50_000_000 })),
  });
}

function simArb(kind: 'exact' | 'offset' | 'any', minDomains = 1): fc.Arbitrary<Sim> {
  return fc
    .record({
      domains: fc.integer({ min: minDomains, max: 4 }),
      procs: fc.integer({ min: 1, max: 6 }),
      pickDomain: fc.array(fc.nat(50), { minLength: 6, maxLength: 6 }),
      clocks: fc.array(clockArb(kind), { minLength: 4, maxLength: 4 }),
      dMinNs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1_000_000 })),
      steps: fc.array(stepArb, { maxLength: 80 }),
    })
    .map(({ domains, procs: p0, pickDomain, clocks, dMinNs, steps }) => {
      const procs = Math.max(p0, domains);
      const domainOf = Array.from({ length: procs }, (_, p) => (p < domains ? p : pickDomain[p]! % domains));
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
          tp[p] = Math.max(tp[p]!, events[from]!.trueNs + Math.max(dMinNs + s.extraNs, 1));
        }
        const i = events.length;
        events.push({ proc: p, trueNs: tp[p]!, stampNs: stampOf(clocks[domainOf[p]!]!, tp[p]!), timed: s.timed });
        if (from >= 0) edges.push([from, i]);
        if (s.op === 'send') sends.push(i);
      }
      return { clocks: clocks.slice(0, domains), domainOf, dMinNs, events, edges };
    });
}

function wallTime(stampNs: number) {
  const msOff = Math.floor(stampNs / 1e6);
  return { ms: T0_MS + msOff, ns: stampNs - msOff * 1e6, digits: 9 };
}

function build(sim: Sim): Execution {
  const b = new ExecutionBuilder('sim');
  const pid = sim.domainOf.map((d, p) => b.process(`p${p}`, `D${d}`));
  const h = sim.events.map((ev, i) =>
    b.addEvent(pid[ev.proc]!, { text: `g${i}`, input: `p${ev.proc}.log`, line: i + 1, time: ev.timed ? wallTime(ev.stampNs) : null }),
  );
  for (const [f, t] of sim.edges) b.addEdge(h[f]!, h[t]!, 'msg', `m${f}`);
  return b.build();
}

describe('offsets on synthetic executions with known offsets, drift, a step and known delays', () => {
  it('keeps every message forward after correction, with at least the minimum delay, when the constraints are feasible', () => {
    fc.assert(
      fc.property(simArb('any'), (sim) => {
        const x = build(sim);
        const clocks = computeClocks(x);
        const r = estimateOffsets(x, sim.dMinNs / 1e6, clocks.edgeIgnored);
        if (r.conflictEdges.length > 0) return;
        // Per slot: a domain, or an epoch of one whose clock stepped (clockEpochs.ts).
        const c = slotCorrectionsMs(r, x);
        const slot = (e: number) => slotOfEvent(r, x, e);
        for (let k = 0; k < x.edgeCount; k++) {
          const s = x.edgeFrom[k]!;
          const t = x.edgeTo[k]!;
          if (Number.isNaN(x.timeMs[s]) || Number.isNaN(x.timeMs[t])) continue;
          const ds = slot(s);
          const dt = slot(t);
          if (x.processDomain[x.eventProc[s]!] === x.processDomain[x.eventProc[t]!]) continue;
          if (r.epochs && (r.epochs.epochs.ambiguous[s] || r.epochs.epochs.ambiguous[t])) continue; // bounds nothing
          const corrected = diffMs(x.timeMs[t]!, x.timeNs[t]!, x.timeMs[s]!, x.timeNs[s]!) - (c[dt]! - c[ds]!);
          expect(corrected).toBeGreaterThanOrEqual(sim.dMinNs / 1e6 - EPS_MS);
        }
        // the estimates lie within the bounds the delays give
        (r.epochs?.offsets ?? r.offsets).forEach((o, d) => {
          if (o.estimate === null) return;
          expect(o.estimate).toBeGreaterThanOrEqual((o.low ?? -Infinity) - EPS_MS);
          expect(o.estimate).toBeLessThanOrEqual((o.high ?? Infinity) + EPS_MS);
          expect(c[d]).toBe(o.estimate);
        });
        // so a timestamp sort inverts no message once corrected; program order may still be (a step)
        const inv = countInversions(x, clocks, r);
        let programOrderRaw = 0;
        for (let p = 0; p < x.processNames.length; p++) {
          let prev = -1;
          for (let e = x.procStart[p]!; e < x.procStart[p + 1]!; e++) {
            if (Number.isNaN(x.timeMs[e])) continue;
            // Across a clock step the epochs' corrections differ, and the step's bound puts the later event after.
            if (prev >= 0 && slot(prev) === slot(e) && diffMs(x.timeMs[e]!, x.timeNs[e]!, x.timeMs[prev]!, x.timeNs[prev]!) < 0) programOrderRaw++;
            prev = e;
          }
        }
        // Messages within one domain are not moved by correction either (e.g. a redundant edge along a
        // stepped process), so their raw inversions remain too.
        let sameDomainEdgesRaw = 0;
        for (let k = 0; k < x.edgeCount; k++) {
          const s = x.edgeFrom[k]!;
          const t = x.edgeTo[k]!;
          if (Number.isNaN(x.timeMs[s]) || Number.isNaN(x.timeMs[t])) continue;
          if (x.processDomain[x.eventProc[s]!] !== x.processDomain[x.eventProc[t]!]) continue;
          const corrected = diffMs(x.timeMs[t]!, x.timeNs[t]!, x.timeMs[s]!, x.timeNs[s]!) - (c[slot(t)]! - c[slot(s)]!);
          if (corrected < (slot(s) === slot(t) ? 0 : -1e-6)) sameDomainEdgesRaw++;
        }
        expect(inv.corrected).toBe(programOrderRaw + sameDomainEdgesRaw);
      }),
      {
        numRuns: 200,
        // Two processes on one clock show its step; the second's step bounds the later epoch too (it was left
        // out, and the correction put that process's event after the step 3 ns before its event before it).
        examples: [[{ clocks: [{ offNs: 0, driftNsPerMs: 0, stepAtNs: 5560309, stepBackNs: 3273911 }], domainOf: [0, 0, 0], dMinNs: 0, events: [{ proc: 2, trueNs: 1185714, stampNs: 1185714, timed: true }, { proc: 2, trueNs: 3387349, stampNs: 3387349, timed: true }, { proc: 0, trueNs: 3387350, stampNs: 3387350, timed: true }, { proc: 0, trueNs: 5560312, stampNs: 2286401, timed: true }, { proc: 2, trueNs: 5560309, stampNs: 2286398, timed: true }], edges: [[1, 2], [1, 3]] }]],
      },
    );
  });

  it('the interval contains the true offset when clocks only differ by constant offsets', () => {
    fc.assert(
      fc.property(simArb('offset'), (sim) => {
        const x = build(sim);
        const r = estimateOffsets(x, sim.dMinNs / 1e6);
        expect(r.conflictEdges).toEqual([]);
        r.offsets.forEach((o, d) => {
          const truth = (sim.clocks[Number(x.domainNames[d]!.slice(1))]!.offNs - sim.clocks[Number(o.reference.slice(1))]!.offNs) / 1e6;
          expect(truth).toBeGreaterThanOrEqual((o.low ?? -Infinity) - EPS_MS);
          expect(truth).toBeLessThanOrEqual((o.high ?? Infinity) + EPS_MS);
        });
      }),
      { numRuns: 150 },
    );
  });

  /** Two domains: A exact and the reference, B with offset, drift and a step; ping-pongs between them. */
  const pingPongArb = fc
    .record({
      b: clockArb('any'),
      dMinNs: fc.integer({ min: 0, max: 500_000 }),
      rounds: fc.array(fc.record({ gap: fc.integer({ min: 1, max: 20_000_000 }), d1: fc.integer({ min: 0, max: 2_000_000 }), d2: fc.integer({ min: 0, max: 2_000_000 }) }), { minLength: 1, maxLength: 40 }),
      windows: fc.integer({ min: 1, max: 8 }),
    })
    .map(({ b, dMinNs, rounds, windows }) => {
      const A: ClockModel = { offNs: 0, driftNsPerMs: 0, stepAtNs: Infinity, stepBackNs: 0 };
      const events: Sim['events'] = [];
      const edges: [number, number][] = [];
      let t = 0;
      for (const r of rounds) {
        t += r.gap;
        const i = events.length;
        const t2 = t + dMinNs + r.d1 + 1;
        const t3 = t2 + 1000;
        const t4 = t3 + dMinNs + r.d2 + 1;
        events.push({ proc: 0, trueNs: t, stampNs: stampOf(A, t), timed: true });
        events.push({ proc: 1, trueNs: t2, stampNs: stampOf(b, t2), timed: true });
        events.push({ proc: 1, trueNs: t3, stampNs: stampOf(b, t3), timed: true });
        events.push({ proc: 0, trueNs: t4, stampNs: stampOf(A, t4), timed: true });
        edges.push([i, i + 1], [i + 2, i + 3]);
        t = t4;
      }
      events.push({ proc: 0, trueNs: t + 1, stampNs: t + 1, timed: true }); // A has the most events: the reference
      const sim: Sim = { clocks: [A, b], domainOf: [0, 1], dMinNs, events, edges };
      return { sim, windows };
    });

  it('each feasible window interval meets the true offset of B during that window, drift and steps included', () => {
    fc.assert(
      fc.property(pingPongArb, ({ sim, windows }) => {
        const x = build(sim);
        const whole = estimateOffsets(x, sim.dMinNs / 1e6);
        const ws = estimateWindowOffsets(x, whole, undefined, { count: windows });
        expect(ws.length).toBe(windows);
        const global = (e: number) => Number(textOf(x, e).slice(1));
        const pos = (k: number) => {
          const s = x.edgeFrom[k]!;
          const ds = x.processDomain[x.eventProc[s]!]!;
          return x.timeMs[s]! + x.timeNs[s]! / 1e6 - whole.correctionMs![ds]!;
        };
        ws.forEach((w, i) => {
          const o = w.offsets[1]!; // D1 = B
          expect(o.reference).toBe('D0');
          if (w.conflictEdges.length > 0 || o.low === null || o.high === null) return;
          let lo = Infinity;
          let hi = -Infinity;
          for (let k = 0; k < x.edgeCount; k++) {
            const p = pos(k);
            if (p < w.startMs || (p >= w.endMs && i < ws.length - 1)) continue;
            for (const e of [x.edgeFrom[k]!, x.edgeTo[k]!]) {
              const off = trueOffsetNs(sim.clocks[1]!, sim.events[global(e)]!.trueNs) / 1e6;
              lo = Math.min(lo, off);
              hi = Math.max(hi, off);
            }
          }
          expect(o.high).toBeGreaterThanOrEqual(lo - EPS_MS);
          expect(o.low).toBeLessThanOrEqual(hi + EPS_MS);
        });
      }),
      { numRuns: 150 },
    );
  });
});

describe('anomaly detectors on synthetic executions', () => {
  it('report no clock-skew, regression or inversion when every clock reads true time', () => {
    fc.assert(
      fc.property(simArb('exact'), (sim) => {
        const x = build(sim);
        const clocks = computeClocks(x);
        const found = findAnomalies(x, clocks, estimateOffsets(x, 0, clocks.edgeIgnored));
        expect(found.filter((a) => a.kind === 'clock-skew' || a.kind === 'clock-regression' || a.kind === 'same-clock-inversion')).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  /** Random executions with random fields: ids, directions, operations, keys, attempts; edges anywhere, cycles included. */
  const messyArb = fc.record({
    procs: fc.integer({ min: 1, max: 5 }),
    events: fc.array(
      fc.record({
        proc: fc.nat(4),
        domain: fc.nat(2),
        time: fc.option(fc.integer({ min: -5000, max: 5000 }), { nil: null }),
        digits: fc.constantFrom(0, 3, 6, 9),
        fields: fc.dictionary(
          fc.constantFrom('msg_id', 'request_id', 'dir', 'to', 'from', 'attempt', 'method', 'op', 'key', 'idempotency_key', 'trace_id', 'span_id'),
          fc.constantFrom('', 'a', 'b', 'p0', 'p1', 'send', 'recv', 'reply', 'POST', 'GET', 'set', 'incr', 'charge', '1', '2', '3', 'x', '-'),
        ),
        text: fc.constantFrom('', 'SET x=1', 'POST /pay', 'GET /a', 'duplicate request', 'charge card', 'hello'),
      }),
      { maxLength: 40 },
    ),
    edges: fc.array(fc.tuple(fc.nat(39), fc.nat(39)), { maxLength: 30 }),
  });

  it('never throw, and name only events of the execution', () => {
    fc.assert(
      fc.property(messyArb, (m) => {
        const b = new ExecutionBuilder('messy');
        const hs = m.events.map((ev, i) =>
          b.addEvent(b.process(`p${ev.proc % m.procs}`, `D${ev.domain}`), {
            text: ev.text,
            fields: ev.fields,
            input: 'in',
            line: i + 1,
            time: ev.time === null ? null : { ms: T0_MS + ev.time, ns: 0, digits: ev.digits },
          }),
        );
        for (const [f, t] of m.edges) if (f < hs.length && t < hs.length && f !== t) b.addEdge(hs[f]!, hs[t]!, 'r', 'k');
        const x = b.build();
        const diags: unknown[] = [];
        const clocks = computeClocks(x, diags as never);
        const offsets = estimateOffsets(x, 0, clocks.edgeIgnored);
        const sink = new DiagnosticSink();
        const found = findAnomalies(x, clocks, offsets, { idempotency: { charge: false } }, sink);
        for (const a of found) for (const e of a.events) expect(e >= 0 && e < x.eventCount).toBe(true);
        countInversions(x, clocks, offsets);
        estimateWindowOffsets(x, offsets, clocks.edgeIgnored, { widthMs: 1 });
      }),
      { numRuns: 300 },
    );
  });

  it('report concurrent writes only for pairs that are concurrent, never for writes ordered by happened-before', () => {
    fc.assert(
      fc.property(simArb('exact'), fc.array(fc.nat(3), { minLength: 200, maxLength: 200 }), (sim, keys) => {
        const b = new ExecutionBuilder('writes');
        const pid = sim.domainOf.map((d, p) => b.process(`p${p}`, `D${d}`));
        const h = sim.events.map((ev, i) =>
          b.addEvent(pid[ev.proc]!, { text: keys[i]! === 3 ? 'SET k1=5' : 'w', fields: keys[i]! < 2 ? { key: `k${keys[i]}`, op: 'put' } : {}, input: 'i', line: i + 1 }),
        );
        for (const [f, t] of sim.edges) b.addEdge(h[f]!, h[t]!, 'msg', `m${f}`);
        const x = b.build();
        const clocks = computeClocks(x);
        const found = findAnomalies(x, clocks, estimateOffsets(x)).filter((a) => a.kind === 'concurrent-writes');
        const seen = new Set<string>();
        for (const a of found) {
          const [p, q] = a.events as [number, number];
          expect(clocks.vc.concurrent(p, q)).toBe(true);
          seen.add(`${Math.min(p, q)},${Math.max(p, q)}`);
        }
        expect(seen.size).toBe(found.length);
        // with few writes per key every concurrent pair is found
        const writesOf = new Map<string, number[]>();
        for (let e = 0; e < x.eventCount; e++) {
          const key = textOf(x, e) === 'SET k1=5' ? 'k1' : (x.fieldStart[e + 1]! > x.fieldStart[e]! ? x.strings.get(x.fieldValue[x.fieldStart[e]!]!) : null);
          if (key) writesOf.set(key, [...(writesOf.get(key) ?? []), e]);
        }
        let want = 0;
        for (const ws of writesOf.values()) {
          if (ws.length > 60) return;
          let pairs = 0;
          for (let i = 0; i < ws.length; i++) for (let j = i + 1; j < ws.length; j++) if (clocks.vc.concurrent(ws[i]!, ws[j]!)) pairs++;
          want += Math.min(pairs, 100); // at most 100 pairs are reported per key
        }
        expect(found.length).toBe(want);
      }),
      { numRuns: 100 },
    );
  });
});
