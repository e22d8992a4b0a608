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
import type { AnalyzeOptions } from './analyzeOptions';
import { type FormatParser, type FormatSpec, type ParseContext } from '../input/formatParser';
import { FORMATS, formatById } from '../input/formats';
import { verifyLoggedClocks } from '../input/shiviz/loggedClockCheck';
import { DiagnosticSink, type Diagnostic } from '../model/diagnostic';
import type { Execution } from '../model/execution';
import { cmp, ExecutionBuilder } from '../model/executionBuilder';
import { estimateOffsets, type OffsetResult } from '../offsets/domainOffsets';
import { mergeExecutionParts, partsMergeable } from '../parallel/mergeParts';
import { PartBuilder, type WindowClock } from '../parallel/partBuilder';
import { replayDiagnostics, type ExecutionPart, type PartResult } from '../parallel/partResult';

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

/**
 * Parts still being read elsewhere: the inputs given to each reader, and the
 * parts when they are done. The read stage goes on with the other inputs and
 * waits for the parts only when it reaches one of these inputs.
 */
export interface PendingParts {
  inputs: readonly string[];
  parts(): Promise<readonly PartResult[]>;
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
    let x = read.build(name);
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
  hooks.onProgress?.({ stage: 'done', bytesDone, bytesTotal, events: executions.reduce((s, r) => s + r.execution.eventCount, 0) });
  const lineParser = read.parsers.get(rulesFormat);
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
  /** The executions, in name order (with parts: theirs too). */
  executionNames(): string[];
  /** The execution of that name: built, or merged from the parts and this thread's builder. */
  build(name: string): Execution;
  /** With parts: what the merge works from. */
  merge?: { sources(): ExecutionPart[][] };
}

/**
 * analyze()'s read stage: archives opened, inputs in name order, each
 * decoded and split as it streams in (a line-based format never has more
 * than a chunk of an input as text), format detected from its head, events
 * into the execution builders. Inputs a part covers are not read: their
 * summaries and diagnostics are taken from the part at their place in name
 * order. Exported for the bench.
 */
