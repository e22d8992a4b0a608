/**
 * The order of a list of edges by (from, to), ties in list order: the order
 * a stable sort by (from, to) gives, without an object per edge. Event
 * indices are dense, so a counting sort on `from` does most of it in one
 * pass; the few edges of one sender (a multicast) are then put in `to`
 * order. With `dedupe`, an edge repeating an earlier (from, to) is left out,
 * so the first rule to make a pair keeps it (build(), withEdges).
 */

/** Edge indices 0 … m-1 of from/to (events below n), in (from, to, index) order. */
export function edgeOrder(from: Uint32Array, to: Uint32Array, m: number, n: number, dedupe: boolean): Uint32Array {
  const order = new Uint32Array(m);
  if (m === 0) return order;
  const start = new Uint32Array(n + 1);
  for (let k = 0; k < m; k++) start[from[k]! + 1]!++;
  for (let e = 0; e < n; e++) start[e + 1]! += start[e]!;
  // Ascending k: each sender's edges stay in list order.
  for (let k = 0; k < m; k++) order[start[from[k]!]!++] = k;
  for (let i = 0; i < m; ) {
    const f = from[order[i]!]!;
    let j = i + 1;
    while (j < m && from[order[j]!] === f) j++;
    if (j - i > 1) sortRunByTo(order, i, j, to);
    i = j;
  }
  if (!dedupe) return order;
  let w = 0;
  for (let i = 0; i < m; i++) {
    const k = order[i]!;
    if (w > 0) {
      const p = order[w - 1]!;
      if (from[p] === from[k] && to[p] === to[k]) continue;
    }
    order[w++] = k;
  }
  return order.subarray(0, w);
}

/** Sorts order[i, j) by to, stably (the run is in index order). */
function sortRunByTo(order: Uint32Array, i: number, j: number, to: Uint32Array): void {
  if (j - i > 32) {
    const run = Array.from(order.subarray(i, j)).sort((a, b) => to[a]! - to[b]! || a - b);
    order.set(run, i);
    return;
  }
  for (let a = i + 1; a < j; a++) {
    const k = order[a]!;
    const t = to[k]!;
    let b = a - 1;
    while (b >= i && to[order[b]!]! > t) {
      order[b + 1] = order[b]!;
      b--;
    }
    order[b + 1] = k;
  }
}
