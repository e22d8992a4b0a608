/**
 * The lanes' default order: the one where messages cross the fewest lanes.
 * A message between lanes i and j rows apart crosses |i - j| - 1 lanes, so
 * the cost of an order is that summed over messages (`laneCrossings`), from
 * message counts per pair of lanes (`laneWeights`, built in O(messages) with
 * no hashing: a CSR of neighbours, merged per lane with a scratch array).
 *
 * Barycentric ordering: each lane moves to the mean row of its partners,
 * weighted by message counts, and the lanes are sorted by that, a few
 * rounds; then adjacent lanes are swapped wherever that lowers the cost
 * (each swap is priced from the two lanes' partners alone). This runs twice:
 * once keeping each clock domain's lanes together (groups sorted by their
 * lanes' mean), once free from alphabetical order. The cheapest of those
 * and of the plain alphabetical and grouped orders wins (ties: grouped,
 * then alphabetical), so the result never crosses more than alphabetical
 * order. Ties in the sorts break by process index: deterministic.
 */

export interface LaneWeights {
  /** Per process p, its partners in nbr[start[p] .. start[p + 1]) with message counts in w. */
  start: Uint32Array;
  nbr: Uint32Array;
  w: Float64Array;
}

/** Message counts between each pair of processes (both ways together), as a symmetric CSR. */
export function laneWeights(processes: number, eventProc: ArrayLike<number>, edgeFrom: ArrayLike<number>, edgeTo: ArrayLike<number>): LaneWeights {
  const P = processes;
  const deg = new Uint32Array(P + 1);
  for (let k = 0; k < edgeFrom.length; k++) {
    const a = eventProc[edgeFrom[k]!]!;
    const b = eventProc[edgeTo[k]!]!;
    if (a === b) continue;
    deg[a]!++;
    deg[b]!++;
  }
  const at = new Uint32Array(P + 1);
  for (let p = 0; p < P; p++) at[p + 1] = at[p]! + deg[p]!;
  const raw = new Uint32Array(at[P]!);
  const fill = at.slice(0, P);
  for (let k = 0; k < edgeFrom.length; k++) {
    const a = eventProc[edgeFrom[k]!]!;
    const b = eventProc[edgeTo[k]!]!;
    if (a === b) continue;
    raw[fill[a]!++] = b;
    raw[fill[b]!++] = a;
  }
  // Merge each lane's partners: slot[q] is q's place in this lane's list, or -1.
  const slot = new Int32Array(P).fill(-1);
  const start = new Uint32Array(P + 1);
  const nbr = new Uint32Array(raw.length);
  const w = new Float64Array(raw.length);
  let n = 0;
  for (let p = 0; p < P; p++) {
    start[p] = n;
    for (let i = at[p]!; i < at[p + 1]!; i++) {
      const q = raw[i]!;
      if (slot[q]! < 0) {
        slot[q] = n;
        nbr[n] = q;
        w[n++] = 0;
      }
      w[slot[q]!]!++;
    }
    for (let i = start[p]!; i < n; i++) slot[nbr[i]!] = -1;
  }
  start[P] = n;
  return { start, nbr: nbr.slice(0, n), w: w.slice(0, n) };
}

/** Lanes crossed by messages in this order: each message crosses the lanes between its two. */
export function laneCrossings(order: readonly number[], g: LaneWeights): number {
  const pos = positions(order, g.start.length - 1);
  let sum = 0;
  for (let p = 0; p < pos.length; p++) {
    for (let i = g.start[p]!; i < g.start[p + 1]!; i++) {
      const q = g.nbr[i]!;
      if (q > p) sum += g.w[i]! * (Math.abs(pos[p]! - pos[q]!) - 1);
    }
  }
  return sum;
}

function positions(order: readonly number[], P: number): Float64Array {
  const pos = new Float64Array(P);
  order.forEach((p, i) => (pos[p] = i));
  return pos;
}

const ROUNDS = 24;
const SWAP_PASSES = 12;

