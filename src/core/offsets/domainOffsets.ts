/**
 * Clock-domain offsets as intervals, from message edges alone.
 *
 * Let off(D) be how far domain D's clock reads ahead of true time. A message
 * sent at t_s on A and received at t_r on B was received after it was sent,
 * at least `minDelayMs` later in true time, so
 *     off(B) − off(A) ≤ t_r − t_s − minDelayMs (+ the send's recording
 * slack, when its stamp is a recording time: recordingSlack.ts).
 * These are difference constraints: shortest paths over the domain graph
 * (Bellman–Ford, as the weights may be negative) give, relative to a reference
 * domain R, high(D) = dist(R→D) and low(D) = −dist(D→R). A side with no path
 * is unconstrained (null). A negative cycle means the constraints contradict
 * each other (a clock jump or a wrong rule); its edges are reported.
 *
 * The estimate is the midpoint of a bounded interval; half-bounded and free
 * domains get values chosen so that corrected times keep every message
 * forward (feasibleEstimates.ts).
 *
 * Each connected set of domains gets its own reference: the domain with most
 * events, ties by name. Timestamps of different hosts are never compared to
 * order events; they only bound offsets here, after causality is known.
 *
 * Cost: the constraints are sparse (one entry per pair of domains a message
 * joins, offsetConstraints.ts), and each connected set is solved from its
 * reference alone, both ways, over its own domains (constraintPaths.ts):
 * O(pairs × rounds) in all, with no domain × domain table, so ten thousand
 * domains with one event each cost no more than their count.
 */
import { hasTime, type Execution } from '../model/execution';
import { diffMs } from '../model/eventTime';
import { negativeCycle, shortestFrom } from './constraintPaths';
import type { DomainOffset } from './domainOffset';
import { feasibleEstimates } from './feasibleEstimates';
import { constraintGraph, emptyConstraints, type ConstraintGraph, type OffsetConstraints } from './offsetConstraints';
import { recordingSlackMs } from './recordingSlack';

export { emptyConstraints, type OffsetConstraints } from './offsetConstraints';

export interface OffsetResult {
  offsets: DomainOffset[];
  /** Edge indices on a contradictory cycle; empty when feasible. */
  conflictEdges: number[];
  /**
   * Per domain, what corrected times subtract: the estimate where there is
   * one, and for a domain with none a value that still keeps every message
   * forward (see feasibleEstimates). All 0 when the constraints contradict.
   */
  correctionMs?: Float64Array;
  /** The minimum delay the bounds were computed with. */
  minDelayMs?: number;
}

export function estimateOffsets(x: Execution, minDelayMs = 0, skipEdge?: Uint8Array): OffsetResult {
  const c = emptyConstraints(x.domainNames.length);
  for (let k = 0; k < x.edgeCount; k++) if (!skipEdge?.[k]) addEdgeConstraint(x, c, k, minDelayMs);
  return solveOffsets(x, c, domainEventCounts(x), minDelayMs);
}

/** Tightens c with edge k when it is timed at both ends and crosses domains. */
export function addEdgeConstraint(x: Execution, c: OffsetConstraints, k: number, minDelayMs: number): void {
  const s = x.edgeFrom[k]!;
  const r = x.edgeTo[k]!;
  if (!hasTime(x, s) || !hasTime(x, r)) return;
  const a = x.processDomain[x.eventProc[s]!]!;
  const b = x.processDomain[x.eventProc[r]!]!;
  if (a === b) return;
  // A send stamped when recorded may trail its action by the slack: the bound loosens by that much.
  c.tighten(a, b, diffMs(x.timeMs[r]!, x.timeNs[r]!, x.timeMs[s]!, x.timeNs[s]!) - minDelayMs + recordingSlackMs(x, s), k);
}

export function domainEventCounts(x: Execution): Float64Array {
  const counts = new Float64Array(x.domainNames.length);
  for (let e = 0; e < x.eventCount; e++) counts[x.processDomain[x.eventProc[e]!]!]!++;
  return counts;
}

