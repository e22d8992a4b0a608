/**
 * The visible window of the diagram as plain numbers: which axis unit sits at
 * the plot's left edge, how many pixels one unit spans, and how far the lanes
 * are scrolled vertically. Pan, zoom about a point, fit and clamping are pure
 * functions of it, so mouse, trackpad, keyboard, minimap and `focus` requests
 * all move the view the same way, and Node tests can check them.
 */
export const LABEL_W = 160;
/** Room between the label column and the first event, and after the last. */
export const PAD = 24;
export const AXIS_H = 28;

export interface Viewport {
  /** Axis units at x = plotLeft. */
  start: number;
  /** Pixels per axis unit. */
  scale: number;
  /** Lane content scrolled up by this many pixels. */
  scrollY: number;
}

export interface Frame {
  /** Canvas CSS width and height. */
  width: number;
  height: number;
}

export const plotLeft = LABEL_W + PAD;
export function plotWidth(f: Frame): number {
  return Math.max(1, f.width - plotLeft - PAD);
}

export function toX(v: Viewport, u: number): number {
  return plotLeft + (u - v.start) * v.scale;
}

export function toUnit(v: Viewport, x: number): number {
  return v.start + (x - plotLeft) / v.scale;
}

/** Axis units visible between the label column and the right edge, widened by `marginPx`. */
export function visibleUnits(v: Viewport, f: Frame, marginPx: number): [number, number] {
  return [toUnit(v, LABEL_W - marginPx), toUnit(v, f.width + marginPx)];
}

export interface Extent {
  min: number;
  max: number;
}

/** Limits on zoom: out to a quarter of the fit, in until `minSpan` units fill the plot. */
export interface ZoomLimits {
  minScale: number;
  maxScale: number;
}

export function zoomLimits(ext: Extent, f: Frame, minSpan: number): ZoomLimits {
  const fit = fitScale(ext, f);
  return { minScale: fit / 4, maxScale: Math.max(fit, plotWidth(f) / minSpan) };
}

function fitScale(ext: Extent, f: Frame): number {
  const span = ext.max - ext.min;
  return span > 0 ? plotWidth(f) / span : plotWidth(f) / 2;
}

/** The whole extent in view. */
export function fit(ext: Extent, f: Frame, scrollY = 0): Viewport {
  const span = ext.max - ext.min;
  const scale = fitScale(ext, f);
  // A single instant is centred rather than pinned to the left edge.
  const start = span > 0 ? ext.min : ext.min - 1;
  return { start, scale, scrollY };
}

/** Keeps at least part of the execution on screen, and the scroll inside the lanes. */
export function clamp(v: Viewport, ext: Extent, f: Frame, limits: ZoomLimits, contentHeight: number): Viewport {
  const scale = Math.min(limits.maxScale, Math.max(limits.minScale, v.scale));
  const visible = plotWidth(f) / scale;
  const span = ext.max - ext.min;
  let start = v.start;
  if (span <= visible) {
    // Zoomed out past the whole execution: it may slide, but stays entirely on screen.
    start = Math.max(ext.max - visible, Math.min(ext.min, start));
  } else {
    // Half a screen of overscroll at either end, so the first and last events can be centred.
    const slack = visible / 2;
    start = Math.max(ext.min - slack, Math.min(ext.max - visible + slack, start));
  }
  const lanesH = Math.max(0, f.height - AXIS_H);
  const scrollY = Math.max(0, Math.min(Math.max(0, contentHeight - lanesH), v.scrollY));
  return { start, scale, scrollY };
}

/** Zoom by `factor` (>1 in) keeping the unit under x where it is. */
export function zoomAt(v: Viewport, x: number, factor: number): Viewport {
  const u = toUnit(v, x);
  const scale = v.scale * factor;
  return { start: u - (x - plotLeft) / scale, scale, scrollY: v.scrollY };
}

export function panBy(v: Viewport, dxPx: number, dyPx = 0): Viewport {
  return { start: v.start + dxPx / v.scale, scale: v.scale, scrollY: v.scrollY + dyPx };
}

/**
 * The smallest change that shows [lo, hi] with a margin: unchanged when it is
 * already in view, panned when it fits at this zoom, zoomed out when not.
 */
export function reveal(v: Viewport, f: Frame, lo: number, hi: number, marginPx = 40): Viewport {
  const w = plotWidth(f);
  const margin = Math.min(marginPx, w / 4);
  const need = (hi - lo) * v.scale;
  let scale = v.scale;
  if (need > w - 2 * margin) scale = (w - 2 * margin) / Math.max(hi - lo, 1e-9);
  const left = toX({ ...v, scale }, lo);
  const right = toX({ ...v, scale }, hi);
  if (scale === v.scale && left >= plotLeft + margin && right <= plotLeft + w - margin) return v;
  // Centre the range.
  const mid = (lo + hi) / 2;
  return { start: mid - w / 2 / scale, scale, scrollY: v.scrollY };
}
