/** zoomTo: a selection's events fill the plot less a margin, within the zoom limits, centred. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { plotLeft, plotWidth, toX, zoomLimits } from '../../src/ui/draw/viewport';
import { FOCUS_MARGIN, zoomTo } from '../../src/ui/draw/zoomTo';

const frame = { width: 900, height: 400 };
const start = { start: 0, scale: 0.01, scrollY: 17 };

describe('zoomTo', () => {
  it('puts the span between the margins, whatever the view before', () => {
    const limits = zoomLimits({ min: 0, max: 100_000 }, frame, 0.001);
    const v = zoomTo(start, frame, limits, 40_000, 40_100);
    expect(toX(v, 40_000)).toBeCloseTo(plotLeft + FOCUS_MARGIN, 6);
    expect(toX(v, 40_100)).toBeCloseTo(plotLeft + plotWidth(frame) - FOCUS_MARGIN, 6);
    expect(v.scrollY).toBe(17);
  });

  it('zooms in no further than the limits allow (logical: 4 units fill the plot), centred', () => {
    const limits = zoomLimits({ min: 0, max: 1000 }, frame, 4);
    const v = zoomTo(start, frame, limits, 500, 501);
    expect(v.scale).toBe(limits.maxScale);
    expect((toX(v, 500) + toX(v, 501)) / 2).toBeCloseTo(plotLeft + plotWidth(frame) / 2, 6);
  });

  it('keeps the zoom for a single instant and centres it', () => {
    const limits = zoomLimits({ min: 0, max: 1000 }, frame, 4);
    const v = zoomTo(start, frame, limits, 300, 300);
    expect(v.scale).toBe(start.scale);
    expect(toX(v, 300)).toBeCloseTo(plotLeft + plotWidth(frame) / 2, 6);
  });

  it('leaves every event inside the plot, and neighbours as far apart as the span allows', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 2, maxLength: 30 }), fc.integer({ min: 300, max: 3000 }), (us, width) => {
        const f = { width, height: 300 };
        const lo = Math.min(...us);
        const hi = Math.max(...us);
        const limits = zoomLimits({ min: lo - 10, max: hi + 10 }, f, 1e-9);
        const v = zoomTo(start, f, limits, lo, hi);
        for (const u of us) {
          expect(toX(v, u)).toBeGreaterThanOrEqual(plotLeft - 1e-6);
          expect(toX(v, u)).toBeLessThanOrEqual(plotLeft + plotWidth(f) + 1e-6);
        }
        // The span fills the plot less its margins, unless that would zoom past the limit.
        const room = plotWidth(f) - 2 * Math.min(FOCUS_MARGIN, plotWidth(f) / 4);
        if (hi > lo && v.scale < limits.maxScale) expect((hi - lo) * v.scale).toBeCloseTo(room, 3);
        if (hi > lo) expect((hi - lo) * v.scale).toBeLessThanOrEqual(room + 1e-6);
      }),
    );
  });
});
