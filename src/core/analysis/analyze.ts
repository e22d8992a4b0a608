/**
 * The whole pipeline over a set of inputs: decode → detect format → parse into
 * executions → infer edges → clocks → offsets → anomalies. Pure and
 * deterministic: inputs are read in name order, so the order a user dropped
 * files in does not change the result. It is async only to yield between
 * inputs and stages, so a worker can see a cancel request and report progress.
 */
import { findAnomalies } from '../anomalies/findAnomalies';
import { searchTexts } from '../anomalies/textSearches';
import { messageLinks } from '../anomalies/messageLinks';
import { Operations } from '../anomalies/idempotency';
import { startRetries } from '../anomalies/retries';
import type { Anomaly } from '../anomalies/anomaly';
import { computeClocks, type Clocks } from '../clocks/clockEngine';
import { inferEdges } from '../correlate/inferEdges';
import { withEdges } from '../correlate/withEdges';
import { MessageEndsBuilder, type MessageEvidence } from '../correlate/messageEnds';
import { addRuleEdgeCounts, emptyRuleEdgeCounts, reportRuleEdges, ruleEdges, ruleStatsOf, type RuleStat } from '../rules/ruleEdges';
import { rulesFormat, RulesParser, rulesOf } from '../rules/rulesFormat';
import type { AnalyzeOptions } from './analyzeOptions';
import { verifyLoggedClocks } from '../input/shiviz/loggedClockCheck';
import { DiagnosticSink, type Diagnostic } from '../model/diagnostic';
import type { Execution } from '../model/execution';
import { estimateOffsets, type OffsetResult } from '../offsets/domainOffsets';
import { withRecordingTolerance } from '../offsets/recordingSlack';
import { findCorrelations, type Correlation } from '../correlate/correlationGroups';
import { partsMergeable } from '../parallel/mergeParts';
import type { PartResult } from '../parallel/partResult';
import type { AnalyzeHooks } from '../read/analyzeHooks';
import type { AnalyzeInput } from '../read/analyzeInput';
import type { InputSummary } from '../read/inputSummary';
import type { PendingParts } from '../read/pendingParts';
import { completeReadings } from '../read/completeReadings';
import { readStage } from '../read/readStage';

export interface ExecutionResult {
  execution: Execution;
  clocks: Clocks;
  offsets: OffsetResult;
  anomalies: Anomaly[];
  /** How each edge was chosen where the matcher had a choice (edges[].match); absent for results made outside analyze. */
  messages?: MessageEvidence;
  /** Ids shared across processes (correlate/correlationGroups.ts); absent for results made outside analyze. */
  correlations?: Correlation[];
}

export interface Analysis {
  inputs: InputSummary[];
  diagnostics: Diagnostic[];
  executions: ExecutionResult[];
  /** Per usable rule, when rules were given: lines read, events keyed, edges made. */
  ruleStats?: RuleStat[];
}

/**
 * `parts`: inputs read elsewhere (parallel workers, readPart), or being read
 * (PendingParts); they are skipped here and their executions merged with what
 * this thread reads, to the same result as reading everything here. Inputs a
 * part declined are read here. Should a merge turn out not to be exact
 * (mergeParts.ts says when), everything is read again here.
 */
export async function analyze(inputs: AnalyzeInput[], options: AnalyzeOptions = {}, hooks: AnalyzeHooks = {}, parts: readonly PartResult[] | PendingParts = []): Promise<Analysis> {
  let sink = new DiagnosticSink();
  const rules = rulesOf(options);
  let read = await readStage(inputs, options, hooks, sink, parts);
  for (const parser of read.parsers.values()) parser.finish?.(read.ctx);
  await hooks.checkpoint?.();
  if (read.merge && !partsMergeable(read.merge.sources())) {
    sink = new DiagnosticSink();
    read = await readStage(inputs, options, hooks, sink);
    for (const parser of read.parsers.values()) parser.finish?.(read.ctx);
    await hooks.checkpoint?.();
  }
  const { summaries, bytesTotal } = read;
  const bytesDone = bytesTotal;
  const ruleTotals = rules ? rules.rules.map(() => emptyRuleEdgeCounts()) : [];

  const executions: ExecutionResult[] = [];
  const order: Diagnostic[] = [];
  for (const name of read.executionNames()) {
    let x = withRecordingTolerance(read.build(name), options.recordingToleranceMs);
    const ends = new MessageEndsBuilder(x);
    if (rules) {
      // User rules first: they win a duplicated pair, and conventions see their edges.
      const byRules = ruleEdges(x, rules, sink, ends);
      addRuleEdgeCounts(ruleTotals, byRules.counts);
      x = withEdges(x, byRules.edges);
    }
    x = withEdges(x, inferEdges(x, sink, ends));
    const messages = ends.finish();
    const clocks = computeClocks(x, order);
    verifyLoggedClocks(x, clocks, sink);
    const offsets = estimateOffsets(x, options.minDelayMs ?? 0, clocks.edgeIgnored, (a, b) => clocks.vc.happenedBefore(a, b));
    hooks.onClocked?.(executions.length, { execution: x, clocks, offsets });
    // One pass over every text for what the detectors and the correlations search in each (read back from files once, not twice).
    // The retry search's units first: the pass reads ahead the texts it will ask for (retries.ts startRetries).
    const links = messageLinks(x);
    const retries = startRetries(x, messages, new Operations(x, options.idempotency), links);
    const texts = searchTexts(x, retries.readAhead);
    const anomalies = findAnomalies(x, clocks, offsets, options, sink, messages, texts, { links, retries });
    const correlations = findCorrelations(x, options, sink, texts);
    // Only the evidence is kept: the endpoints' per-event arrays are done with once anomalies are found.
    executions.push({ execution: x, clocks, offsets, anomalies, messages: ends.evidence(), correlations });
    const perInput = new Uint32Array(x.inputs.length);
    for (let e = 0; e < x.eventCount; e++) perInput[x.eventInput[e]!]!++;
    const summaryOf = new Map(summaries.map((s) => [s.name, s])); // thousands of inputs: no indexOf per input
    x.inputs.forEach((name, i) => {
      const s = summaryOf.get(name);
      if (s) s.events += perInput[i]!;
    });
    await hooks.checkpoint?.();
  }
  for (const s of summaries) s.skipped = sink.skipped(s.name);
  completeReadings(summaries, executions.map((r) => r.execution), read.documentInputs, sink);
  // Nothing is dropped silently: an input that gave no events and said nothing about it gets a message.
  const spoken = new Set(sink.items.map((d) => d.input));
  for (const s of summaries) {
    if (s.events === 0 && s.bytes > 0 && !spoken.has(s.name)) sink.add(s.name, 0, 'warning', `no events were read from this input (read as ${s.format})`);
  }
  if (rules) reportRuleEdges(rules, ruleTotals, sink);
  for (const d of order) sink.add(d.input, d.line, d.severity, d.message);
  hooks.onProgress?.({ stage: 'done', bytesDone, bytesTotal, events: executions.reduce((s, r) => s + r.execution.eventCount, 0) });
  const lineParser = read.parsers.get(rulesFormat);
  const ruleStats = rules && ruleStatsOf(rules, ruleTotals, lineParser instanceof RulesParser ? lineParser.matches : undefined);
  return { inputs: summaries, diagnostics: sink.finish(), executions, ...(ruleStats && { ruleStats }) };
}
