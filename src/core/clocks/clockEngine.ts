/**
 * Gives every event a Lamport timestamp and a vector clock. A cycle in the
 * inferred edges cannot be ordered: it becomes an error that names its events
 * (input and line), the last message edge on it is set aside (and said so),
 * and the sweep resumes, so the rest of the execution is still analyzed.
 */
import type { Diagnostic } from '../model/diagnostic';
import { eventId, sourceOf, type Execution } from '../model/execution';
import { causalOrder } from './lamport';
import { ClockSweep } from './clockSweep';
import { buildAdjacency, findCycle, type Adjacency } from './topologicalOrder';
import type { VectorClocks } from './vectorClocks';

export interface Clocks {
  lamport: Uint32Array;
  vc: VectorClocks;
  /** Events in annotated causal order. */
  order: Uint32Array;
  /** Per edge: 1 where the edge was set aside to break a cycle. */
  edgeIgnored: Uint8Array;
  /** Made again when first read after the sweep (most analyses never read it), then kept; its skip is edgeIgnored. */
  readonly adjacency: Adjacency;
}

export function computeClocks(x: Execution, diagnostics: Diagnostic[] = []): Clocks {
  const adj = buildAdjacency(x);
  // Lamport timestamps and vector clocks in one sweep (clockSweep.ts).
  const sweep = new ClockSweep(x, adj);
  while (!sweep.run()) {
    const cycle = findCycle(x, adj, sweep.released());
    const drop = cycle.edges[cycle.edges.length - 1]!;
    sweep.dropEdge(drop);
    diagnostics.push({
      input: x.inputs[x.eventInput[x.edgeTo[drop]!]!]!,
      line: x.eventLine[x.edgeTo[drop]!]!,
      severity: 'error',
      message: describeCycle(x, cycle.events, drop),
    });
  }
  const lamport = sweep.lamport;
  const vc = sweep.clocks();
  // Lamport timestamps grow by one along each process, so the largest is some process's last.
  let largest = 0;
  for (let p = 0; p < x.processNames.length; p++) if (x.procStart[p + 1]! > x.procStart[p]! && lamport[x.procStart[p + 1]! - 1]! > largest) largest = lamport[x.procStart[p + 1]! - 1]!;
  return clocksOf(x, lamport, vc, causalOrder(x, lamport, largest), adj.skip);
}

/**
 * The result, in a scope of its own so the sweep's adjacency (about 10 bytes per event) can go
 * once it is done: `adjacency` is built again from the edges the first time it is read.
 */
function clocksOf(x: Execution, lamport: Uint32Array, vc: VectorClocks, order: Uint32Array, skip: Uint8Array): Clocks {
  let adjacency: Adjacency | null = null;
  return {
    lamport,
    vc,
    order,
    edgeIgnored: skip,
    get adjacency() {
      return (adjacency ??= buildAdjacency(x, skip));
    },
  };
}

function describeCycle(x: Execution, events: number[], drop: number): string {
  const shown = events.slice(0, 8).map((e) => `${eventId(x, e)} (${sourceOf(x, e)})`);
  if (events.length > 8) shown.push(`… ${events.length - 8} more`);
  const from = x.edgeFrom[drop]!;
  const to = x.edgeTo[drop]!;
  const rule = x.strings.get(x.edgeRule[drop]!);
  const key = x.strings.get(x.edgeKey[drop]!);
  return (
    `causal cycle in the inferred edges: ${shown.join(' → ')} → back to the start; ` +
    `the edge ${eventId(x, from)} → ${eventId(x, to)} (rule ${rule}, key ${JSON.stringify(key)}) was ignored to order the rest`
  );
}
