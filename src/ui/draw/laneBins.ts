/**
 * The visible events of one lane, reduced to at most one mark per few pixels.
 * Events are visited in axis order inside the visible window only (binary
 * search via laneWindow); neighbours closer than `mergePx` with the same look
 * (highlight class, hollow or not) merge into one bin that remembers its
 * count, so a zoomed-out lane of 100,000 events costs a few hundred marks.
 * Folded runs of local events become one glyph each, and glyphs that touch
 * merge too. Output is flat number arrays, not objects: this runs per frame.
 *
 * On the logical axis with nothing selected, marked or folded, every event of
 * a lane looks the same and positions rise along its order, so whether the
 * next event joins the open bin only turns from yes to no once: the bin's
 * last event is found by galloping (the same test, on fewer events). Zoomed
 * out on a million events that was most of a first frame's binning.
 */
import type { LaneData } from '../../core/view/laneData';
import { eventAt, laneWindow, type AxisPositions } from '../../core/view/axisPositions';
import type { FoldRuns } from './foldRuns';
import type { Viewport } from './viewport';
import { plotLeft } from './viewport';

/** Highlight classes of an event. */
export const CLS_PLAIN = 0;
export const CLS_PAST = 1;
export const CLS_FUTURE = 2;
export const CLS_CONCURRENT = 3;

/** Fields per bin in LaneBins.bins. */
export const BIN_FIELDS = 7;
/** Fields per glyph in LaneBins.folds. */
export const FOLD_FIELDS = 6;

export interface LaneBins {
  /** x0, x1, count, cls, hollow (0/1), marked count, first event; per bin. */
  bins: number[];
  /** x0, x1, events, cls, marked count, first event; per folded glyph. */
  folds: number[];
  /** Events inside the window (the work done, for the perf hook). */
  visited: number;
}

export interface LaneBinInput {
  lanes: LaneData;
  axis: AxisPositions;
  process: number;
  /** Visible axis window. */
  lo: number;
  hi: number;
  view: Viewport;
  mergePx: number;
  /** Per-lane highlight: causal past prefix and first future sequence (0: none); null for no highlight. */
  past: number | null;
  future: number;
  folds: FoldRuns | null;
  /** Per run: min and max position (runExtent), for the current axis. */
  foldLo: Float64Array | null;
  foldHi: Float64Array | null;
  marked: Uint8Array | null;
}

export function binLane(input: LaneBinInput): LaneBins {
  const { lanes: d, axis: a, process: p, view, mergePx, past, future, folds, foldLo, foldHi, marked } = input;
  const out: LaneBins = { bins: [], folds: [], visited: 0 };
  const [from, to] = laneWindow(a, d, p, input.lo, input.hi);
  const bins = out.bins;
  const glyphs = out.folds;
  const start = d.procStart[p]!;
  const pos = a.pos;
  const runOf = folds?.runOf ?? null;
  const seen = a.laneSorted[p] && folds ? new Set<number>() : null;
  let lastRun = -1;
  // The open bin, kept in locals and flushed when the next event does not join it.
  let open = false;
  let bx0 = 0;
  let bx1 = 0;
  let bCount = 0;
  let bCls = 0;
  let bHollow = 0;
  let bMarked = 0;
  let bFirst = 0;
  const flush = () => {
    if (open) bins.push(bx0, bx1, bCount, bCls, bHollow, bMarked, bFirst);
    open = false;
  };
  const classOf = (e: number) => {
    if (past === null) return CLS_PLAIN;
    const seq = e - start + 1;
    return seq <= past ? CLS_PAST : future > 0 && seq >= future ? CLS_FUTURE : CLS_CONCURRENT;
  };
  // Every event alike and positions rising along the lane's order (see atop): bins end where the test first fails.
  const alike = a.mode === 'logical' && past === null && !marked && !runOf;
  for (let i = from; i < to; i++) {
    const e = eventAt(a, p, i);
    out.visited++;
    const k = runOf ? runOf[e]! : -1;
    if (k >= 0) {
      if (k === lastRun || seen?.has(k)) continue;
      lastRun = k;
      seen?.add(k);
      const x0 = plotLeft + (foldLo![k]! - view.start) * view.scale;
      const x1 = plotLeft + (foldHi![k]! - view.start) * view.scale;
      const n = folds!.last[k]! - folds!.first[k]! + 1;
      let m = 0;
      if (marked) for (let f = folds!.first[k]!; f <= folds!.last[k]!; f++) m += marked[f]!;
      const g = glyphs.length - FOLD_FIELDS;
      // Glyphs that touch at this zoom become one, so their count stays readable.
      if (g >= 0 && x0 <= glyphs[g + 1]! + mergePx) {
        glyphs[g + 1] = Math.max(glyphs[g + 1]!, x1);
        glyphs[g + 2] = glyphs[g + 2]! + n;
        glyphs[g + 4] = glyphs[g + 4]! + m;
      } else {
        glyphs.push(x0, x1, n, classOf(folds!.first[k]!), m, folds!.first[k]!);
      }
      continue;
    }
    const x = plotLeft + (pos[e]! - view.start) * view.scale;
    const cls = classOf(e);
    const hollow = a.untimed[e]!;
    const mk = marked ? marked[e]! : 0;
    if (open && cls === bCls && hollow === bHollow && x - bx0 <= mergePx) {
      if (x > bx1) bx1 = x;
      bCount++;
      bMarked += mk;
      continue;
    }
    flush();
    open = true;
    bx0 = x;
    bx1 = x;
    bCount = 1;
    bCls = cls;
    bHollow = hollow;
    bMarked = mk;
    bFirst = e;
    if (alike) {
      const last = lastJoining(a, p, i, to, view, bx0, mergePx);
      if (last > i) {
        const xl = plotLeft + (pos[eventAt(a, p, last)]! - view.start) * view.scale;
        if (xl > bx1) bx1 = xl;
        bCount += last - i;
        out.visited += last - i;
        i = last;
      }
    }
  }
  flush();
  return out;
}

/**
 * The last index in [i, to) of lane p's order whose event joins a bin opened at x = bx0 (i
 * itself when none after it does), by galloping then halving. Only for positions that never
 * fall along the order: then the test binLane applies event by event holds for a prefix.
 */
function lastJoining(a: AxisPositions, p: number, i: number, to: number, view: Viewport, bx0: number, mergePx: number): number {
  const pos = a.pos;
  const joins = (j: number) => plotLeft + (pos[eventAt(a, p, j)]! - view.start) * view.scale - bx0 <= mergePx;
  let ok = i;
  let step = 1;
  let probe = i + 1;
  while (probe < to && joins(probe)) {
    ok = probe;
    step *= 2;
    probe = i + step;
  }
  // ok joins; `probe` does not (or is past the end): the last one joining lies in [ok, probe).
  let hi = Math.min(probe, to);
  while (hi - ok > 1) {
    const mid = (ok + hi) >>> 1;
    if (joins(mid)) ok = mid;
    else hi = mid;
  }
  return ok;
}
