/**
 * Rows of the merged log, a page at a time: the page keeps only the order (a
 * typed array of event indices) and asks for the rows it is about to show, so
 * a 100,000-event log never crosses the worker boundary as objects.
 */
import type { ExecutionResult } from '../analysis/analyze';
import { EVENT_KIND_NAMES, eventId, hasTime, textOf } from '../model/execution';
import { formatIso } from '../model/eventTime';
import type { AnomalyIndex } from './anomalyIndex';
import { eventCorrectionMs } from '../offsets/domainCorrection';

export interface LogRow {
  /** Position in the order the page asked for. */
  row: number;
  event: number;
  id: string;
  process: string;
  time: string | null;
  correctedTime: string | null;
  lamport: number;
  /** Compact vector clock, `{alice:2, bob:1}` (zero entries left out). */
  vectorClock: string;
  kind: string;
  text: string;
  anomalies: string[];
  /** A raw-time sort puts some event of this one's causal past after it. */
  wrongInRaw: boolean;
}

/** Rows per request at most: a screenful or two. */
export const MAX_PAGE = 500;

/** Texts longer than this are cut for the table; the details panel has the whole line. */
export const MAX_CELL_TEXT = 2000;

/**
 * An event's corrected time as written with `digits` fraction digits. The correction is applied in
 * whole nanoseconds to the stamp's ms and ns, not to a float of the whole instant (whose last
 * digits, at 1.7·10¹² ms, are rounding noise), so the nanoseconds as written are kept.
 */
export function correctedIso(r: ExecutionResult, e: number, digits: number): string {
  const x = r.execution;
  const ns = x.timeNs[e]! - Math.round(eventCorrectionMs(r.offsets, x, e) * 1e6);
  const carryMs = Math.floor(ns / 1e6);
  return formatIso(x.timeMs[e]! + carryMs, ns - carryMs * 1e6, digits);
}

export function logRows(
  r: ExecutionResult,
  order: Uint32Array,
  start: number,
  count: number,
  anomalies: AnomalyIndex,
  wrongRaw: Uint8Array,
): LogRow[] {
  const x = r.execution;
  const from = Math.max(0, Math.min(order.length, Math.floor(start)));
  const to = Math.min(order.length, from + Math.max(0, Math.min(MAX_PAGE, Math.floor(count))));
  const P = x.processNames.length;
  const clock = new Uint32Array(P);
  const rows: LogRow[] = [];
  for (let i = from; i < to; i++) {
    const e = order[i]!;
    r.clocks.vc.clockOf(e, clock);
    const parts: string[] = [];
    for (let q = 0; q < P; q++) if (clock[q]! > 0) parts.push(`${x.processNames[q]}:${clock[q]}`);
    const timed = hasTime(x, e);
    const digits = x.timeDigits[e]!;
    const text = textOf(x, e);
    rows.push({
      row: i,
      event: e,
      id: eventId(x, e),
      process: x.processNames[x.eventProc[e]!]!,
      time: timed ? formatIso(x.timeMs[e]!, x.timeNs[e]!, digits) : null,
      correctedTime: timed ? correctedIso(r, e, Math.max(digits, 3)) : null,
      lamport: r.clocks.lamport[e]!,
      vectorClock: `{${parts.join(', ')}}`,
      kind: EVENT_KIND_NAMES[x.eventKind[e]!]!,
      text: text.length > MAX_CELL_TEXT ? `${text.slice(0, MAX_CELL_TEXT)}…` : text,
      anomalies: anomalies.ofEvent(e),
      wrongInRaw: wrongRaw[e] === 1,
    });
  }
  return rows;
}
