/**
 * The page's handle on the analysis worker. Besides forwarding calls through
 * Comlink it deals with the two ways a worker stops answering:
 *  - cancel: ask the session to stop at its next checkpoint; a worker stuck in
 *    one long parse never reads that message, so after CANCEL_GRACE_MS it is
 *    terminated and a fresh one started. Either way the pending analyze()
 *    rejects with an error named AnalysisCancelled.
 *  - death: an error event (a failed load, an uncaught error, an unreadable
 *    message), or the worker's life lock let go (closed, killed for memory:
 *    workerLife.ts), rejects every pending call with WorkerDied and tells the page,
 *    which offers Retry (restart()). Without this a Comlink call to a dead
 *    worker would wait forever.
 *  - time budget: a user regex can backtrack for minutes on one line, and a
 *    worker in one regex call never reads a cancel. While an analysis runs
 *    user regexes, a watchdog replaces the worker once it has reported no
 *    progress for the budget (or four times the regex time the worker itself
 *    expects, if longer), and the call rejects with RegexTimeBudget naming the
 *    regex the worker last said it was running. A search gets the same budget.
 *
 * Parallel reading: where the machine has cores and the input is big enough
 * (planReaders.ts), the files are split into groups, one per core but one: the
 * analyzing worker reads the first, and extra workers of the same bundle each
 * read another (readPart), handing back a packed part whose buffers are
 * transferred, here and on to the analyzing worker, never copied.
 * Progress adds up their bytes. They live only while they read: a cancel or a
 * replaced or dead analyzer ends them, and one of them dying is a worker
 * death like any other (WorkerDied, Retry). `?workers=N` in the page's URL
 * forces N readers (1: one worker, as without cores); user regexes keep the
 * analysis in one worker, where the time budget watches them.
 */
import * as Comlink from 'comlink';
import { createAnalysisWorker } from './worker/moduleWorker';
import type { ExportFormat } from '../../core/export/exportFormats';
import type { AnalyzeOptions } from '../../core/analysis/analyzeOptions';
import type { AnomalyGroup } from '../../core/session/anomalyIndex';
import type { FindingItem } from '../../core/session/findingList';
import type { CorrelationList, ProposalItem } from '../../core/session/correlationIndex';
import { EARLY_LANES_MIN_EVENTS, type EarlyLanes, type EventDetails, type Highlight, type LogIndex, type SearchAnswer, type SessionProgress, type SessionResult } from '../../core/session/analyzerSession';
import type { ChartData } from '../../core/session/chartSeries';
import type { LogOrder } from '../../core/session/eventOrders';
import type { DiffOptions, ExecutionDiff } from '../../core/session/executionDiff';
import type { LogRow } from '../../core/session/logRows';
import { DEFAULT_REGEX_BUDGET_MS, userRegexes } from '../../core/session/regexProbe';
import type { AnalyzeAnswer, AnalyzerApi, LifeMessage, NamedBlob } from '../../../workers/protocol';
import { packedTransferables, type PackedPart } from '../../core/parallel/packPart';
import { planReaders, type ReaderSettings } from '../../core/parallel/planReaders';
import type { Progress } from '../../core/read/analyzeHooks';
import type { RecordCount } from '../../core/input/shiviz/regexGuess';
import type { Diagnostic } from '../../core/model/diagnostic';

export const CANCEL_GRACE_MS = 500;
/** Default time budget for user regexes: this long without progress stops the worker (the CLI's --regex-budget default too). */
export { DEFAULT_REGEX_BUDGET_MS };
const WATCHDOG_TICK_MS = 250;

/** The worker was stopped because a user regex (or a search) ran past its time budget. */
export class RegexTimeBudget extends Error {
  constructor(
    message: string,
    /** The input it was reading, when the worker said. */
    readonly input?: string,
    /** The regex it last said it was running. */
    readonly suspect?: string,
  ) {
    super(message);
    this.name = 'RegexTimeBudget';
  }
}

export class WorkerDied extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerDied';
  }
}

/** Same name as the core's AnalysisCancelled, which is what crosses Comlink from the worker. */
export class AnalysisCancelledByClient extends Error {
  constructor() {
    super('analysis cancelled');
    this.name = 'AnalysisCancelled';
  }
}

