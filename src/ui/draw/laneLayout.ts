/**
 * Which lanes are shown, in what order and how tall: the user's choices
 * (order, hidden, collapsed) turned into rows with a top and a height. Lanes
 * start in the order where messages cross the fewest lanes
 * (core/view/laneOrder.ts: clock domains kept together unless splitting them
 * crosses fewer); the user may reorder freely after that. A collapsed lane is a thin strip.
 * `rowOf` maps a process back to its row (-1 when hidden) for edges and
 * hit testing.
 */
export const LANE_H = 40;
export const COLLAPSED_H = 12;

export interface LaneChoices {
  /** Process indices, top to bottom. */
  order: number[];
  hidden: Uint8Array;
  collapsed: Uint8Array;
}

export interface LaneRow {
  process: number;
  /** Content y of the row's top (0 = just under the axis), before vertical scroll. */
  top: number;
  height: number;
  collapsed: boolean;
  /** The domain changes between the row above and this one. */
  groupStart: boolean;
}

export interface LaneLayout {
  rows: LaneRow[];
  /** Per process: its row index, -1 when hidden. */
  rowOf: Int32Array;
  contentHeight: number;
}

/** Grouped by domain in order of the domain index, then by process index. */
export function defaultChoices(processDomain: Uint32Array): LaneChoices {
  const P = processDomain.length;
  const order = Array.from({ length: P }, (_, p) => p).sort((a, b) => processDomain[a]! - processDomain[b]! || a - b);
  return { order, hidden: new Uint8Array(P), collapsed: new Uint8Array(P) };
}

/** `laneH`: a full lane's height (laneHeights.ts stretches lanes into the window's free height). */
export function layoutLanes(choices: LaneChoices, processDomain: Uint32Array, laneH = LANE_H): LaneLayout {
  const rowOf = new Int32Array(processDomain.length).fill(-1);
  const rows: LaneRow[] = [];
  let top = 0;
  let prevDomain = -1;
  for (const p of choices.order) {
    if (choices.hidden[p]) continue;
    const collapsed = choices.collapsed[p] === 1;
    const height = collapsed ? COLLAPSED_H : laneH;
    const domain = processDomain[p]!;
    rowOf[p] = rows.length;
    rows.push({ process: p, top, height, collapsed, groupStart: rows.length > 0 && domain !== prevDomain });
    prevDomain = domain;
    top += height;
  }
  return { rows, rowOf, contentHeight: top };
}

/** Row centre in content coordinates. */
export function rowCentre(r: LaneRow): number {
  return r.top + r.height / 2;
}

/** The row at content y, or -1. Rows are sorted by top: binary search. */
export function rowAt(layout: LaneLayout, y: number): number {
  const rows = layout.rows;
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const r = rows[mid]!;
    if (y < r.top) hi = mid - 1;
    else if (y >= r.top + r.height) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** A new order with process p moved to index `to` among the other lanes. */
export function moveLane(order: readonly number[], p: number, to: number): number[] {
  const rest = order.filter((q) => q !== p);
  const at = Math.max(0, Math.min(rest.length, to));
  return [...rest.slice(0, at), p, ...rest.slice(at)];
}

/** Moves p one step up (-1) or down (+1) among the shown lanes, skipping hidden ones. */
export function stepLane(order: readonly number[], hidden: Uint8Array, p: number, dir: -1 | 1): number[] {
  const i = order.indexOf(p);
  if (i < 0) return [...order];
  let j = i + dir;
  while (j >= 0 && j < order.length && hidden[order[j]!]) j += dir;
  if (j < 0 || j >= order.length) return [...order];
  const next = [...order];
  next[i] = order[j]!;
  next[j] = p;
  return next;
}
