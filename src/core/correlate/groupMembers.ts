/**
 * The endpoints of each key group, listed by a counting sort: counts summed
 * into run ends, then filled from the last event down, so each group's
 * members are in canonical order (by process, then program order) and
 * start[g] ends at the group's first. Beside each member go M numbers: the
 * event, its process × 4 + role, the peer it was sent to (to, else peer),
 * the one it came from (from, else peer) and its attempt, which is all the
 * loop over groups (pairChannels.ts) reads of it: that loop then reads in
 * sequence, and filling one place per member touches one cache line where a
 * column each would touch six. Each loop over every event or pair is a
 * function of its own: V8 compiles a small function's loop much sooner than
 * one inside a large one.
 */
import type { Execution } from '../model/execution';
import type { Endpoints } from './endpoints';

/** Numbers kept per group member. */
export const M = 5;

export interface GroupMembers {
  /** Group g's members are mem[start[g]·M .. start[g+1]·M). */
  start: Uint32Array;
  mem: Int32Array;
  /** Whether any endpoint's peer is a set (a service's instances, a host, a group). */
  setPeers: boolean;
}

export function groupMembers(x: Execution, ends: Endpoints): GroupMembers {
  const n = x.eventCount;
  const G = ends.groupCount;
  const { group, role, toProc, fromProc, peerProc, attempt } = ends;
  const eventProc = x.eventProc;
  const start = new Uint32Array(G + 1);
  for (let e = 0; e < n; e++) if (group[e]! >= 0) start[group[e]!]!++;
  for (let g = 1; g <= G; g++) start[g]! += start[g - 1]!;
  const E = start[G]!;
  const mem = new Int32Array(E * M);
  // Only where a peer is a set have spreadOverSet, swapAcrossSet and oneSenderPerReceive anything to look at.
  const P0 = x.processNames.length;
  let setPeers = false;
  for (let e = n - 1; e >= 0; e--) {
    const g = group[e]!;
    if (g < 0) continue;
    const at = --start[g]! * M;
    const to = toProc[e]! >= 0 ? toProc[e]! : peerProc[e]!;
    const from = fromProc[e]! >= 0 ? fromProc[e]! : peerProc[e]!;
    mem[at] = e;
    mem[at + 1] = eventProc[e]! * 4 + role[e]!;
    mem[at + 2] = to;
    mem[at + 3] = from;
    mem[at + 4] = attempt[e]!;
    if (to >= P0 || from >= P0) setPeers = true;
  }
  return { start, mem, setPeers };
}

/** [start, end) index pairs of the runs of equal process in list[0, count) (members, canonical order), into runs; returns their length. */
export function runsByProcess(mem: Int32Array, list: Uint32Array, count: number, runs: Uint32Array): number {
  let w = 0;
  for (let i = 0; i < count; ) {
    const p = mem[list[i]! * M + 1]! >> 2;
    let j = i + 1;
    while (j < count && mem[list[j]! * M + 1]! >> 2 === p) j++;
    runs[w++] = i;
    runs[w++] = j;
    i = j;
  }
  return w;
}
