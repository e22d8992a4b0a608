import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLOCK_STEPS_MS, clockStep, clockTicks } from '../../src/ui/draw/clockSteps';
import { axisTicks, tickLabel } from '../../src/ui/draw/axisTicks';
import type { AxisPositions } from '../../src/core/view/axisPositions';

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const D = 24 * H;

/** The steps the issue allows: 1-2-5 below a second, 1, 2, 5, 10, 15, 30 s and min, hours, days. */
function allowed(step: number): boolean {
  const mant = (x: number) => Number((x / 10 ** Math.floor(Math.log10(x) + 1e-9)).toPrecision(6));
  if (step < S) return [1, 2, 5].includes(mant(step));
  if (step < H) {
    const unit = step < MIN ? S : MIN;
    return [1, 2, 5, 10, 15, 30].includes(step / unit);
  }
  if (step < D) return [1, 2, 3, 6, 12].includes(step / H);
  return [1, 2, 5].includes(mant(step / D));
}

describe('clock ticks', () => {
  it('uses only clock-friendly steps, never 20 s, 50 s or 2,000 s', () => {
    for (const s of CLOCK_STEPS_MS) expect(allowed(s), `step ${s} ms`).toBe(true);
    expect(CLOCK_STEPS_MS).not.toContain(20 * S);
    expect(CLOCK_STEPS_MS).not.toContain(50 * S);
    expect(CLOCK_STEPS_MS).not.toContain(2000 * S);
    expect([12 * S, 16 * S, 40 * S, 1000 * S, 7 * MIN, 20 * MIN, 4 * H].map(clockStep)).toEqual([15 * S, 30 * S, 60 * S, 30 * MIN, 10 * MIN, 30 * MIN, 6 * H]);
    // Neighbouring steps at most 2.5 apart: what keeps 4 to 12 ticks on any range.
    for (let i = 1; i < CLOCK_STEPS_MS.length; i++) expect(CLOCK_STEPS_MS[i]! / CLOCK_STEPS_MS[i - 1]!).toBeLessThanOrEqual(2.5 + 1e-9);
  });

  it('puts 3 to 12 ticks on round absolute times across any range (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 4_000_000_000_000 }), // origin: integer epoch ms up to 2096
        fc.double({ min: -1e9, max: 1e9, noNaN: true }), // window start, ms after the origin
        fc.double({ min: -5, max: 12, noNaN: true }), // log10 of the window's span in ms: 10 ns … 30 years
        (origin, lo, logSpan) => {
          const hi = lo + 10 ** logSpan;
          const { stepMs, at } = clockTicks(origin, lo, hi);
          expect(allowed(stepMs)).toBe(true);
          expect(at.length).toBeGreaterThanOrEqual(3);
          expect(at.length).toBeLessThanOrEqual(12);
          for (let i = 0; i < at.length; i++) {
            expect(at[i]!).toBeGreaterThanOrEqual(lo - 1e-9 * stepMs);
            expect(at[i]!).toBeLessThanOrEqual(hi + 1e-9 * stepMs);
            if (i > 0) expect(Math.abs(at[i]! - at[i - 1]! - stepMs)).toBeLessThan(stepMs * 1e-6 + 1e-6);
          }
          // On a whole multiple of the step in epoch time (checked where floats hold it exactly).
          if (stepMs >= 1) {
            const epoch = origin + at[0]!;
            const r = ((epoch % stepMs) + stepMs) % stepMs;
            expect(Math.min(r, stepMs - r)).toBeLessThan(1e-3);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('keeps ticks at least the minimum gap apart, however many that leaves', () => {
    const { stepMs, at } = clockTicks(0, 0, 60 * S, 7 * S);
    expect(stepMs).toBe(10 * S);
    expect(at).toEqual([0, 10, 20, 30, 40, 50, 60].map((x) => x * S));
  });

  it('labels steps of minutes as HH:MM and steps of days as dates', () => {
    const t = Date.UTC(2024, 2, 1, 12, 30, 0);
    expect(tickLabel(t, 15 * MIN)).toBe('12:30');
    expect(tickLabel(t - 12.5 * H, D)).toBe('2024-03-01');
    expect(tickLabel(t + 15 * S, 15 * S)).toBe('12:30:15');
  });

  it('ticks a 2-minute raw window every 15 or 30 s on the diagram axis', () => {
    const a = { mode: 'raw', originMs: Date.UTC(2024, 2, 1, 12, 0, 7) } as AxisPositions;
    const ticks = axisTicks(a, 0, 120 * S, 0);
    expect(ticks.map((t) => t.label)).toEqual(['12:00:15', '12:00:30', '12:00:45', '12:01:00', '12:01:15', '12:01:30', '12:01:45', '12:02:00']);
  });
});
