/**
 * Event labels beside the dots once the diagram is zoomed in far enough: a
 * single event's mark gets its text (cut with an ellipsis to fit) to its
 * right, just above the lane line, only where the room up to the next mark
 * on the lane is at least `minPx`. Labels of one lane thus never overlap,
 * and a lane's labels stay inside its own row. Texts come from the page's
 * cache (`textOf`); events it does not hold yet are listed in `missing`
 * (up to MAX_MISSING per frame) for the page to fetch.
 */
import { BIN_FIELDS } from './laneBins';
import { fitText, type TextItem } from './scene';

export const LABEL_FONT_PX = 10;
/** Estimated width of a character at LABEL_FONT_PX (no DOM to measure). */
export const LABEL_CHAR_PX = 5.8;
export const MIN_LABEL_PX = 40;
export const MAX_MISSING = 400;

export function laneLabels(
  bins: ArrayLike<number>,
  y: number,
  r: number,
  right: number,
  textOf: (e: number) => string | undefined,
  missing: number[],
  out: TextItem[],
  minPx = MIN_LABEL_PX,
): void {
  for (let b = 0; b < bins.length; b += BIN_FIELDS) {
    if (bins[b + 2] !== 1) continue;
    const x = bins[b]!;
    const next = b + BIN_FIELDS < bins.length ? bins[b + BIN_FIELDS]! - r - 4 : right;
    const left = x + r + 3;
    const room = Math.min(next, right) - left;
    if (room < minPx) continue;
    const e = bins[b + 6]!;
    const text = textOf(e);
    if (text === undefined) {
      if (missing.length < MAX_MISSING) missing.push(e);
      continue;
    }
    if (text === '') continue;
    out.push({ x: left, y: y - r - 6, text: fitText(text.replace(/\s+/g, ' '), room, LABEL_CHAR_PX) });
  }
}