export async function readStage(
  inputs: AnalyzeInput[],
  options: AnalyzeOptions,
  hooks: AnalyzeHooks,
  sink: DiagnosticSink,
  given: readonly PartResult[] | PendingParts = [],
): Promise<ReadStage> {
  const pending: PendingParts = 'parts' in given ? given : { inputs: given.flatMap((p) => p.inputs), parts: async () => given };
  /** Inputs a part read or may read; known only once the parts are in: which it read (`covered`). */
  const elsewhere = new Set(pending.inputs);
  const covered = new Map<string, { part: PartResult; window: number }>();
  let parts: readonly PartResult[] | null = null;
  const partsIn = async (): Promise<readonly PartResult[]> => {
    if (parts) return parts;
    parts = await pending.parts();
    for (const part of parts) part.inputs.forEach((name, window) => covered.set(name, { part, window }));
    return parts;
  };
  // Parts given read: they are in already.
  if (!('parts' in given)) await partsIn();
  // Archives (.gz, .zip, .tar, .tar.gz) become their member files before anything is decoded;
  // a streamed input is read whole only when its first bytes say it is an archive.
  const limits = DEFAULT_ARCHIVE_LIMITS;
  const opened: AnalyzeInput[] = [];
  for (const input of inputs) {
    if (isBytesInput(input) || covered.has(input.name)) {
      opened.push(input);
      continue;
    }
    await hooks.checkpoint?.();
    const kind = input.size > 0 ? archiveKind(input.name, await headBytes(input, 512)) : null;
    if (!kind) {
      opened.push(input);
      continue;
    }
    // A reader elsewhere declines archives: this thread opens them, as always.
    elsewhere.delete(input.name);
    const bytes = await readAllBytes(input, limits.maxTotalBytes);
    if (!bytes) {
      sink.add(input.name, 0, 'error', `${kind} archive of ${formatBytes(input.size)}: over the ${formatBytes(limits.maxTotalBytes)} limit for archives; nothing in it was read`);
      continue;
    }
    opened.push({ name: input.name, bytes });
  }
  // Inputs a part read were found not to be archives there.
  const toExpand = opened.filter((i) => !covered.has(i.name));
  const sorted = [...expandArchives(toExpand, sink, limits), ...opened.filter((i) => covered.has(i.name))].sort((a, b) => cmp(a.name, b.name));
  const rules = rulesOf(options);
  for (const p of rules?.problems ?? []) sink.add('rules', 0, 'error', `rule "${p.name}" (#${p.rule + 1}): ${p.message}`);

  const bytesTotal = sorted.reduce((s, i) => s + inputSize(i), 0);
  const clock: WindowClock = { window: 0 };
  const withParts = elsewhere.size > 0;
  const partEvents = ((parts as readonly PartResult[] | null) ?? []).reduce((s, p) => s + p.events, 0);
  const reader = new InputReader(options, hooks, sink, bytesTotal, withParts ? (name) => new PartBuilder(name, clock) : (name) => new ExecutionBuilder(name), partEvents);
  // Bytes read elsewhere count as done once the parts are in (given read: from the start).
  const wasCovered = new Set(covered.keys());
  reader.bytesDone = sorted.reduce((s, i) => s + (covered.has(i.name) ? inputSize(i) : 0), 0);
  // Created up front so its finish() reports patterns that matched nothing even when no input was read by rules.
  if (rules) reader.parsers.set(rulesFormat, rulesFormat.create());

  for (let i = 0; i < sorted.length; i++) {
    const input = sorted[i]!;
    if (elsewhere.has(input.name) && !parts) {
      await partsIn();
      reader.bytesDone += sorted.reduce((s, j) => s + (covered.has(j.name) && !wasCovered.has(j.name) ? inputSize(j) : 0), 0);
    }
    const pre = covered.get(input.name);
    if (pre) {
      replayDiagnostics(pre.part, pre.window, sink);
      reader.summaries.push({ ...pre.part.summaries[pre.window]! });
      continue;
    }
    clock.window = i;
    await reader.read(input);
    if (withParts) for (const b of reader.builders.values()) (b as PartBuilder).markWindow(i);
  }
  clock.window = sorted.length;
  const { builders, parsers, summaries, ctx } = reader;
  const allParts = withParts ? await partsIn() : [];
  if (!withParts) {
    return {
      builders,
      parsers,
      summaries,
      ctx,
      bytesTotal,
      executionNames: () => [...builders.keys()].sort(cmp),
      build: (name) => builders.get(name)!.build(options.clockDomainOf),
    };
  }
  const windowNames = sorted.map((i) => i.name);
  const rank = new Map(windowNames.map((n, i) => [n, i]));
  const names = [...new Set([...builders.keys(), ...allParts.flatMap((p) => p.executions.map((x) => x.execution.name))])].sort(cmp);
  let own: Map<string, ExecutionPart> | null = null;
  /** This thread's builders as parts, built once (the merge check and the merge both need them). */
  const ownParts = () => (own ??= new Map([...builders].map(([n, b]) => [n, (b as PartBuilder).buildPart(options.clockDomainOf, windowNames)])));
  const sourcesOf = (name: string): ExecutionPart[] => {
    const mine = ownParts().get(name);
    return [...(mine ? [mine] : []), ...allParts.flatMap((p) => p.executions.filter((x) => x.execution.name === name))];
  };
  return {
    builders,
    parsers,
    summaries,
    ctx,
    bytesTotal,
    executionNames: () => names,
    build: (name) => mergeExecutionParts(sourcesOf(name), rank, options.clockDomainOf),
    merge: { sources: () => names.map(sourcesOf) },
  };
}

/**
 * Reads inputs one at a time into execution builders: decode, detect,
 * parse, with progress and checkpoints between chunks. The read stage and
 * readPart (a group of inputs in a parallel worker) both read through it.
 */
export class InputReader {
  readonly builders = new Map<string, ExecutionBuilder>();
  readonly parsers = new Map<FormatSpec, FormatParser>();
  readonly summaries: InputSummary[] = [];
  readonly ctx: ParseContext;
  bytesDone = 0;
  private reportedBytes = 0;
  private reportedAt = now();

  constructor(
    private readonly options: AnalyzeOptions,
    private readonly hooks: AnalyzeHooks,
    private readonly sink: DiagnosticSink,
    private readonly bytesTotal: number,
    makeBuilder: (name: string) => ExecutionBuilder,
    /** Events read elsewhere, for progress. */
    private readonly eventsElsewhere = 0,
  ) {
    const { builders, summaries } = this;
    this.ctx = {
      diagnostics: sink,
      options,
      execution(name) {
        let b = builders.get(name);
        if (!b) builders.set(name, (b = makeBuilder(name)));
        return b;
      },
      reportColumns(input, report) {
        const summary = summaries.find((s) => s.name === input);
        if (summary) summary.columns = report;
      },
    };
  }

  private report(): void {
    this.reportedBytes = this.bytesDone;
    this.reportedAt = now();
    let events = this.eventsElsewhere;
    for (const b of this.builders.values()) events += b.eventCount;
    this.hooks.onProgress?.({ stage: 'read', bytesDone: this.bytesDone, bytesTotal: this.bytesTotal, events });
  }

  /** Between chunks: progress and the checkpoint, every PROGRESS_BYTES or PROGRESS_MS. */
  private async between(): Promise<void> {
    if (this.bytesDone - this.reportedBytes >= PROGRESS_BYTES || now() - this.reportedAt >= PROGRESS_MS) {
      this.report();
      await this.hooks.checkpoint?.();
    }
  }

