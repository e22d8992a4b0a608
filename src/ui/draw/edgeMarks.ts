/**
 * The messages to draw in the current view: each edge whose segment crosses
 * the plot is clipped to it, given a style (forward, backward in time, set
 * aside, or its highlight class), shortened to stop at the dots, and emitted
 * once per distinct pixel segment: zoomed out, thousands of messages between
 * the same two lanes land on the same pixel columns, and drawing them once is
 * the aggregation: one segment per (column pair, lane pair, style), columns
 * widening to a few pixels when very many messages are in view. Past
 * MAX_HEADS segments the arrow heads and markers are left out (a smear, and
 * the costliest marks to fill). Deduplication uses a fixed open-addressing
 * table, so a frame allocates nothing per edge.
 *
 * Zoomed far out, merging is not enough: tens of thousands of distinct
 * segments, each crossing many lanes, cost a software rasterizer hundreds of
 * milliseconds. So past MAX_SEGMENTS expected segments, plain messages
 * (forward, or dimmed by a selection) are sampled: 1 in 2^j by a hash of the
 * edge, j from how many messages the zoom level puts in view. The choice
 * depends on the edge and the zoom only, so panning never makes messages
 * flicker; messages that go backward in time, set-aside ones and the
 * selection's past and future are always drawn. The page says so. With no
 * selection and no hidden lane, such a frame visits only the messages of the
 * sample (the span index lists them per level) and those drawn whatever the
 * sample, in the order a full pass meets them, to the same marks.
 */
import type { LaneData } from '../../core/view/laneData';
import type { AxisPositions } from '../../core/view/axisPositions';
import { EDGE_BACKWARD, EDGE_FORWARD, EDGE_IGNORED } from './edgeDirection';
import type { LaneLayout } from './laneLayout';
import type { Viewport } from './viewport';
import { edgeSpanIndex, entriesInRange, sampledRange, sampleLevel, shortRange, type EdgeSpanIndex } from '../../core/view/edgeSpanIndex';
import { FloatBuffer } from './floatBuffer';
import { plotLeft } from './viewport';
import { MAX_STUBS } from './hiddenStubs';

export const STYLE_FORWARD = 0;
export const STYLE_BACKWARD = 1;
export const STYLE_IGNORED = 2;
export const STYLE_PAST = 3;
export const STYLE_FUTURE = 4;
export const STYLE_DIM = 5;
export const EDGE_STYLES = 6;

export interface EdgeBatch {
  /** x1, y1, x2, y2 per segment. */
  lines: Float64Array;
  /** Three points per arrow head. */
  heads: number[];
  /** x, y: midpoint markers (backward messages). */
  mids: number[];
}

export interface EdgeMarks {
  byStyle: EdgeBatch[];
  /** Edges crossing the view (when plain messages are sampled with nothing selected: of the sample and those always drawn). */
  visible: number;
  /** Segments emitted after merging. */
  drawn: number;
  /** Plain messages are drawn 1 in this many (a power of two; 1: all). */
  sampleEvery: number;
}

export interface EdgeMarkInput {
  lanes: LaneData;
  axis: AxisPositions;
  edgeClass: Uint8Array;
  layout: LaneLayout;
  /** Screen y of row i's centre. */
  rowY: Float64Array;
  view: Viewport;
  /** Clip box: the plot area. */
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** Dot radius: segments stop short of it. */
  r: number;
  /** Per-event highlight class (laneBins CLS_*), or null. */
  classOf: ((e: number) => number) | null;
  /** When given, messages with one end on a hidden lane and the other in view are listed here (hiddenStubs.ts). */
  stubs?: number[];
}

const TABLE_BITS = 17;
/** Past this many segments arrow heads are left out: they would be a smear, and they are the costliest marks to fill. */
export const MAX_HEADS = 2500;
/** Plain messages expected in view past which they are sampled (see above). */
export const MAX_SEGMENTS = 8000;

/** Whether edge k is among the 1 in 2^bits plain messages drawn: Fibonacci hashing, the top bits. */
export function sampledIn(k: number, bits: number): boolean {
  return bits === 0 || sampleLevel(k) >= bits;
}

/** Per edge classes and span index: the entries whose message is not plain (backward, set aside), ascending. */
const notPlainCache = new WeakMap<Uint8Array, { idx: EdgeSpanIndex; entries: Uint32Array }>();

function notPlainEntries(idx: EdgeSpanIndex, edgeClass: Uint8Array): Uint32Array {
  const hit = notPlainCache.get(edgeClass);
  if (hit && hit.idx === idx) return hit.entries;
  const out: number[] = [];
  for (let i = 0; i < idx.edge.length; i++) if (edgeClass[idx.edge[i]!] !== EDGE_FORWARD) out.push(i);
  const entries = Uint32Array.from(out);
  notPlainCache.set(edgeClass, { idx, entries });
  return entries;
}

