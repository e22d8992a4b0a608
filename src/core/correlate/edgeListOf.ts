/**
 * The edges of the decided pairs but the dropped, sorted by (from, to), ties
 * in group order (edgeOrder.ts). An edge is request-response where the
 * reverse channel of the same group also has one (the answer came back).
 * Pairs are listed by group with a counting sort; a group of a few pairs
 * (nearly every one) is searched for its reverse channel, a larger one's
 * channels go in one reused set. The evidence of the few pairs that have one
 * follows its edge to its sorted place.
 */
import type { Execution } from '../model/execution';
import { edgeOrder } from '../model/edgeOrder';
import { EdgeList, type EdgeEvidence, type EdgeNaming } from './edgeList';
import type { Endpoints } from './endpoints';

export function edgeListOf(
  x: Execution,
  ends: Endpoints,
  name: EdgeNaming,
  pairs: Uint32Array,
  pairGroup: Uint32Array,
  K: number,
  dropped: Uint8Array,
  pairEvidence: ReadonlyMap<number, EdgeEvidence>,
): EdgeList {
  const n = x.eventCount;
  const P = x.processNames.length;
  const eventProc = x.eventProc;
  let L = 0;
  let inGroupOrder = true;
  for (let k = 0; k < K; k++) {
    if (!dropped[k]) L++;
    if (k > 0 && pairGroup[k]! < pairGroup[k - 1]!) inGroupOrder = false;
  }
  // Pairs are pushed group by group, but for the channels aligned later: sorted only then.
  const order = inGroupOrder ? identity(K) : byGroup(pairGroup, K, ends.groupCount);
  const channels = new Set<number>();
  const listFrom = new Uint32Array(L);
  const listTo = new Uint32Array(L);
  const listGroup = new Uint32Array(L);
  const listBack = new Uint8Array(L);
  const listPair = new Uint32Array(L);
  let w = 0;
  for (let a = 0, b = 0; a < K; a = b) {
    const g = pairGroup[order[a]!]!;
    b = a + 1;
    while (b < K && pairGroup[order[b]!] === g) b++;
    // A few pairs (nearly every group) are searched for the reverse channel; more go in the set.
    const few = b - a <= 8;
    if (!few) {
      channels.clear();
      for (let i = a; i < b; i++) if (!dropped[order[i]!]) channels.add(eventProc[pairs[2 * order[i]!]!]! * P + eventProc[pairs[2 * order[i]! + 1]!]!);
    }
    for (let i = a; i < b; i++) {
      const k = order[i]!;
      if (dropped[k]) continue;
      const from = pairs[2 * k]!;
      const to = pairs[2 * k + 1]!;
      let back = false;
      // One pair alone has no reverse: its own channel runs between two processes.
      if (b - a === 1) back = false;
      else if (few) {
        const pf = eventProc[from]!;
        const pt = eventProc[to]!;
        for (let j = a; j < b && !back; j++) {
          const q = order[j]!;
          back = !dropped[q] && eventProc[pairs[2 * q]!] === pt && eventProc[pairs[2 * q + 1]!] === pf;
        }
      } else back = channels.has(eventProc[to]! * P + eventProc[from]!);
      listFrom[w] = from;
      listTo[w] = to;
      listGroup[w] = g;
      listBack[w] = back ? 1 : 0;
      listPair[w++] = k;
    }
  }
  // Sorted by (from, to), ties in group order (edgeOrder.ts).
  const sorted = edgeOrder(listFrom, listTo, L, n, false);
  const edgeFrom = new Uint32Array(L);
  const edgeTo = new Uint32Array(L);
  const edgeGroup = new Uint32Array(L);
  const edgeBack = new Uint8Array(L);
  // The evidence of the few pairs that have one, by edge index (ascending, as the edges come).
  const evidences = new Map<number, EdgeEvidence>();
  const chose = new Uint8Array(K);
  for (const k of pairEvidence.keys()) chose[k] = 1;
  for (let i = 0; i < L; i++) {
    const j = sorted[i]!;
    edgeFrom[i] = listFrom[j]!;
    edgeTo[i] = listTo[j]!;
    edgeGroup[i] = listGroup[j]!;
    edgeBack[i] = listBack[j]!;
    if (chose[listPair[j]!]) evidences.set(i, pairEvidence.get(listPair[j]!)!);
  }
  return new EdgeList(L, edgeFrom, edgeTo, edgeGroup, edgeBack, evidences, (g) => ends.keyOf(g), name, ends.keysMade === true);
}

function identity(K: number): Uint32Array {
  const order = new Uint32Array(K);
  for (let k = 0; k < K; k++) order[k] = k;
  return order;
}

/** Pair indices by group (counting sort), each group's in pair order. */
function byGroup(pairGroup: Uint32Array, K: number, G: number): Uint32Array {
  const start = new Uint32Array(G + 1);
  for (let k = 0; k < K; k++) start[pairGroup[k]! + 1]!++;
  for (let g = 0; g < G; g++) start[g + 1]! += start[g]!;
  const order = new Uint32Array(K);
  for (let k = 0; k < K; k++) order[start[pairGroup[k]!]!++] = k;
  return order;
}
