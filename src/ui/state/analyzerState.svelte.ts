/**
 * The page's shared state: what phase the analysis is in, its progress, the
 * result (summary and lane columns, kept as $state.raw: big typed arrays must
 * not become deep proxies), the view, axis, selection and diagram focus, the
 * anomaly groups and chart series of the shown execution, and a worker
 * failure to show. The merged log, the rules and the comparison have their
 * own classes (logState, rulesState, compareState), built here around the one
 * worker client. Components read it and call its methods; only these classes
 * talk to the client.
 *
 * The URL hash follows the state (hashState.ts): every method that changes
 * something the hash carries rewrites it, and a page opened with a hash
 * restores it once the sample it names has been analyzed.
 */
import type { AnalysisSummary, EarlyLanes, EventDetails, Highlight, SessionProgress, SessionResult } from '../../core/session/analyzerSession';
import type { AnomalyGroup } from '../../core/session/anomalyIndex';
import { whyNoEvents, type NoEvents } from '../../core/analysis/noEvents';
import type { FindingItem } from '../../core/session/findingList';
import { timeAxesOf } from '../../core/view/timeAxes';
import type { Viewport } from '../draw/viewport';
import type { ChartData } from '../../core/session/chartSeries';
import type { ExportFormat } from '../../core/export/exportFormats';
import type { LaneData } from '../../core/view/laneData';
import type { AnalyzeOptions } from '../../core/analysis/analyzeOptions';
import type { NamedBlob } from '../../../workers/protocol';
import { AnalyzerClient, isCancelled, RegexTimeBudget, WorkerDied } from '../client/analyzerClient';
import { refuseTooLarge } from '../input/sizeLimit';
import { loadCatalog, loadSampleFiles, type SampleEntry } from '../samples/sampleCatalog';
import { CompareState } from './compareState.svelte';
import { CorrelationState } from './correlationState.svelte';
import { formatHash, parseHash, type Axis, type HashState, type View } from './hashState';
import { LogState } from './logState.svelte';
import { RulesState } from './rulesState.svelte';
import type { Phase, StateHost } from './stateHost';
import { runNames } from './runNames';
import { differenceTarget } from './differenceTarget';
import type { DiffHunk } from '../../core/session/executionDiff';
import { forgetAnalysis, keepAnalysis, loadKeptAnalysis } from './keptAnalysis';

export interface ProgressView extends SessionProgress {
  /** Seconds since the analysis started, at this report. */
  elapsed: number;
}

export interface Selection {
  exec: number;
  event: number;
  details: EventDetails;
  highlight: Highlight;
}

/** A request to bring events into view in the diagram; a new seq is a new request. */
export interface Focus {
  events: number[];
  seq: number;
  /** Which of them to bring into view (and show their lanes); all when absent. */
  reveal?: number[];
  /** Pan and zoom so the events fill the diagram (a selection), rather than the smallest move. */
  zoom?: boolean;
  /** Show exactly this view (back or forward restoring it). */
  view?: Viewport;
}

/**
 * What a history entry restores (history.state.causeway): the tab, axis, selected event and
 * finding, and the diagram's view: `view` as it was shown, or null for "zoomed to `events`".
 */
interface ShownState {
  /** The analysis run and execution it belongs to: an entry of an earlier run restores nothing (its event numbers are another run's). */
  run: number;
  exec: number;
  tab: View;
  axis: Axis;
  events: number[];
  view: Viewport | null;
  viewAxis: Axis | null;
  selected: number | null;
  finding: string | null;
}

/** Where the analyzed files came from; runs loaded side by side for a comparison keep both sets. */
export interface Source {
  sample: string | null;
  runs: NamedBlob[][];
}

/** The folders two runs loaded side by side are read under; their executions are named by runNames.ts. */
export const RUN_NAMES = ['run A', 'run B'] as const;

export class AnalyzerState implements StateHost {
  phase = $state<Phase>('idle');
  progress = $state.raw<ProgressView | null>(null);
  result = $state.raw<SessionResult | null>(null);
  /** A failure of the analysis itself (not of the worker), or a refusal. */
  error = $state<string | null>(null);
  /** The worker died: the page offers Retry. */
  workerFailure = $state<string | null>(null);
  /** Why the last analysis has no events (empty, not text, refused, every line skipped), or null. */
  noEvents = $state.raw<NoEvents | null>(null);
  executionIndex = $state(0);
  selection = $state.raw<Selection | null>(null);
  cancelling = $state(false);

