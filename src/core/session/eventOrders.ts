/**
 * The three orders the merged log offers, and which rows a timestamp sort
 * gets wrong.
 *
 * - causal: the annotated causal order of the clocks (ascending Lamport);
 * - raw: by the times the lines carry, as a naive merge of the logs would;
 * - corrected: by raw time minus the clock domain's estimated offset.
 * Untimed events sort after every timed one; ties keep causal order, so equal
 * timestamps never count as wrong.
 *
 * A row is wrong in a time sort when some event in its causal past comes
 * after it: the sorted log shows an effect before its cause. The largest
 * sorted position in each event's past is carried forward in causal order
 * over its direct predecessors (the previous event of its process and the
 * senders of its messages), so the whole check is O(events + edges).
 */
import type { ExecutionResult } from '../analysis/analyze';
import { hasTime, type Execution } from '../model/execution';
import { toFloatMs } from '../model/eventTime';
import { domainCorrectionMs, eventCorrectionMs } from '../offsets/domainCorrection';

export type LogOrder = 'causal' | 'raw' | 'corrected';
export const LOG_ORDERS: readonly LogOrder[] = ['causal', 'raw', 'corrected'];

/** Per domain (its last epoch where its clock stepped), what corrected times subtract: the one definition the document and the diagram share. */
export function correctionOf(r: ExecutionResult, d: number): number {
  return domainCorrectionMs(r.offsets, d);
}

/** An event's corrected time as float ms, NaN when it has none. */
export function correctedMs(r: ExecutionResult, e: number): number {
  const x = r.execution;
  if (!hasTime(x, e)) return NaN;
  return toFloatMs(x.timeMs[e]!, x.timeNs[e]!) - eventCorrectionMs(r.offsets, x, e);
}

/** Events in the given order: a fresh array, so it can be transferred. */
export function eventOrder(r: ExecutionResult, order: LogOrder): Uint32Array {
  const x = r.execution;
  const causal = r.clocks.order;
  if (order === 'causal') return causal.slice();
  const pos = positions(causal);
  const out = causal.slice();
  if (order === 'raw') {
    out.sort((a, b) => timedFirst(x, a, b) || x.timeMs[a]! - x.timeMs[b]! || x.timeNs[a]! - x.timeNs[b]! || pos[a]! - pos[b]!);
  } else {
    const key = new Float64Array(x.eventCount);
    for (let e = 0; e < x.eventCount; e++) key[e] = correctedMs(r, e);
    out.sort((a, b) => timedFirst(x, a, b) || key[a]! - key[b]! || pos[a]! - pos[b]!);
  }
  return out;
}

/** Per event: 1 where, in `sorted`, some event of its causal past comes after it. */
export function wrongInOrder(r: ExecutionResult, sorted: Uint32Array): Uint8Array {
  const x = r.execution;
  const pos = positions(sorted);
  const adj = r.clocks.adjacency;
  const maxPast = new Int32Array(x.eventCount).fill(-1);
  const wrong = new Uint8Array(x.eventCount);
  for (const e of r.clocks.order) {
    let m = -1;
    const p = x.eventProc[e]!;
    if (e > x.procStart[p]!) m = Math.max(pos[e - 1]!, maxPast[e - 1]!);
    for (let i = adj.inStart[e]!; i < adj.inStart[e + 1]!; i++) {
      const k = adj.inEdge[i]!;
      if (r.clocks.edgeIgnored[k]) continue;
      const s = x.edgeFrom[k]!;
      m = Math.max(m, pos[s]!, maxPast[s]!);
    }
    maxPast[e] = m;
    if (m > pos[e]!) wrong[e] = 1;
  }
  return wrong;
}

function positions(order: Uint32Array): Uint32Array {
  const pos = new Uint32Array(order.length);
  for (let i = 0; i < order.length; i++) pos[order[i]!] = i;
  return pos;
}

function timedFirst(x: Execution, a: number, b: number): number {
  return (hasTime(x, a) ? 0 : 1) - (hasTime(x, b) ? 0 : 1);
}