  /**
   * Reads one input. `accept`, when given, is asked about the input's format
   * before anything about it is reported; an input it turns down (or one
   * that is not text, or of no format it could accept) is left unread, with
   * no summary and no diagnostics, and read() returns false.
   */
  async read(input: AnalyzeInput, accept?: (spec: FormatSpec) => boolean): Promise<boolean> {
    const { sink, options, ctx, parsers } = this;
    await this.hooks.checkpoint?.();
    const size = inputSize(input);
    const summary: InputSummary = { name: input.name, format: 'unknown', bytes: size, events: 0, skipped: 0 };
    const startBytes = this.bytesDone;
    const chunks = chunksOf(input)[Symbol.asyncIterator]();
    const decoder = new ChunkDecoder();
    let ended = false;
    /** ChunkDecoder.aligned for the text next() gave last. */
    let bytes: Uint8Array | null = null;
    /** The next piece of text, or null at the end. */
    const next = async (): Promise<string | null> => {
      if (ended) return null;
      const r = await chunks.next();
      if (r.done) {
        ended = true;
        const t = decoder.end();
        bytes = null;
        return t;
      }
      this.bytesDone += r.value.length;
      const t = decoder.push(r.value);
      bytes = decoder.aligned;
      return t;
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
      const headBytes = headParts.length === 1 ? bytes : null;
      const notText = decoder.notTextReason(headText);
      const head = headText.length > HEAD_CHARS ? headText.slice(0, HEAD_CHARS) : headText;
      const detected = notText ? undefined : detectFormat(input.name, head, options);
      if (accept && (notText || typeof detected !== 'object' || !accept(detected))) return false;
      this.summaries.push(summary);
      if (notText) {
        sink.add(input.name, 0, 'error', notText);
        return true;
      }
      const spec = formatOrReport(input.name, detected, options, sink);
      if (spec === 'unrecognised') {
        // Said with the input's line count, which takes reading it through.
        const counter = new LineSplitter({ line: () => undefined });
        counter.text(headText);
        for (let t = await next(); t !== null; t = await next()) {
          counter.text(t);
          await this.between();
        }
        counter.end();
        sink.add(input.name, 0, 'warning', `format not recognised; none of its ${counter.lines} lines were read (known formats: ${FORMATS.map((f) => f.id).join(', ')})`);
        return true;
      }
      if (!spec) return true;
      summary.format = spec.id;
      let parser = parsers.get(spec);
      if (!parser) parsers.set(spec, (parser = spec.create()));
      if (parser.reader) {
        const reader = parser.reader(input.name, head, ctx);
        reader.text(headText, headBytes);
        for (let t = await next(); t !== null; t = await next()) {
          reader.text(t, bytes);
          await this.between();
        }
        reader.end();
        return true;
      }
      // A whole-document format: one string, up to the cap.
      const cap = this.hooks.documentSizeCap ?? DOCUMENT_SIZE_CAP;
      const refuse = () =>
        sink.add(
          input.name,
          0,
          'error',
          `${input.name} is ${formatBytes(size)}; ${spec.label} is read as one whole document, and inputs over ${formatBytes(cap)} are not read that way: not read`,
        );
      if (size > cap) {
        refuse();
        return true;
      }
      const parts = [headText];
      let over = false;
      for (let t = await next(); t !== null; t = await next()) {
        parts.push(t);
        if (this.bytesDone - startBytes > cap) {
          over = true;
          break;
        }
        await this.between();
      }
      if (over) {
        refuse();
        return true;
      }
      parser.parse(input.name, parts.join(''), ctx);
      return true;
    } finally {
      if (!ended) await chunks.return?.(undefined);
      this.bytesDone = startBytes + size;
      this.report();
    }
  }
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/** Format detection without side effects: what pickFormat used to decide, said before anything is reported. */
type Detected = FormatSpec | 'unrecognised' | 'markdown' | 'unknown-forced';

function detectFormat(name: string, head: string, options: AnalyzeOptions): Detected {
  if (options.format) return formatById(options.format) ?? 'unknown-forced';
  if (/\.(md|markdown)$/i.test(name)) return 'markdown';
  return FORMATS.find((f) => f.detect(name, head, options)) ?? 'unrecognised';
}

/** The detected format, with the diagnostics detection owes the user. */
function formatOrReport(name: string, detected: Detected | undefined, options: AnalyzeOptions, sink: DiagnosticSink): FormatSpec | 'unrecognised' | undefined {
  if (detected === 'unknown-forced') {
    sink.add(name, 0, 'error', `unknown format "${options.format}"; known: ${FORMATS.map((f) => f.id).join(', ')}`);
    return undefined;
  }
  if (detected === 'markdown') {
    sink.add(name, 0, 'info', 'Markdown documentation, not a log: not read');
    return undefined;
  }
  return detected;
}