export function isCancelled(err: unknown): boolean {
  return err instanceof Error && err.name === 'AnalysisCancelled';
}

function defaultWorker(): Worker {
  return createAnalysisWorker();
}

interface Connection {
  worker: Worker;
  remote: Comlink.Remote<AnalyzerApi>;
  /** Rejects when this worker dies or is replaced; every call races it. */
  ended: Promise<never>;
  end(err: Error): void;
  dead: boolean;
  /** Why it died, to repeat to later calls. */
  deathMessage: string;
  /** Ends it as dead (and tells the page), as its own error event does. */
  die(message: string): void;
}

/** From how many events the first execution's lanes come early: `?earlyLanes=N` in the page's URL (tests), else the session's default. */
function earlyLanesMinEvents(): number {
  const forced = typeof location !== 'undefined' ? new URLSearchParams(location.search).get('earlyLanes') : null;
  const n = forced === null ? NaN : Number(forced);
  return Number.isInteger(n) && n >= 0 ? n : EARLY_LANES_MIN_EVENTS;
}

/** The answer with the lanes sent early put back in their place. */
function withEarlyLanes(answer: AnalyzeAnswer, early: EarlyLanes | null): SessionResult {
  const lanes = answer.lanes.map((l, i) => {
    if (l) return l;
    if (i !== 0 || !early) throw new Error(`the worker sent no lanes for execution ${i}`);
    return early.lanes;
  });
  return { summary: answer.summary, lanes };
}

/** Parallel readers (planReaders.ts): `?workers=N` in the page's URL, else the machine's cores. */
function readerSettings(): ReaderSettings {
  return {
    cores: typeof navigator !== 'undefined' ? (navigator.hardwareConcurrency ?? 1) : 1,
    forced: typeof location !== 'undefined' ? new URLSearchParams(location.search).get('workers') : null,
  };
}

export class AnalyzerClient {
  private conn: Connection;
  /** A worker of its own for the regex prompt's counts, so a regex that hangs there costs no analysis. */
  private probe: { worker: Worker; remote: Comlink.Remote<AnalyzerApi>; ready: Promise<unknown> } | null = null;
  private running: Promise<unknown> | null = null;
  /** Milliseconds without progress before a run with user regexes is stopped. */
  regexBudgetMs = DEFAULT_REGEX_BUDGET_MS;
  /** What decides how many workers read files in parallel (see atop). */
  readers = readerSettings();
  /** From how many events an analysis's first execution is sent early (analyze's onLanes). */
  earlyLanesMinEvents = earlyLanesMinEvents();

  constructor(
    private readonly onDeath: (message: string) => void,
    private readonly makeWorker: () => Worker = defaultWorker,
  ) {
    this.conn = this.connect();
  }

  /**
   * The analysis, with the time budget per input: when a user regex runs past
   * it on one input of several, that input is set aside (an error diagnostic
   * names the pattern and the input) and the others are analyzed again in a
   * fresh worker. With one input left, the call rejects with RegexTimeBudget.
   *
   * `onLanes`: a big first execution's lanes as soon as its clocks are known,
   * before its anomalies (EarlyLanes); the result's lanes[0] is then the same
   * object. Not with user regexes, whose time budget may set an input aside
   * and analyze the others again.
   */
  async analyze(files: NamedBlob[], options: AnalyzeOptions, onProgress: (p: SessionProgress) => void, onLanes?: (e: EarlyLanes) => void): Promise<SessionResult> {
    const setAside: Diagnostic[] = [];
    let left = files;
    for (;;) {
      try {
        const result = await this.analyzeOnce(left, options, onProgress, onLanes);
        if (setAside.length > 0) {
          result.summary.diagnostics = [...setAside, ...result.summary.diagnostics];
          result.summary.diagnosticCount += setAside.length;
        }
        return result;
      } catch (err) {
        const input = err instanceof RegexTimeBudget ? err.input : undefined;
        if (!input || left.length <= 1 || !left.some((f) => f.name === input)) throw err;
        const who = (err as RegexTimeBudget).suspect ?? 'a user regex';
        setAside.push({ input, line: 0, severity: 'error', message: `${who} ran past the ${this.regexBudgetMs / 1000} s time budget on this input: it was stopped and the input was not read` });
        left = left.filter((f) => f.name !== input);
      }
    }
  }

