import { describe, expect, it } from 'vitest';
import { defaultChoices, layoutLanes, moveLane, rowAt, stepLane, COLLAPSED_H, LANE_H } from '../../src/ui/draw/laneLayout';
import { centreOn, viewFraction } from '../../src/ui/draw/overview';
import { keyAction, wheelAction } from '../../src/ui/draw/viewInput';
import { clamp, fit, panBy, plotLeft, plotWidth, reveal, toUnit, toX, zoomAt, zoomLimits } from '../../src/ui/draw/viewport';

const frame = { width: 1000, height: 300 };
const ext = { min: 0, max: 100 };

describe('viewport', () => {
  it('fits the extent to the plot', () => {
    const v = fit(ext, frame);
    expect(toX(v, 0)).toBe(plotLeft);
    expect(toX(v, 100)).toBeCloseTo(plotLeft + plotWidth(frame));
  });

  it('zooms about a point, which stays put', () => {
    const v = fit(ext, frame);
    const x = 600;
    const u = toUnit(v, x);
    const z = zoomAt(v, x, 4);
    expect(z.scale).toBe(v.scale * 4);
    expect(toUnit(z, x)).toBeCloseTo(u);
  });

  it('pans by pixels', () => {
    const v = fit(ext, frame);
    expect(toUnit(panBy(v, 100), plotLeft)).toBeCloseTo(100 / v.scale);
  });

  it('clamps zoom and keeps some of the execution in view', () => {
    const lim = zoomLimits(ext, frame, 4);
    const far = clamp({ start: 1e6, scale: 1e-9, scrollY: -5 }, ext, frame, lim, 100);
    expect(far.scale).toBe(lim.minScale);
    expect(far.scrollY).toBe(0);
    // Zoomed out past everything: the whole extent stays on screen.
    expect(toX(far, 0)).toBeGreaterThanOrEqual(plotLeft - 1e-9);
    expect(toX(far, 100)).toBeLessThanOrEqual(plotLeft + plotWidth(frame) + 1e-9);
    const zoomed = clamp({ start: 500, scale: 1000, scrollY: 1e6 }, ext, frame, lim, 400);
    expect(zoomed.scale).toBe(lim.maxScale);
    expect(zoomed.start).toBeLessThanOrEqual(100);
    expect(zoomed.scrollY).toBe(400 - (300 - 28));
  });

  it('reveals a range: no change when visible, a pan when it fits, a zoom out when not', () => {
    const v = { start: 0, scale: 20, scrollY: 0 };
    expect(reveal(v, frame, 5, 10)).toBe(v);
    const panned = reveal(v, frame, 80, 82);
    expect(panned.scale).toBe(20);
    expect(toX(panned, 81)).toBeCloseTo(plotLeft + plotWidth(frame) / 2);
    const out = reveal(v, frame, 0, 100);
    expect(out.scale).toBeLessThan(20);
    expect(toX(out, 0)).toBeGreaterThanOrEqual(plotLeft);
    expect(toX(out, 100)).toBeLessThanOrEqual(plotLeft + plotWidth(frame));
  });

  it('maps the minimap both ways', () => {
    const v = fit(ext, frame);
    expect(viewFraction(v, frame, ext)).toEqual([0, 1]);
    const z = centreOn(zoomAt(v, plotLeft, 4), frame, ext, 0.5);
    const [a, b] = viewFraction(z, frame, ext);
    expect((a + b) / 2).toBeCloseTo(0.5);
    expect(b - a).toBeCloseTo(0.25);
  });
});

describe('lane layout', () => {
  it('groups lanes by clock domain, then hides and collapses', () => {
    const domains = Uint32Array.from([1, 0, 1, 0]);
    const c = defaultChoices(domains);
    expect(c.order).toEqual([1, 3, 0, 2]);
    const l = layoutLanes(c, domains);
    expect(l.rows.map((r) => r.groupStart)).toEqual([false, false, true, false]);
    c.hidden[3] = 1;
    c.collapsed[0] = 1;
    const l2 = layoutLanes(c, domains);
    expect(l2.rows.map((r) => r.process)).toEqual([1, 0, 2]);
    expect([...l2.rowOf]).toEqual([1, 0, 2, -1]);
    expect(l2.rows.map((r) => r.height)).toEqual([LANE_H, COLLAPSED_H, LANE_H]);
    expect(l2.contentHeight).toBe(2 * LANE_H + COLLAPSED_H);
    expect(rowAt(l2, LANE_H + 1)).toBe(1);
    expect(rowAt(l2, LANE_H + COLLAPSED_H + 1)).toBe(2);
    expect(rowAt(l2, 1e6)).toBe(-1);
  });

  it('moves lanes by drag target and by step, stepping over hidden ones', () => {
    expect(moveLane([0, 1, 2, 3], 3, 0)).toEqual([3, 0, 1, 2]);
    expect(moveLane([0, 1, 2, 3], 0, 3)).toEqual([1, 2, 3, 0]);
    const hidden = Uint8Array.from([0, 1, 0, 0]);
    expect(stepLane([0, 1, 2, 3], hidden, 2, -1)).toEqual([2, 1, 0, 3]);
    expect(stepLane([0, 1, 2, 3], hidden, 0, -1)).toEqual([0, 1, 2, 3]);
  });
});

describe('input mapping', () => {
  const wheel = (o: Partial<Parameters<typeof wheelAction>[0]>) =>
    wheelAction({ deltaX: 0, deltaY: 0, deltaMode: 0, ctrlKey: false, metaKey: false, shiftKey: false, ...o });

  it('pinch (ctrl + wheel) zooms, in for negative deltas', () => {
    const a = wheel({ deltaY: -10, ctrlKey: true });
    expect(a.kind).toBe('zoom');
    expect(a.kind === 'zoom' && a.factor).toBeGreaterThan(1);
  });

  it('a mouse wheel notch zooms; a two-finger scroll pans', () => {
    const notch = wheel({ deltaY: 100 });
    expect(notch.kind === 'zoom' && notch.factor).toBeCloseTo(Math.SQRT1_2);
    expect(wheel({ deltaY: 3, deltaMode: 1 }).kind).toBe('zoom');
    expect(wheel({ deltaX: 120 })).toEqual({ kind: 'pan', dx: 120, dy: 0 });
    expect(wheel({ deltaX: 2.5, deltaY: 7.25 })).toEqual({ kind: 'pan', dx: 2.5, dy: 7.25 });
    expect(wheel({ deltaY: 100, shiftKey: true })).toEqual({ kind: 'pan', dx: 100, dy: 0 });
  });

  it('keys', () => {
    expect(keyAction('+')).toEqual({ kind: 'zoom', factor: 2 });
    expect(keyAction('-')).toEqual({ kind: 'zoom', factor: 0.5 });
    expect(keyAction('ArrowLeft')).toEqual({ kind: 'page', fraction: -0.1 });
    expect(keyAction('ArrowRight', true)).toEqual({ kind: 'page', fraction: 0.5 });
    expect(keyAction('Home')).toEqual({ kind: 'home' });
    expect(keyAction('End')).toEqual({ kind: 'end' });
    expect(keyAction('0')).toEqual({ kind: 'fit' });
    expect(keyAction('x')).toBeNull();
  });
});
