/**
 * How tall the diagram and its lanes are: the lanes use the free height of
 * the window (below the diagram's top, less room for the legend under it),
 * growing up to MAX_LANE_H each when there are few, and the diagram scrolls
 * when there are more than fit at LANE_H.
 */
import { COLLAPSED_H, LANE_H } from './laneLayout';
import { AXIS_H } from './viewport';

export const MAX_LANE_H = 200;
/** The diagram is never shorter than this, however little of the window is left. */
export const MIN_DIAGRAM_H = 220;
/** Room kept under the canvas for the legend. */
export const LEGEND_ROOM = 56;

/** The free height for the canvas: the window below its top, less the legend's room. */
export function freeHeight(windowH: number, topInPage: number): number {
  return Math.max(MIN_DIAGRAM_H, Math.floor(windowH - topInPage - LEGEND_ROOM));
}

/** Height of a full (not collapsed) lane so `full` and `collapsed` lanes fill `free` px. */
export function fittedLaneHeight(free: number, full: number, collapsed: number): number {
  if (full === 0) return LANE_H;
  const room = free - AXIS_H - 8 - collapsed * COLLAPSED_H;
  return Math.max(LANE_H, Math.min(MAX_LANE_H, Math.floor(room / full)));
}

/** The canvas height: the lanes' content, within the free height. */
export function diagramHeight(free: number, contentHeight: number): number {
  return Math.max(Math.min(MIN_DIAGRAM_H, AXIS_H + contentHeight + 8), Math.min(free, AXIS_H + contentHeight + 8));
}
