/**
 * The minimap's density: per shown lane, how many events fall in each column
 * of the whole extent. It is counted by galloping along each lane's axis
 * order (a few probes per column); a property test holds it to a visit of
 * every event, on every axis, with clocks that step back (lanes whose axis
 * order is not program order), untimed events, collapsed and hidden lanes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildAxisPositions, type AxisMode } from '../../src/core/view/axisPositions';
import { defaultChoices, layoutLanes } from '../../src/ui/draw/laneLayout';
import { overviewDensity } from '../../src/ui/draw/overview';
import { makeLanes, type FixtureEvent } from './diagramFixtures';

const T = Date.UTC(2024, 2, 1, 12);

describe('the minimap density', () => {
  it('counts every event of each shown lane in its column', () => {
    const event = fc.record({ step: fc.integer({ min: 0, max: 5 }), ms: fc.option(fc.integer({ min: -3000, max: 3000 }), { nil: null, freq: 5 }) });
    fc.assert(
      fc.property(
        fc.array(fc.array(event, { maxLength: 300 }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom<AxisMode>('logical', 'raw', 'corrected'),
        fc.integer({ min: 1, max: 700 }),
        fc.array(fc.integer({ min: 0, max: 2 }), { maxLength: 5 }),
        (spec, mode, cols, looks) => {
          const lanes: FixtureEvent[][] = spec.map((l) => {
            let lamport = 0;
            return l.map((ev) => ({ lamport: (lamport += 1 + ev.step), ms: ev.ms === null ? null : T + ev.ms }));
          });
          const d = makeLanes(lanes, [], { correction: lanes.map((_, p) => p * 7) });
          const a = buildAxisPositions(d, mode);
          const choices = defaultChoices(d.processDomain);
          looks.forEach((look, p) => {
            if (p >= lanes.length) return;
            if (look === 1) choices.collapsed[p] = 1;
            if (look === 2 && p > 0) choices.hidden[p] = 1;
          });
          const layout = layoutLanes(choices, d.processDomain);
          const got = overviewDensity(d, a, layout, cols);
          const c = Math.max(1, Math.floor(cols));
          const want = new Uint32Array(layout.rows.length * c);
          const span = a.max - a.min || 1;
          layout.rows.forEach((row, i) => {
            for (let e = d.procStart[row.process]!; e < d.procStart[row.process + 1]!; e++)
              want[i * c + Math.min(c - 1, Math.max(0, Math.floor(((a.pos[e]! - a.min) / span) * c)))]!++;
          });
          expect(got.rows).toBe(layout.rows.length);
          expect(got.cols).toBe(c);
          expect([...got.counts]).toEqual([...want]);
          expect(got.max).toBe(Math.max(0, ...want));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('visits a few events per column, not every one', () => {
    const n = 200_000;
    const d = makeLanes([Array.from({ length: n }, (_, i) => ({ lamport: i + 1, ms: T + i }))]);
    const a = buildAxisPositions(d, 'logical');
    let reads = 0;
    const counted = new Proxy(a.pos, {
      get(target, key) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        const v = Reflect.get(target, key) as unknown;
        return typeof v === 'function' ? (v as (...x: unknown[]) => unknown).bind(target) : v;
      },
    });
    const got = overviewDensity(d, { ...a, pos: counted as Float64Array }, layoutLanes(defaultChoices(d.processDomain), d.processDomain), 500);
    expect(got.counts.reduce((s, v) => s + v, 0)).toBe(n);
    expect(reads).toBeLessThan(500 * 40);
  });
});
