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
import { ChunkDecoder } from '../input/chunkDecoder';
import { chunksOf, headBytes, inputSize, isBytesInput, readAllBytes, type BytesInput, type StreamInput } from '../input/inputSource';
import { LineSplitter } from '../input/lineSplitter';
import { DEFAULT_ARCHIVE_LIMITS, formatBytes } from '../input/archive/archiveBudget';
import { archiveKind } from '../input/archive/expandArchives';
import type { CsvColumnReport } from '../input/csv/csvColumns';
import { DEFAULT_EXECUTION, type AnalyzeOptions, type FormatParser, type FormatSpec, type ParseContext } from '../input/formatParser';
import { FORMATS, formatById } from '../input/formats';
import { verifyLoggedClocks } from '../input/shiviz/loggedClockCheck';
import { DiagnosticSink, type Diagnostic } from '../model/diagnostic';
import type { Execution } from '../model/execution';
import { cmp, ExecutionBuilder } from '../model/executionBuilder';
import { estimateOffsets, type OffsetResult } from '../offsets/domainOffsets';

/** An input in memory. */
export type InputData = BytesInput;
/** What analyze() reads: bytes in memory, or a stream of chunks (a File, a file on disk), read once in pieces. */
export type AnalyzeInput = BytesInput | StreamInput;
export type { StreamInput } from '../input/inputSource';

/**
 * Formats that read one whole document (ShiViz, Kubernetes dumps, trace
 * JSON) need the input as one string; past this size such an input is
 * refused with a diagnostic instead (browsers cap strings near 512 MB).
 * Line-based formats stream and have no cap.
 */
export const DOCUMENT_SIZE_CAP = 256 * 1024 * 1024;
/** Characters of an input's start that format detection looks at. */
export const HEAD_CHARS = 65536;
/** Progress is reported (and the checkpoint called) after this many bytes or this long, whichever comes first. */
const PROGRESS_BYTES = 16 * 1024 * 1024;
const PROGRESS_MS = 50;

export interface InputSummary {
  name: string;
  format: string;
  bytes: number;
  events: number;
  skipped: number;
  /** For CSV/TSV inputs: the column mapping they were read with. */
  columns?: CsvColumnReport;
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
  /** Throwing from here (e.g. AbortError) stops the analysis. Called between inputs, stages and chunks of one input. */
  checkpoint?(): Promise<void> | void;
  /** Overrides DOCUMENT_SIZE_CAP (tests). */
  documentSizeCap?: number;
}

export class AnalysisCancelled extends Error {
  constructor() {
    super('analysis cancelled');
    this.name = 'AnalysisCancelled';
  }
}

