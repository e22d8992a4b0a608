/**
 * The view that shows a set of events as well as one screen can: their span
 * fills the plot less a margin on each side (so every one is inside the
 * visible window, and neighbours are as far apart as they can be while all
 * stay in view), zoomed in no further than the axis allows (the zoom limits),
 * centred. A single instant keeps the zoom and is centred. Pure, so Node tests
 * check it; LaneDiagram applies it to focus requests that ask to zoom.
 */
import { plotWidth, type Frame, type Viewport, type ZoomLimits } from './viewport';

/** Room kept between the events and the plot's edges, in pixels. */
export const FOCUS_MARGIN = 48;

export function zoomTo(v: Viewport, f: Frame, limits: ZoomLimits, lo: number, hi: number, marginPx = FOCUS_MARGIN): Viewport {
  const w = plotWidth(f);
  const margin = Math.min(marginPx, w / 4);
  let scale = v.scale;
  if (hi > lo) scale = Math.min(limits.maxScale, (w - 2 * margin) / (hi - lo));
  const mid = (lo + hi) / 2;
  return { start: mid - w / 2 / scale, scale, scrollY: v.scrollY };
}