  view = $state<View>('start');
  axis = $state<Axis>('logical');
  focus = $state.raw<Focus | null>(null);
  samples = $state.raw<SampleEntry[]>([]);
  /** The sample being shown, null for the user's own files. */
  sample = $state<string | null>(null);
  /** The files of the analysis shown are kept on this device (keptAnalysis.ts): only when the user asks. */
  kept = $state(false);
  /** Why keeping them failed, if it did. */
  keptError = $state<string | null>(null);
  anomalies = $state.raw<AnomalyGroup[] | null>(null);
  /** The shown execution's findings, most severe first (findingList.ts). */
  findings = $state.raw<FindingItem[] | null>(null);
  /** The finding last selected, by id. */
  finding = $state<string | null>(null);
  /** Why the diagram shows what it does, when a selection changed the execution (a comparison's difference). */
  focusNote = $state<string | null>(null);
  charts = $state.raw<ChartData | null>(null);
  exporting = $state<ExportFormat | null>(null);
  /** The summary of the last finished analysis of the files now loaded: kept while they are analyzed again (the mapping panel). */
  lastSummary = $state.raw<AnalysisSummary | null>(null);

  lanes: LaneData | null = $derived(this.result?.lanes[this.executionIndex] ?? null);

  readonly client: AnalyzerClient;
  readonly log: LogState;
  readonly rules: RulesState;
  readonly compare: CompareState;
  readonly correlations: CorrelationState;
  private source: Source = { sample: null, runs: [] };
  /** Bumped per run, so a late answer from an older run is ignored. */
  private run = 0;
  private focusSeq = 0;
  /** The query whose hits the current history entry shows (showHit), or null. */
  private hitQuery: string | null = null;
  /** The diagram's view as last shown (LaneDiagram's onview), for the history entry left by a selection. */
  private shown: { axis: Axis; view: Viewport } | null = null;
  /** What a page opened with a hash still has to restore once its analysis is done. */
  private pending: HashState | null = null;

  constructor(client?: AnalyzerClient, storage: Storage | undefined = globalThis.localStorage) {
    this.client = client ?? new AnalyzerClient((message) => this.onWorkerDeath(message));
    this.log = new LogState(this);
    this.rules = new RulesState(this, storage);
    this.compare = new CompareState(this);
    this.correlations = new CorrelationState(this);
    this.client.regexBudgetMs = this.rules.settings.regexBudgetSeconds * 1000;
  }

  get hasFiles(): boolean {
    return this.source.runs.length > 0;
  }

  /** The user's own files: a fresh start. */
  analyze(files: NamedBlob[]): Promise<void> {
    this.forgetKept();
    return this.start({ sample: null, runs: [files] });
  }

  /** Two runs side by side, kept apart as executions named after their files (runNames.ts, AnalyzeOptions.executionOf). */
  analyzeRuns(a: NamedBlob[], b: NamedBlob[]): Promise<void> {
    this.forgetKept();
    return this.start({ sample: this.source.sample, runs: [a, b] });
  }

  /** A second run beside the files now loaded, for the comparison. */
  addSecondRun(files: NamedBlob[]): Promise<void> {
    const first = this.source.runs[0];
    if (!first) return this.analyze(files);
    return this.analyzeRuns(first, files);
  }

  /** The same files again, e.g. after the rules changed; the view stays. */
  reanalyze(): Promise<void> {
    if (!this.hasFiles) return Promise.resolve();
    return this.start(this.source, true);
  }

