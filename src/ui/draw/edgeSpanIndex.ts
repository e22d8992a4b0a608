/**
 * Which messages can cross a window of the axis, without visiting them all.
 * Most messages are short; a few (retries, skewed clocks, slow replies) span
 * much of the run. So the index splits them: short messages (span at most
 * `shortSpan`, the 99th percentile) sorted by their start, so the ones that
 * can meet [from, to] are a contiguous run found by binary search over
 * [from − shortSpan, to]; and the long ones, at most about 1 %, kept after
 * them and always checked. Each entry carries its ends' positions and
 * processes, so a frame reads memory in order instead of jumping around the
 * event columns. Built once per axis (positions change only with the axis
 * mode or the data) and cached on the positions array.
 */
export interface EdgeSpanIndex {
  /** Entries: short edges by ascending start position, then the long ones. */
  edge: Uint32Array;
  posFrom: Float64Array;
  posTo: Float64Array;
  procFrom: Uint32Array;
  procTo: Uint32Array;
  /** How many entries are short; their start positions, ascending. */
  shortCount: number;
  starts: Float64Array;
  shortSpan: number;
}

const cache = new WeakMap<Float64Array, { from: Uint32Array; index: EdgeSpanIndex }>();

export function edgeSpanIndex(pos: Float64Array, edgeFrom: Uint32Array, edgeTo: Uint32Array, eventProc: Uint32Array): EdgeSpanIndex {
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
  const shorts = Uint32Array.from(shortEdges).sort((a, b) => start[a]! - start[b]! || a - b);
  const edge = new Uint32Array(m);
  edge.set(shorts);
  edge.set(longEdges, shorts.length);
  const index: EdgeSpanIndex = {
    edge,
    posFrom: Float64Array.from(edge, (k) => pos[edgeFrom[k]!]!),
    posTo: Float64Array.from(edge, (k) => pos[edgeTo[k]!]!),
    procFrom: Uint32Array.from(edge, (k) => eventProc[edgeFrom[k]!]!),
    procTo: Uint32Array.from(edge, (k) => eventProc[edgeTo[k]!]!),
    shortCount: shorts.length,
    starts: Float64Array.from(shorts, (k) => start[k]!),
    shortSpan,
  };
  cache.set(pos, { from: edgeFrom, index });
  return index;
}

/**
 * The entries that may meet [from, to], a superset for the caller to check:
 * entries [lo, hi) of the short ones, and all long ones [shortCount, length).
 */
export function shortRange(idx: EdgeSpanIndex, from: number, to: number): [number, number] {
  const lo = lowerBound(idx.starts, from - idx.shortSpan);
  return [lo, Math.max(lo, upperBound(idx.starts, to))];
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
