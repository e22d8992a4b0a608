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

import { sortIndexByKey } from '../base/sortIndexByKey';

const cache = new WeakMap<Float64Array, { from: Uint32Array; index: EdgeSpanIndex }>();

/** Registers an index made elsewhere (the worker) for these positions and edges, so edgeSpanIndex returns it. */
export function primeEdgeSpanIndex(pos: Float64Array, edgeFrom: Uint32Array, index: EdgeSpanIndex): void {
  cache.set(pos, { from: edgeFrom, index });
}

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
  const shortSpan = m === 0 ? 0 : kthSmallest(span.slice(), Math.min(m - 1, Math.floor(m * 0.99)));
  let shortN = 0;
  for (let k = 0; k < m; k++) if (span[k]! <= shortSpan) shortN++;
  const shortEdges = new Uint32Array(shortN);
  const edge = new Uint32Array(m);
  let s = 0;
  let l = shortN;
  for (let k = 0; k < m; k++) {
    if (span[k]! <= shortSpan) shortEdges[s++] = k;
    else edge[l++] = k;
  }
  // Ties by edge index: the input is ascending and the sort is stable.
  edge.set(sortIndexByKey(start, shortEdges));
  const posFrom = new Float64Array(m);
  const posTo = new Float64Array(m);
  const procFrom = new Uint32Array(m);
  const procTo = new Uint32Array(m);
  const starts = new Float64Array(shortN);
  for (let i = 0; i < m; i++) {
    const k = edge[i]!;
    const a = edgeFrom[k]!;
    const b = edgeTo[k]!;
    posFrom[i] = pos[a]!;
    posTo[i] = pos[b]!;
    procFrom[i] = eventProc[a]!;
    procTo[i] = eventProc[b]!;
    if (i < shortN) starts[i] = start[k]!;
  }
  const index: EdgeSpanIndex = { edge, posFrom, posTo, procFrom, procTo, shortCount: shortN, starts, shortSpan };
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

/** The k-th smallest value (0-based) by quickselect; reorders `a`. Linear where a full sort took 20 ms per 200 k. */
function kthSmallest(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    // Median of three as the pivot keeps sorted and reversed spans linear.
    const mid = (lo + hi) >>> 1;
    const x = a[lo]!;
    const y = a[mid]!;
    const z = a[hi]!;
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i] = a[j]!;
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k]!;
  }
  return a[k]!;
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
