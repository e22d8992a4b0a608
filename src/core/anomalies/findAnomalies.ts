/**
 * Every anomaly detector over one execution, in one place: the pipeline
 * calls this once the clocks and offsets are known. Detectors share the
 * columns they read (message roles, backward steps) so each is built once.
 * Contradictory offset constraints are a diagnostic, not an anomaly kind; it
 * goes to `diagnostics` when given.
 */
import type { Clocks } from '../clocks/clockEngine';
import type { AnalyzeOptions } from '../analysis/analyzeOptions';
import type { DiagnosticSink } from '../model/diagnostic';
import type { Execution } from '../model/execution';
import type { OffsetResult } from '../offsets/domainOffsets';
import { describeOffsetConflict } from '../offsets/offsetConflict';
import type { Anomaly } from './anomaly';
import { backwardSteps } from './backwardSteps';
import { findClockRegressions } from './clockRegression';
import { findClockSkew } from './clockSkew';
import { findConcurrentWrites } from './concurrentWrites';
import { Operations } from './idempotency';
import { messageRoles } from './messageRoles';
import { findRetries } from './retries';
import { findSameClockInversions } from './sameClockInversion';
import { findUnmatchedMessages } from './unmatchedMessages';

export function findAnomalies(
  x: Execution,
  clocks: Clocks,
  offsets: OffsetResult,
  options: AnalyzeOptions = {},
  diagnostics?: DiagnosticSink,
): Anomaly[] {
  const conflict = describeOffsetConflict(x, offsets);
  if (conflict && diagnostics) diagnostics.add(conflict.input, conflict.line, conflict.severity, conflict.message);
  const steps = backwardSteps(x);
  const roles = messageRoles(x);
  return [
    ...findClockSkew(x, clocks.edgeIgnored),
    ...findClockRegressions(x, steps),
    ...findSameClockInversions(x, clocks.edgeIgnored, steps),
    ...findRetries(x, roles, new Operations(x, options.idempotency)),
    ...findUnmatchedMessages(x, roles),
    ...findConcurrentWrites(x, clocks),
  ];
}
