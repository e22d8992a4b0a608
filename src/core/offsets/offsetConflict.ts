/**
 * Words for contradictory offset constraints. Around a cycle of domains the
 * bounds must sum to at least zero (each clock returns to itself); when the
 * message edges of a cycle sum below zero, no offsets fit them all. Clocks
 * that merely differ cannot do that: one of the clocks jumped between the
 * messages, or a rule linked events that are not one message. The
 * diagnostic names each edge with its rule and key, so either can be checked.
 * Each connected set of clocks whose bounds contradict gets one (the solver
 * finds one cycle per set: domainOffsets.ts); the other sets are unaffected.
 */
import type { Diagnostic } from '../model/diagnostic';
import { diffMs } from '../model/eventTime';
import { eventId, sourceOf, type Execution } from '../model/execution';
import type { OffsetResult } from './domainOffsets';

export function describeOffsetConflicts(x: Execution, result: OffsetResult): Diagnostic[] {
  const cycles = result.conflictCycles ?? (result.conflictEdges.length > 0 ? [result.conflictEdges] : []);
  return cycles.map((edges) => describeCycle(x, edges, result.minDelayMs ?? 0));
}

function describeCycle(x: Execution, edges: readonly number[], minDelay: number): Diagnostic {
  let sum = 0;
  const parts: string[] = [];
  const domains: string[] = [];
  for (const k of edges) {
    const s = x.edgeFrom[k]!;
    const r = x.edgeTo[k]!;
    sum += diffMs(x.timeMs[r]!, x.timeNs[r]!, x.timeMs[s]!, x.timeNs[s]!) - minDelay;
    domains.push(x.domainNames[x.processDomain[x.eventProc[s]!]!]!);
    parts.push(`${eventId(x, s)} → ${eventId(x, r)} (${x.strings.get(x.edgeRule[k]!)} ${x.strings.get(x.edgeKey[k]!)}, ${sourceOf(x, r)})`);
  }
  domains.push(domains[0]!);
  const r0 = x.edgeTo[edges[0]!]!;
  return {
    input: x.inputs[x.eventInput[r0]!]!,
    line: x.eventLine[r0]!,
    severity: 'warning',
    message:
      `clock offsets contradict each other around ${domains.join(' → ')}: the messages ${parts.join(', ')} ` +
      `would need the clocks to gain ${Math.round(-sum * 1e6) / 1e6} ms going round the cycle. ` +
      `A clock jumped between these messages, or a rule linked events that are not one message; ` +
      `offsets are not estimated and times are not corrected`,
  };
}
