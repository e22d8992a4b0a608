/**
 * A frame of the diagram as a display list: batches of same-styled
 * primitives in paint order. The canvas painter and the SVG writer both
 * consume it, so an export shows exactly what the screen shows, and tests
 * can check a frame without a canvas. Coordinates are CSS pixels.
 */
import { showBidi } from '../../core/base/visibleControls';

export interface LineBatch {
  kind: 'lines';
  stroke: string;
  width: number;
  alpha: number;
  dash: number[] | null;
  /**
   * Drawn one device pixel wide whatever `width` says: many long lines wider
   * than a device pixel take a software rasterizer's slow path (seconds for
   * 100 k lines at width 2); hairlines take its fast one.
   */
  hairline?: boolean;
  /** x1, y1, x2, y2 per segment. */
  data: ArrayLike<number>;
}

export interface CircleBatch {
  kind: 'circles';
  fill: string | null;
  stroke: string | null;
  width: number;
  alpha: number;
  /** x, y, r per circle. */
  data: ArrayLike<number>;
}

export interface RectBatch {
  kind: 'rects';
  fill: string | null;
  stroke: string | null;
  width: number;
  alpha: number;
  /** Corner radius; capsules use half the height. */
  radius: number;
  dash: number[] | null;
  /** x, y, w, h per rectangle. */
  data: ArrayLike<number>;
}

export interface TriangleBatch {
  kind: 'triangles';
  fill: string;
  alpha: number;
  /** Three points per triangle. */
  data: number[];
}

export interface TextItem {
  x: number;
  y: number;
  text: string;
}

export interface TextBatch {
  kind: 'texts';
  fill: string;
  /** CSS font size in px and weight. */
  size: number;
  weight: 400 | 600;
  align: 'left' | 'center' | 'right';
  items: TextItem[];
}

export type Batch = LineBatch | CircleBatch | RectBatch | TriangleBatch | TextBatch;

export interface Scene {
  width: number;
  height: number;
  background: string;
  batches: Batch[];
  /** Work done, for the perf hook: events inside the window, marks and segments drawn. */
  stats: {
    events: number;
    marks: number;
    edges: number;
    edgeSample: number;
    /** Event labels drawn, and the events whose label text the page has yet to fetch (eventLabels.ts). */
    labels?: number;
    missingLabels?: number[];
  };
}

export const FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", sans-serif';

/** Text cut with an ellipsis to about `maxPx` wide, by a per-character estimate (no DOM to measure), its bidi controls shown. */
export function fitText(raw: string, maxPx: number, pxPerChar: number): string {
  // Names come from logs: bidi controls are shown, not obeyed (visibleControls.ts).
  const text = showBidi(raw);
  const chars = [...text];
  const max = Math.max(1, Math.floor(maxPx / pxPerChar));
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

