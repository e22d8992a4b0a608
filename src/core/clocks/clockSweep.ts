/**
 * Lamport timestamps and vector clocks in one sweep over the happened-before
 * DAG, a cursor per process. A process runs forward through its events in
 * program order (sequential reads and writes of every column) until it meets
 * a receive one of whose sends is not yet swept; it then waits, and the sweep
 * of that send puts it back in the queue of processes to run (each edge
 * rechecks its receive's process when its send is swept, and only if that
 * process waits at that very receive). An event is swept once all its
 * predecessors are, so its clocks are made on the spot: a local event or a
 * send shares its process's latest snapshot (VectorClocks) and gets its
 * predecessor's Lamport time + 1; a receive gets a new snapshot, the
 * entry-wise maximum of its process's and its sends' clocks. No per-event
 * queue, pending count or separate order is kept.
 *
 * When the queue empties with events left, they lie on or behind a cycle:
 * released() marks the swept ones for findCycle, dropEdge() sets one edge
 * aside and run() goes on from there, so breaking k cycles costs one sweep.
 * Which events are swept before a stall does not depend on the order
 * processes run in, so the cycles found and the edges set aside are those of
 * any topological sweep.
 */
import type { Execution } from '../model/execution';
import type { Adjacency } from './topologicalOrder';
import { mergeMessage, startRow, VectorClocks } from './vectorClocks';

export class ClockSweep {
  readonly lamport: Uint32Array;
  private readonly snapOf: Int32Array;
  private snapshots: Uint16Array | Uint32Array;
  private rows = 0;
  /** Per process, its first event not yet swept. */
  private readonly cursor: Uint32Array;
  /** Processes to run, and whether each is in the queue. */
  private readonly queue: Uint32Array;
  private readonly queued: Uint8Array;
  private queueLength = 0;

  constructor(
    private readonly x: Execution,
    private readonly adj: Adjacency,
  ) {
    const n = x.eventCount;
    const P = x.processNames.length;
    this.lamport = new Uint32Array(n);
    this.snapOf = new Int32Array(n);
    // A row per receive: at most one per event with an incoming edge (fewer where all its edges are set aside).
    const { inStart } = adj;
    let receivers = 0;
    for (let e = 0; e < n; e++) if (inStart[e + 1] !== inStart[e]) receivers++;
    let longest = 0;
    for (let p = 0; p < P; p++) longest = Math.max(longest, x.procStart[p + 1]! - x.procStart[p]!);
    this.snapshots = longest <= 0xffff ? new Uint16Array(receivers * P) : new Uint32Array(receivers * P);
    this.cursor = x.procStart.slice(0, P);
    this.queue = new Uint32Array(P);
    this.queued = new Uint8Array(P);
    for (let p = P - 1; p >= 0; p--) this.enqueue(p);
  }

  private enqueue(p: number): void {
    if (this.queued[p] || this.cursor[p] === this.x.procStart[p + 1]) return;
    this.queued[p] = 1;
    this.queue[this.queueLength++] = p;
  }

  /** True when every event is swept. */
  run(): boolean {
    const { x, adj, lamport, snapOf, cursor, queue, queued } = this;
    const P = x.processNames.length;
    // The columns in locals: the loops read no property in their bodies.
    const { procStart, eventProc, edgeFrom, edgeTo } = x;
    const { inStart, inEdge, outStart, outEdge, skip } = adj;
    const snapshots = this.snapshots;
    let rows = this.rows;
    while (this.queueLength > 0) {
      const p = queue[--this.queueLength]!;
      queued[p] = 0;
      const first = procStart[p]!;
      const end = procStart[p + 1]!;
      let e = cursor[p]!;
      for (; e < end; e++) {
        const a = inStart[e]!;
        const b = inStart[e + 1]!;
        const prevSnap = e === first ? -1 : snapOf[e - 1]!;
        const prevLamport = e === first ? 0 : lamport[e - 1]!;
        let live = -1;
        if (a !== b) {
          // Wait while a send is not swept; the first live edge's sender starts the merge.
          let waits = false;
          for (let i = a; i < b; i++) {
            const k = inEdge[i]!;
            if (skip[k]) continue;
            const s = edgeFrom[k]!;
            if (s >= cursor[eventProc[s]!]!) {
              waits = true;
              break;
            }
            if (live < 0) live = k;
          }
          if (waits) break;
        }
        if (live < 0) {
          snapOf[e] = prevSnap;
          lamport[e] = prevLamport + 1;
        } else {
          const row = rows++ * P;
          const firstFrom = edgeFrom[live]!;
          startRow(snapshots, row, prevSnap, snapOf[firstFrom]!, P);
          let latest = Math.max(prevLamport, lamport[firstFrom]!);
          const firstProc = eventProc[firstFrom]!;
          const firstSeq = firstFrom - procStart[firstProc]! + 1;
          if (firstSeq > snapshots[row + firstProc]!) snapshots[row + firstProc] = firstSeq;
          for (let i = a; i < b; i++) {
            const k = inEdge[i]!;
            if (skip[k] || k === live) continue;
            const from = edgeFrom[k]!;
            const fp = eventProc[from]!;
            if (lamport[from]! > latest) latest = lamport[from]!;
            mergeMessage(snapshots, row, snapOf[from]!, fp, from - procStart[fp]! + 1, P);
          }
          snapshots[row + p] = e - first + 1;
          snapOf[e] = rows - 1;
          lamport[e] = latest + 1;
        }
        cursor[p] = e + 1;
        // Processes waiting at a receive of this send may go on.
        for (let i = outStart[e]!, stop = outStart[e + 1]!; i < stop; i++) {
          const k = outEdge[i]!;
          if (skip[k]) continue;
          const t = edgeTo[k]!;
          const r = eventProc[t]!;
          if (r !== p && cursor[r] === t) this.enqueue(r);
        }
      }
      cursor[p] = e;
    }
    this.rows = rows;
    for (let p = 0; p < P; p++) if (cursor[p] !== procStart[p + 1]) return false;
    return true;
  }

  /** Per event, 1 where it is swept (findCycle's argument). */
  released(): Uint8Array {
    const x = this.x;
    const released = new Uint8Array(x.eventCount);
    for (let p = 0; p < x.processNames.length; p++) released.fill(1, x.procStart[p]!, this.cursor[p]!);
    return released;
  }

  /** Sets aside edge k, whose sender is not yet swept. */
  dropEdge(k: number): void {
    this.adj.skip[k] = 1;
    const t = this.x.edgeTo[k]!;
    const r = this.x.eventProc[t]!;
    if (this.cursor[r] === t) this.enqueue(r);
  }

  /** The vector clocks, once run() has swept every event. */
  clocks(): VectorClocks {
    const used = this.rows * this.x.processNames.length;
    // Rows of receives whose every edge was set aside were never used.
    const snapshots = used === this.snapshots.length ? this.snapshots : this.snapshots.slice(0, used);
    return new VectorClocks(this.x, this.snapOf, snapshots);
  }
}
