/**
 * Clock epochs on generated incidents: a server whose clock is stepped back
 * by a random amount at a random place (between requests or inside one)
 * while it serves a client on another host and calls a third. The truth is
 * known: each host's offset, and the stepped host's before and after.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backwardSteps } from '../../src/core/anomalies/backwardSteps';
import { findClockRegressions } from '../../src/core/anomalies/clockRegression';
import { diffMs } from '../../src/core/model/eventTime';
import { hasTime, textOf, type Execution } from '../../src/core/model/execution';
import { ExecutionBuilder } from '../../src/core/model/executionBuilder';
import { eventCorrectionMs } from '../../src/core/offsets/domainCorrection';
import { estimateOffsets } from '../../src/core/offsets/domainOffsets';
import { computeClocks } from '../../src/core/clocks/clockEngine';

const T0_MS = 1_700_000_000_000;
const EPS_MS = 1e-6;
const MS = 1_000_000; // ns

interface Incident {
  /** True offsets (ns) of client host C, other host O, and the server S before its step. */
  offC: number;
  offO: number;
  offS: number;
  stepNs: number;
  dMinNs: number;
  requests: number;
  /** The step falls before request stepAt, or inside it (between the call to O and its answer). */
  stepAt: number;
  inside: boolean;
  gaps: number[];
}

const incidentArb: fc.Arbitrary<Incident> = fc
  .record({
    offC: fc.integer({ min: -3000 * MS, max: 3000 * MS }),
    offO: fc.integer({ min: -3000 * MS, max: 3000 * MS }),
    offS: fc.integer({ min: -3000 * MS, max: 3000 * MS }),
    stepNs: fc.oneof(fc.constant(1500 * MS), fc.integer({ min: 5 * MS, max: 5000 * MS })),
    dMinNs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 100_000 })),
    requests: fc.integer({ min: 3, max: 8 }),
    stepPick: fc.nat(100),
    inside: fc.boolean(),
    gaps: fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 64, maxLength: 64 }),
  })
  // The step lands after at least one request and before the last, so each epoch has messages.
  .map(({ stepPick, requests, ...rest }) => ({ ...rest, requests, stepAt: 1 + (stepPick % (requests - 1)) }));

interface Built {
  x: Execution;
  /** Per event index of x: the true offset (ns) of the clock that stamped it. */
  trueOff: (e: number) => number;
}

/** Client c on host C calls server s on host S, which calls o on host O; chronyd on S logs the step. */
function build(inc: Incident): Built {
  const b = new ExecutionBuilder('step');
  const procs = { c: b.process('client', 'C'), s: b.process('server', 'S'), o: b.process('other', 'O'), chrony: b.process('chronyd', 'S') };
  let gap = 0;
  // Gaps well under the step, so the step shows as a step back and is not mistaken for one stamp out of line.
  const next = () => Math.max(1, Math.floor((inc.gaps[gap++ % inc.gaps.length]! / 1000) * Math.min(inc.stepNs / 8, 20 * MS)));
  let t = 0;
  let stepped = false;
  const off = new Map<string, number>();
  let line = 0;
  const at = (p: number, domainOff: number, name: string) => {
    const stamp = t + domainOff;
    const ms = Math.floor(stamp / MS);
    line++;
    off.set(`${name}${line}`, domainOff);
    return b.addEvent(p, { text: `${name}${line}`, input: `${name}.log`, line, time: { ms: T0_MS + ms, ns: stamp - ms * MS, digits: 9 } });
  };
  const sOff = () => (stepped ? inc.offS - inc.stepNs : inc.offS);
  const step = () => {
    stepped = true;
    t += next();
    at(procs.chrony, sOff(), 'chronyd');
  };
  const hop = () => (t += inc.dMinNs + next());
  for (let i = 0; i < inc.requests; i++) {
    if (i === inc.stepAt && !inc.inside) step();
    const c1 = at(procs.c, inc.offC, 'client');
    hop();
    const s1 = at(procs.s, sOff(), 'server');
    t += next();
    const s2 = at(procs.s, sOff(), 'server');
    hop();
    const o1 = at(procs.o, inc.offO, 'other');
    t += next();
    const o2 = at(procs.o, inc.offO, 'other');
    hop();
    if (i === inc.stepAt && inc.inside) step();
    const s3 = at(procs.s, sOff(), 'server');
    t += next();
    const s4 = at(procs.s, sOff(), 'server');
    hop();
    const c2 = at(procs.c, inc.offC, 'client');
    t += next();
    b.addEdge(c1, s1, 'r', `req-${i}`);
    b.addEdge(s2, o1, 'r', `call-${i}`);
    b.addEdge(o2, s3, 'r', `call-${i}-reply`);
    b.addEdge(s4, c2, 'r', `req-${i}-reply`);
  }
  const x = b.build();
  return { x, trueOff: (e) => off.get(textOf(x, e))! };
}

