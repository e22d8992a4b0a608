import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAxisPositions, type AxisSource } from '../../src/core/view/axisPositions';
import type { LaneData } from '../../src/core/view/laneData';
import { binLane } from '../../src/ui/draw/laneBins';

/** Lanes of Lamport times as the clocks give them (rising along a lane), or any at all (lanes sorted by position). */
function lanesOf(perLane: number[][]): AxisSource {
  const procStart = new Uint32Array(perLane.length + 1);
  perLane.forEach((l, p) => (procStart[p + 1] = procStart[p]! + l.length));
  const n = procStart[perLane.length]!;
  return {
    processNames: perLane.map((_, p) => `p${p}`),
    processDomain: new Uint32Array(perLane.length),
    procStart,
    eventProc: Uint32Array.from(perLane.flatMap((l, p) => l.map(() => p))),
    lamport: Uint32Array.from(perLane.flat()),
    timeMs: new Float64Array(n).fill(NaN),
    timeNs: new Uint32Array(n),
    domainCorrectionMs: new Float64Array(1),
  };
}

const rising = fc.array(fc.integer({ min: 0, max: 40 }), { maxLength: 400 }).map((steps) => {
  let t = 0;
  return steps.map((s) => (t += s + 1));
});
const anyOrder = fc.array(fc.integer({ min: 0, max: 3000 }), { maxLength: 400 });

describe('binLane on the logical axis with every event alike (galloping)', () => {
  it('makes the bins the event-by-event merge makes, at any zoom, window and merge distance', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(rising, anyOrder), { minLength: 1, maxLength: 4 }),
        fc.double({ min: 1e-4, max: 50, noNaN: true }),
        fc.double({ min: -100, max: 3000, noNaN: true }),
        fc.double({ min: 0, max: 12, noNaN: true }),
        fc.double({ min: -50, max: 3000, noNaN: true }),
        fc.double({ min: 0, max: 5000, noNaN: true }),
        (perLane, scale, start, mergePx, lo, width) => {
          const d = lanesOf(perLane) as unknown as LaneData;
          const axis = buildAxisPositions(d, 'logical');
          const view = { start, scale, scrollY: 0 };
          for (let p = 0; p < perLane.length; p++) {
            const input = { lanes: d, process: p, lo, hi: lo + width, view, mergePx, past: null, future: 0, folds: null, foldLo: null, foldHi: null, marked: null };
            // The same positions under another mode's name take the event-by-event path.
            const plain = binLane({ ...input, axis: { ...axis, mode: 'raw' } });
            expect(binLane({ ...input, axis })).toEqual(plain);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
