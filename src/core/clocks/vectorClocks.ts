/**
 * Vector clocks stored as snapshots at receives, not one row per event.
 *
 * Between two receives a process's clock changes only in its own entry, so
 * the clock of any event is: the snapshot of the latest receive at or before
 * it on its process (`snapOf`, -1 when none), with its own entry replaced by
 * its sequence number. Memory is O(events + receives × processes).
 *
 * Entries count events from 1 per process (as ShiViz and GoVector do), which
 * makes `a → b` simply `vc(b)[proc a] ≥ seq a` for a ≠ b: O(1). Entries are
 * 16-bit when no process has more than 65 535 events (the common case: the
 * snapshots are most of the clocks' memory), 32-bit otherwise.
 */
import type { Execution } from '../model/execution';
import type { Adjacency } from './topologicalOrder';

export class VectorClocks {
  constructor(
    private readonly x: Execution,
    /** Snapshot index per event, -1 when no receive precedes it on its process. */
    readonly snapOf: Int32Array,
    /** processes × snapshots, row-major by snapshot. */
    readonly snapshots: Uint16Array | Uint32Array,
  ) {}

  get processCount(): number {
    return this.x.processNames.length;
  }

  /** Entry p of event e's vector clock. */
  entry(e: number, p: number): number {
    const x = this.x;
    const own = x.eventProc[e]!;
    if (p === own) return e - x.procStart[own]! + 1;
    const s = this.snapOf[e]!;
    return s < 0 ? 0 : this.snapshots[s * this.processCount + p]!;
  }

  /** The full clock of e, dense by process index. */
  clockOf(e: number, out = new Uint32Array(this.processCount)): Uint32Array {
    const P = this.processCount;
    const s = this.snapOf[e]!;
    if (s < 0) out.fill(0);
    else out.set(this.snapshots.subarray(s * P, s * P + P));
    const own = this.x.eventProc[e]!;
    out[own] = e - this.x.procStart[own]! + 1;
    return out;
  }

  happenedBefore(a: number, b: number): boolean {
    if (a === b) return false;
    const pa = this.x.eventProc[a]!;
    return this.entry(b, pa) >= a - this.x.procStart[pa]! + 1;
  }

  concurrent(a: number, b: number): boolean {
    return a !== b && !this.happenedBefore(a, b) && !this.happenedBefore(b, a);
  }

  /**
   * The causal past of e, per process, as how many of that process's first
   * events happened before or at e (program order makes it a prefix).
   */
  pastPrefix(e: number): Uint32Array {
    return this.clockOf(e);
  }

  /**
   * The causal future of e, per process, as the sequence number of that
   * process's first event that e happened before (0 when none). Every later
   * event of that process is in the future too, so a number per lane suffices.
   * Binary search on the monotone entry: O(P log n).
   */
  futureStart(e: number): Uint32Array {
    const x = this.x;
    const P = this.processCount;
    const pe = x.eventProc[e]!;
    const seqE = e - x.procStart[pe]! + 1;
    const out = new Uint32Array(P);
    for (let q = 0; q < P; q++) {
      let lo = x.procStart[q]!;
      let hi = x.procStart[q + 1]!;
      if (q === pe) lo = e + 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (this.entry(mid, pe) >= seqE) hi = mid;
        else lo = mid + 1;
      }
      out[q] = lo < x.procStart[q + 1]! ? lo - x.procStart[q]! + 1 : 0;
    }
    return out;
  }
}

/**
 * Computes the snapshots by sweeping events in a given topological order: the
 * two-pass reading computeClocks' one sweep (clockSweep.ts) stands in for. `lamport`, when given (n
 * long), gets each event's Lamport timestamp in the same sweep, as computeLamport gives it.
 */
