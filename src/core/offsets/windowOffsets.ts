/**
 * Offsets per time window, so drift (a slope) and steps (a jump) show when
 * the series is plotted.
 *
 * Every timed edge between two domains is placed at its send's corrected
 * time (raw minus the whole-execution correction of the sender's domain, or
 * of its epoch where its clock stepped), so
 * all domains share the reference's timeline. The span of those times is cut
 * into `count` equal windows, or windows of `widthMs` aligned to multiples of
 * it (at most MAX_WINDOWS; wider if needed). Each window's edges alone are
 * solved like the whole execution (solveOffsets). Within a window a domain is
 * reported relative to its whole-execution reference, or as null when that
 * window's edges do not connect it to that reference. A step inside a window
 * can make it contradictory: that window then names its conflicting edges.
 */
import type { Execution } from '../model/execution';
import { hasTime } from '../model/execution';
import { toFloatMs } from '../model/eventTime';
import {
  addEdgeConstraint,
  domainEventCounts,
  emptyConstraints,
  solveOffsets,
  type OffsetResult,
} from './domainOffsets';
import type { DomainOffset } from './domainOffset';
import { eventCorrectionMs } from './domainCorrection';

export const MAX_WINDOWS = 1000;

export interface WindowOptions {
  /** How many equal windows; default one per 4 cross-domain edges, 1..16. */
  count?: number;
  /** Fixed window width in ms instead of a count. */
  widthMs?: number;
}

export interface OffsetWindow {
  /** [startMs, endMs) on the reference timeline, float ms since the epoch. */
  startMs: number;
  endMs: number;
  /** Cross-domain timed edges in the window. */
  edges: number;
  /** Per domain (by index), relative to the whole-execution reference. */
  offsets: DomainOffset[];
  conflictEdges: number[];
}

export function estimateWindowOffsets(
  x: Execution,
  whole: OffsetResult,
  skipEdge?: Uint8Array,
  options: WindowOptions = {},
): OffsetWindow[] {
  const D = x.domainNames.length;
  const minDelay = whole.minDelayMs ?? 0;
  const edges: number[] = [];
  const at: number[] = [];
  for (let k = 0; k < x.edgeCount; k++) {
    if (skipEdge?.[k]) continue;
    const s = x.edgeFrom[k]!;
    const r = x.edgeTo[k]!;
    if (!hasTime(x, s) || !hasTime(x, r)) continue;
    const ds = x.processDomain[x.eventProc[s]!]!;
    if (ds === x.processDomain[x.eventProc[r]!]!) continue;
    edges.push(k);
    at.push(toFloatMs(x.timeMs[s]!, x.timeNs[s]!) - eventCorrectionMs(whole, x, s));
  }
  if (edges.length === 0) return [];
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of at) {
    lo = Math.min(lo, t);
    hi = Math.max(hi, t);
  }
  let width: number;
  let start: number;
  let count: number;
  if (options.widthMs !== undefined && options.widthMs > 0) {
    width = options.widthMs;
    start = Math.floor(lo / width) * width;
    count = Math.floor((hi - start) / width) + 1;
    if (count > MAX_WINDOWS) {
      width *= Math.ceil(count / MAX_WINDOWS);
      start = Math.floor(lo / width) * width;
      count = Math.floor((hi - start) / width) + 1;
    }
  } else {
    count = Math.max(1, Math.min(MAX_WINDOWS, Math.floor(options.count ?? Math.min(16, Math.max(1, Math.floor(edges.length / 4))))));
    start = lo;
    width = hi > lo ? (hi - lo) / count : 1;
  }
  const windowOf = (t: number) => Math.min(count - 1, Math.max(0, Math.floor((t - start) / width)));

  // Counting sort of edges by window.
  const first = new Uint32Array(count + 1);
  for (const t of at) first[windowOf(t) + 1]!++;
  for (let i = 0; i < count; i++) first[i + 1]! += first[i]!;
  const sorted = new Uint32Array(edges.length);
  const cursor = first.slice(0, count);
  edges.forEach((k, i) => (sorted[cursor[windowOf(at[i]!)]!++] = k));

  const counts = domainEventCounts(x, whole);
  const out: OffsetWindow[] = [];
  for (let i = 0; i < count; i++) {
    const c = emptyConstraints(D);
    for (let j = first[i]!; j < first[i + 1]!; j++) addEdgeConstraint(x, c, sorted[j]!, minDelay);
    const r = solveOffsets(x, c, counts, minDelay);
    const offsets = r.offsets.map((o, d): DomainOffset => {
      const ref = whole.offsets[d]!.reference;
      return o.reference === ref ? o : { reference: ref, low: null, high: null, estimate: null };
    });
    const endMs = i === count - 1 ? Math.max(start + width * count, hi) : start + width * (i + 1);
    out.push({ startMs: start + width * i, endMs, edges: first[i + 1]! - first[i]!, offsets, conflictEdges: r.conflictEdges });
  }
  return out;
}

/** One domain's estimates over the windows, for plotting: NaN where there is none. */
export function offsetSeries(windows: OffsetWindow[], domain: number): { midMs: Float64Array; low: Float64Array; high: Float64Array; estimate: Float64Array } {
  const m = windows.length;
  const s = { midMs: new Float64Array(m), low: new Float64Array(m), high: new Float64Array(m), estimate: new Float64Array(m) };
  windows.forEach((w, i) => {
    const o = w.offsets[domain]!;
    s.midMs[i] = (w.startMs + w.endMs) / 2;
    s.low[i] = o.low ?? NaN;
    s.high[i] = o.high ?? NaN;
    s.estimate[i] = o.estimate ?? NaN;
  });
  return s;
}
