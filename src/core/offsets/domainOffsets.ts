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
 * each other (a clock jump or a wrong rule); its edges are reported, and its
 * connected set of domains gets no bounds. The other sets are solved apart:
 * no pair joins two sets, so a contradiction in one says nothing of another.
 *
 * The estimate is the midpoint of a bounded interval; half-bounded and free
 * domains get values chosen so that corrected times keep every message
 * forward (feasibleEstimates.ts).
 *
 * Each connected set of domains gets its own reference: the domain with most
 * events, ties by name. Timestamps of different hosts are never compared to
 * order events; they only bound offsets here, after causality is known.
 *
 * A clock stepped back reads another offset after the step: its domain is
 * split into epochs (clockEpochs.ts) and the constraints are between epochs
 * (slots), each epoch getting its own interval (`epochs`); `offsets` and
 * `correctionMs` then give each domain its last epoch's.
 *
 * Cost: the constraints are sparse (one entry per pair of domains a message
 * joins, offsetConstraints.ts), and each connected set is solved from its
 * reference alone, both ways, over its own domains (constraintPaths.ts):
 * O(pairs × rounds) in all, with no domain × domain table, so ten thousand
 * domains with one event each cost no more than their count.
 */
import { hasTime, type Execution } from '../model/execution';
import { diffMs } from '../model/eventTime';
import { backwardSteps, type BackwardSteps } from '../anomalies/backwardSteps';
import { clockEpochs, stepBoundMs, type ClockEpochs } from './clockEpochs';
import { negativeCycle, shortestFrom } from './constraintPaths';
import type { DomainOffset } from './domainOffset';
import { feasibleEstimates } from './feasibleEstimates';
import { constraintGraph, emptyConstraints, type ConstraintGraph, type OffsetConstraints } from './offsetConstraints';
import { recordingSlackMs } from './recordingSlack';

export { emptyConstraints, type OffsetConstraints } from './offsetConstraints';

export interface OffsetResult {
  offsets: DomainOffset[];
  /** Edge indices on a contradictory cycle (the first of conflictCycles); empty when feasible. */
  conflictEdges: number[];
  /**
   * One contradictory cycle per connected set of domains whose bounds
   * contradict each other. Those sets get no bounds and no correction; the
   * other sets are solved as usual.
   */
  conflictCycles?: number[][];
  /**
   * Per domain, what corrected times subtract: the estimate where there is
   * one, and for a domain with none a value that still keeps every message
   * forward (see feasibleEstimates). 0 for the domains of a connected set whose constraints contradict.
   */
  correctionMs?: Float64Array;
  /** The minimum delay the bounds were computed with. */
  minDelayMs?: number;
  /** Where a clock stepped: its epochs, and bounds and corrections per slot (epoch). */
  epochs?: EpochOffsets;
  /** The backward steps the epochs were cut at (estimateOffsets), so the anomalies need not find them again. */
  steps?: BackwardSteps;
}

export interface EpochOffsets {
  epochs: ClockEpochs;
  /** Per slot (clockEpochs.ts): bounds relative to the slot's reference, and what corrected times subtract. */
  offsets: DomainOffset[];
  correctionMs: Float64Array;
}

/** Stepped slots are references only where their connected set has no other: 2^40 events outweigh any log. */
const STEPPED_WEIGHT = 2 ** 40;

/** `happenedBefore` (the clocks') places events of a stepped clock's other processes in epochs (clockEpochs.ts). */
export function estimateOffsets(x: Execution, minDelayMs = 0, skipEdge?: Uint8Array, happenedBefore?: (a: number, b: number) => boolean): OffsetResult {
  const steps = backwardSteps(x);
  const epochs = clockEpochs(x, steps, happenedBefore);
  if (epochs) return { ...estimateEpochOffsets(x, epochs, minDelayMs, skipEdge), steps };
  const c = emptyConstraints(x.domainNames.length);
  for (let k = 0; k < x.edgeCount; k++) if (!skipEdge?.[k]) addEdgeConstraint(x, c, k, minDelayMs);
  return { ...solveOffsets(x, c, domainEventCounts(x), minDelayMs), steps };
}

/**
 * Offsets per epoch: messages bound the epochs their ends are in (one with an
 * end of unsure epoch bounds nothing), and each step bounds its later epoch
 * against the earlier by the step's own program order.
 */
