/**
 * Messages to or from hidden lanes are not dropped silently: the visible end
 * gets a short stub arrow pointing towards where the hidden lane sits in the
 * order (up or down) — away from the dot for a send, into it for a receive —
 * and the lane's label shows how many of its messages go to hidden lanes.
 * Stubs are merged per pixel column, lane and direction, so zoomed out they
 * cost no more than the messages' columns.
 */
import type { LaneData } from '../../core/view/laneData';
import type { AxisPositions } from '../../core/view/axisPositions';
import type { LaneLayout } from './laneLayout';
import { toX, type Viewport } from './viewport';

export const MAX_STUBS = 4000;
const DX = 10;
const DY = 14;

/** Per process: how many of its messages have their other end on a hidden lane (0 for hidden lanes). */
export function hiddenEndCounts(d: LaneData, layout: LaneLayout): Uint32Array {
  const out = new Uint32Array(d.processNames.length);
  const rowOf = layout.rowOf;
  for (let k = 0; k < d.edgeFrom.length; k++) {
    const a = d.eventProc[d.edgeFrom[k]!]!;
    const b = d.eventProc[d.edgeTo[k]!]!;
    if (a === b) continue;
    const va = rowOf[a]! >= 0;
    const vb = rowOf[b]! >= 0;
    if (va && !vb) out[a]!++;
    else if (vb && !va) out[b]!++;
  }
  return out;
}

export interface StubMarks {
  /** x1, y1, x2, y2 per stub. */
  lines: number[];
  /** Three points per arrow head. */
  heads: number[];
}

/**
 * Stub geometry for messages `edges` (each with exactly one end on a shown lane);
 * `orderIndex[p]`: p's place in the full lane order, hidden lanes included.
 */
export function stubMarks(edges: readonly number[], d: LaneData, axis: AxisPositions, layout: LaneLayout, rowY: Float64Array, view: Viewport, r: number, orderIndex: Int32Array): StubMarks {
  const lines: number[] = [];
  const heads: number[] = [];
  const seen = new Set<number>();
  const head = 5;
  for (const k of edges) {
    const from = d.edgeFrom[k]!;
    const to = d.edgeTo[k]!;
    const pa = d.eventProc[from]!;
    const pb = d.eventProc[to]!;
    const sending = layout.rowOf[pa]! >= 0;
    const shown = sending ? pa : pb;
    const hidden = sending ? pb : pa;
    const row = layout.rowOf[shown]!;
    if (row < 0 || layout.rowOf[hidden]! >= 0) continue;
    const x = toX(view, axis.pos[sending ? from : to]!);
    const y = rowY[row]!;
    const up = orderIndex[hidden]! < orderIndex[shown]! ? -1 : 1;
    const key = ((Math.round(x) * 4096 + row) * 2 + (up > 0 ? 1 : 0)) * 2 + (sending ? 1 : 0);
    if (seen.has(key)) continue;
    seen.add(key);
    const len = Math.hypot(DX, DY);
    const ux = DX / len;
    const uy = (up * DY) / len;
    if (sending) {
      // From the dot's rim outwards, the head at the far end.
      const [sx, sy, ex, ey] = [x + ux * r, y + uy * r, x + DX, y + up * DY];
      lines.push(sx, sy, ex, ey);
      heads.push(ex, ey, ex - ux * head - uy * head * 0.5, ey - uy * head + ux * head * 0.5, ex - ux * head + uy * head * 0.5, ey - uy * head - ux * head * 0.5);
    } else {
      // From outside into the dot's rim, the head at the dot.
      const [sx, sy] = [x - DX, y + up * DY];
      const vx = ux;
      const vy = -uy;
      const [ex, ey] = [x - vx * (r + 1), y - vy * (r + 1)];
      lines.push(sx, sy, ex, ey);
      heads.push(ex, ey, ex - vx * head - vy * head * 0.5, ey - vy * head + vx * head * 0.5, ex - vx * head + vy * head * 0.5, ey - vy * head - vx * head * 0.5);
    }
  }
  return { lines, heads };
}

/** A short count for the label column: 7, 950, 12k. */
export function shortCount(n: number): string {
  return n < 10_000 ? String(n) : `${Math.round(n / 1000)}k`;
}