export function computeVectorClocks(x: Execution, adj: Adjacency, order: Uint32Array, lamport?: Uint32Array): VectorClocks {
  const n = x.eventCount;
  const P = x.processNames.length;
  // The columns in locals: the loops below read no property in their bodies.
  const { inStart, inEdge, skip } = adj;
  const { edgeFrom, eventProc, procStart } = x;
  const live = (e: number) => {
    for (let k = inStart[e]!, end = inStart[e + 1]!; k < end; k++) if (!skip[inEdge[k]!]) return true;
    return false;
  };
  let receives = 0;
  for (let e = 0; e < n; e++) if (inStart[e + 1] !== inStart[e] && live(e)) receives++;
  let longest = 0;
  for (let p = 0; p < P; p++) longest = Math.max(longest, procStart[p + 1]! - procStart[p]!);
  const snapshots = longest <= 0xffff ? new Uint16Array(receives * P) : new Uint32Array(receives * P);
  const snapOf = new Int32Array(n);
  const vc = new VectorClocks(x, snapOf, snapshots);
  let next = 0;
  for (let i = 0; i < n; i++) {
    const e = order[i]!;
    const p = eventProc[e]!;
    const first = e === procStart[p];
    const prevSnap = first ? -1 : snapOf[e - 1]!;
    if (inStart[e + 1] === inStart[e] || !live(e)) {
      snapOf[e] = prevSnap;
      if (lamport) lamport[e] = (first ? 0 : lamport[e - 1]!) + 1;
      continue;
    }
    const s = next++;
    const row = s * P;
    let k = inStart[e]!;
    const end = inStart[e + 1]!;
    while (skip[inEdge[k]!]) k++;
    const firstFrom = edgeFrom[inEdge[k]!]!;
    startRow(snapshots, row, prevSnap, snapOf[firstFrom]!, P);
    let latest = lamport ? Math.max(first ? 0 : lamport[e - 1]!, lamport[firstFrom]!) : 0;
    const firstSeq = firstFrom - procStart[eventProc[firstFrom]!]! + 1;
    if (firstSeq > snapshots[row + eventProc[firstFrom]!]!) snapshots[row + eventProc[firstFrom]!] = firstSeq;
    for (k++; k < end; k++) {
      if (skip[inEdge[k]!]) continue;
      const from = edgeFrom[inEdge[k]!]!;
      const fp = eventProc[from]!;
      if (lamport && lamport[from]! > latest) latest = lamport[from]!;
      mergeMessage(snapshots, row, snapOf[from]!, fp, from - procStart[fp]! + 1, P);
    }
    snapshots[row + p] = e - procStart[p]! + 1;
    snapOf[e] = s;
    if (lamport) lamport[e] = latest + 1;
  }
  return vc;
}

/**
 * Starts a receive's snapshot row: the entry-wise maximum of its process's
 * previous snapshot and its first live message's (either may be −1: none),
 * zeros where both are. A plain loop: copyWithin is a call into the runtime,
 * slower for a few dozen entries; the merge is made as the copy is (one pass).
 */
export function startRow(snapshots: Uint16Array | Uint32Array, row: number, prevSnap: number, firstSnap: number, P: number): void {
  if (prevSnap >= 0 && firstSnap >= 0) {
    for (let q = 0, a = prevSnap * P, b = firstSnap * P; q < P; q++) {
      const u = snapshots[a + q]!;
      const v = snapshots[b + q]!;
      snapshots[row + q] = u > v ? u : v;
    }
  } else if (prevSnap >= 0 || firstSnap >= 0) {
    for (let q = 0, src = (prevSnap >= 0 ? prevSnap : firstSnap) * P; q < P; q++) snapshots[row + q] = snapshots[src + q]!;
  }
}

/**
 * Merges one more message into a receive's row: the sender's snapshot
 * (−1: none) entry-wise, then the send itself, the sender's `fromSeq`-th event.
 */
export function mergeMessage(snapshots: Uint16Array | Uint32Array, row: number, fromSnap: number, fromProc: number, fromSeq: number, P: number): void {
  if (fromSnap >= 0) {
    for (let q = 0, src = fromSnap * P; q < P; q++) {
      const v = snapshots[src + q]!;
      if (v > snapshots[row + q]!) snapshots[row + q] = v;
    }
  }
  if (fromSeq > snapshots[row + fromProc]!) snapshots[row + fromProc] = fromSeq;
}
