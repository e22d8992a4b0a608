/**
 * Which messages can cross a window of the axis, without visiting them all.
 * Most messages are short; a few (retries, skewed clocks, slow replies) span
 * much of the run. So the index splits them: short messages (span at most
 * `shortSpan`, the 99th percentile) sorted by their start, so the ones that
 * can meet [from, to] are a contiguous run found by binary search over
 * [from − shortSpan, to]; and the long ones, at most about 1 %, listed apart
 * and always checked. Built once per axis (positions change only with the
 * axis mode or the data) and cached on the positions array.
 */
export interface EdgeSpanIndex {
  /** Short edges by ascending start position. */
  order: Uint32Array;
  /** Their start positions, ascending (parallel to order). */
  starts: Float64Array;
  shortSpan: number;
  /** Edges longer than shortSpan. */
  long: Uint32Array;
}

const cache = new WeakMap<Float64Array, { from: Uint32Array; index: EdgeSpanIndex }>();

export function edgeSpanIndex(pos: Float64Array, edgeFrom: Uint32Array, edgeTo: Uint32Array): EdgeSpanIndex {
  const hit = cache.get(pos);
  if (hit && hit.from === edgeFrom) return hit.index;
  const m = edgeFrom.length;
  const start = new Float64Array(m);
  const span = new Float64Array(m);
  for (let k = 0; k < m; k++) {
    const a = pos[edgeFrom[k]!]!;
    const b = pos[edgeTo[k]!]!;
    start[k] = Math.min(a, b);
    span[k] = Math.abs(a - b);
  }
  const sortedSpans = span.slice().sort();
  const shortSpan = m === 0 ? 0 : sortedSpans[Math.min(m - 1, Math.floor(m * 0.99))]!;
  const shortEdges: number[] = [];
  const longEdges: number[] = [];
  for (let k = 0; k < m; k++) (span[k]! <= shortSpan ? shortEdges : longEdges).push(k);
  const order = Uint32Array.from(shortEdges).sort((a, b) => start[a]! - start[b]! || a - b);
  const starts = Float64Array.from(order, (k) => start[k]!);
  const index = { order, starts, shortSpan, long: Uint32Array.from(longEdges) };
  cache.set(pos, { from: edgeFrom, index });
  return index;
}

/** The edges that may meet [from, to]: a superset, to be checked exactly by the caller. */
export function candidateEdges(idx: EdgeSpanIndex, from: number, to: number, out: { buf: Uint32Array }): number {
  const lo = lowerBound(idx.starts, from - idx.shortSpan);
  const hi = upperBound(idx.starts, to);
  const n = Math.max(0, hi - lo) + idx.long.length;
  if (out.buf.length < n) out.buf = new Uint32Array(Math.max(n, out.buf.length * 2));
  out.buf.set(idx.order.subarray(lo, Math.max(lo, hi)), 0);
  out.buf.set(idx.long, Math.max(0, hi - lo));
  return n;
}

function lowerBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(a: Float64Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! <= v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
