/**
 * What is under a point of the diagram: a lane's label, an event, a folded
 * run, or nothing. Events are searched only in the window of `tolerancePx`
 * around the point on the lane under it (binary search), so hovering costs
 * the same at 100 events or 100,000.
 */
import type { LaneData } from '../../core/view/laneData';
import { eventAt, laneWindow, type AxisPositions } from '../../core/view/axisPositions';
import type { FoldRuns } from './foldRuns';
import { rowAt, type LaneLayout } from './laneLayout';
import { AXIS_H, LABEL_W, toUnit, toX, type Viewport } from './viewport';

export type Hit =
  | { kind: 'label'; process: number; row: number }
  | { kind: 'event'; event: number; process: number }
  | { kind: 'fold'; run: number; event: number; count: number; process: number }
  | null;

export function hitTest(
  d: LaneData,
  a: AxisPositions,
  layout: LaneLayout,
  view: Viewport,
  folds: FoldRuns | null,
  x: number,
  y: number,
  tolerancePx: number,
): Hit {
  if (y < AXIS_H) return null;
  const row = rowAt(layout, y - AXIS_H + view.scrollY);
  if (row < 0) return null;
  const p = layout.rows[row]!.process;
  if (x < LABEL_W) return { kind: 'label', process: p, row };
  const [from, to] = laneWindow(a, d, p, toUnit(view, x - tolerancePx), toUnit(view, x + tolerancePx));
  let best = -1;
  let bestDist = Infinity;
  for (let i = from; i < to; i++) {
    const e = eventAt(a, p, i);
    const dist = Math.abs(toX(view, a.pos[e]!) - x);
    if (dist < bestDist) {
      bestDist = dist;
      best = e;
    }
  }
  if (best < 0) return null;
  const k = folds ? folds.runOf[best]! : -1;
  if (k >= 0) return { kind: 'fold', run: k, event: folds!.first[k]!, count: folds!.last[k]! - folds!.first[k]! + 1, process: p };
  return { kind: 'event', event: best, process: p };
}
