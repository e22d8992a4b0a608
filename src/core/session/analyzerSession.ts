/**
 * The data side of the page, as a plain class so Node tests can drive it: it
 * reads the files, runs the pipeline, keeps the Analysis for later questions
 * (an event's details, its causal past and future, the JSON export) and hands
 * back only a small summary plus lane columns as typed arrays. The worker
 * wraps it; nothing here knows about Worker, Comlink or the DOM.
 *
 * Cancellation is cooperative: the pipeline calls `checkpoint` between inputs
 * and stages; each call yields one macrotask, so a queued cancel() message
 * gets to run, and then throws AnalysisCancelled if it did. A long single
 * stage cannot be interrupted from here; the client terminates the worker.
 */
import { analyze, type Analysis, type ExecutionResult } from '../analysis/analyze';
import { AnalysisCancelled, type ClockedExecution, type Progress } from '../read/analyzeHooks';
import type { AnalyzeInput } from '../read/analyzeInput';
import type { InputSummary } from '../read/inputSummary';
import type { PendingParts } from '../read/pendingParts';
import type { PartResult } from '../parallel/partResult';
import { headBytes, isBytesInput } from '../input/inputSource';
import { joinedReads, ReadAhead, SMALL_INPUT } from '../input/readAhead';
import { packPart, unpackPart, type PackedPart } from '../parallel/packPart';
import { readPart } from '../parallel/readPart';
import { buildAnalysisDocument, serializeAnalysisDocument } from '../document/analysisDocument';
import { exportChunks, type ExportFormat } from '../export/exportFormats';
import type { AnalyzeOptions } from '../analysis/analyzeOptions';
import type { Diagnostic } from '../model/diagnostic';
import { formatIso } from '../model/eventTime';
import { EVENT_KIND_NAMES, eventId, fieldsOf, hasTime, seqOf, sourceOf, type Execution, textOf } from '../model/execution';
import type { RuleStat } from '../rules/ruleEdges';
import { buildLaneData, type LaneData } from '../view/laneData';
import { buildAnomalyIndex, groupAnomalies, type AnomalyGroup, type AnomalyIndex } from './anomalyIndex';
import { listFindings, type FindingItem } from './findingList';
import { correlationEvents, correlationOrder, correlationProposals, listCorrelations, type CorrelationList, type ProposalItem } from './correlationIndex';
import { chartSeries, type ChartData } from './chartSeries';
import { csvMappingsOf, type CsvInputMapping } from './csvMappings';
import { eventOrder, wrongInOrder, type LogOrder } from './eventOrders';
import { parseQuery, searchEvents } from './eventSearch';
import { diffExecutions, type DiffOptions, type ExecutionDiff } from './executionDiff';
import { logRows, type LogRow } from './logRows';
import { expectedRegexMs, probeRegexes, SAMPLE_BYTES, sampleLines, userRegexes, type RegexTiming } from './regexProbe';

/** Parts other workers are reading: the files given to them, and the packed parts when done. */
export interface PendingPackedParts {
  inputs: readonly string[];
  parts(): Promise<PackedPart[]>;
}

/** What the session needs of a file: a browser File or Blob wrapper fits. */
export interface SessionFile {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
  /** When given, the file is read as a stream of chunks (Blob.stream()), never whole. */
  stream?(): AsyncIterable<Uint8Array>;
  /**
   * When given, reads these files' bytes joined, in one go (the worker makes one Blob of many
   * Files: one read instead of a round trip each). Used for small files read ahead.
   */
  readTogether?(files: SessionFile[]): Promise<Uint8Array>;
}

export interface ExecutionSummary {
  name: string;
  events: number;
  processes: number;
  messages: number;
  anomalies: number;
  /** Process name → its clock domain, as analyzed (AnalyzeOptions.clockDomainOf applied). */
  domains: Record<string, string>;
}

