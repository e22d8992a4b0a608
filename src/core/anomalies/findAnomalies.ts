/**
 * Every anomaly detector over one execution, in one place: the pipeline
 * calls this once the clocks and offsets are known. Detectors share the
 * columns they read (backward steps) so each is built once. Message roles
 * are the matcher's (`messages`, from inferEdges and ruleEdges); without
 * them, the conventions' endpoints are read as inferEdges reads them.
 * Contradictory offset constraints are a diagnostic, not an anomaly kind; it
 * goes to `diagnostics` when given.
 */
import type { Clocks } from '../clocks/clockEngine';
import type { AnalyzeOptions } from '../analysis/analyzeOptions';
import type { DiagnosticSink } from '../model/diagnostic';
import type { Execution } from '../model/execution';
import type { OffsetResult } from '../offsets/domainOffsets';
import { describeOffsetConflicts } from '../offsets/offsetConflict';
import type { Anomaly } from './anomaly';
import { backwardSteps, type UnorderedInput } from './backwardSteps';
import { formatMs } from './anomalyText';
import { findClockRegressions } from './clockRegression';
import { findClockSkew } from './clockSkew';
import { findConcurrentWrites } from './concurrentWrites';
import { Operations } from './idempotency';
import { conventionEnds, type MessageEnds } from '../correlate/messageEnds';
import { findRetries, type RetrySearch } from './retries';
import { findSameClockInversions } from './sameClockInversion';
import { findRecordedAfterEffect } from './recordedAfterEffect';
import { findUnmatchedMessages } from './unmatchedMessages';
import { messageLinks, type MessageLinks } from './messageLinks';
import type { TextSearches } from './textSearches';

export function findAnomalies(
  x: Execution,
  clocks: Clocks,
  offsets: OffsetResult,
  options: AnalyzeOptions = {},
  diagnostics?: DiagnosticSink,
  messages?: MessageEnds,
  /** What a pass over every text found (textSearches.ts; the correlations read it too): searched here when not given. */
  texts?: TextSearches,
  /** The messages' links and the retry search, started before the pass that made `texts` read ahead for it (retries.ts startRetries). */
  started?: { links: MessageLinks; retries: RetrySearch },
): Anomaly[] {
  if (diagnostics) for (const c of describeOffsetConflicts(x, offsets)) diagnostics.add(c.input, c.line, c.severity, c.message);
  const steps = offsets.steps ?? backwardSteps(x); // the offsets' epochs were cut at these
  if (diagnostics) for (const u of steps.unordered) diagnostics.add(x.inputs[u.input]!, x.eventLine[u.first[1]]!, 'warning', unorderedMessage(x, u));
  const ends = messages ?? conventionEnds(x);
  // The messages within one domain, listed by the skew pass for the same-clock one: one pass over every message, not two.
  const within: number[] = [];
  const skew = findClockSkew(x, clocks.edgeIgnored, within);
  // Each message's send and receivers, indexed once for the retries and the unmatched ends.
  const links = started?.links ?? messageLinks(x);
  return [
    ...skew,
    ...findClockRegressions(x, steps),
    ...findSameClockInversions(x, clocks.edgeIgnored, steps, within),
    ...findRecordedAfterEffect(x, clocks.edgeIgnored),
    ...(started ? started.retries.finish() : findRetries(x, ends, new Operations(x, options.idempotency), links)),
    ...findUnmatchedMessages(x, ends, links),
    ...findConcurrentWrites(x, clocks, texts),
  ];
}

/** Why an input's clock steps are not reported. */
function unorderedMessage(x: Execution, u: UnorderedInput): string {
  const [a, b] = u.first;
  return (
    `lines are not in time order within their sources: ${u.backs} of ${u.pairs} steps from one of a source's lines to its next go back (by up to ${formatMs(u.maxMs)}; first: line ${x.eventLine[a]} then line ${x.eventLine[b]}). ` +
    'The file was sorted or sampled by something other than time, so its line order is not the order events happened: no clock step or out-of-line stamp is reported for it, and its events keep line order'
  );
}
