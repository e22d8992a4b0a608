/**
 * The happened-before DAG's message edges as adjacency both ways (CSR by
 * event, made by counting sorts), for the clocks' sweep (clockSweep.ts) and
 * the readers of an event's messages. Kahn's algorithm over the DAG (each
 * event depends on its program predecessor and on the sends of its incoming
 * edges), iterative with typed-array queues: the plain topological order the
 * clocks' sweep stands in for (its property test, and the bench's figures of
 * each pass on its own). When some events are never released, they lie on or
 * behind a cycle; findCycle walks predecessors among them until one repeats
 * and returns that cycle, so the error can name its events instead of
 * hanging.
 */
import type { Execution } from '../model/execution';

export interface Adjacency {
  /** CSR of incoming edges: edges into e are inEdge[inStart[e] .. inStart[e+1]). */
  inStart: Uint32Array;
  inEdge: Uint32Array;
  outStart: Uint32Array;
  outEdge: Uint32Array;
  /** 1 for edges set aside (to break a cycle): they do not order anything. */
  skip: Uint8Array;
}

/** `skip`: the edges set aside so far (none when not given). */
export function buildAdjacency(x: Execution, skip: Uint8Array = new Uint8Array(x.edgeCount)): Adjacency {
  const n = x.eventCount;
  const m = x.edgeCount;
  // The columns in locals: a loop over every edge reads no property of x.
  const { edgeFrom, edgeTo } = x;
  // Counts at e, summed so each holds the end of e's run, then filled from the last edge down
  // by decrementing: each ends at the start of its run (no cursor copies), edges ascending in it.
  const inStart = new Uint32Array(n + 1);
  const outStart = new Uint32Array(n + 1);
  for (let k = 0; k < m; k++) {
    inStart[edgeTo[k]!]!++;
    outStart[edgeFrom[k]!]!++;
  }
  for (let e = 1; e <= n; e++) {
    inStart[e]! += inStart[e - 1]!;
    outStart[e]! += outStart[e - 1]!;
  }
  const inEdge = new Uint32Array(m);
  const outEdge = new Uint32Array(m);
  for (let k = m - 1; k >= 0; k--) {
    inEdge[--inStart[edgeTo[k]!]!] = k;
    outEdge[--outStart[edgeFrom[k]!]!] = k;
  }
  return { inStart, inEdge, outStart, outEdge, skip };
}

/**
 * Kahn's sweep, resumable: run() releases events whose predecessors are all
 * released, appending them to `order`. When it stops short, the rest lie on or
 * behind a cycle; dropEdge() sets one edge aside and run() goes on from there,
 * so breaking k cycles costs one sweep, not k.
 */
export class TopologicalSweep {
  readonly order: Uint32Array;
  readonly released: Uint8Array;
  private readonly pending: Uint32Array;
  private head = 0;
  private tail = 0;

  constructor(
    private readonly x: Execution,
    private readonly adj: Adjacency,
  ) {
    const n = x.eventCount;
    this.order = new Uint32Array(n);
    this.released = new Uint8Array(n);
    this.pending = new Uint32Array(n);
    const { procStart, eventProc } = x;
    const { inStart } = adj;
    const { pending, order } = this;
    let tail = 0;
    for (let e = 0; e < n; e++) {
      const p = inStart[e + 1]! - inStart[e]! + (procStart[eventProc[e]!] === e ? 0 : 1);
      pending[e] = p;
      if (p === 0) order[tail++] = e;
    }
    this.tail = tail;
  }

  /** True when every event is released. */
  run(): boolean {
    const { x, adj, order, pending, released } = this;
    const n = x.eventCount;
    // The columns in locals: the loop reads no property in its body.
    const { procStart, eventProc, edgeTo } = x;
    const { outStart, outEdge, skip } = adj;
    let { head, tail } = this;
    while (head < tail) {
      const e = order[head++]!;
      released[e] = 1;
      const next = e + 1;
      if (next < n && procStart[eventProc[next]!] !== next && --pending[next]! === 0) order[tail++] = next;
      for (let i = outStart[e]!, end = outStart[e + 1]!; i < end; i++) {
        const k = outEdge[i]!;
        if (skip[k]) continue;
        const to = edgeTo[k]!;
        if (--pending[to]! === 0) order[tail++] = to;
      }
    }
    this.head = head;
    this.tail = tail;
    return tail === n;
  }

  /** Sets aside edge k, whose sender is not yet released. */
  dropEdge(k: number): void {
    this.adj.skip[k] = 1;
    const to = this.x.edgeTo[k]!;
    if (--this.pending[to]! === 0) this.order[this.tail++] = to;
  }
}

/**
 * A cycle among events that topologicalOrder could not release: the edge
 * indices along it (program-order steps are implicit and not listed), and the
 * events it passes through, in causal direction.
 */
export function findCycle(x: Execution, adj: Adjacency, released: Uint8Array): { events: number[]; edges: number[] } {
  const n = x.eventCount;
  // Each unreleased event has at least one unreleased predecessor; following
  // them backwards must revisit an event within n steps.
  const seenAt = new Int32Array(n).fill(-1);
  const path: number[] = [];
  const viaEdge: number[] = [];
  let e = -1;
  for (let i = 0; i < n; i++)
    if (!released[i]) {
      e = i;
      break;
    }
  while (e >= 0 && seenAt[e] === -1) {
    seenAt[e] = path.length;
    path.push(e);
    let pred = -1;
    let edge = -1;
    if (e !== x.procStart[x.eventProc[e]!] && !released[e - 1]) pred = e - 1;
    else {
      for (let i = adj.inStart[e]!; i < adj.inStart[e + 1]!; i++) {
        const k = adj.inEdge[i]!;
        if (!adj.skip[k] && !released[x.edgeFrom[k]!]) {
          pred = x.edgeFrom[k]!;
          edge = k;
          break;
        }
      }
    }
    viaEdge.push(edge);
    e = pred;
  }
  const start = seenAt[e]!;
  const events = path.slice(start).reverse();
  const edges = viaEdge.slice(start).filter((k) => k >= 0).reverse();
  return { events, edges };
}