  async openSample(entry: SampleEntry): Promise<void> {
    this.error = null;
    try {
      const files = await loadSampleFiles(entry);
      this.forgetKept();
      await this.start({ sample: entry.id, runs: [files] });
    } catch (err) {
      this.error = `Could not load the sample "${entry.title}": ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  /** Reads the hash and the sample catalog; opens the sample the hash names. */
  async init(hash: string): Promise<void> {
    const h = parseHash(hash);
    if (h.axis) this.axis = h.axis;
    if (h.order) this.log.order = h.order;
    if (h.view) this.view = h.view;
    this.pending = h;
    try {
      this.samples = await loadCatalog();
    } catch {
      this.samples = [];
    }
    const entry = h.sample ? this.samples.find((s) => s.id === h.sample) : undefined;
    if (entry) return this.openSample(entry);
    // An analysis the user chose to keep is analyzed again, its view restored from the hash.
    const kept = await loadKeptAnalysis();
    if (kept && kept.runs.flat().length > 0) {
      this.kept = true;
      await this.start(kept);
    } else this.pending = null;
  }

  /** Keeps (or forgets) the files of the analysis shown on this device. */
  async setKept(on: boolean): Promise<void> {
    this.keptError = null;
    if (!on) {
      this.kept = false;
      await forgetAnalysis();
      return;
    }
    this.kept = true;
    if (!(await keepAnalysis(this.source))) {
      this.kept = false;
      this.keptError = 'This browser would not store the files (a private window, or no room): nothing is kept.';
    }
  }

  /** A new analysis replaces the one kept: the kept files are deleted. */
  private forgetKept(): void {
    this.keptError = null;
    if (!this.kept) return;
    this.kept = false;
    void forgetAnalysis();
  }

  private async start(source: Source, keepView = false): Promise<void> {
    const all = source.runs.flat();
    if (all.length === 0) return;
    const refusal = refuseTooLarge(all.map((f) => ({ name: f.name, size: f.blob.size })), deviceMemory());
    if (refusal) {
      this.error = refusal;
      return;
    }
    const run = ++this.run;
    this.source = source;
    this.sample = source.sample;
    // Starting anew is a retry too: a worker that died gets replaced.
    if (this.client.dead) this.client.restart();
    this.client.regexBudgetMs = this.rules.settings.regexBudgetSeconds * 1000;
    this.phase = 'running';
    this.error = null;
    this.workerFailure = null;
    this.noEvents = null;
    this.result = null;
    this.selection = null;
    this.focus = null;
    this.focusNote = null;
    this.hitQuery = null;
    this.anomalies = null;
    this.findings = null;
    this.finding = null;
    this.charts = null;
    this.log.reset();
    this.compare.reset();
    this.correlations.reset();
    if (!keepView) {
      this.executionIndex = 0;
      this.lastSummary = null;
    }
    const started = performance.now();
    const { files, options } = this.inputsOf(source);
    const bytesTotal = files.reduce((s, f) => s + f.blob.size, 0);
    this.progress = { stage: 'read', bytesDone: 0, bytesTotal, events: 0, elapsed: 0 };
    try {
      const result = await this.client.analyze(
        files,
        options,
        (p) => {
          if (run === this.run) this.progress = { ...p, elapsed: (performance.now() - started) / 1000 };
        },
        (early) => this.showEarly(run, early),
      );
      if (run !== this.run) return;
      this.result = result;
      this.lastSummary = result.summary;
      // Nothing to draw: say why, with the inputs table, and ask the worker for no execution.
      this.noEvents = result.lanes.some((l) => l.eventProc.length > 0) ? null : whyNoEvents(result.summary.inputs, result.summary.diagnostics);
      if (this.executionIndex >= result.lanes.length) this.executionIndex = 0;
      this.phase = 'done';
      this.rules.analyzed(result.summary.ruleStats ?? null, options.rules !== undefined);
      // From the start view, a finished analysis shows its diagram; any other view stays.
      if (!this.pending && this.view === 'start' && result.lanes.some((l) => l.eventProc.length > 0)) this.view = 'diagram';
      await this.loadExecutionData();
      await this.restorePending();
      if (this.view === 'compare') await this.compare.run();
      this.writeHash();
    } catch (err) {
      if (run !== this.run) return;
      this.pending = null;
      // A diagram drawn early goes with its analysis.
      if (this.result?.summary.pending) this.result = null;
      if (isCancelled(err)) {
        this.phase = 'cancelled';
      } else if (err instanceof RegexTimeBudget) {
        this.phase = 'failed';
        this.rules.timedOut(err.message);
        this.error = err.message;
      } else if (err instanceof WorkerDied) {
        this.phase = 'failed';
        this.workerFailure = err.message;
      } else {
        this.phase = 'failed';
        this.error = err instanceof Error ? err.message : String(err);
      }
    }
  }

  /**
   * A big analysis's first execution, drawn while the worker still looks for its anomalies
   * (EarlyLanes): the result holds its lanes and counts (summary.pending) until the whole result
   * replaces it, with the same lanes object, so the diagram stays as drawn. Phase stays 'running'.
   */
  private showEarly(run: number, early: EarlyLanes): void {
    if (run !== this.run || this.executionIndex !== 0 || this.pending) return;
    this.result = { summary: early.summary, lanes: [early.lanes] };
    if (this.view === 'start') this.view = 'diagram';
  }

  /** Files (renamed per run when there are two) and the options, with executionOf for runs. */
  private inputsOf(source: Source): { files: NamedBlob[]; options: AnalyzeOptions } {
    const options: AnalyzeOptions = { ...this.rules.options };
    if (source.runs.length < 2) return { files: source.runs[0] ?? [], options };
    const files: NamedBlob[] = [];
    const executionOf: Record<string, string> = {};
    const names = runNames(source.runs, source.sample);
    source.runs.slice(0, 2).forEach((run, i) => {
      const folder = RUN_NAMES[i]!.replace(' ', '-');
      executionOf[folder] = names[i]!;
      for (const f of run) files.push({ name: `${folder}/${f.name}`, blob: f.blob });
    });
    return { files, options: { ...options, executionOf } };
  }

  private async loadExecutionData(): Promise<void> {
    if (this.noEvents) return;
    const exec = this.executionIndex;
    const run = this.run;
    try {
      // The worker answers in the order asked: the findings beside the diagram first, each list shown as it comes
      // (at a million events the anomaly groups and the log's index take most of a second after them).
      const current = () => run === this.run && exec === this.executionIndex;
      await Promise.all([
        this.client.findings(exec).then((findings) => {
          if (current()) this.findings = findings;
        }),
        this.client.anomalyGroups(exec).then((groups) => {
          if (current()) this.anomalies = groups;
        }),
        this.log.load(exec),
        this.correlations.load(),
      ]);
      if (this.view === 'charts') await this.loadCharts();
      if (this.view === 'correlations') await this.correlations.loadProposals();
    } catch (err) {
      this.failed(err, run);
    }
  }

  async loadCharts(): Promise<void> {
    if (this.charts || this.phase !== 'done' || this.noEvents) return;
    const exec = this.executionIndex;
    const run = this.run;
    try {
      const c = await this.client.chartSeries(exec);
      if (run === this.run && exec === this.executionIndex) this.charts = c;
    } catch (err) {
      this.failed(err, run);
    }
  }

  private async restorePending(): Promise<void> {
    const h = this.pending;
    this.pending = null;
    if (!h || !this.result) return;
    if (h.exec !== undefined && h.exec < this.result.lanes.length && h.exec !== this.executionIndex) await this.selectExecution(h.exec);
    const lanes = this.lanes;
    if (h.event !== undefined && lanes && h.event < lanes.eventProc.length) {
      await this.select(h.event);
      this.focusEvents([h.event], false);
    }
  }

  async cancel(): Promise<void> {
    if (this.phase !== 'running') return;
    this.cancelling = true;
    try {
      await this.client.cancel();
    } finally {
      this.cancelling = false;
    }
  }

  /** After a worker death: a fresh worker, and the last files again if there were any. */
  async retry(): Promise<void> {
    this.workerFailure = null;
    this.client.restart();
    if (this.hasFiles) await this.start(this.source, true);
    else this.phase = 'idle';
  }

  setView(view: View): void {
    this.view = view;
    if (view === 'charts') void this.loadCharts();
    if (view === 'correlations' && this.phase === 'done') void this.correlations.loadProposals();
    if (view === 'compare' && !this.compare.diff && this.phase === 'done') void this.compare.run();
    this.writeHash();
  }

  /** The hash changed under the page (back, forward, an edited link). */
  async applyHash(hash: string): Promise<void> {
    const h = parseHash(hash);
    if ((h.sample ?? null) !== this.sample && h.sample) return this.init(hash);
    if (h.axis) this.axis = h.axis;
    if (h.view && h.view !== this.view) this.setView(h.view);
    if (h.order) await this.log.setOrder(h.order);
  }

  setAxis(axis: Axis): void {
    this.axis = axis;
    this.writeHash();
  }

  async selectExecution(i: number): Promise<void> {
    if (!this.result || i < 0 || i >= this.result.lanes.length) return;
    this.executionIndex = i;
    this.selection = null;
    this.focus = null;
    this.focusNote = null;
    this.hitQuery = null;
    this.anomalies = null;
    this.findings = null;
    this.finding = null;
    this.charts = null;
    this.log.reset();
    this.correlations.reset();
    this.writeHash();
    await this.loadExecutionData();
  }

  async select(event: number | null): Promise<void> {
    if (event === null) {
      this.selection = null;
      this.writeHash();
      return;
    }
    const exec = this.executionIndex;
    const run = this.run;
    try {
      const [details, highlight] = await Promise.all([this.client.eventDetails(exec, event), this.client.highlight(exec, event)]);
      if (run === this.run && exec === this.executionIndex) {
        this.selection = { exec, event, details, highlight };
        this.writeHash();
      }
    } catch (err) {
      this.failed(err, run);
    }
  }

  /**
   * Rings events in the diagram and brings them into view (only `reveal`'s, when given: a
   * correlation's current event among all its ringed ones); the log scrolls to the first one's row.
   */
  focusEvents(events: number[], show = true, reveal?: number[], axis?: Axis, pick = true): void {
    if (events.length === 0) return;
    // A selection (not a step within one) is a history entry: back shows the view before it.
    if (reveal === undefined) this.leaveEntry();
    this.showFocus(events, show, reveal, axis, pick);
  }

  /** focusEvents once the history entry to come back to is left. */
  private showFocus(events: number[], show: boolean, reveal?: number[], axis?: Axis, pick = true): void {
    const entry = reveal === undefined;
    if (entry) {
      this.finding = null;
      this.focusNote = null;
      this.hitQuery = null;
    }
    this.focus = { events: [...events], seq: ++this.focusSeq, ...(reveal ? { reveal: [...reveal] } : { zoom: true }) };
    if (axis && axis !== this.axis && (axis === 'logical' || this.hasTimeAxes())) this.setAxis(axis);
    this.log.scrollToEvent((reveal ?? events)[0]!);
    if (show) {
      // A finding rings its events and selects none: a selection's past and future would colour the whole graph.
      void this.select(pick ? events[0]! : null);
      this.setView('diagram');
    }
    if (entry) this.markEntry({ ...this.shownState(), events: [...events], view: null, viewAxis: null, selected: show ? (pick ? events[0]! : null) : (this.selection?.event ?? null) });
  }

  /** A finding's events, on the axis that shows it best (raw time for what the clocks get wrong). */
  focusFinding(f: FindingItem, events: number[] = f.events): void {
    this.focusEvents(events, true, undefined, f.axis, false);
    this.finding = f.id;
    this.markEntry({ ...this.shownState(), events: [...events], view: null, viewAxis: null, selected: null });
  }

  /**
   * A comparison's difference, in the diagram as a finding is (its events ringed and zoomed to, none
   * selected): in the execution shown when it is a side with events in the difference, else in the
   * side that has them, with a note saying why the diagram changed. One history entry: back returns
   * to the comparison, in the execution it was on.
   */
  async focusDifference(h: DiffHunk): Promise<void> {
    if (!this.result) return;
    const names = this.result.summary.executions.map((x) => x.name);
    const t = differenceTarget(h, this.compare.a, this.compare.b, this.executionIndex, names);
    if (t.events.length === 0 || t.exec >= this.result.lanes.length) return;
    this.leaveEntry();
    if (t.exec !== this.executionIndex) await this.selectExecution(t.exec);
    if (t.exec !== this.executionIndex) return;
    this.showFocus(t.events, true, undefined, undefined, false);
    this.focusNote = t.switched;
  }

  /**
   * A search hit gone to (Enter, next, previous): selected, and the diagram zoomed to it (seen when
   * the diagram is shown), the view left as it is, so the search box keeps the keyboard. The first
   * hit of a query is a history entry; going on through its hits replaces that entry, so back
   * returns to the view before the search.
   */
  showHit(event: number, query: string): void {
    if (this.hitQuery !== query) this.leaveEntry();
    this.finding = null;
    this.focusNote = null;
    this.hitQuery = query;
    this.focus = { events: [event], seq: ++this.focusSeq, zoom: true };
    void this.select(event);
    this.markEntry({ ...this.shownState(), events: [event], view: null, viewAxis: null, selected: event });
  }

  /** The diagram reports the view it shows (kept for the history entry a selection leaves behind). */
  noteView(axis: Axis, view: Viewport): void {
    this.shown = { axis, view };
  }

  /** Back or forward: the tab, axis, selection and diagram view of that entry. */
  async restoreEntry(state: unknown): Promise<void> {
    const s = (state as { causeway?: ShownState } | null)?.causeway;
    this.hitQuery = null;
    this.focusNote = null;
    if (!s || this.phase !== 'done' || s.run !== this.run || !this.result) return;
    // An entry left in another execution (a difference shown in the other side) goes back to it.
    if (s.exec !== this.executionIndex && s.exec < this.result.lanes.length) await this.selectExecution(s.exec);
    if (s.exec !== this.executionIndex) return;
    this.axis = s.axis;
    this.setView(s.tab);
    this.finding = s.finding;
    if (s.view && s.viewAxis === s.axis) this.focus = { events: [...s.events], seq: ++this.focusSeq, view: s.view };
    else if (s.events.length > 0) this.focus = { events: [...s.events], seq: ++this.focusSeq, zoom: true };
    else this.focus = null;
    await this.select(s.selected);
  }

  private hasTimeAxes(): boolean {
    const lanes = this.lanes;
    return lanes !== null && timeAxesOf(lanes, []).available;
  }

  private shownState(): ShownState {
    const shown = this.shown && this.shown.axis === this.axis ? this.shown : null;
    return {
      run: this.run,
      exec: this.executionIndex,
      tab: this.view,
      axis: this.axis,
      events: this.focus ? [...this.focus.events] : [],
      view: shown?.view ?? null,
      viewAxis: shown?.axis ?? null,
      selected: this.selection?.event ?? null,
      finding: this.finding,
    };
  }

  /** Writes what is shown into the current history entry, then starts a new one (same URL until writeHash). */
  private leaveEntry(): void {
    if (typeof history === 'undefined' || typeof location === 'undefined') return;
    history.replaceState({ causeway: this.shownState() }, '', location.href);
    history.pushState(null, '', location.href);
  }

  private markEntry(s: ShownState): void {
    if (typeof history === 'undefined' || typeof location === 'undefined') return;
    history.replaceState({ causeway: s }, '', location.href);
  }

  /** No more rings in the diagram. */
  clearFocus(): void {
    this.focus = null;
  }

  /** Details for the diagram's hover and panel. */
  describe(event: number): Promise<EventDetails> {
    return this.client.eventDetails(this.executionIndex, event);
  }

  async exportAs(format: ExportFormat): Promise<Blob | null> {
    this.exporting = format;
    try {
      return await this.client.exportBlob(format);
    } catch (err) {
      this.error = `Export failed: ${err instanceof Error ? err.message : String(err)}`;
      return null;
    } finally {
      this.exporting = null;
    }
  }

  /** A failure of a follow-up call: the worker's death, or a plain error to show. */
  failed(err: unknown, run = this.run): void {
    if (run !== this.run) return;
    if (err instanceof WorkerDied) this.workerFailure = err.message;
    else this.error = err instanceof Error ? err.message : String(err);
  }

  /** The worker was replaced under a finished analysis (a search past its budget): analyze again. */
  async recoverAfterReplace(message: string): Promise<void> {
    const view = this.view;
    await this.start(this.source, true);
    this.view = view;
    this.error = message;
  }

  hashState(): HashState {
    return {
      ...(this.sample && { sample: this.sample }),
      view: this.view,
      exec: this.executionIndex,
      ...(this.selection && { event: this.selection.event }),
      axis: this.axis,
      order: this.log.order,
    };
  }

  writeHash(): void {
    if (typeof location === 'undefined' || typeof history === 'undefined') return;
    const hash = formatHash(this.hashState());
    // history.state kept: it is what back and forward restore (restoreEntry).
    if (hash !== location.hash && !(hash === '' && location.hash === '')) history.replaceState(history.state, '', hash || location.pathname + location.search);
  }

  private onWorkerDeath(message: string): void {
    this.workerFailure = message;
    if (this.phase === 'running') this.phase = 'failed';
  }
}

/** navigator.deviceMemory (GiB) where the browser tells it. */
function deviceMemory(): number | undefined {
  const n = typeof navigator === 'undefined' ? undefined : (navigator as Navigator & { deviceMemory?: number }).deviceMemory;
  return typeof n === 'number' ? n : undefined;
}