/**
 * Progress as the page sees it. When user regexes run, `suspect` names the
 * regex most likely to blame if the worker goes quiet, and `expectMs` how long
 * the user regexes should take over all the input at the speed measured on a
 * sample (regexProbe.ts); the page's time budget reads both.
 */
export interface SessionProgress extends Progress {
  activity?: string;
  suspect?: string;
  expectMs?: number;
  /** The input being read (or tried with the user regexes) when this was reported: the one to set aside past the budget. */
  input?: string;
}

export interface AnalysisSummary {
  inputs: InputSummary[];
  /** Per usable rule, when rules were given: lines read, events keyed, edges made. */
  ruleStats?: RuleStat[];
  diagnostics: Diagnostic[];
  /** All diagnostics, when more than MAX_DIAGNOSTICS were found. */
  diagnosticCount: number;
  executions: ExecutionSummary[];
  /** Per CSV/TSV input: the column mapping it was read with (AnalyzeOptions.csvColumns corrects it). */
  csvMappings: CsvInputMapping[];
  /**
   * Set on the summary sent with early lanes (EarlyLanes): only the counts of that execution are
   * known; its anomaly count, the inputs, the diagnostics and the other executions come with the result.
   */
  pending?: boolean;
}

/**
 * The first execution's lanes, sent as soon as its clocks and offsets are known, while its anomalies
 * and correlations are still being looked for: the page draws the diagram meanwhile. The result's
 * lanes[0] are this same object.
 */
export interface EarlyLanes {
  /** `pending` is set: the execution's counts but its anomalies (see AnalysisSummary.pending). */
  summary: AnalysisSummary;
  lanes: LaneData;
}

/** From what size the first execution's lanes are sent early: a small analysis is done in a moment anyway. */
export interface EarlyLanesRequest {
  minEvents: number;
}

/**
 * The page's default for EarlyLanesRequest.minEvents. Below it the anomalies take a few tenths of a
 * second at most, less than a second pass over the page (the result after the early lanes) is worth.
 */
export const EARLY_LANES_MIN_EVENTS = 250_000;

export interface SearchAnswer {
  /** Per event of the execution: 1 where it matches; null for an empty query or an error. */
  marks: Uint8Array | null;
  count: number;
  error: string | null;
}

/** The order of the merged log and, per event, whether a raw-time sort puts it before part of its past. */
export interface LogIndex {
  order: Uint32Array;
  wrongRaw: Uint8Array;
  /** How many events a raw-time sort gets wrong. */
  wrongCount: number;
}

export class SearchCancelled extends Error {
  constructor() {
    super('search superseded');
    this.name = 'SearchCancelled';
  }
}

export interface SessionResult {
  summary: AnalysisSummary;
  /** One per execution, in the order of summary.executions. */
  lanes: LaneData[];
}

export interface EdgeDetail {
  /** The event at the other end. */
  event: string;
  /** Its index, so the page can select it. */
  index: number;
  rule: string;
  key: string;
  /** Set aside to break a causal cycle. */
  ignored: boolean;
}

export interface EventDetails {
  id: string;
  process: string;
  seq: number;
  /** "input:line" */
  source: string;
  time: string | null;
  lamport: number;
  /** Vector clock by process name; zero entries omitted. */
  vectorClock: Record<string, number>;
  kind: string;
  text: string;
  fields: Record<string, string>;
  incoming: EdgeDetail[];
  outgoing: EdgeDetail[];
}

export interface Highlight {
  /** Per process: how many of its first events are in the causal past (or are e). */
  past: Uint32Array;
  /** Per process: sequence number of its first event in e's future, 0 when none. */
  future: Uint32Array;
}

/** The summary is cloned to the page; past this the list is cut short. */
export const MAX_DIAGNOSTICS = 2000;

/** One macrotask: lets queued messages (a cancel) run before going on. */
function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** How often a run yields to let a cancel() in: often enough to feel immediate. */
const CHECKPOINT_MS = 25;
/** Progress reports of one stage at most this often (the page's time budget counts seconds). */
const PROGRESS_MS = 50;

