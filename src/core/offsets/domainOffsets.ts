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
 */
import { hasTime, type Execution } from '../model/execution';
import { diffMs } from '../model/eventTime';
import type { DomainOffset } from './domainOffset';
import { feasibleEstimates } from './feasibleEstimates';
import { recordingSlackMs } from './recordingSlack';

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

/** Tightest bound per ordered domain pair (D × D, row = sender) and the edge that gave it. */
export interface OffsetConstraints {
  w: Float64Array;
  via: Int32Array;
}

export function estimateOffsets(x: Execution, minDelayMs = 0, skipEdge?: Uint8Array): OffsetResult {
  const c = emptyConstraints(x.domainNames.length);
  for (let k = 0; k < x.edgeCount; k++) if (!skipEdge?.[k]) addEdgeConstraint(x, c, k, minDelayMs);
  return solveOffsets(x, c, domainEventCounts(x), minDelayMs);
}

export function emptyConstraints(D: number): OffsetConstraints {
  return { w: new Float64Array(D * D).fill(Infinity), via: new Int32Array(D * D).fill(-1) };
}

/** Tightens c with edge k when it is timed at both ends and crosses domains. */
export function addEdgeConstraint(x: Execution, c: OffsetConstraints, k: number, minDelayMs: number): void {
  const D = x.domainNames.length;
  const s = x.edgeFrom[k]!;
  const r = x.edgeTo[k]!;
  if (!hasTime(x, s) || !hasTime(x, r)) return;
  const a = x.processDomain[x.eventProc[s]!]!;
  const b = x.processDomain[x.eventProc[r]!]!;
  if (a === b) return;
  // A send stamped when recorded may trail its action by the slack: the bound loosens by that much.
  const bound = diffMs(x.timeMs[r]!, x.timeNs[r]!, x.timeMs[s]!, x.timeNs[s]!) - minDelayMs + recordingSlackMs(x, s);
  if (bound < c.w[a * D + b]!) {
    c.w[a * D + b] = bound;
    c.via[a * D + b] = k;
  }
}

export function domainEventCounts(x: Execution): Float64Array {
  const counts = new Float64Array(x.domainNames.length);
  for (let e = 0; e < x.eventCount; e++) counts[x.processDomain[x.eventProc[e]!]!]!++;
  return counts;
}

/** Intervals for all domains from the constraints; references by event count. */
export function solveOffsets(x: Execution, c: OffsetConstraints, eventsPerDomain: Float64Array, minDelayMs = 0): OffsetResult {
  const D = x.domainNames.length;
  const { w, via } = c;
  const component = components(D, w);
  const refOf = new Int32Array(D).fill(-1);
  for (let d = 0; d < D; d++) {
    const comp = component[d]!;
    const r = refOf[comp]!;
    // domainNames are sorted, so the first of equal counts is the smaller name
    if (r < 0 || eventsPerDomain[d]! > eventsPerDomain[r]!) refOf[comp] = d;
  }

  const conflictEdges = negativeCycle(D, w, via);
  const offsets: DomainOffset[] = [];
  if (conflictEdges.length > 0) {
    for (let d = 0; d < D; d++) {
      const ref = refOf[component[d]!]!;
      offsets.push({ reference: x.domainNames[ref]!, low: null, high: null, estimate: d === ref ? 0 : null });
    }
    return { offsets, conflictEdges, correctionMs: new Float64Array(D), minDelayMs };
  }
  const distFrom = new Map<number, Float64Array>();
  const distTo = new Map<number, Float64Array>();
  for (let d = 0; d < D; d++) {
    const ref = refOf[component[d]!]!;
    if (!distFrom.has(ref)) {
      distFrom.set(ref, shortest(D, w, ref, false));
      distTo.set(ref, shortest(D, w, ref, true));
    }
    const hi = distFrom.get(ref)![d]!;
    const loNeg = distTo.get(ref)![d]!;
    const high = Number.isFinite(hi) ? hi : null;
    const low = Number.isFinite(loNeg) ? 0 - loNeg : null; // 0 − 0 is 0, not −0
    offsets.push({ reference: x.domainNames[ref]!, low, high, estimate: pick(low, high) });
  }
  const correctionMs = feasibleEstimates(D, w, offsets);
  return { offsets, conflictEdges, correctionMs, minDelayMs };
}

/** Midpoint of a bounded interval; else the value nearest 0 that fits; null when unconstrained. */
function pick(low: number | null, high: number | null): number | null {
  if (low !== null && high !== null) return (low + high) / 2;
  if (low !== null) return Math.max(0, low);
  if (high !== null) return Math.min(0, high);
  return null;
}

/** Bellman–Ford from src; reverse=true gives distances to src. */
function shortest(D: number, w: Float64Array, src: number, reverse: boolean): Float64Array {
  const dist = new Float64Array(D).fill(Infinity);
  dist[src] = 0;
  for (let round = 0; round < D; round++) {
    let changed = false;
    for (let a = 0; a < D; a++)
      for (let b = 0; b < D; b++) {
        const c = reverse ? w[b * D + a]! : w[a * D + b]!;
        if (c === Infinity || dist[a] === Infinity) continue;
        // same tolerance as negativeCycle: a feasible zero-weight cycle whose
        // float sum is −1e-12 must not move the reference off 0
        if (dist[a]! + c < dist[b]! - 1e-9) {
          dist[b] = dist[a]! + c;
          changed = true;
        }
      }
    if (!changed) break;
  }
  return dist;
}

/** Edges of one negative cycle among the domain constraints, or []. */
function negativeCycle(D: number, w: Float64Array, via: Int32Array): number[] {
  if (D === 0) return []; // the walk below would start from no vertex
  const dist = new Float64Array(D); // a virtual source at distance 0 to all
  const pred = new Int32Array(D).fill(-1);
  let last = -1;
  for (let round = 0; round < D; round++) {
    last = -1;
    for (let a = 0; a < D; a++)
      for (let b = 0; b < D; b++) {
        const c = w[a * D + b]!;
        if (c !== Infinity && dist[a]! + c < dist[b]! - 1e-9) {
          dist[b] = dist[a]! + c;
          pred[b] = a;
          last = b;
        }
      }
    if (last < 0) return [];
  }
  // Step back D times to land on the cycle, then walk it once.
  let v = last;
  for (let i = 0; i < D; i++) v = pred[v]!;
  const edges: number[] = [];
  let u = v;
  do {
    const p = pred[u]!;
    edges.push(via[p * D + u]!);
    u = p;
  } while (u !== v && edges.length <= D);
  return edges.reverse();
}

function components(D: number, w: Float64Array): Int32Array {
  const comp = new Int32Array(D).fill(-1);
  for (let s = 0; s < D; s++) {
    if (comp[s]! >= 0) continue;
    comp[s] = s;
    const stack = [s];
    while (stack.length) {
      const a = stack.pop()!;
      for (let b = 0; b < D; b++) {
        if (comp[b]! < 0 && (w[a * D + b] !== Infinity || w[b * D + a] !== Infinity)) {
          comp[b] = s;
          stack.push(b);
        }
      }
    }
  }
  return comp;
}