/** Two ascending lists as one, each entry once. */
function mergeAscending(a: Uint32Array, b: Uint32Array): Uint32Array {
  if (b.length === 0) return a;
  const out = new Uint32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length || j < b.length) {
    const x = i < a.length ? a[i]! : Infinity;
    const y = j < b.length ? b[j]! : Infinity;
    if (x <= y) i++;
    if (y <= x) j++;
    out[n++] = Math.min(x, y);
  }
  return out.subarray(0, n);
}
const table = new Float64Array(1 << TABLE_BITS);
/** Which generation (frame) wrote each slot: slots of older frames are empty. */
const stamps = new Uint32Array(1 << TABLE_BITS);
let generation = 0;
/** The clip parameters [t0, t1], reused: a closure over locals would be slower per edge. */
const tRange = new Float64Array(2);
/** Segment coordinates per style, reused across frames (copied out). */
const lineBufs = Array.from({ length: EDGE_STYLES }, () => new FloatBuffer());

/** One side of the Liang–Barsky clip box; false when the segment is wholly outside it. */
function clip(pp: number, q: number, t: Float64Array): boolean {
  if (pp === 0) return q >= 0;
  const tt = q / pp;
  if (pp < 0) {
    if (tt > t[1]!) return false;
    if (tt > t[0]!) t[0] = tt;
  } else {
    if (tt < t[0]!) return false;
    if (tt < t[1]!) t[1] = tt;
  }
  return true;
}

