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
 *
 * On the logical axis every position is a whole Lamport rank below the
 * event count, and so is every span: there the 99th percentile is read off
 * a histogram of spans and the short edges are placed by a counting sort of
 * their starts (both linear, no float compares), to the same result as
 * quickselect and the radix sort give. At a million events these were most
 * of the worker's lane data.
 *
 * Zoomed far out the diagram draws plain messages 1 in 2^j, by a hash of the
 * edge (sampleLevel: an edge is drawn at j when its level is j or more). So
 * the index also lists, per level L from 1 to MAX_SAMPLE_LEVEL, its entries
 * of level L or more in ascending order (about one entry per edge in all):
 * a frame that samples visits those and the few drawn whatever the sample,
 * not every message in view. A first frame on a million events did the
 * latter in code not yet optimized, a tenth of a second.
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
  /**
   * Entries by sample level: those of level L or more (ascending) are
   * sampled[sampledStart[L] .. sampledStart[L + 1]), L from 1 to MAX_SAMPLE_LEVEL.
   */
  sampled: Uint32Array;
  sampledStart: Uint32Array;
}

/** The deepest sampling the diagram uses: 1 in 2^16. */
export const MAX_SAMPLE_LEVEL = 16;

/**
 * Edge k's sample level, 0 to MAX_SAMPLE_LEVEL: the leading zero bits of its Fibonacci hash. Drawn
 * 1 in 2^j, an edge is drawn when its level is j or more; so zooming in only adds edges.
 */
export function sampleLevel(k: number): number {
  return Math.min(MAX_SAMPLE_LEVEL, Math.clz32(Math.imul(k + 1, 0x9e3779b1)));
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
  // Whether every start and span is a whole number, and their largest: the logical axis's ranks.
  let whole = true;
  let maxStart = 0;
  let maxSpan = 0;
  for (let k = 0; k < m; k++) {
    const a = pos[edgeFrom[k]!]!;
    const b = pos[edgeTo[k]!]!;
    const s = Math.min(a, b);
    const d = Math.abs(a - b);
    start[k] = s;
    span[k] = d;
    if (s >>> 0 !== s || d >>> 0 !== d) whole = false;
    else {
      if (s > maxStart) maxStart = s;
      if (d > maxSpan) maxSpan = d;
    }
  }
  const counted = whole && maxStart <= countLimit(m) && maxSpan <= countLimit(m);
  const kth = Math.min(m - 1, Math.floor(m * 0.99));
  const shortSpan = m === 0 ? 0 : counted ? kthSmallestWhole(span, kth, maxSpan) : kthSmallest(span.slice(), kth);
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
  edge.set(counted ? sortIndexByWholeKey(start, shortEdges, maxStart) : sortIndexByKey(start, shortEdges));
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
  const index: EdgeSpanIndex = { edge, posFrom, posTo, procFrom, procTo, shortCount: shortN, starts, shortSpan, ...sampledEntries(edge) };
  cache.set(pos, { from: edgeFrom, index });
  return index;
}

/** The entries of each sample level or more, ascending (EdgeSpanIndex.sampled): one pass to count, one to place. */
function sampledEntries(edge: Uint32Array): { sampled: Uint32Array; sampledStart: Uint32Array } {
  const m = edge.length;
  const level = new Uint8Array(m);
  const count = new Uint32Array(MAX_SAMPLE_LEVEL + 2);
  for (let i = 0; i < m; i++) count[(level[i] = sampleLevel(edge[i]!))]!++;
  // Level L's list holds the entries of level L and above.
  let atOrAbove = 0;
  for (let l = MAX_SAMPLE_LEVEL; l >= 1; l--) {
    atOrAbove += count[l]!;
    count[l] = atOrAbove;
  }
  const sampledStart = new Uint32Array(MAX_SAMPLE_LEVEL + 2);
  for (let l = 1; l <= MAX_SAMPLE_LEVEL; l++) sampledStart[l + 1] = sampledStart[l]! + count[l]!;
  const next = sampledStart.slice();
  const sampled = new Uint32Array(sampledStart[MAX_SAMPLE_LEVEL + 1]!);
  for (let i = 0; i < m; i++) for (let l = level[i]!; l >= 1; l--) sampled[next[l]!++] = i;
  return { sampled, sampledStart };
}

/**
 * The entries of sample level `bits` or more that may meet [from, to] (as shortRange gives them:
 * short entries [lo, hi), then every long one), ascending; bits from 1 to MAX_SAMPLE_LEVEL.
 */
export function sampledRange(idx: EdgeSpanIndex, bits: number, lo: number, hi: number): Uint32Array {
  return entriesInRange(idx.sampled.subarray(idx.sampledStart[bits]!, idx.sampledStart[bits + 1]!), idx, lo, hi);
}

/** Of an ascending list of entries, those in [lo, hi) (short ones, from shortRange) and every long one. */
export function entriesInRange(list: Uint32Array, idx: EdgeSpanIndex, lo: number, hi: number): Uint32Array {
  const a = lowerBoundU32(list, lo);
  const b = lowerBoundU32(list, hi);
  const c = lowerBoundU32(list, idx.shortCount);
  const out = new Uint32Array(b - a + (list.length - c));
  out.set(list.subarray(a, b));
  out.set(list.subarray(c), b - a);
  return out;
}

function lowerBoundU32(a: Uint32Array, v: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The entries that may meet [from, to], a superset for the caller to check:
 * entries [lo, hi) of the short ones, and all long ones [shortCount, length).
 */
export function shortRange(idx: EdgeSpanIndex, from: number, to: number): [number, number] {
  const lo = lowerBound(idx.starts, from - idx.shortSpan);
  return [lo, Math.max(lo, upperBound(idx.starts, to))];
}

/** Whole keys up to this go to a table by value: one more pass over a table a few times the edges' size. */
function countLimit(m: number): number {
  return 8 * m + 65536;
}

/** kthSmallest for whole numbers in [0, max]: a histogram by value, then its running sum. */
export function kthSmallestWhole(a: Float64Array, k: number, max: number): number {
  const count = new Uint32Array(max + 1);
  for (let i = 0; i < a.length; i++) count[a[i]!]!++;
  let seen = 0;
  for (let v = 0; v <= max; v++) {
    seen += count[v]!;
    if (seen > k) return v;
  }
  return max;
}

/** sortIndexByKey for whole keys in [0, max]: a stable counting sort (equal keys keep their input order). */
export function sortIndexByWholeKey(keys: Float64Array, index: Uint32Array, max: number): Uint32Array {
  const at = new Uint32Array(max + 2);
  for (let i = 0; i < index.length; i++) at[keys[index[i]!]! + 1]!++;
  for (let v = 0; v <= max; v++) at[v + 1]! += at[v]!;
  const out = new Uint32Array(index.length);
  for (let i = 0; i < index.length; i++) out[at[keys[index[i]!]!]!++] = index[i]!;
  return out;
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
