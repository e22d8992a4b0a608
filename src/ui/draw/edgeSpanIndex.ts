/**
 * Which messages can cross a window of the axis, without visiting them all:
 * edges sorted by the smaller of their two end positions, in blocks of 256,
 * each block knowing its smallest start and largest end. A window [from, to]
 * then visits only blocks that start at or before `to` and end at or after
 * `from`; most messages are short, so that is about the edges in view.
 * Built once per axis (positions change only with the axis mode or data) and
 * cached on the positions array.
 */
export const BLOCK = 256;

export interface EdgeSpanIndex {
  /** Edge indices by ascending start position. */
  order: Uint32Array;
  blockStart: Float64Array;
  blockEnd: Float64Array;
}

const cache = new WeakMap<Float64Array, { from: Uint32Array; index: EdgeSpanIndex }>();

export function edgeSpanIndex(pos: Float64Array, edgeFrom: Uint32Array, edgeTo: Uint32Array): EdgeSpanIndex {
  const hit = cache.get(pos);
  if (hit && hit.from === edgeFrom) return hit.index;
  const m = edgeFrom.length;
  const start = new Float64Array(m);
  for (let k = 0; k < m; k++) start[k] = Math.min(pos[edgeFrom[k]!]!, pos[edgeTo[k]!]!);
  const order = Uint32Array.from({ length: m }, (_, k) => k).sort((a, b) => start[a]! - start[b]! || a - b);
  const blocks = Math.ceil(m / BLOCK);
  const blockStart = new Float64Array(blocks);
  const blockEnd = new Float64Array(blocks).fill(-Infinity);
  for (let i = 0; i < m; i++) {
    const k = order[i]!;
    const b = (i / BLOCK) | 0;
    if (i % BLOCK === 0) blockStart[b] = start[k]!;
    const end = Math.max(pos[edgeFrom[k]!]!, pos[edgeTo[k]!]!);
    if (end > blockEnd[b]!) blockEnd[b] = end;
  }
  const index = { order, blockStart, blockEnd };
  cache.set(pos, { from: edgeFrom, index });
  return index;
}
