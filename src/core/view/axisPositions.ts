/**
 * Where each event sits on the horizontal axis, for one of three modes:
 *  - logical: the dense rank of its Lamport timestamp, so the axis has no
 *    gaps where no event has that timestamp (a jump from 3 to 10 costs one step);
 *  - raw: its wall-clock time as written in the log, in ms from the earliest;
 *  - corrected: raw minus its clock domain's correction (see
 *    core/offsets/domainCorrection), so skewed domains line up.
 * Built once per mode (O(n log n) at worst), then every frame only reads it.
 *
 * Events without a time in a wall-clock mode are placed between their timed
 * neighbours on the same lane, evenly by program order, and flagged so they
 * are drawn hollow. A lane whose positions are not monotone in program order
 * (a clock that steps back, or corrected/raw mixes) gets a per-lane index
 * sorted by position, so culling can still binary search it.
 */
import { sortIndexByKey } from '../base/sortIndexByKey';

/** The columns positions are made from: LaneData has them (kept structural so LaneData can carry positions). */
export interface AxisSource {
  processNames: string[];
  processDomain: Uint32Array;
  procStart: Uint32Array;
  eventProc: Uint32Array;
  lamport: Uint32Array;
  timeMs: Float64Array;
  timeNs: Uint32Array;
  /** Per domain, or per slot of eventSlot where a clock stepped (its epochs: core/offsets/clockEpochs). */
  domainCorrectionMs: Float64Array;
  eventSlot?: Int32Array;
}

export type AxisMode = 'logical' | 'raw' | 'corrected';

export interface AxisPositions {
  mode: AxisMode;
  /** Axis units per event: Lamport rank (0-based) or ms since `originMs`. */
  pos: Float64Array;
  /** 1 where the event had no time and was placed between its neighbours. */
  untimed: Uint8Array;
  min: number;
  max: number;
  /** Epoch ms of position 0 in the wall-clock modes; 0 for logical. */
  originMs: number;
  /** Logical mode: the Lamport value of each rank (for axis labels). */
  lamportOfRank: Uint32Array;
  /**
   * Per lane: null when positions never decrease along the lane (its index
   * range is already sorted), else its event indices sorted by position.
   */
  laneSorted: (Uint32Array | null)[];
  /** Typical distance between neighbouring events on a lane, in axis units. */
  typicalGap: number;
}

