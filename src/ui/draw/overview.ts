/**
 * The minimap: the whole execution squeezed into a strip, one band per shown
 * lane and a count of events per column, computed once per axis and layout
 * (not per frame), plus the conversions between the strip's pixels and the
 * main view, so clicking or dragging the strip moves the viewport.
 */
import type { LaneData } from '../../core/view/laneData';
import { eventAt, laneWindow, type AxisPositions } from '../../core/view/axisPositions';
import type { LaneLayout } from './laneLayout';
import { plotWidth, type Extent, type Frame, type Viewport } from './viewport';

export interface Density {
  rows: number;
  cols: number;
  /** rows × cols, row-major. */
  counts: Uint32Array;
  max: number;
}

export function overviewDensity(d: LaneData, a: AxisPositions, layout: LaneLayout, cols: number): Density {
  const rows = layout.rows.length;
  const c = Math.max(1, Math.floor(cols));
  const counts = new Uint32Array(rows * c);
  const span = a.max - a.min || 1;
  const { pos, min } = a;
  // An event's column only grows with its position, and positions never fall along a lane's
  // axis order (laneWindow, eventAt): so each column's events are a run of that order, its end
  // found by galloping from the last one's. A few probes per column, not a visit per event,
  // in code that runs once, mostly before V8 optimizes it.
  const colOf = (e: number) => Math.min(c - 1, Math.max(0, Math.floor(((pos[e]! - min) / span) * c)));
  let max = 0;
  for (let i = 0; i < rows; i++) {
    const p = layout.rows[i]!.process;
    const [from, to] = laneWindow(a, d, p, -Infinity, Infinity);
    const row = i * c;
    let at = from;
    while (at < to) {
      const col = colOf(eventAt(a, p, at));
      // The run of `col`: [at, end), end the first index past `at` in a later column.
      let ok = at;
      let step = 1;
      let probe = at + 1;
      while (probe < to && colOf(eventAt(a, p, probe)) === col) {
        ok = probe;
        step *= 2;
        probe = at + step;
      }
      let hi = Math.min(probe, to);
      while (hi - ok > 1) {
        const mid = (ok + hi) >>> 1;
        if (colOf(eventAt(a, p, mid)) === col) ok = mid;
        else hi = mid;
      }
      const v = (counts[row + col]! += ok + 1 - at);
      if (v > max) max = v;
      at = ok + 1;
    }
  }
  return { rows, cols: c, counts, max };
}

/** The main view's window [from, to) as a fraction of the extent (may exceed 0..1). */
export function viewFraction(v: Viewport, f: Frame, ext: Extent): [number, number] {
  const span = ext.max - ext.min || 1;
  const from = (v.start - ext.min) / span;
  return [from, from + plotWidth(f) / v.scale / span];
}

/** The viewport with its window centred on fraction `at` of the extent. */
export function centreOn(v: Viewport, f: Frame, ext: Extent, at: number): Viewport {
  const span = ext.max - ext.min || 1;
  const visible = plotWidth(f) / v.scale;
  return { ...v, start: ext.min + at * span - visible / 2 };
}