/**
 * The pipeline's checkpoint: throws once cancelled, and yields a macrotask at
 * most once per CHECKPOINT_MS (the first call always). A macrotask costs 4 ms
 * or more once timeouts nest (the browser clamps them), and the pipeline
 * checks between inputs: five thousand small files paid 20 s of waiting.
 */
function throttledCheckpoint(cancelled: () => boolean): () => Promise<void> {
  let lastYield = -Infinity;
  return async () => {
    if (cancelled()) throw new AnalysisCancelled();
    if (clockMs() - lastYield < CHECKPOINT_MS) return;
    await nextMacrotask();
    lastYield = clockMs();
    if (cancelled()) throw new AnalysisCancelled();
  };
}

function clockMs(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/** What the session works out once per execution, on first request. */
interface ExecutionCache {
  anomalies?: AnomalyIndex;
  proposals?: ProposalItem[];
  correlationOrder?: Uint32Array;
  orders: Map<LogOrder, Uint32Array>;
  wrongRaw?: Uint8Array;
}

export class AnalyzerSession {
  private analysis: Analysis | null = null;
  /** The options of the last analysis (correlation patterns for proposals). */
  private options: AnalyzeOptions = {};
  private cancelRequested = false;
  private caches: ExecutionCache[] = [];
  /** While an analysis runs: the executions whose clocks are known, so details and highlights work on early lanes. */
  private clocked: ClockedExecution[] = [];
  /** Bumped per search: an older search stops at its next checkpoint. */
  private searchSeq = 0;

  /**
   * `parts`: groups of the files read by readPart in other workers (packed),
   * or being read there (the files given to them, and the parts when done);
   * they are merged, not read again, to the same result.
   */
  async analyze(
    files: SessionFile[],
    options: AnalyzeOptions,
    onProgressRaw?: (p: SessionProgress) => void,
    parts: readonly PackedPart[] | PendingPackedParts = [],
    early?: EarlyLanesRequest & { onLanes(e: EarlyLanes): void },
  ): Promise<SessionResult> {
    this.cancelRequested = false;
    this.analysis = null;
    this.caches = [];
    this.clocked = [];
    // Once known, the suspect and the expected regex time ride along on every report.
    let sticky: Pick<SessionProgress, 'suspect' | 'expectMs'> = {};
    let current = '';
    // Reports of the same stage and activity go out at most once per PROGRESS_MS: the reader reports
    // per input, and five thousand reports were five thousand redraws of the progress panel.
    let lastKey = '';
    let lastSent = -Infinity;
    const onProgress =
      onProgressRaw &&
      ((p: SessionProgress) => {
        const input = p.input ?? current;
        const key = `${p.stage}\u0000${p.activity ?? ''}\u0000${p.suspect ?? ''}\u0000${input}`;
        const now = clockMs();
        if (key === lastKey && now - lastSent < PROGRESS_MS) return;
        lastKey = key;
        lastSent = now;
        onProgressRaw({ ...sticky, ...p, ...(input && { input }) });
      });
    const checkpoint = throttledCheckpoint(() => this.cancelRequested);
    // Reading the files is quick next to parsing; progress counts parsed bytes.
    const bytesTotal = files.reduce((s, f) => s + f.size, 0);
    onProgress?.({ stage: 'read', bytesDone: 0, bytesTotal, events: 0 });
    const regexes = userRegexes(options);
    // With user regexes, which input is being read rides along (the last one opened), so the page can set that one aside.
    const inputs = (await sessionInputs(files, checkpoint)).map((i) =>
      regexes.length === 0 || isBytesInput(i) ? i : { ...i, stream: () => ((current = i.name), i.stream()) },
    );
    if (regexes.length > 0) {
      // Tried input by input, each named, so a pattern that hangs on one input's first lines is blamed with it.
      const heads = await Promise.all(inputs.map(async (i) => ({ name: i.name, bytes: await headBytes(i, SAMPLE_BYTES) })));
      const byLabel = new Map<string, RegexTiming>();
      for (const h of heads) {
        const each = probeRegexes(regexes, sampleLines([h]), (r) =>
          onProgress?.({ stage: 'read', bytesDone: 0, bytesTotal, events: 0, activity: `trying ${r.label}`, suspect: r.label, input: h.name }),
        );
        for (const t of each) {
          const m = byLabel.get(t.label);
          if (m) (m.ms += t.ms), (m.bytes += t.bytes);
          else byLabel.set(t.label, { ...t });
        }
      }
      const timings = [...byLabel.values()];
      current = '';
      const slowest = timings.reduce<(typeof timings)[number] | undefined>((m, t) => (!m || t.ms > m.ms ? t : m), undefined);
      sticky = { ...(slowest && { suspect: slowest.label }), expectMs: expectedRegexMs(timings, bytesTotal) };
      await checkpoint();
    }
    const given: PendingParts | PartResult[] =
      'parts' in parts ? { inputs: parts.inputs, parts: async () => (await parts.parts()).map(unpackPart) } : parts.map(unpackPart);
    // Only the first execution's lanes go early.
    let sent: LaneData | null = null;
    const onClocked = (i: number, r: ClockedExecution) => {
      this.clocked[i] = r;
      if (!early || i !== 0 || r.execution.eventCount < early.minEvents) return;
      const lanes = (sent = buildLaneData(r));
      early.onLanes({ summary: earlySummary(r), lanes });
      onProgress?.({ stage: 'order', bytesDone: bytesTotal, bytesTotal, events: r.execution.eventCount, activity: 'finding anomalies and correlations' });
    };
    const analysis = await analyze(inputs, options, { onProgress, checkpoint, onClocked }, given);
    this.analysis = analysis;
    this.clocked = [];
    this.options = options;
    this.caches = analysis.executions.map(() => ({ orders: new Map() }));
    return {
      summary: summarize(analysis),
      lanes: analysis.executions.map((r, i) => (i === 0 && sent ? sent : buildLaneData(r))),
    };
  }

  /**
   * A parallel worker's job: read these files as one part (readPart.ts), for
   * the analyzing worker to merge. The files are read as the analysis would;
   * files of formats a part does not read are named in `declined`.
   */
  async readPart(files: SessionFile[], options: AnalyzeOptions, onProgress?: (p: Progress) => void): Promise<PackedPart> {
    this.cancelRequested = false;
    const checkpoint = throttledCheckpoint(() => this.cancelRequested);
    const inputs = await sessionInputs(files, checkpoint);
    return packPart(await readPart(inputs, options, { ...(onProgress && { onProgress }), checkpoint }));
  }

  cancel(): void {
    this.cancelRequested = true;
  }

  eventDetails(exec: number, e: number): EventDetails {
    const r = this.clockedResult(exec);
    const x = r.execution;
    checkEvent(x, e);
    const clock = r.clocks.vc.clockOf(e);
    const vectorClock: Record<string, number> = Object.create(null);
    clock.forEach((v, q) => {
      if (v > 0) vectorClock[x.processNames[q]!] = v;
    });
    const adj = r.clocks.adjacency;
    const edge = (k: number, other: number): EdgeDetail => ({
      event: eventId(x, other),
      index: other,
      rule: x.strings.get(x.edgeRule[k]!),
      key: x.strings.get(x.edgeKey[k]!),
      ignored: r.clocks.edgeIgnored[k] === 1,
    });
    const incoming: EdgeDetail[] = [];
    for (let i = adj.inStart[e]!; i < adj.inStart[e + 1]!; i++) incoming.push(edge(adj.inEdge[i]!, x.edgeFrom[adj.inEdge[i]!]!));
    const outgoing: EdgeDetail[] = [];
    for (let i = adj.outStart[e]!; i < adj.outStart[e + 1]!; i++) outgoing.push(edge(adj.outEdge[i]!, x.edgeTo[adj.outEdge[i]!]!));
    return {
      id: eventId(x, e),
      process: x.processNames[x.eventProc[e]!]!,
      seq: seqOf(x, e),
      source: sourceOf(x, e),
      time: hasTime(x, e) ? formatIso(x.timeMs[e]!, x.timeNs[e]!, x.timeDigits[e]!) : null,
      lamport: r.clocks.lamport[e]!,
      vectorClock,
      kind: EVENT_KIND_NAMES[x.eventKind[e]!]!,
      text: textOf(x, e),
      fields: fieldsOf(x, e),
      incoming,
      outgoing,
    };
  }

  /** Fresh arrays each call, so the worker can transfer them. */
  highlight(exec: number, e: number): Highlight {
    const r = this.clockedResult(exec);
    checkEvent(r.execution, e);
    return { past: r.clocks.vc.pastPrefix(e), future: r.clocks.vc.futureStart(e) };
  }

  exportJson(): string {
    if (!this.analysis) throw new Error('nothing to export: no analysis has finished');
    return serializeAnalysisDocument(buildAnalysisDocument(this.analysis));
  }

  /** Any export format, in chunks: the same generator the CLI writes, so the same bytes. */
  exportChunks(format: ExportFormat): Iterable<string> {
    if (!this.analysis) throw new Error('nothing to export: no analysis has finished');
    return exportChunks(this.analysis, format);
  }

  anomalyGroups(exec: number): AnomalyGroup[] {
    return groupAnomalies(this.anomalies(exec));
  }

  /** The findings, most severe first (findingList.ts). */
  findings(exec: number): FindingItem[] {
    return listFindings(this.result(exec));
  }

  /** Correlation groups matching a query (correlationIndex.ts). */
  correlations(exec: number, query = ''): CorrelationList {
    const r = this.result(exec);
    const c = this.caches[exec]!;
    return listCorrelations(r, query, (c.correlationOrder ??= correlationOrder(r)));
  }

  correlationEvents(exec: number, index: number): Uint32Array {
    return correlationEvents(this.result(exec), index);
  }

  /** Rules proposed from the correlations, made once per execution. */
  correlationProposals(exec: number): ProposalItem[] {
    const r = this.result(exec);
    const c = this.caches[exec]!;
    return (c.proposals ??= correlationProposals(r, this.options.correlationPatterns));
  }

  /** Fresh arrays each call, so the worker can transfer them. */
  logIndex(exec: number, order: LogOrder): LogIndex {
    const wrongRaw = this.wrongRaw(exec);
    let wrongCount = 0;
    for (let e = 0; e < wrongRaw.length; e++) wrongCount += wrongRaw[e]!;
    return { order: this.order(exec, order).slice(), wrongRaw: wrongRaw.slice(), wrongCount };
  }

  logRows(exec: number, order: LogOrder, start: number, count: number): LogRow[] {
    return logRows(this.result(exec), this.order(exec, order), start, count, this.anomalies(exec), this.wrongRaw(exec));
  }

  /** A newer search (or cancelSearch) makes this one reject with SearchCancelled. */
  async search(exec: number, query: string): Promise<SearchAnswer> {
    const seq = ++this.searchSeq;
    const r = this.result(exec);
    const parsed = parseQuery(query);
    if (!parsed.ok) return { marks: null, count: 0, error: parsed.error };
    if (!parsed.value) return { marks: null, count: 0, error: null };
    const found = await searchEvents(r, parsed.value, this.anomalies(exec), async () => {
      await nextMacrotask();
      if (seq !== this.searchSeq) throw new SearchCancelled();
    });
    return { marks: found.marks, count: found.count, error: null };
  }

  cancelSearch(): void {
    this.searchSeq++;
  }

  chartSeries(exec: number): ChartData {
    return chartSeries(this.result(exec));
  }

  compare(a: number, b: number, options: DiffOptions = {}): ExecutionDiff {
    return diffExecutions(this.result(a), this.result(b), options);
  }

  private anomalies(exec: number): AnomalyIndex {
    const r = this.result(exec);
    const c = this.caches[exec]!;
    return (c.anomalies ??= buildAnomalyIndex(r));
  }

  private order(exec: number, order: LogOrder): Uint32Array {
    const r = this.result(exec);
    const c = this.caches[exec]!;
    let o = c.orders.get(order);
    if (!o) c.orders.set(order, (o = eventOrder(r, order)));
    return o;
  }

  private wrongRaw(exec: number): Uint8Array {
    const r = this.result(exec);
    const c = this.caches[exec]!;
    return (c.wrongRaw ??= wrongInOrder(r, this.order(exec, 'raw')));
  }

  /** The execution's clocks: from the analysis, or while it runs from what is known so far (early lanes). */
  private clockedResult(exec: number): ClockedExecution {
    return this.analysis?.executions[exec] ?? this.clocked[exec] ?? this.result(exec);
  }

  private result(exec: number): ExecutionResult {
    const r = this.analysis?.executions[exec];
    if (!r) throw new Error(`no execution ${exec} in the current analysis`);
    return r;
  }
}

/** The files as analyze() inputs: streams where the file gives one, else its bytes. */
async function sessionInputs(files: SessionFile[], checkpoint: () => Promise<void>): Promise<AnalyzeInput[]> {
  const inputs: AnalyzeInput[] = [];
  // Small files are read whole a few ahead: a File read is a round trip to the browser process, and
  // five thousand of them one after another cost seconds of waiting.
  const sizes = files.map((f) => f.size);
  const alone = async (i: number) => new Uint8Array(await files[i]!.arrayBuffer());
  const together = files[0]?.readTogether;
  const ahead = new ReadAhead(
    sizes,
    together ? joinedReads(sizes, (ix) => together(ix.map((i) => files[i]!)), alone) : (ix) => ix.map(alone),
    // Joined reads cost one round trip per batch: make them wide.
    together ? { inputs: 1024, bytes: 4 << 20 } : {},
  );
  for (const [i, f] of files.entries()) {
    await checkpoint();
    const stream = f.stream?.bind(f);
    if (stream && f.size <= SMALL_INPUT) inputs.push({ name: f.name, size: f.size, stream: () => ahead.chunks(i) });
    else inputs.push(stream ? { name: f.name, size: f.size, stream } : { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
  }
  return inputs;
}

function checkEvent(x: Execution, e: number): void {
  if (!Number.isInteger(e) || e < 0 || e >= x.eventCount) throw new Error(`no event ${e} in execution "${x.name}"`);
}

export function summarize(a: Analysis): AnalysisSummary {
  return {
    inputs: a.inputs.map((i) => ({ ...i })),
    ...(a.ruleStats && { ruleStats: a.ruleStats.map((s) => ({ ...s })) }),
    diagnostics: a.diagnostics.slice(0, MAX_DIAGNOSTICS),
    diagnosticCount: a.diagnostics.length,
    executions: a.executions.map((r) => ({
      name: r.execution.name,
      events: r.execution.eventCount,
      processes: r.execution.processNames.length,
      messages: r.execution.edgeCount,
      anomalies: r.anomalies.length,
      domains: domainsOf(r.execution),
    })),
    csvMappings: csvMappingsOf(a.inputs),
  };
}

/** The summary sent with early lanes: the first execution's counts, the rest pending. */
function earlySummary(r: ClockedExecution): AnalysisSummary {
  const x = r.execution;
  return {
    inputs: [],
    diagnostics: [],
    diagnosticCount: 0,
    executions: [{ name: x.name, events: x.eventCount, processes: x.processNames.length, messages: x.edgeCount, anomalies: 0, domains: domainsOf(x) }],
    csvMappings: [],
    pending: true,
  };
}

function domainsOf(x: Execution): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  x.processNames.forEach((p, i) => {
    out[p] = x.domainNames[x.processDomain[i]!]!;
  });
  return out;
}