export function buildAxisPositions(d: AxisSource, mode: AxisMode): AxisPositions {
  const n = d.eventProc.length;
  const pos = new Float64Array(n);
  const untimed = new Uint8Array(n);
  let originMs = 0;
  let lamportOfRank: Uint32Array = new Uint32Array(0);
  if (mode === 'logical') {
    lamportOfRank = denseRanks(d.lamport, pos);
  } else {
    // Differences from an origin keep sub-ms precision that epoch-sized floats lose.
    originMs = Infinity;
    for (let e = 0; e < n; e++) if (!Number.isNaN(d.timeMs[e]!) && d.timeMs[e]! < originMs) originMs = d.timeMs[e]!;
    if (!Number.isFinite(originMs)) originMs = 0;
    for (let e = 0; e < n; e++) {
      const ms = d.timeMs[e]!;
      if (Number.isNaN(ms)) {
        pos[e] = NaN;
        untimed[e] = 1;
        continue;
      }
      const corr = mode === 'corrected' ? d.domainCorrectionMs[d.eventSlot ? d.eventSlot[e]! : d.processDomain[d.eventProc[e]!]!] ?? 0 : 0;
      pos[e] = ms - originMs + d.timeNs[e]! / 1e6 - corr;
    }
  }
  let min = Infinity;
  let max = -Infinity;
  for (let e = 0; e < n; e++) {
    const v = pos[e]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (!Number.isFinite(min)) {
    min = 0;
    max = 0;
  }
  const P = d.processNames.length;
  if (mode !== 'logical') for (let p = 0; p < P; p++) fillUntimed(pos, d.procStart[p]!, d.procStart[p + 1]!, min, max);
  const laneSorted: (Uint32Array | null)[] = [];
  for (let p = 0; p < P; p++) {
    const s = d.procStart[p]!;
    const t = d.procStart[p + 1]!;
    let monotone = true;
    for (let e = s + 1; e < t; e++) if (pos[e]! < pos[e - 1]!) monotone = false;
    if (monotone) {
      laneSorted.push(null);
      continue;
    }
    const idx = new Uint32Array(t - s);
    for (let i = 0; i < idx.length; i++) idx[i] = s + i;
    // Stable, so program order among equal positions.
    laneSorted.push(sortIndexByKey(pos, idx));
  }
  // The average spacing on a lane if its events spread evenly over the range;
  // in logical mode one rank, which is what dots are sized against.
  const typicalGap = mode === 'logical' ? 1 : (max - min) / Math.max(1, n / Math.max(1, P));
  return { mode, pos, untimed, min, max, originMs, lamportOfRank, laneSorted, typicalGap: typicalGap > 0 ? typicalGap : 1 };
}

/** Untimed events of one lane (NaN) placed evenly between their timed neighbours. */
function fillUntimed(pos: Float64Array, s: number, t: number, min: number, max: number): void {
  let e = s;
  while (e < t) {
    if (!Number.isNaN(pos[e]!)) {
      e++;
      continue;
    }
    let f = e;
    while (f < t && Number.isNaN(pos[f]!)) f++;
    // Events e..f-1 have no time; e-1 and f (when inside the lane) do.
    const before = e > s ? pos[e - 1]! : NaN;
    const after = f < t ? pos[f]! : NaN;
    const k = f - e;
    let a: number;
    let b: number;
    if (!Number.isNaN(before) && !Number.isNaN(after)) [a, b] = [before, after];
    else if (!Number.isNaN(before)) [a, b] = [before, before];
    else if (!Number.isNaN(after)) [a, b] = [after, after];
    else [a, b] = [min, max]; // a lane with no time at all spans the whole axis
    const allUntimed = Number.isNaN(before) && Number.isNaN(after);
    for (let i = 0; i < k; i++) {
      // Strictly between the neighbours (or across the range), never on them.
      pos[e + i] = allUntimed ? (k === 1 ? (a + b) / 2 : a + ((b - a) * i) / (k - 1)) : a + ((b - a) * (i + 1)) / (k + 1);
    }
    e = f;
  }
}

/**
 * The distinct Lamport values ascending, and for each value up to the largest
 * its rank among them. Lamport values are at most the number of events (each
 * is one more than the largest before it), so a table by value is linear in n
 * where a sort and a binary search per event took ~140 ms at 1 M events.
 */
function denseRanks(lamport: Uint32Array, rankOut: Float64Array): Uint32Array {
  const n = lamport.length;
  let max = 0;
  for (let e = 0; e < n; e++) if (lamport[e]! > max) max = lamport[e]!;
  if (max > 4 * n + 1024) return sortedRanks(lamport, rankOut); // not from computeLamport: stay linear in n
  const rankOf = new Uint32Array(max + 1);
  for (let e = 0; e < lamport.length; e++) rankOf[lamport[e]!] = 1;
  let m = 0;
  for (let v = 0; v <= max; v++) if (rankOf[v]) m++;
  const values = new Uint32Array(m);
  let r = 0;
  for (let v = 0; v <= max; v++) {
    if (!rankOf[v]) continue;
    values[r] = v;
    rankOf[v] = r++;
  }
  for (let e = 0; e < n; e++) rankOut[e] = rankOf[lamport[e]!]!;
  return values;
}

function sortedRanks(lamport: Uint32Array, rankOut: Float64Array): Uint32Array {
  const sorted = lamport.slice().sort();
  let m = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[m++] = sorted[i]!;
  const values = sorted.slice(0, m);
  for (let e = 0; e < lamport.length; e++) {
    let lo = 0;
    let hi = m;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (values[mid]! < lamport[e]!) lo = mid + 1;
      else hi = mid;
    }
    rankOut[e] = lo;
  }
  return values;
}

/**
 * The events of lane p whose position lies in [lo, hi], as a range [from, to)
 * over the lane's order: event indices for a monotone lane, positions into
 * laneSorted[p] otherwise. `eventAt` turns an order position into an event.
 */
export function laneWindow(a: AxisPositions, d: Pick<AxisSource, 'procStart'>, p: number, lo: number, hi: number): [number, number] {
  const sorted = a.laneSorted[p];
  if (sorted) return [lowerBoundIdx(a.pos, sorted, 0, sorted.length, lo, false), lowerBoundIdx(a.pos, sorted, 0, sorted.length, hi, true)];
  const s = d.procStart[p]!;
  const t = d.procStart[p + 1]!;
  return [lowerBound(a.pos, s, t, lo, false), lowerBound(a.pos, s, t, hi, true)];
}

export function eventAt(a: AxisPositions, p: number, i: number): number {
  const sorted = a.laneSorted[p];
  return sorted ? sorted[i]! : i;
}

/** First index in [lo, hi) with pos ≥ v (or > v when `after`). */
function lowerBound(pos: Float64Array, lo: number, hi: number, v: number, after: boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const x = pos[mid]!;
    if (x < v || (after && x === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lowerBoundIdx(pos: Float64Array, idx: Uint32Array, lo: number, hi: number, v: number, after: boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const x = pos[idx[mid]!]!;
    if (x < v || (after && x === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