  private analyzeOnce(files: NamedBlob[], options: AnalyzeOptions, onProgress: (p: SessionProgress) => void, onLanes?: (e: EarlyLanes) => void): Promise<SessionResult> {
    const watched = userRegexes(options).length > 0;
    let early: EarlyLanes | null = null;
    const lanes =
      onLanes && !watched
        ? {
            request: { minEvents: this.earlyLanesMinEvents },
            callback: Comlink.proxy((e: EarlyLanes) => {
              early = e;
              onLanes(e);
            }),
          }
        : null;
    let last = performance.now();
    let suspect = '';
    let input = '';
    let expectMs = 0;
    const progress = (p: SessionProgress) => {
      last = performance.now();
      if (p.input) input = p.input;
      if (p.suspect) suspect = p.suspect;
      if (p.expectMs !== undefined) expectMs = p.expectMs;
      onProgress(p);
    };
    const conn = this.conn;
    const groups = planReaders(files.map((f) => ({ ...f, size: f.blob.size })), this.readers, watched);
    const p = (
      groups
        ? this.analyzeInParts(files, groups, options, progress, lanes)
        : this.call((r) => r.analyze(files, options, Comlink.proxy(progress), undefined, undefined, lanes?.request, lanes?.callback))
    ).then((answer) => withEarlyLanes(answer, early));
    this.running = p;
    let timer: ReturnType<typeof setInterval> | undefined;
    if (watched) {
      const budget = this.regexBudgetMs;
      timer = setInterval(() => {
        const quiet = performance.now() - last;
        if (quiet < Math.max(budget, expectMs * 4) || this.conn !== conn) return;
        clearInterval(timer);
        const who = suspect ? `${suspect} is the likely cause` : 'a user regex is the likely cause';
        this.replace(
          new RegexTimeBudget(
            `The analysis was stopped after ${Math.round(quiet / 1000)} s without progress while user regexes ran${input ? ` on ${input}` : ''}: ${who} ` +
              '(a pattern that backtracks, such as (a+)+, can take minutes on one line). Change it and the analysis runs again.',
            input || undefined,
            suspect || undefined,
          ),
        );
      }, WATCHDOG_TICK_MS);
    }
    const clear = () => {
      if (timer !== undefined) clearInterval(timer);
      if (this.running === p) this.running = null;
    };
    p.then(clear, clear);
    return p;
  }

  /**
   * The first group read by the analyzing worker itself, the others each by
   * a worker of its own at the same time; the analyzer asks for their parts
   * when its reading gets to their files (see atop).
   */
  private async analyzeInParts(
    files: NamedBlob[],
    groups: NamedBlob[][],
    options: AnalyzeOptions,
    progress: (p: SessionProgress) => void,
    lanes: { request: { minEvents: number }; callback: (e: EarlyLanes) => void } | null,
  ): Promise<AnalyzeAnswer> {
    const conn = this.conn;
    if (conn.dead) throw new WorkerDied(conn.deathMessage || 'The analysis worker has stopped.');
    const others = groups.slice(1);
    const done = others.map(() => 0);
    const events = others.map(() => 0);
    // Until the analyzer has the parts, their bytes are the readers' to report; then its own.
    let handedOver = false;
    let own: SessionProgress | null = null;
    const report = () => {
      if (!own) return;
      if (handedOver || own.stage !== 'read') return progress(own);
      progress({ ...own, bytesDone: own.bytesDone + sum(done), events: own.events + sum(events) });
    };
    const workers = others.map(() => this.makeWorker());
    const stop = () => workers.forEach((w) => w.terminate());
    conn.ended.catch(stop);
    try {
      const reading = Promise.all(
        others.map((group, i) =>
          this.readPart(conn, workers[i]!, group, options, (p) => {
            done[i] = p.bytesDone;
            events[i] = p.events;
            report();
          }),
        ),
      );
      reading.catch(() => {});
      const fetchParts = async () => {
        const parts = await Promise.race([reading, conn.ended]);
        handedOver = true;
        stop();
        return Comlink.transfer(parts, parts.flatMap(packedTransferables));
      };
      const elsewhere = others.flat().map((f) => f.name);
      const onOwn = (p: SessionProgress) => {
        own = p;
        report();
      };
      return await this.call((r) => r.analyze(files, options, Comlink.proxy(onOwn), elsewhere, Comlink.proxy(fetchParts), lanes?.request, lanes?.callback));
    } finally {
      stop();
    }
  }