/** Intervals for all domains from the constraints; references by event count. */
export function solveOffsets(x: Execution, c: OffsetConstraints, eventsPerDomain: Float64Array, minDelayMs = 0): OffsetResult {
  const D = x.domainNames.length;
  const g = constraintGraph(c);
  const { componentOf, memberStart, members } = components(g);
  const refOf = new Int32Array(D).fill(-1);
  for (let d = 0; d < D; d++) {
    const comp = componentOf[d]!;
    const r = refOf[comp]!;
    // domainNames are sorted, so the first of equal counts is the smaller name
    if (r < 0 || eventsPerDomain[d]! > eventsPerDomain[r]!) refOf[comp] = d;
  }

  const conflictEdges = negativeCycle(g);
  const offsets: DomainOffset[] = [];
  if (conflictEdges.length > 0) {
    for (let d = 0; d < D; d++) {
      const ref = refOf[componentOf[d]!]!;
      offsets.push({ reference: x.domainNames[ref]!, low: null, high: null, estimate: d === ref ? 0 : null });
    }
    return { offsets, conflictEdges, correctionMs: new Float64Array(D), minDelayMs };
  }
  // Connected sets are disjoint, so one array each way holds every set's distances.
  const distFrom = new Float64Array(D).fill(Infinity);
  const distTo = new Float64Array(D).fill(Infinity);
  const moved = new Uint8Array(D);
  for (let comp = 0; comp < D; comp++) {
    if (memberStart[comp] === memberStart[comp + 1]) continue;
    const own = members.subarray(memberStart[comp]!, memberStart[comp + 1]!);
    shortestFrom(g, own, refOf[comp]!, false, distFrom, moved);
    shortestFrom(g, own, refOf[comp]!, true, distTo, moved);
  }
  for (let d = 0; d < D; d++) {
    const ref = refOf[componentOf[d]!]!;
    const hi = distFrom[d]!;
    const loNeg = distTo[d]!;
    const high = Number.isFinite(hi) ? hi : null;
    const low = Number.isFinite(loNeg) ? 0 - loNeg : null; // 0 − 0 is 0, not −0
    offsets.push({ reference: x.domainNames[ref]!, low, high, estimate: pick(low, high) });
  }
  const correctionMs = feasibleEstimates(g, offsets);
  return { offsets, conflictEdges, correctionMs, minDelayMs };
}

/** Midpoint of a bounded interval; else the value nearest 0 that fits; null when unconstrained. */
function pick(low: number | null, high: number | null): number | null {
  if (low !== null && high !== null) return (low + high) / 2;
  if (low !== null) return Math.max(0, low);
  if (high !== null) return Math.min(0, high);
  return null;
}

/**
 * Connected sets of domains, ignoring direction: each labelled by its
 * smallest domain, with its members ascending (members[memberStart[c] ..
 * memberStart[c + 1]] for label c; empty for other labels).
 */
function components(g: ConstraintGraph): { componentOf: Int32Array; memberStart: Int32Array; members: Int32Array } {
  const D = g.D;
  const comp = new Int32Array(D).fill(-1);
  const stack = new Int32Array(D);
  for (let s = 0; s < D; s++) {
    if (comp[s]! >= 0) continue;
    comp[s] = s;
    let top = 0;
    stack[top++] = s;
    while (top > 0) {
      const a = stack[--top]!;
      for (let i = g.outStart[a]!; i < g.outStart[a + 1]!; i++) {
        const b = g.outTo[i]!;
        if (comp[b]! < 0) {
          comp[b] = s;
          stack[top++] = b;
        }
      }
      for (let i = g.inStart[a]!; i < g.inStart[a + 1]!; i++) {
        const b = g.inFrom[i]!;
        if (comp[b]! < 0) {
          comp[b] = s;
          stack[top++] = b;
        }
      }
    }
  }
  const memberStart = new Int32Array(D + 1);
  for (let d = 0; d < D; d++) memberStart[comp[d]! + 1]!++;
  for (let c = 0; c < D; c++) memberStart[c + 1]! += memberStart[c]!;
  const next = memberStart.slice(0, D);
  const members = new Int32Array(D);
  for (let d = 0; d < D; d++) members[next[comp[d]!]!++] = d;
  return { componentOf: comp, memberStart, members };
}
