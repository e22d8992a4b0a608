/**
 * The execution's messages indexed from both ends, made once for the
 * detectors that follow them (retries, unmatched ends): per event the send
 * of its first edge in (`sendOf`, -1 for none) and its edges out as CSR
 * (`outTo[outStart[e] .. outStart[e + 1])`, in edge order). Every edge
 * counts, a set-aside one too. Two passes over the edges and one over the
 * events, each loop in a function of its own (compiled mid-loop, a function
 * lost its code at its next loop).
 */
import type { Execution } from '../model/execution';

export interface MessageLinks {
  /** Per event, the send of its first edge in; -1 where none comes in. */
  sendOf: Int32Array;
  outStart: Uint32Array;
  outTo: Uint32Array;
}

export function messageLinks(x: Execution): MessageLinks {
  const n = x.eventCount;
  const m = x.edgeCount;
  const sendOf = new Int32Array(n).fill(-1);
  const outStart = new Uint32Array(n + 1);
  countAndLinkBack(x.edgeFrom, x.edgeTo, m, outStart, sendOf);
  prefixSums(outStart, n);
  const outTo = new Uint32Array(m);
  placeOut(x.edgeFrom, x.edgeTo, m, outStart.slice(0, n), outTo);
  return { sendOf, outStart, outTo };
}

/** From the last edge to the first, so the first edge into an event is the one its sendOf keeps. */
function countAndLinkBack(edgeFrom: Uint32Array, edgeTo: Uint32Array, m: number, outStart: Uint32Array, sendOf: Int32Array): void {
  for (let k = m - 1; k >= 0; k--) {
    const s = edgeFrom[k]!;
    outStart[s + 1]!++;
    sendOf[edgeTo[k]!] = s;
  }
}

function prefixSums(a: Uint32Array, n: number): void {
  for (let e = 0; e < n; e++) a[e + 1]! += a[e]!;
}

function placeOut(edgeFrom: Uint32Array, edgeTo: Uint32Array, m: number, cur: Uint32Array, outTo: Uint32Array): void {
  for (let k = 0; k < m; k++) outTo[cur[edgeFrom[k]!]!++] = edgeTo[k]!;
}