export async function analyze(inputs: AnalyzeInput[], options: AnalyzeOptions = {}, hooks: AnalyzeHooks = {}): Promise<Analysis> {
  const sink = new DiagnosticSink();
  const rules = rulesOf(options);
  const read = await readStage(inputs, options, hooks, sink);
  const { builders, parsers, summaries, ctx, bytesTotal } = read;
  const bytesDone = bytesTotal;
  const eventsSoFar = () => [...builders.values()].reduce((s, b) => s + b.eventCount, 0);
  const ruleTotals = rules ? rules.rules.map(() => emptyRuleEdgeCounts()) : [];

  for (const parser of parsers.values()) parser.finish?.(ctx);
  await hooks.checkpoint?.();

  const executions: ExecutionResult[] = [];
  const order: Diagnostic[] = [];
  for (const name of [...builders.keys()].sort(cmp)) {
    let x = builders.get(name)!.build(options.clockDomainOf);
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
  // Nothing is dropped silently: an input that gave no events and said nothing about it gets a message.
  const spoken = new Set(sink.items.map((d) => d.input));
  for (const s of summaries) {
    if (s.events === 0 && s.bytes > 0 && !spoken.has(s.name)) sink.add(s.name, 0, 'warning', `no events were read from this input (read as ${s.format})`);
  }
  if (rules) reportRuleEdges(rules, ruleTotals, sink);
  for (const d of order) sink.add(d.input, d.line, d.severity, d.message);
  hooks.onProgress?.({ stage: 'done', bytesDone, bytesTotal, events: eventsSoFar() });
  const lineParser = parsers.get(rulesFormat);
  const ruleStats = rules && ruleStatsOf(rules, ruleTotals, lineParser instanceof RulesParser ? lineParser.matches : undefined);
  return { inputs: summaries, diagnostics: sink.finish(), executions, ...(ruleStats && { ruleStats }) };
}

/** What the read stage leaves: a builder per execution, the parsers (for finish()) and a summary per input. */
export interface ReadStage {
  builders: Map<string, ExecutionBuilder>;
  parsers: Map<FormatSpec, FormatParser>;
  summaries: InputSummary[];
  ctx: ParseContext;
  bytesTotal: number;
}

/**
 * analyze()'s read stage: archives opened, inputs in name order, each
 * decoded and split as it streams in (a line-based format never has more
 * than a chunk of an input as text), format detected from its head, events
 * into the execution builders. Exported for the bench.
 */
export async function readStage(inputs: AnalyzeInput[], options: AnalyzeOptions, hooks: AnalyzeHooks, sink: DiagnosticSink): Promise<ReadStage> {
  // Archives (.gz, .zip, .tar, .tar.gz) become their member files before anything is decoded;
  // a streamed input is read whole only when its first bytes say it is an archive.
  const limits = DEFAULT_ARCHIVE_LIMITS;
  const opened: AnalyzeInput[] = [];
  for (const input of inputs) {
    if (isBytesInput(input)) {
      opened.push(input);
      continue;
    }
    await hooks.checkpoint?.();
    const kind = input.size > 0 ? archiveKind(input.name, await headBytes(input, 512)) : null;
    if (!kind) {
      opened.push(input);
      continue;
    }
    const bytes = await readAllBytes(input, limits.maxTotalBytes);
    if (!bytes) {
      sink.add(input.name, 0, 'error', `${kind} archive of ${formatBytes(input.size)}: over the ${formatBytes(limits.maxTotalBytes)} limit for archives; nothing in it was read`);
      continue;
    }
    opened.push({ name: input.name, bytes });
  }
  const sorted = expandArchives(opened, sink, limits).sort((a, b) => cmp(a.name, b.name));
  const rules = rulesOf(options);
  for (const p of rules?.problems ?? []) sink.add('rules', 0, 'error', `rule "${p.name}" (#${p.rule + 1}): ${p.message}`);

  const builders = new Map<string, ExecutionBuilder>();
  const ctx: ParseContext = {
    diagnostics: sink,
    options,
    execution(name) {
      let b = builders.get(name);
      if (!b) builders.set(name, (b = new ExecutionBuilder(name)));
      return b;
    },
    reportColumns(input, report) {
      const summary = summaries.find((s) => s.name === input);
      if (summary) summary.columns = report;
    },
  };
  const parsers = new Map<FormatSpec, FormatParser>();
  const summaries: InputSummary[] = [];
  const bytesTotal = sorted.reduce((s, i) => s + inputSize(i), 0);
  const cap = hooks.documentSizeCap ?? DOCUMENT_SIZE_CAP;
  let bytesDone = 0;
  let reportedBytes = 0;
  let reportedAt = now();
  const eventsSoFar = () => {
    let n = 0;
    for (const b of builders.values()) n += b.eventCount;
    return n;
  };
  const report = () => {
    reportedBytes = bytesDone;
    reportedAt = now();
    hooks.onProgress?.({ stage: 'read', bytesDone, bytesTotal, events: eventsSoFar() });
  };
  // Between chunks: progress and the checkpoint, every PROGRESS_BYTES or PROGRESS_MS.
  const due = () => bytesDone - reportedBytes >= PROGRESS_BYTES || now() - reportedAt >= PROGRESS_MS;

  // Created up front so its finish() reports patterns that matched nothing even when no input was read by rules.
  if (rules) parsers.set(rulesFormat, rulesFormat.create());

  for (const input of sorted) {
    await hooks.checkpoint?.();
    const size = inputSize(input);
    const summary: InputSummary = { name: input.name, format: 'unknown', bytes: size, events: 0, skipped: 0 };
    summaries.push(summary);
    const startBytes = bytesDone;
    const chunks = chunksOf(input)[Symbol.asyncIterator]();
    const decoder = new ChunkDecoder();
    let ended = false;
    /** The next piece of text, or null at the end. */
    const next = async (): Promise<string | null> => {
      if (ended) return null;
      const r = await chunks.next();
      if (r.done) {
        ended = true;
        return decoder.end();
      }
      bytesDone += r.value.length;
      return decoder.push(r.value);
    };
    try {
      const headParts: string[] = [];
      let headLength = 0;
      while (headLength < HEAD_CHARS) {
        const t = await next();
        if (t === null) break;
        headParts.push(t);
        headLength += t.length;
      }
      const headText = headParts.join('');
      const notText = decoder.notTextReason(headText);
      if (notText) {
        sink.add(input.name, 0, 'error', notText);
        continue;
      }
      const head = headText.length > HEAD_CHARS ? headText.slice(0, HEAD_CHARS) : headText;
      const spec = pickFormat(input.name, head, options, sink);
      if (spec === 'unrecognised') {
        // Said with the input's line count, which takes reading it through.
        const counter = new LineSplitter({ line: () => undefined });
        counter.text(headText);
        for (let t = await next(); t !== null; t = await next()) {
          counter.text(t);
          if (due()) {
            report();
            await hooks.checkpoint?.();
          }
        }
        counter.end();
        sink.add(input.name, 0, 'warning', `format not recognised; none of its ${counter.lines} lines were read (known formats: ${FORMATS.map((f) => f.id).join(', ')})`);
        continue;
      }
      if (!spec) continue;
      summary.format = spec.id;
      let parser = parsers.get(spec);
      if (!parser) parsers.set(spec, (parser = spec.create()));
      if (parser.reader) {
        const reader = parser.reader(input.name, head, ctx);
        reader.text(headText);
        for (let t = await next(); t !== null; t = await next()) {
          reader.text(t);
          if (due()) {
            report();
            await hooks.checkpoint?.();
          }
        }
        reader.end();
        continue;
      }
      // A whole-document format: one string, up to the cap.
      const refuse = () =>
        sink.add(
          input.name,
          0,
          'error',
          `${input.name} is ${formatBytes(size)}; ${spec.label} is read as one whole document, and inputs over ${formatBytes(cap)} are not read that way: not read`,
        );
      if (size > cap) {
        refuse();
        continue;
      }
      const parts = [headText];
      let over = false;
      for (let t = await next(); t !== null; t = await next()) {
        parts.push(t);
        if (bytesDone - startBytes > cap) {
          over = true;
          break;
        }
        if (due()) {
          report();
          await hooks.checkpoint?.();
        }
      }
      if (over) {
        refuse();
        continue;
      }
      parser.parse(input.name, parts.join(''), ctx);
    } finally {
      if (!ended) await chunks.return?.(undefined);
      bytesDone = startBytes + size;
      report();
    }
  }
  return { builders, parsers, summaries, ctx, bytesTotal };
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

function pickFormat(name: string, head: string, options: AnalyzeOptions, sink: DiagnosticSink): FormatSpec | 'unrecognised' | undefined {
  if (options.format) {
    const forced = formatById(options.format);
    if (!forced) sink.add(name, 0, 'error', `unknown format "${options.format}"; known: ${FORMATS.map((f) => f.id).join(', ')}`);
    return forced;
  }
  if (/\.(md|markdown)$/i.test(name)) {
    sink.add(name, 0, 'info', 'Markdown documentation, not a log: not read');
    return undefined;
  }
  return FORMATS.find((f) => f.detect(name, head, options)) ?? 'unrecognised';
}
