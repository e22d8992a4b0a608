/**
 * The page's shared state: what phase the analysis is in, its progress, the
 * result (summary and lane columns, kept as $state.raw: big typed arrays must
 * not become deep proxies), the selected event and a worker failure to show.
 * Components read it and call its methods; only this class talks to the
 * worker client.
 */
import type { Progress } from '../../core/analysis/analyze';
import type { EventDetails, Highlight, SessionResult } from '../../core/session/analyzerSession';
import type { LaneData } from '../../core/view/laneData';
import type { NamedBlob } from '../../../workers/analyzerApi';
import { AnalyzerClient, isCancelled, WorkerDied } from '../client/analyzerClient';

export type Phase = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface ProgressView extends Progress {
  /** Seconds since the analysis started, at this report. */
  elapsed: number;
}

export interface Selection {
  exec: number;
  event: number;
  details: EventDetails;
  highlight: Highlight;
}

export class AnalyzerState {
  phase = $state<Phase>('idle');
  progress = $state.raw<ProgressView | null>(null);
  result = $state.raw<SessionResult | null>(null);
  /** A failure of the analysis itself (not of the worker). */
  error = $state<string | null>(null);
  /** The worker died: the page offers Retry. */
  workerFailure = $state<string | null>(null);
  executionIndex = $state(0);
  selection = $state.raw<Selection | null>(null);
  cancelling = $state(false);

  lanes: LaneData | null = $derived(this.result?.lanes[this.executionIndex] ?? null);

  private readonly client: AnalyzerClient;
  private lastFiles: NamedBlob[] = [];
  /** Bumped per run, so a late answer from an older run is ignored. */
  private run = 0;

  constructor(client?: AnalyzerClient) {
    this.client = client ?? new AnalyzerClient((message) => this.onWorkerDeath(message));
  }

  async analyze(files: NamedBlob[]): Promise<void> {
    if (files.length === 0) return;
    const run = ++this.run;
    this.lastFiles = files;
    // Starting anew is a retry too: a worker that died gets replaced.
    if (this.client.dead) this.client.restart();
    this.phase = 'running';
    this.error = null;
    this.workerFailure = null;
    this.result = null;
    this.selection = null;
    this.executionIndex = 0;
    const started = performance.now();
    const bytesTotal = files.reduce((s, f) => s + f.blob.size, 0);
    this.progress = { stage: 'read', bytesDone: 0, bytesTotal, events: 0, elapsed: 0 };
    try {
      const result = await this.client.analyze(files, {}, (p) => {
        if (run === this.run) this.progress = { ...p, elapsed: (performance.now() - started) / 1000 };
      });
      if (run !== this.run) return;
      this.result = result;
      this.phase = 'done';
    } catch (err) {
      if (run !== this.run) return;
      if (isCancelled(err)) {
        this.phase = 'cancelled';
      } else if (err instanceof WorkerDied) {
        this.phase = 'failed';
        this.workerFailure = err.message;
      } else {
        this.phase = 'failed';
        this.error = err instanceof Error ? err.message : String(err);
      }
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
    if (this.lastFiles.length > 0) await this.analyze(this.lastFiles);
    else this.phase = 'idle';
  }

  selectExecution(i: number): void {
    this.executionIndex = i;
    this.selection = null;
  }

  async select(event: number | null): Promise<void> {
    if (event === null) {
      this.selection = null;
      return;
    }
    const exec = this.executionIndex;
    const run = this.run;
    try {
      const [details, highlight] = await Promise.all([this.client.eventDetails(exec, event), this.client.highlight(exec, event)]);
      if (run === this.run && exec === this.executionIndex) this.selection = { exec, event, details, highlight };
    } catch (err) {
      if (run !== this.run) return;
      if (err instanceof WorkerDied) this.workerFailure = err.message;
      else this.error = err instanceof Error ? err.message : String(err);
    }
  }

  exportJson(): Promise<string> {
    return this.client.exportJson();
  }

  private onWorkerDeath(message: string): void {
    this.workerFailure = message;
    if (this.phase === 'running') this.phase = 'failed';
  }
}
