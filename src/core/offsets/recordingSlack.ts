/**
 * Stamps that record, not happen. A Kubernetes event is stamped when the
 * controller records it, after the API call it reports returned; an audit
 * stage when the request completed; an access-log line when the request
 * ended. Such a stamp may trail the action it reports, so when it is the
 * send of an edge, the effect can be stamped before it on a correct clock.
 *
 * An input whose stamps are like that is marked (Execution.recordedInputs,
 * one byte per input, set by its reader). A send on such an input gets a
 * slack of the recording tolerance: offset bounds are loosened by it, clock
 * skew must exceed it, and an inversion within it is an info note
 * (recorded-after-effect), not skew. Only the send matters: a late-stamped
 * receive only makes the gap look larger.
 */
import { hasTime, type Execution } from '../model/execution';
import { diffMs } from '../model/eventTime';

/** AnalyzeOptions.recordingToleranceMs when unset: the 1 s Kubernetes controllers are given by the linker too. */
export const DEFAULT_RECORDING_TOLERANCE_MS = 1000;

/** How long after its action the stamp of event e may have been written, ms; 0 for a stamp taken as it happened. */
export function recordingSlackMs(x: Execution, e: number): number {
  const r = x.recordedInputs;
  if (!r || !r[x.eventInput[e]!]) return 0;
  return x.recordingToleranceMs ?? DEFAULT_RECORDING_TOLERANCE_MS;
}

/** The execution with its recording tolerance set (a copy; the columns are shared). */
export function withRecordingTolerance(x: Execution, toleranceMs: number | undefined): Execution {
  if (!x.recordedInputs || toleranceMs === undefined || !(toleranceMs >= 0)) return x;
  return { ...x, recordingToleranceMs: toleranceMs };
}

/**
 * For edge k timed at both ends: how much earlier its receive is stamped than
 * its send (`gap`, ms; ≤ 0 when not earlier) and the send's slack. NaN gap when
 * either end has no time.
 */
export function edgeInversion(x: Execution, k: number): { gap: number; slack: number } {
  const s = x.edgeFrom[k]!;
  const r = x.edgeTo[k]!;
  if (!hasTime(x, s) || !hasTime(x, r)) return { gap: NaN, slack: 0 };
  return { gap: diffMs(x.timeMs[s]!, x.timeNs[s]!, x.timeMs[r]!, x.timeNs[r]!), slack: recordingSlackMs(x, s) };
}
