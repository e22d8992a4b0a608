/**
 * The whole pipeline over a set of inputs: decode → detect format → parse into
 * executions → infer edges → clocks → offsets → anomalies. Pure and
 * deterministic: inputs are read in name order, so the order a user dropped
 * files in does not change the result. It is async only to yield between
 * inputs and stages, so a worker can see a cancel request and report progress.
 */
import { findAnomalies } from '../anomalies/findAnomalies';
import type { Anomaly } from '../anomalies/anomaly';
import { computeClocks, type Clocks } from '../clocks/clockEngine';
import { inferEdges } from '../correlate/inferEdges';
import { withEdges } from '../correlate/withEdges';
import { addRuleEdgeCounts, emptyRuleEdgeCounts, reportRuleEdges, ruleEdges, ruleStatsOf, type RuleStat } from '../rules/ruleEdges';
import { rulesFormat, RulesParser, rulesOf } from '../rules/rulesFormat';
import { expandArchives } from '../input/archive/expandArchives';
import { decodeText } from '../input/decodeText';
import { DEFAULT_EXECUTION, type AnalyzeOptions, type FormatParser, type FormatSpec, type ParseContext } from '../input/formatParser';
import { FORMATS, formatById } from '../input/formats';
import { verifyLoggedClocks } from '../input/shiviz/loggedClockCheck';
import { DiagnosticSink, type Diagnostic } from '../model/diagnostic';
import type { Execution } from '../model/execution';
import { cmp, ExecutionBuilder } from '../model/executionBuilder';
import { estimateOffsets, type OffsetResult } from '../offsets/domainOffsets';

export interface InputData {
  name: string;
  bytes: Uint8Array;
}

export interface InputSummary {
  name: string;
  format: string;
  bytes: number;
  events: number;
  skipped: number;
}

export interface ExecutionResult {
  execution: Execution;
  clocks: Clocks;
  offsets: OffsetResult;
  anomalies: Anomaly[];
}

export interface Analysis {
  inputs: InputSummary[];
  diagnostics: Diagnostic[];
  executions: ExecutionResult[];
  /** Per usable rule, when rules were given: lines read, events keyed, edges made. */
  ruleStats?: RuleStat[];
}

export interface Progress {
  stage: 'read' | 'order' | 'done';
  bytesDone: number;
  bytesTotal: number;
  events: number;
}

export interface AnalyzeHooks {
  onProgress?(p: Progress): void;
  /** Throwing from here (e.g. AbortError) stops the analysis. */
  checkpoint?(): Promise<void> | void;
}

export class AnalysisCancelled extends Error {
  constructor() {
    super('analysis cancelled');
    this.name = 'AnalysisCancelled';
  }
}

