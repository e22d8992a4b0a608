/**
 * Lamport timestamps: L(e) = 1 + max(L(program predecessor), L(each send
 * received at e)), computed in one pass over a topological order.
 */
import type { Execution } from '../model/execution';
import type { Adjacency } from './topologicalOrder';

export function computeLamport(x: Execution, adj: Adjacency, order: Uint32Array): Uint32Array {
  const n = x.eventCount;
  const L = new Uint32Array(n);
  const { inStart, inEdge } = adj;
  const { procStart, eventProc, edgeFrom } = x;
  for (let i = 0; i < n; i++) {
    const e = order[i]!;
    let m = e === procStart[eventProc[e]!] ? 0 : L[e - 1]!;
    for (let k = inStart[e]!; k < inStart[e + 1]!; k++) {
      if (adj.skip[inEdge[k]!]) continue;
      const v = L[edgeFrom[inEdge[k]!]!]!;
      if (v > m) m = v;
    }
    L[e] = m + 1;
  }
  return L;
}

/**
 * The annotated causal order: ascending Lamport, ties by process index (processes
 * are sorted by name) then sequence, which is a deterministic linear extension
 * of happened-before. Counting sort on Lamport keeps it O(n).
 */
export function causalOrder(x: Execution, L: Uint32Array, largest?: number): Uint32Array {
  const n = x.eventCount;
  // `largest`: the largest of L where the caller knows it (one pass fewer).
  let max = largest ?? 0;
  if (largest === undefined) for (let e = 0; e < n; e++) if (L[e]! > max) max = L[e]!;
  const start = new Uint32Array(max + 2);
  for (let e = 0; e < n; e++) start[L[e]! + 1]!++;
  for (let v = 0; v <= max; v++) start[v + 1]! += start[v]!;
  const out = new Uint32Array(n);
  // Event indices ascend by (process, seq), so a stable pass keeps the tie order.
  for (let e = 0; e < n; e++) out[start[L[e]!]!++] = e;
  return out;
}