const corrected = (x: Execution, r: ReturnType<typeof estimateOffsets>, e: number, f: number) =>
  diffMs(x.timeMs[f]!, x.timeNs[f]!, x.timeMs[e]!, x.timeNs[e]!) - (eventCorrectionMs(r, x, f) - eventCorrectionMs(r, x, e));

describe('clock epochs on generated clock steps', () => {
  it('finds one clock step, splits the server\'s domain in two epochs, and the bounds hold without contradiction', () => {
    fc.assert(
      fc.property(incidentArb, (inc) => {
        const { x } = build(inc);
        const steps = backwardSteps(x);
        expect(findClockRegressions(x, steps)).toHaveLength(1);
        const r = estimateOffsets(x, inc.dMinNs / 1e6);
        expect(r.conflictEdges).toEqual([]);
        const ep = r.epochs!.epochs;
        expect(ep.slots).toBe(4);
        expect(ep.slotNames).toEqual(['C', 'O', 'S', 'S epoch 2']);
        // Never a reference: the server's clock is the one that stepped.
        for (const o of r.epochs!.offsets) expect(o.reference).not.toMatch(/^S/);
      }),
      { numRuns: 150 },
    );
  });

  it('corrected times keep every message forward (by at least the minimum delay) and the server\'s own events in order', () => {
    fc.assert(
      fc.property(incidentArb, (inc) => {
        const { x } = build(inc);
        const r = estimateOffsets(x, inc.dMinNs / 1e6);
        for (let k = 0; k < x.edgeCount; k++) expect(corrected(x, r, x.edgeFrom[k]!, x.edgeTo[k]!)).toBeGreaterThanOrEqual(inc.dMinNs / 1e6 - EPS_MS);
        const server = x.processNames.indexOf('server');
        for (let e = x.procStart[server]! + 1; e < x.procStart[server + 1]!; e++) {
          if (hasTime(x, e - 1) && hasTime(x, e)) expect(corrected(x, r, e - 1, e)).toBeGreaterThanOrEqual(-EPS_MS);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('each epoch\'s interval holds its true offset relative to the reference, and the estimate lies inside (by time alone, and with happened-before)', () => {
    fc.assert(
      fc.property(incidentArb, fc.boolean(), (inc, causal) => {
        const { x, trueOff } = build(inc);
        const clocks = computeClocks(x);
        const r = estimateOffsets(x, inc.dMinNs / 1e6, undefined, causal ? (a, b) => clocks.vc.happenedBefore(a, b) : undefined);
        const { epochs, offsets } = r.epochs!;
        // The true offset of each slot, from any of its events.
        const truth = new Map<number, number>();
        for (let e = 0; e < x.eventCount; e++) if (!epochs.ambiguous[e]) truth.set(epochs.eventSlot[e]!, trueOff(e));
        offsets.forEach((o, slot) => {
          const ref = epochs.slotNames.indexOf(o.reference);
          const want = (truth.get(slot)! - truth.get(ref)!) / 1e6;
          expect(o.low).not.toBeNull();
          expect(o.high).not.toBeNull();
          expect(o.low!).toBeLessThanOrEqual(want + EPS_MS);
          expect(o.high!).toBeGreaterThanOrEqual(want - EPS_MS);
          expect(o.estimate!).toBeGreaterThanOrEqual(o.low! - EPS_MS);
          expect(o.estimate!).toBeLessThanOrEqual(o.high! + EPS_MS);
        });
        // The two epochs of S differ by about the step: the intervals' difference holds it.
        const before = offsets[2]!;
        const after = offsets[3]!;
        expect(before.high! - after.low!).toBeGreaterThanOrEqual(inc.stepNs / 1e6 - EPS_MS);
        expect(before.low! - after.high!).toBeLessThanOrEqual(inc.stepNs / 1e6 + EPS_MS);
      }),
      { numRuns: 150 },
    );
  });

  it('puts each server event in the epoch its clock stamped it in, and chronyd\'s report of the step after it', () => {
    fc.assert(
      fc.property(incidentArb, (inc) => {
        const { x, trueOff } = build(inc);
        const r = estimateOffsets(x, inc.dMinNs / 1e6);
        const ep = r.epochs!.epochs;
        for (let e = 0; e < x.eventCount; e++) {
          const d = x.domainNames[x.processDomain[x.eventProc[e]!]!];
          if (d !== 'S') expect(ep.eventSlot[e]).toBe(x.processDomain[x.eventProc[e]!]);
          else if (x.processNames[x.eventProc[e]!] === 'server') expect(ep.eventSlot[e]).toBe(trueOff(e) === inc.offS ? 2 : 3);
          // chronyd's line is read on S's clock alone: in its epoch, or where the epochs overlap unsure and after.
          else if (ep.ambiguous[e]) expect(ep.eventSlot[e]).toBe(3);
          else expect(ep.eventSlot[e]).toBe(trueOff(e) === inc.offS ? 2 : 3);
        }
      }),
      { numRuns: 150 },
    );
  });
});