  /** One group read by one worker; its death is the analysis's. */
  private readPart(conn: Connection, worker: Worker, group: NamedBlob[], options: AnalyzeOptions, onProgress: (p: Progress) => void): Promise<PackedPart> {
    const died = new Promise<never>((_, reject) => {
      const die = (message: string) => {
        conn.die(message);
        reject(new WorkerDied(message));
      };
      worker.addEventListener('error', (ev) => {
        ev.preventDefault();
        die(`A worker reading files in parallel stopped: ${ev.message || 'it could not be started'}.`);
      });
      worker.addEventListener('messageerror', () => die('A worker reading files in parallel sent a message the page could not read.'));
    });
    died.catch(() => {});
    const remote = Comlink.wrap<AnalyzerApi>(worker);
    return Promise.race([remote.readPart(group, options, Comlink.proxy(onProgress)), died]);
  }

  exportBlob(format: ExportFormat): Promise<Blob> {
    return this.call((r) => r.exportBlob(format));
  }

  anomalyGroups(exec: number): Promise<AnomalyGroup[]> {
    return this.call((r) => r.anomalyGroups(exec));
  }

  findings(exec: number): Promise<FindingItem[]> {
    return this.call((r) => r.findings(exec));
  }

  correlations(exec: number, query: string): Promise<CorrelationList> {
    return this.call((r) => r.correlations(exec, query));
  }

  correlationEvents(exec: number, index: number): Promise<Uint32Array> {
    return this.call((r) => r.correlationEvents(exec, index));
  }

  correlationProposals(exec: number): Promise<ProposalItem[]> {
    return this.call((r) => r.correlationProposals(exec));
  }

  logIndex(exec: number, order: LogOrder): Promise<LogIndex> {
    return this.call((r) => r.logIndex(exec, order));
  }

  logRows(exec: number, order: LogOrder, start: number, count: number): Promise<LogRow[]> {
    return this.call((r) => r.logRows(exec, order, start, count));
  }

