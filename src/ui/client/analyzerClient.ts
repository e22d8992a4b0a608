/**
 * The page's handle on the analysis worker. Besides forwarding calls through
 * Comlink it deals with the two ways a worker stops answering:
 *  - cancel: ask the session to stop at its next checkpoint; a worker stuck in
 *    one long parse never reads that message, so after CANCEL_GRACE_MS it is
 *    terminated and a fresh one started. Either way the pending analyze()
 *    rejects with an error named AnalysisCancelled.
 *  - death: an error event (a failed load, an uncaught error, an unreadable
 *    message) rejects every pending call with WorkerDied and tells the page,
 *    which offers Retry (restart()). Without this a Comlink call to a dead
 *    worker would wait forever.
 */
import * as Comlink from 'comlink';
import { createAnalysisWorker } from './worker/moduleWorker';
import type { Progress } from '../../core/analysis/analyze';
import type { AnalyzeOptions } from '../../core/input/formatParser';
import type { EventDetails, Highlight, SessionResult } from '../../core/session/analyzerSession';
import type { AnalyzerApi, NamedBlob } from '../../../workers/analyzerApi';

export const CANCEL_GRACE_MS = 500;

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
}

export class AnalyzerClient {
  private conn: Connection;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly onDeath: (message: string) => void,
    private readonly makeWorker: () => Worker = defaultWorker,
  ) {
    this.conn = this.connect();
  }

  analyze(files: NamedBlob[], options: AnalyzeOptions, onProgress: (p: Progress) => void): Promise<SessionResult> {
    const p = this.call((r) => r.analyze(files, options, Comlink.proxy(onProgress)));
    this.running = p;
    const clear = () => {
      if (this.running === p) this.running = null;
    };
    p.then(clear, clear);
    return p;
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
    return conn;
  }
}