export async function analyze(inputs: InputData[], options: AnalyzeOptions = {}, hooks: AnalyzeHooks = {}): Promise<Analysis> {
  const sink = new DiagnosticSink();
  // Archives (.gz, .zip, .tar, .tar.gz) become their member files before anything is decoded.
  const sorted = expandArchives(inputs, sink).sort((a, b) => cmp(a.name, b.name));
  const builders = new Map<string, ExecutionBuilder>();
  const ctx: ParseContext = {
    diagnostics: sink,
    options,
    execution(name) {
      let b = builders.get(name);
      if (!b) builders.set(name, (b = new ExecutionBuilder(name)));
      return b;
    },
  };
  const parsers = new Map<FormatSpec, FormatParser>();
  const summaries: InputSummary[] = [];
  const bytesTotal = sorted.reduce((s, i) => s + i.bytes.length, 0);
  let bytesDone = 0;
  const eventsSoFar = () => [...builders.values()].reduce((s, b) => s + b.eventCount, 0);

  const rules = rulesOf(options);
  for (const p of rules?.problems ?? []) sink.add('rules', 0, 'error', `rule "${p.name}" (#${p.rule + 1}): ${p.message}`);
  // Created up front so its finish() reports patterns that matched nothing even when no input was read by rules.
  if (rules) parsers.set(rulesFormat, rulesFormat.create());
  const ruleTotals = rules ? rules.rules.map(() => emptyRuleEdgeCounts()) : [];

  for (const input of sorted) {
    await hooks.checkpoint?.();
    const summary: InputSummary = { name: input.name, format: 'unknown', bytes: input.bytes.length, events: 0, skipped: 0 };
    summaries.push(summary);
    const decoded = decodeText(input.bytes);
    if (!decoded.ok) {
      sink.add(input.name, 0, 'error', decoded.reason);
    } else {
      const spec = pickFormat(input.name, decoded.text, options, sink);
      if (spec) {
        summary.format = spec.id;
        let parser = parsers.get(spec);
        if (!parser) parsers.set(spec, (parser = spec.create()));
        parser.parse(input.name, decoded.text, ctx);
      }
    }
    bytesDone += input.bytes.length;
    hooks.onProgress?.({ stage: 'read', bytesDone, bytesTotal, events: eventsSoFar() });
  }
  for (const parser of parsers.values()) parser.finish?.(ctx);
  await hooks.checkpoint?.();

  const executions: ExecutionResult[] = [];
  const order: Diagnostic[] = [];
  for (const name of [...builders.keys()].sort(cmp)) {
    let x = builders.get(name)!.build();
    if (rules) {
      // User rules first: they win a duplicated pair, and conventions see their edges.
      const byRules = ruleEdges(x, rules, sink);
      addRuleEdgeCounts(ruleTotals, byRules.counts);
      x = withEdges(x, byRules.edges);
    }
    x = withEdges(x, inferEdges(x, sink));
    const clocks = computeClocks(x, order);
    verifyLoggedClocks(x, clocks, sink);
    const offsets = estimateOffsets(x, options.minDelayMs ?? 0, clocks.edgeIgnored);
    const anomalies = findAnomalies(x, clocks, offsets, options, sink);
    executions.push({ execution: x, clocks, offsets, anomalies });
    const perInput = new Uint32Array(x.inputs.length);
    for (let e = 0; e < x.eventCount; e++) perInput[x.eventInput[e]!]!++;
    for (const s of summaries) {
      const i = x.inputs.indexOf(s.name);
      if (i >= 0) s.events += perInput[i]!;
    }
    await hooks.checkpoint?.();
  }
  for (const s of summaries) s.skipped = sink.skipped(s.name);
  if (rules) reportRuleEdges(rules, ruleTotals, sink);
  for (const d of order) sink.add(d.input, d.line, d.severity, d.message);
  hooks.onProgress?.({ stage: 'done', bytesDone, bytesTotal, events: eventsSoFar() });
  const lineParser = parsers.get(rulesFormat);
  const ruleStats = rules && ruleStatsOf(rules, ruleTotals, lineParser instanceof RulesParser ? lineParser.matches : undefined);
  return { inputs: summaries, diagnostics: sink.finish(), executions, ...(ruleStats && { ruleStats }) };
}

function pickFormat(name: string, text: string, options: AnalyzeOptions, sink: DiagnosticSink): FormatSpec | undefined {
  if (options.format) {
    const forced = formatById(options.format);
    if (!forced) sink.add(name, 0, 'error', `unknown format "${options.format}"; known: ${FORMATS.map((f) => f.id).join(', ')}`);
    return forced;
  }
  if (/\.(md|markdown)$/i.test(name)) {
    sink.add(name, 0, 'info', 'Markdown documentation, not a log: not read');
    return undefined;
  }
  const head = text.slice(0, 65536);
  const spec = FORMATS.find((f) => f.detect(name, head, options));
  if (!spec) {
    const lines = countLines(text);
    sink.add(name, 0, 'warning', `format not recognised; none of its ${lines} lines were read (known formats: ${FORMATS.map((f) => f.id).join(', ')})`);
  }
  return spec;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return text.length > 0 && !text.endsWith('\n') ? n + 1 : n;
}