/** The default lane order (see above); `processDomain` groups lanes sharing a clock. */
export function orderLanes(processDomain: ArrayLike<number>, eventProc: ArrayLike<number>, edgeFrom: ArrayLike<number>, edgeTo: ArrayLike<number>): number[] {
  const P = processDomain.length;
  const alphabetical = Array.from({ length: P }, (_, p) => p);
  if (P < 3 || edgeFrom.length === 0) return groupedOrder(processDomain);
  const g = laneWeights(P, eventProc, edgeFrom, edgeTo);
  const grouped = groupedOrder(processDomain);
  const candidates = [grouped, improve(grouped, g, processDomain), alphabetical, improve(alphabetical, g, null)];
  let best = candidates[0]!;
  let bestCost = laneCrossings(best, g);
  for (const c of candidates.slice(1)) {
    const cost = laneCrossings(c, g);
    if (cost < bestCost) {
      best = c;
      bestCost = cost;
    }
  }
  return best;
}

/** Grouped by domain in order of the domain index, then by process index (the order before this one). */
export function groupedOrder(processDomain: ArrayLike<number>): number[] {
  return Array.from({ length: processDomain.length }, (_, p) => p).sort((a, b) => processDomain[a]! - processDomain[b]! || a - b);
}

/** Barycentric rounds, then adjacent swaps; `groups`: keep each domain's lanes together. */
function improve(from: number[], g: LaneWeights, groups: ArrayLike<number> | null): number[] {
  const P = from.length;
  let order = from.slice();
  let best = order.slice();
  let bestCost = laneCrossings(order, g);
  const bary = new Float64Array(P);
  // Thousands of lanes: fewer rounds, so ordering stays a short task on the page.
  const rounds = P > 2000 ? 4 : ROUNDS;
  for (let round = 0; round < rounds; round++) {
    const pos = positions(order, P);
    for (let p = 0; p < P; p++) {
      let s = 0;
      let ws = 0;
      for (let i = g.start[p]!; i < g.start[p + 1]!; i++) {
        s += g.w[i]! * pos[g.nbr[i]!]!;
        ws += g.w[i]!;
      }
      bary[p] = ws > 0 ? s / ws : pos[p]!;
    }
    let key = bary;
    if (groups) {
      // A group sits at its lanes' mean place; its lanes by their own inside it.
      const sum = new Map<number, [number, number]>();
      for (let p = 0; p < P; p++) {
        const e = sum.get(groups[p]!) ?? [0, 0];
        e[0] += bary[p]!;
        e[1]++;
        sum.set(groups[p]!, e);
      }
      const groupKey = new Float64Array(P);
      for (let p = 0; p < P; p++) {
        const e = sum.get(groups[p]!)!;
        groupKey[p] = e[0] / e[1];
      }
      key = groupKey;
    }
    const next = order.slice().sort((a, b) => key[a]! - key[b]! || (groups ? groups[a]! - groups[b]! : 0) || bary[a]! - bary[b]! || pos[a]! - pos[b]! || a - b);
    if (next.every((p, i) => p === order[i])) break;
    order = next;
    const cost = laneCrossings(order, g);
    if (cost < bestCost) {
      best = order.slice();
      bestCost = cost;
    }
  }
  return adjacentSwaps(best, g, groups);
}

/** Swaps neighbouring lanes (of one domain, with `groups`) while that lowers the crossings. */
function adjacentSwaps(from: number[], g: LaneWeights, groups: ArrayLike<number> | null): number[] {
  const order = from.slice();
  const pos = positions(order, order.length);
  for (let pass = 0; pass < (order.length > 2000 ? 2 : SWAP_PASSES); pass++) {
    let changed = false;
    for (let i = 0; i + 1 < order.length; i++) {
      const a = order[i]!;
      const b = order[i + 1]!;
      if (groups && groups[a] !== groups[b]) continue;
      // a moves down one row, b up one: partners above a get farther from a, those below nearer.
      let delta = 0;
      for (let k = g.start[a]!; k < g.start[a + 1]!; k++) {
        const q = g.nbr[k]!;
        if (q !== b) delta += pos[q]! < i ? g.w[k]! : -g.w[k]!;
      }
      for (let k = g.start[b]!; k < g.start[b + 1]!; k++) {
        const q = g.nbr[k]!;
        if (q !== a) delta += pos[q]! > i + 1 ? g.w[k]! : -g.w[k]!;
      }
      if (delta < 0) {
        order[i] = b;
        order[i + 1] = a;
        pos[a] = i + 1;
        pos[b] = i;
        changed = true;
      }
    }
    if (!changed) break;
  }
  return order;
}