function estimateEpochOffsets(x: Execution, ep: ClockEpochs, minDelayMs: number, skipEdge?: Uint8Array): OffsetResult {
  const c = emptyConstraints(ep.slots);
  for (let k = 0; k < x.edgeCount; k++) {
    if (skipEdge?.[k]) continue;
    const s = x.edgeFrom[k]!;
    const r = x.edgeTo[k]!;
    if (!hasTime(x, s) || !hasTime(x, r) || ep.ambiguous[s] || ep.ambiguous[r]) continue;
    const a = ep.eventSlot[s]!;
    const b = ep.eventSlot[r]!;
    if (a === b) continue;
    c.tighten(a, b, diffMs(x.timeMs[r]!, x.timeNs[r]!, x.timeMs[s]!, x.timeNs[s]!) - minDelayMs + recordingSlackMs(x, s), k);
  }
  // -1: a bound from program order, not from a message (left out of conflictEdges).
  ep.stepBefore.forEach((b, i) => c.tighten(ep.eventSlot[b]!, ep.stepSlot[i]!, stepBoundMs(x, b, ep.stepAfter[i]!), -1));
  const counts = new Float64Array(ep.slots);
  const { eventSlot } = ep;
  for (let e = 0, n = x.eventCount; e < n; e++) counts[eventSlot[e]!]!++;
  const stepped = new Uint8Array(x.domainNames.length);
  for (const slot of ep.stepSlot) stepped[ep.slotDomain[slot]!] = 1;
  for (let s = 0; s < ep.slots; s++) if (stepped[ep.slotDomain[s]!]) counts[s]! -= STEPPED_WEIGHT;
  const bySlot = solveOffsets(x, c, counts, minDelayMs, ep.slotNames);
  const conflictCycles = (bySlot.conflictCycles ?? []).map((cycle) => cycle.filter((k) => k >= 0)).filter((cycle) => cycle.length > 0);
  const D = x.domainNames.length;
  const last = Int32Array.from({ length: D }, (_, d) => d);
  for (let s = D; s < ep.slots; s++) last[ep.slotDomain[s]!] = s;
  const slotCorrection = bySlot.correctionMs ?? new Float64Array(ep.slots);
  return {
    offsets: Array.from(last, (s) => bySlot.offsets[s]!),
    conflictEdges: conflictCycles[0] ?? [],
    conflictCycles,
    correctionMs: Float64Array.from(last, (s) => slotCorrection[s]!),
    minDelayMs,
    epochs: { epochs: ep, offsets: bySlot.offsets, correctionMs: slotCorrection },
  };
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

export function domainEventCounts(x: Execution, whole?: OffsetResult): Float64Array {
  const counts = new Float64Array(x.domainNames.length);
  // A process's events are contiguous: its count is its span.
  for (let p = 0; p < x.processNames.length; p++) counts[x.processDomain[p]!]! += x.procStart[p + 1]! - x.procStart[p]!;
  // As for the whole execution: a stepped domain is a reference only where its set has no other.
  const ep = whole?.epochs?.epochs;
  if (ep) for (const d of new Set(ep.stepSlot.map((s) => ep.slotDomain[s]!))) counts[d]! -= STEPPED_WEIGHT;
  return counts;
}

/** Intervals for all domains from the constraints; references by event count. */
export function solveOffsets(x: Execution, c: OffsetConstraints, eventsPerDomain: Float64Array, minDelayMs = 0, names: readonly string[] = x.domainNames): OffsetResult {
  const D = names.length;
  const g = constraintGraph(c);
  const { componentOf, memberStart, members } = components(g);
  const refOf = new Int32Array(D).fill(-1);
  for (let d = 0; d < D; d++) {
    const comp = componentOf[d]!;
    const r = refOf[comp]!;
    // domainNames are sorted, so the first of equal counts is the smaller name
    if (r < 0 || eventsPerDomain[d]! > eventsPerDomain[r]!) refOf[comp] = d;
  }

  // A contradiction leaves its own connected set without bounds; the other sets are solved as if it were not there.
  const contradicted = new Uint8Array(D);
  const conflictCycles: number[][] = [];
  for (let cycle = negativeCycle(g); cycle.domain >= 0; cycle = negativeCycle(g, contradicted)) {
    conflictCycles.push(cycle.edges);
    const comp = componentOf[cycle.domain]!;
    for (let m = memberStart[comp]!; m < memberStart[comp + 1]!; m++) contradicted[members[m]!] = 1;
  }
  // Connected sets are disjoint, so one array each way holds every set's distances.
  const distFrom = new Float64Array(D).fill(Infinity);
  const distTo = new Float64Array(D).fill(Infinity);
  const moved = new Uint8Array(D);
  for (let comp = 0; comp < D; comp++) {
    if (memberStart[comp] === memberStart[comp + 1] || contradicted[comp]) continue;
    const own = members.subarray(memberStart[comp]!, memberStart[comp + 1]!);
    shortestFrom(g, own, refOf[comp]!, false, distFrom, moved);
    shortestFrom(g, own, refOf[comp]!, true, distTo, moved);
  }
  const offsets: DomainOffset[] = [];
  for (let d = 0; d < D; d++) {
    const ref = refOf[componentOf[d]!]!;
    if (contradicted[d]) {
      offsets.push({ reference: names[ref]!, low: null, high: null, estimate: d === ref ? 0 : null });
      continue;
    }
    const hi = distFrom[d]!;
    const loNeg = distTo[d]!;
    const high = Number.isFinite(hi) ? hi : null;
    const low = Number.isFinite(loNeg) ? 0 - loNeg : null; // 0 − 0 is 0, not −0
    offsets.push({ reference: names[ref]!, low, high, estimate: pick(low, high) });
  }
  const correctionMs = feasibleEstimates(g, offsets, contradicted);
  return { offsets, conflictEdges: conflictCycles[0] ?? [], conflictCycles, correctionMs, minDelayMs };
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
