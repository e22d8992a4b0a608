/**
 * The span of axis units a focus request zooms to (zoomTo.ts). Events at
 * different places span themselves. Events all at one place (a search hit, a
 * log row, a one-event difference) span nothing, and zoomTo alone would only
 * centre them at the zoom they were found at: in a run of thousands of
 * events seen whole, that leaves the hit one dot among its neighbours. So an
 * instant is given its context: the CONTEXT events before and after it on its
 * own lane (program order), which says where it sits in its process; zoomed
 * in no further than that, and never out (`instant`: the caller keeps a
 * closer zoom the user already had).
 */

/** Events of its own lane shown on each side of a lone event. */
export const CONTEXT = 4;

export interface FocusSpan {
  lo: number;
  hi: number;
  /** The events themselves were at one place, `at`; lo..hi is their lanes' context around it. */
  instant: boolean;
  at: number;
}

/**
 * `pos`: each event's place on the axis (NaN or missing: not drawn there); `procStart`: each
 * process's first event (length processes + 1), `eventProc` each event's process. Null when no
 * event has a place.
 */
export function focusSpan(events: readonly number[], pos: ArrayLike<number>, eventProc: ArrayLike<number>, procStart: ArrayLike<number>): FocusSpan | null {
  let lo = Infinity;
  let hi = -Infinity;
  for (const e of events) {
    const u = pos[e];
    if (u === undefined || !Number.isFinite(u)) continue;
    lo = Math.min(lo, u);
    hi = Math.max(hi, u);
  }
  if (!Number.isFinite(lo)) return null;
  if (hi > lo) return { lo, hi, instant: false, at: (lo + hi) / 2 };
  let clo = lo;
  let chi = hi;
  for (const e of events) {
    const p = eventProc[e];
    if (p === undefined || pos[e] !== lo) continue;
    const first = procStart[p]!;
    const end = procStart[p + 1]!;
    for (let k = Math.max(first, e - CONTEXT); k < Math.min(end, e + CONTEXT + 1); k++) {
      const u = pos[k];
      if (u === undefined || !Number.isFinite(u)) continue;
      clo = Math.min(clo, u);
      chi = Math.max(chi, u);
    }
  }
  return { lo: clo, hi: chi, instant: true, at: lo };
}