export function edgeMarks(input: EdgeMarkInput): EdgeMarks {
  const { lanes: d, axis: a, edgeClass, layout, rowY, view, x0, x1, y0, y1, r, classOf, stubs } = input;
  const heads: number[][] = Array.from({ length: EDGE_STYLES }, () => []);
  const mids: number[][] = Array.from({ length: EDGE_STYLES }, () => []);
  for (const l of lineBufs) l.len = 0;
  let visible = 0;
  let drawn = 0;
  const pos = a.pos;
  const head = Math.max(4, Math.min(8, r * 1.8));
  // A new generation per frame empties the table without touching its 1 MB.
  if (++generation === 0xffffffff) {
    stamps.fill(0);
    generation = 1;
  }
  const gen = generation;
  let used = 0;
  const cap = table.length >> 1;
  const mask = table.length - 1;
  const tr = tRange;
  // Zoomed out, many messages share their lanes and pixel columns: draw one per
  // (column pair, lane pair, style), columns `q` px wide, coarser the more messages
  // are in view (estimated from the visible share of the execution).
  const visibleShare = Math.min(1, (x1 - x0) / Math.max(1e-9, (a.max - a.min) * view.scale));
  const estimate = d.edgeFrom.length * visibleShare;
  const q = Math.max(1, Math.min(4, estimate / Math.max(1, (x1 - x0) * 1.5)));
  let bits = 0;
  while (bits < 16 && estimate / 2 ** bits > MAX_SEGMENTS) bits++;
  // Only the messages whose span can meet the view's positions.
  const idx = edgeSpanIndex(pos, d.edgeFrom, d.edgeTo, d.eventProc);
  const pFrom = view.start + (x0 - plotLeft) / view.scale;
  const pTo = view.start + (x1 - plotLeft) / view.scale;
  const [lo, hi] = shortRange(idx, pFrom, pTo);
  const { edge, posFrom, posTo, procFrom, procTo } = idx;
  // The entries to visit: every one in range, or (sampling, nothing selected, no stubs to list) the
  // sample's and those drawn whatever the sample; both ascending, as the full pass meets them.
  const picked = bits > 0 && !classOf && !stubs ? mergeAscending(sampledRange(idx, bits, lo, hi), entriesInRange(notPlainEntries(idx, edgeClass), idx, lo, hi)) : null;
  const inRange = hi - lo;
  const count = picked ? picked.length : inRange + (edge.length - idx.shortCount);
  for (let j = 0; j < count; j++) {
    const i = picked ? picked[j]! : j < inRange ? lo + j : idx.shortCount + (j - inRange);
    const k = edge[i]!;
    const rs = layout.rowOf[procFrom[i]!]!;
    const rt = layout.rowOf[procTo[i]!]!;
    if (rs < 0 || rt < 0) {
      // An end on a hidden lane: a stub at the shown end, if any, when in view.
      if (stubs && rs + rt > -2 && stubs.length < MAX_STUBS) {
        const xv = plotLeft + ((rs >= 0 ? posFrom[i]! : posTo[i]!) - view.start) * view.scale;
        if (xv >= x0 && xv <= x1) stubs.push(k);
      }
      continue;
    }
    let xa = plotLeft + (posFrom[i]! - view.start) * view.scale;
    let xb = plotLeft + (posTo[i]! - view.start) * view.scale;
    if ((xa < x0 && xb < x0) || (xa > x1 && xb > x1)) continue;
    let ya = rowY[rs]!;
    let yb = rowY[rt]!;
    if ((ya < y0 && yb < y0) || (ya > y1 && yb > y1)) continue;
    visible++;

    const cls = edgeClass[k]!;
    let style = cls === EDGE_BACKWARD ? STYLE_BACKWARD : cls === EDGE_IGNORED ? STYLE_IGNORED : STYLE_FORWARD;
    if (style === STYLE_FORWARD && classOf) {
      const a1 = classOf(d.edgeFrom[k]!);
      const b1 = classOf(d.edgeTo[k]!);
      style = a1 === 1 && b1 === 1 ? STYLE_PAST : a1 === 2 && b1 === 2 ? STYLE_FUTURE : STYLE_DIM;
    }
    if ((style === STYLE_FORWARD || style === STYLE_DIM) && !sampledIn(k, bits)) continue;
    if (used < cap) {
      // Columns clamped to a band around the view (13 bits), rows 10 bits, style 3 bits: 49 bits, exact in a double.
      const qa = Math.max(0, Math.min(8191, Math.round((xa - x0) / q) + 1024));
      const qc = Math.max(0, Math.min(8191, Math.round((xb - x0) / q) + 1024));
      const ra = rs & 1023;
      const rb = rt & 1023;
      const key = (((qa * 1024 + ra) * 8192 + qc) * 1024 + rb) * 8 + style + 1;
      // Mixed as two 23-bit halves then avalanched: neighbouring columns and rows
      // must not land in neighbouring slots, or probe chains grow long.
      let h = Math.imul((qa << 10) | ra, 0x9e3779b1) ^ Math.imul((qc << 13) | (rb << 3) | style, 0x85ebca77);
      h ^= h >>> 15;
      h = Math.imul(h, 0xc2b2ae3d);
      h = (h ^ (h >>> 13)) & mask;
      let dup = false;
      while (stamps[h] === gen) {
        if (table[h] === key) {
          dup = true;
          break;
        }
        h = (h + 1) & mask;
      }
      if (dup) continue;
      table[h] = key;
      stamps[h] = gen;
      used++;
    }

    const len = Math.sqrt((xb - xa) * (xb - xa) + (yb - ya) * (yb - ya));
    if (len < 2 * r + 1) continue;
    // Stop at the dots' rims.
    const ux = (xb - xa) / len;
    const uy = (yb - ya) / len;
    xa += ux * r;
    ya += uy * r;
    xb -= ux * (r + 1);
    yb -= uy * (r + 1);
    const endInside = xb >= x0 && xb <= x1 && yb >= y0 && yb <= y1;
    // Liang–Barsky clip of a + t (b - a), t in [0, 1].
    tr[0] = 0;
    tr[1] = 1;
    const dx = xb - xa;
    const dy = yb - ya;
    if (!clip(-dx, xa - x0, tr) || !clip(dx, x1 - xa, tr) || !clip(-dy, ya - y0, tr) || !clip(dy, y1 - ya, tr)) continue;
    const t0 = tr[0]!;
    const t1 = tr[1]!;
    const cx0 = xa + t0 * dx;
    const cy0 = ya + t0 * dy;
    const cx1 = xa + t1 * dx;
    const cy1 = ya + t1 * dy;
    drawn++;
    lineBufs[style]!.push4(cx0, cy0, cx1, cy1);
    // Past MAX_HEADS every head and marker is dropped below: do not build them.
    if (drawn > MAX_HEADS) continue;
    if (endInside && style !== STYLE_IGNORED && t1 === 1) {
      heads[style]!.push(xb, yb, xb - ux * head - uy * head * 0.5, yb - uy * head + ux * head * 0.5, xb - ux * head + uy * head * 0.5, yb - uy * head - ux * head * 0.5);
    }
    if (style === STYLE_BACKWARD) {
      const mx = (xa + xb) / 2;
      const my = (ya + yb) / 2;
      if (mx >= x0 && mx <= x1 && my >= y0 && my <= y1) mids[style]!.push(mx, my);
    }
  }
  const many = drawn > MAX_HEADS;
  const byStyle: EdgeBatch[] = lineBufs.map((l, style) => ({
    lines: l.copy(),
    heads: many ? [] : heads[style]!,
    mids: many ? [] : mids[style]!,
  }));
  return { byStyle, visible, drawn, sampleEvery: 2 ** bits };
}
