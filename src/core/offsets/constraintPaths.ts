/**
 * Shortest paths over the domain constraints (offsetConstraints.ts), with
 * negative weights: Bellman–Ford as sweeps in a fixed order (domains
 * ascending, each one's pairs ascending), relaxing in place. A domain whose
 * distance has not moved since its pairs were last relaxed is skipped: none
 * of them could relax again, since distances only fall. So a sweep costs the
 * domains that moved and their pairs, and the whole run O(pairs × rounds),
 * with the very relaxations, in the very order, of a sweep over every pair.
 *
 * `negativeCycle` starts every domain at 0 (a virtual source) and looks at
 * the predecessor graph after each sweep: a cycle there has negative weight,
 * so it stops as soon as one appears rather than after D sweeps. Only if
 * none appears in D sweeps does it step back from the last relaxed domain.
 */
import type { ConstraintGraph } from './offsetConstraints';

/** Float noise must not count: a feasible zero-weight cycle whose float sum is −1e-12 must not move anything. */
export const PATH_EPS = 1e-9;

/**
 * Distances from `src` (reverse: to `src`) into `dist`, over `members`
 * (ascending: the domains src can reach are among them). Only members are
 * written; `dist` must hold Infinity there. Assumes no negative cycle.
 */
export function shortestFrom(g: ConstraintGraph, members: ArrayLike<number>, src: number, reverse: boolean, dist: Float64Array, moved: Uint8Array): void {
  const start = reverse ? g.inStart : g.outStart;
  const other = reverse ? g.inFrom : g.outTo;
  const w = reverse ? g.inW : g.outW;
  dist[src] = 0;
  moved[src] = 1;
  for (let round = 0; round < g.D; round++) {
    let changed = false;
    for (let m = 0; m < members.length; m++) {
      const a = members[m]!;
      if (!moved[a]) continue;
      moved[a] = 0;
      const da = dist[a]!;
      for (let i = start[a]!; i < start[a + 1]!; i++) {
        const b = other[i]!;
        if (da + w[i]! < dist[b]! - PATH_EPS) {
          dist[b] = da + w[i]!;
          moved[b] = 1;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  for (let m = 0; m < members.length; m++) moved[members[m]!] = 0;
}

/** A negative cycle: its pairs' edge indices (via) in path order, and a domain on it; [] and −1 when there is none. */
export interface NegativeCycle {
  edges: number[];
  domain: number;
}

const NONE: NegativeCycle = { edges: [], domain: -1 };

/**
 * One negative cycle, or none when the constraints are feasible. Domains marked in `skip` are left out: a caller
 * that has found a cycle skips its connected set to look for one in another
 * (no pair crosses connected sets, so a skipped domain is never reached).
 */
export function negativeCycle(g: ConstraintGraph, skip?: Uint8Array): NegativeCycle {
  const D = g.D;
  if (D === 0) return NONE; // the walk below would start from no vertex
  const dist = new Float64Array(D);
  const moved = new Uint8Array(D).fill(1);
  if (skip) for (let d = 0; d < D; d++) if (skip[d]) moved[d] = 0;
  const pred = new Int32Array(D).fill(-1); // the CSR entry that last lowered the domain
  const seen = new Int32Array(D);
  let last = -1;
  for (let round = 0; round < D; round++) {
    last = -1;
    for (let a = 0; a < D; a++) {
      if (!moved[a]) continue;
      moved[a] = 0;
      const da = dist[a]!;
      for (let i = g.outStart[a]!; i < g.outStart[a + 1]!; i++) {
        const b = g.outTo[i]!;
        if (da + g.outW[i]! < dist[b]! - PATH_EPS) {
          dist[b] = da + g.outW[i]!;
          pred[b] = i;
          moved[b] = 1;
          last = b;
        }
      }
    }
    if (last < 0) return NONE;
    const v = predecessorCycle(g, pred, seen);
    if (v >= 0) return cycleEdges(g, pred, v);
  }
  // Step back D times to land on the cycle, then walk it once.
  let v = last;
  for (let i = 0; i < D; i++) v = g.outFrom[pred[v]!]!;
  return cycleEdges(g, pred, v);
}

/** A domain on a cycle of the predecessor graph, or −1: each domain's chain is walked once. */
function predecessorCycle(g: ConstraintGraph, pred: Int32Array, seen: Int32Array): number {
  seen.fill(-1);
  for (let s = 0; s < g.D; s++) {
    if (seen[s]! >= 0) continue;
    let u = s;
    while (u >= 0 && seen[u]! < 0) {
      seen[u] = s;
      u = pred[u]! < 0 ? -1 : g.outFrom[pred[u]!]!;
    }
    if (u >= 0 && seen[u] === s) return u;
  }
  return -1;
}

function cycleEdges(g: ConstraintGraph, pred: Int32Array, v: number): NegativeCycle {
  const edges: number[] = [];
  let u = v;
  do {
    const i = pred[u]!;
    edges.push(g.outVia[i]!);
    u = g.outFrom[i]!;
  } while (u !== v && edges.length <= g.D);
  return { edges: edges.reverse(), domain: v };
}
