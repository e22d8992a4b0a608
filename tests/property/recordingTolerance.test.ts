/**
 * Recording stamps (offsets/recordingSlack.ts): on correct clocks, a cause
 * whose stamp was written up to the recording tolerance after its action
 * never reads as clock skew, never contradicts the offsets, and every
 * domain's offset interval still holds the true offset 0. Past the tolerance,
 * a slow clock is still found.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findAnomalies } from '../../src/core/anomalies/findAnomalies';
import { computeClocks } from '../../src/core/clocks/clockEngine';
import { ExecutionBuilder } from '../../src/core/model/executionBuilder';
import { estimateOffsets } from '../../src/core/offsets/domainOffsets';
import { withRecordingTolerance } from '../../src/core/offsets/recordingSlack';

const T0_MS = 1_700_000_000_000;

interface Step {
  proc: number;
  gapUs: number;
  recv: boolean;
  pick: number;
  lagUs: number;
}

const stepArb = fc.record({
  proc: fc.nat(4),
  gapUs: fc.integer({ min: 1, max: 5_000 }),
  recv: fc.boolean(),
  pick: fc.nat(1000),
  lagUs: fc.integer({ min: 0, max: 1_000_000 }),
});

/**
 * Processes p0..p4 on `domains` hosts with correct clocks; even processes
 * record (their stamps trail their actions by lag ≤ toleranceMs). Receives
 * happen after their send's action, stamped as they happen or, on a
 * recording process, later.
 */
function build(steps: Step[], domains: number, toleranceMs: number, skewMs = 0) {
  const b = new ExecutionBuilder('sim');
  const procs = 5;
  const pid = Array.from({ length: procs }, (_, p) => b.process(`p${p}`, `D${p % domains}`));
  for (let p = 0; p < procs; p += 2) b.markRecordedInput(`p${p}.log`);
  const actionUs = new Array<number>(procs).fill(0);
  const lastStampUs = new Array<number>(procs).fill(0);
  const sends: { h: number; actionUs: number }[] = [];
  const edges: [number, number][] = [];
  steps.forEach((s, i) => {
    const p = s.proc % procs;
    actionUs[p]! += s.gapUs;
    let from = -1;
    if (s.recv && sends.length > 0) {
      const send = sends[s.pick % sends.length]!;
      from = send.h;
      actionUs[p] = Math.max(actionUs[p]!, send.actionUs + 1);
    }
    const lag = p % 2 === 0 ? Math.min(s.lagUs, toleranceMs * 1000) : 0;
    // A process writes its records in program order: a stamp never goes back on its own lane.
    const stampUs = Math.max(lastStampUs[p]!, actionUs[p]! + lag) + (p % domains === 1 ? -skewMs * 1000 : 0);
    lastStampUs[p] = stampUs + (p % domains === 1 ? skewMs * 1000 : 0);
    const ms = Math.floor(stampUs / 1000);
    const h = b.addEvent(pid[p]!, { text: `e${i}`, input: `p${p}.log`, line: i + 1, time: { ms: T0_MS + ms, ns: (stampUs - ms * 1000) * 1000, digits: 6 } });
    if (from >= 0) edges.push([from, h]);
    else sends.push({ h, actionUs: actionUs[p]! });
  });
  for (const [f, t] of edges) b.addEdge(f, t, 'msg', `m${f}`);
  return withRecordingTolerance(b.build(), toleranceMs);
}

describe('recording stamps within the tolerance', () => {
  it('never produce clock skew or a same-clock inversion, and leave every offset interval around 0', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 60 }), fc.integer({ min: 1, max: 3 }), fc.constantFrom(1, 250, 1000), (steps, domains, tol) => {
        const x = build(steps, domains, tol);
        const clocks = computeClocks(x);
        const offsets = estimateOffsets(x, 0, clocks.edgeIgnored);
        const found = findAnomalies(x, clocks, offsets);
        expect(found.filter((a) => a.kind === 'clock-skew')).toEqual([]);
        expect(found.filter((a) => a.kind === 'same-clock-inversion' && a.detail.relation === 'message')).toEqual([]);
        expect(offsets.conflictEdges).toEqual([]);
        for (const o of offsets.offsets) {
          expect(o.low ?? -Infinity).toBeLessThanOrEqual(1e-6);
          expect(o.high ?? Infinity).toBeGreaterThanOrEqual(-1e-6);
        }
        for (const a of found.filter((f) => f.kind === 'recorded-after-effect')) {
          expect(a.severity).toBe('info');
          expect(a.detail.byMs as number).toBeLessThanOrEqual(tol + 1e-6);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('still find a clock that is behind by more than the tolerance, across two hosts', () => {
    // p0 (D0, recording) sends; p1 (D1, 2 s behind) receives 1 ms later.
    const x = build(
      [
        { proc: 0, gapUs: 10, recv: false, pick: 0, lagUs: 0 },
        { proc: 1, gapUs: 10, recv: true, pick: 0, lagUs: 0 },
      ],
      2,
      1000,
      2000,
    );
    const clocks = computeClocks(x);
    const skew = findAnomalies(x, clocks, estimateOffsets(x, 0, clocks.edgeIgnored)).filter((a) => a.kind === 'clock-skew');
    expect(skew).toHaveLength(1);
    expect(skew[0]!.detail).toMatchObject({ senderDomain: 'D0', receiverDomain: 'D1', recordingToleranceMs: 1000 });
    expect(skew[0]!.detail.atLeastMs as number).toBeCloseTo(1000, 1); // 2 s behind, less the 1 s tolerance
  });
});