  /**
   * A search; a newer one supersedes it in the worker. A regex that runs past
   * the budget gets the worker replaced (the page must analyze again: the
   * analysis lived in that worker) and rejects with RegexTimeBudget.
   */
  async search(exec: number, query: string): Promise<SearchAnswer> {
    const conn = this.conn;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const budget = this.regexBudgetMs;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        if (this.conn !== conn) return;
        const err = new RegexTimeBudget(`The search ran for more than ${Math.round(budget / 1000)} s and was stopped; a regex that backtracks is the likely cause.`);
        this.replace(err);
        reject(err);
      }, budget);
    });
    expired.catch(() => {});
    try {
      return await Promise.race([this.call((r) => r.search(exec, query)), expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Records a ShiViz regex reads in a sample, counted in the probe worker
   * (made on first use). Past the regex budget that worker is stopped (the
   * next count makes another) and the call rejects with RegexTimeBudget.
   */
  async countRecords(sample: string, regex: string): Promise<RecordCount | { error: string }> {
    const probe = (this.probe ??= this.startProbe());
    // The budget is the regex's: a worker still loading its code (seconds, on a busy machine) is not charged.
    await probe.ready;
    const budget = this.regexBudgetMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        probe.worker.terminate();
        if (this.probe === probe) this.probe = null;
        reject(new RegexTimeBudget(`The regex ran for more than ${Math.round(budget / 1000)} s on the first lines and was stopped; a pattern that backtracks is the likely cause.`));
      }, budget);
    });
    try {
      return await Promise.race([probe.remote.countRecords(sample, regex), expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  private startProbe(): { worker: Worker; remote: Comlink.Remote<AnalyzerApi>; ready: Promise<unknown> } {
    const worker = this.makeWorker();
    const remote = Comlink.wrap<AnalyzerApi>(worker);
    // A probe that cannot load says so to the count waiting on it, and the next count starts another.
    const failed = new Promise<never>((_, reject) =>
      worker.addEventListener('error', (ev) => {
        ev.preventDefault();
        worker.terminate();
        if (this.probe?.worker === worker) this.probe = null;
        reject(new WorkerDied(`The worker that counts records stopped: ${ev.message || 'it could not be started'}.`));
      }),
    );
    failed.catch(() => {});
    return { worker, remote, ready: Promise.race([remote.countRecords('', '(?<host>)(?<clock>)'), failed]) };
  }

  cancelSearch(): Promise<void> {
    return this.call((r) => r.cancelSearch());
  }

  chartSeries(exec: number): Promise<ChartData> {
    return this.call((r) => r.chartSeries(exec));
  }

  compare(a: number, b: number, options: DiffOptions = {}): Promise<ExecutionDiff> {
    return this.call((r) => r.compare(a, b, options));
  }

  eventDetails(exec: number, e: number): Promise<EventDetails> {
    return this.call((r) => r.eventDetails(exec, e));
  }

  highlight(exec: number, e: number): Promise<Highlight> {
    return this.call((r) => r.highlight(exec, e));
  }

  exportJson(): Promise<string> {
    return this.call((r) => r.exportJson());
  }

  /** Resolves once the running analysis has stopped (or the worker was replaced). */
  async cancel(): Promise<void> {
    const running = this.running;
    if (!running) return;
    const conn = this.conn;
    conn.remote.cancel().catch(() => {});
    const settled = await Promise.race([
      running.then(
        () => true,
        () => true,
      ),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), CANCEL_GRACE_MS)),
    ]);
    if (!settled && this.conn === conn) this.replace(new AnalysisCancelledByClient());
  }

  /** Whether the current worker has died (and not been restarted). */
  get dead(): boolean {
    return this.conn.dead;
  }

  /** A fresh worker (after a death, or to retry); pending calls on the old one reject. */
  restart(): void {
    this.replace(new WorkerDied('the analysis worker was restarted'));
  }

  dispose(): void {
    this.probe?.worker.terminate();
    this.conn.end(new WorkerDied('the analyzer was closed'));
    this.conn.worker.terminate();
  }

  private replace(reason: Error): void {
    const old = this.conn;
    old.end(reason);
    old.worker.terminate();
    this.conn = this.connect();
  }

  private call<T>(f: (remote: Comlink.Remote<AnalyzerApi>) => Promise<T>): Promise<T> {
    const conn = this.conn;
    if (conn.dead) return Promise.reject(new WorkerDied(conn.deathMessage || 'The analysis worker has stopped.'));
    return Promise.race([f(conn.remote), conn.ended]);
  }

  private connect(): Connection {
    const worker = this.makeWorker();
    let end!: (err: Error) => void;
    const ended = new Promise<never>((_, reject) => (end = reject));
    ended.catch(() => {}); // only ever observed through a race
    const conn: Connection = {
      worker,
      remote: Comlink.wrap<AnalyzerApi>(worker),
      ended,
      dead: false,
      deathMessage: '',
      end: (err) => {
        conn.dead = true;
        end(err);
      },
      die: (message) => die(message),
    };
    const die = (message: string) => {
      if (conn.dead) return;
      conn.deathMessage = message;
      conn.end(new WorkerDied(message));
      worker.terminate();
      if (this.conn === conn) this.onDeath(message);
    };
    worker.addEventListener('error', (ev) => {
      ev.preventDefault();
      // A worker that failed to load reports a bare Event without a message.
      die(`The analysis worker stopped: ${ev.message || 'it could not be started'}.`);
    });
    worker.addEventListener('messageerror', () => die('The analysis worker sent a message the page could not read.'));
    // A worker that stops without an error event (closed, killed for memory) lets go of its life lock (workerLife.ts).
    worker.addEventListener('message', (ev: MessageEvent<Partial<LifeMessage> | null>) => {
      const name = ev.data?.causewayLife;
      if (typeof name === 'string' && typeof navigator !== 'undefined' && navigator.locks) {
        void navigator.locks.request(name, () => die('The analysis worker stopped answering (it was closed or ran out of memory).'));
      }
    });
    return conn;
  }
}

function sum(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}
