/**
 * The CLI's time budget for user regexes (--regex, --delimiter, rules,
 * correlation patterns), the page's budget by the same default. A regex that
 * backtracks runs synchronously and cannot be interrupted, so with user
 * regexes the analysis runs in a worker thread (this script re-entered, as
 * the reading threads are) that says which input it opens and ticks as it
 * reads; the main thread watches. When the thread is quiet for the budget,
 * it is terminated, the input it was reading is set aside with an error
 * naming the pattern (the one of a known catastrophic shape, else the user's
 * regexes) and the input, and the analysis runs again without it: that input
 * alone is lost. Once the analysis is done the thread writes the document as
 * byte chunks moved to the main thread, which writes them out.
 */
import { createReadStream } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { analyze } from '../core/analysis/analyze';
import type { AnalyzeOptions } from '../core/analysis/analyzeOptions';
import { whyNoEvents, type NoEvents } from '../core/analysis/noEvents';
import type { Diagnostic } from '../core/model/diagnostic';
import { nestedQuantifier } from '../core/rules/regexShape';
import { DEFAULT_REGEX_BUDGET_MS, userRegexes } from '../core/session/regexProbe';
import type { FailOn, OutputFormat } from './cliArgs';
import { failingFindings, outputChunks } from './cliOutput';

/** The page's default too (Rules view): one budget for user regexes everywhere. */
export { DEFAULT_REGEX_BUDGET_MS };

const CHUNK = 1 << 20;
const TICK_MS = 100;

/** How the document is written, and the findings that count against --fail-on. */
export interface RunOutput {
  format: OutputFormat;
  color: boolean;
  failOn: FailOn | null;
  /** --full-clocks: whole vector clocks in the JSON document. */
  fullClocks?: boolean;
}

/** What the main thread needs once the document is written. */
export interface RunSummary {
  events: number;
  errors: Diagnostic[];
  /** Findings at least as severe as --fail-on (0 without it). */
  failing: number;
  /** Why there are no events, when there are none. */
  noEvents: NoEvents | null;
}

interface Job {
  causewayAnalyze: true;
  inputs: { name: string; size: number; path: string }[];
  options: AnalyzeOptions;
  output: RunOutput;
  /** Diagnostics to put first (the folder walk's notes, inputs set aside). */
  notes: Diagnostic[];
}

type FromThread =
  | { type: 'input'; name: string }
  | { type: 'tick' }
  | { type: 'chunk'; bytes: Uint8Array }
  | ({ type: 'done' } & RunSummary)
  | { type: 'failed'; message: string };

export interface BudgetedRun {
  /** The document, chunk by chunk (UTF-8), as the thread writes it. */
  chunks: AsyncIterable<Uint8Array>;
  /** Once the chunks are all given: events and error diagnostics. */
  summary: Promise<RunSummary>;
}

/** Runs the analysis in threads of `script` until it finishes without an input going quiet for `budgetMs`. */
export function analyzeWithBudget(
  script: URL,
  inputs: { name: string; size: number; path: string }[],
  options: AnalyzeOptions,
  output: RunOutput,
  notes: Diagnostic[],
  budgetMs: number,
): BudgetedRun {
  const queue: Uint8Array[] = [];
  let wake: (() => void) | null = null;
  let finished = false;
  let failure: Error | null = null;
  let resolveSummary!: (s: RunSummary) => void;
  let rejectSummary!: (e: Error) => void;
  const summary = new Promise<RunSummary>((res, rej) => ((resolveSummary = res), (rejectSummary = rej)));
  summary.catch(() => {});
  const push = () => {
    wake?.();
    wake = null;
  };

  const setAside: Diagnostic[] = [];
  const start = () => {
    // Only what a thread can clone: it opens the files itself.
    const left = inputs.filter((i) => !setAside.some((d) => d.input === i.name)).map(({ name, size, path }) => ({ name, size, path }));
    const job: Job = { causewayAnalyze: true, inputs: left, options, output, notes: [...notes, ...setAside] };
    const w = new Worker(script, { workerData: job });
    let stopped = false;
    let current = '';
    let last = Date.now();
    let writing = false;
    const watch = setInterval(() => {
      if (writing || Date.now() - last < budgetMs) return;
      clearInterval(watch);
      stopped = true;
      void w.terminate();
      if (!current) {
        failure = new Error(`the analysis made no progress for ${budgetMs} ms while user regexes ran`);
        rejectSummary(failure);
        finished = true;
        push();
        return;
      }
      setAside.push({ input: current, line: 0, severity: 'error', message: `${suspects(options)} ran past the ${budgetMs} ms time budget (--regex-budget) on this input: it was stopped and the input was not read` });
      start();
    }, Math.min(TICK_MS, budgetMs));
    w.on('message', (m: FromThread) => {
      last = Date.now();
      if (m.type === 'input') current = m.name;
      else if (m.type === 'chunk') {
        writing = true;
        queue.push(m.bytes);
        push();
      } else if (m.type === 'done') {
        clearInterval(watch);
        finished = true;
        resolveSummary({ events: m.events, errors: m.errors, failing: m.failing, noEvents: m.noEvents });
        push();
      } else if (m.type === 'failed') {
        clearInterval(watch);
        failure = new Error(m.message);
        rejectSummary(failure);
        finished = true;
        push();
      }
    });
    const fail = (e: Error) => {
      clearInterval(watch);
      if (finished) return;
      failure = e;
      rejectSummary(e);
      finished = true;
      push();
    };
    w.on('error', fail);
    w.on('exit', (code) => {
      if (!stopped && !finished) fail(new Error(`the analysis thread stopped (exit code ${code})`));
    });
  };
  start();

  async function* chunks(): AsyncGenerator<Uint8Array> {
    for (;;) {
      while (queue.length > 0) yield queue.shift()!;
      if (failure) throw failure;
      if (finished) return;
      await new Promise<void>((r) => (wake = r));
    }
  }
  return { chunks: chunks(), summary };
}

/** Whom to blame: the regex of a catastrophic shape, else every user regex. */
function suspects(options: AnalyzeOptions): string {
  const all = userRegexes(options);
  const bad = all.filter((r) => nestedQuantifier(r.source));
  const named = (bad.length > 0 ? bad : all).map((r) => `${r.label} /${r.source}/`);
  return named.length === 1 ? named[0]! : `one of ${named.join(', ')}`;
}

/** In a thread started by analyzeWithBudget: analyzes, posts the document in chunks, and returns true. */
export async function serveAnalysis(): Promise<boolean> {
  const job = workerData as Job | undefined;
  const port = parentPort;
  if (isMainThread || !port || !job?.causewayAnalyze) return false;
  try {
    let lastTick = 0;
    const tick = () => {
      const now = Date.now();
      if (now - lastTick < TICK_MS) return;
      lastTick = now;
      port.postMessage({ type: 'tick' } satisfies FromThread);
    };
    const inputs = job.inputs.map((i) => ({
      name: i.name,
      size: i.size,
      stream: () => {
        port.postMessage({ type: 'input', name: i.name } satisfies FromThread);
        return createReadStream(i.path, { highWaterMark: CHUNK });
      },
    }));
    const analysis = await analyze(inputs, job.options, { onProgress: tick, checkpoint: tick });
    if (job.notes.length > 0) analysis.diagnostics.unshift(...job.notes);
    // Chunks are buffers of their own (byteSink.ts, TextEncoder): moved to the main thread, not copied.
    for (const c of outputChunks(analysis, job.output.format, job.output.color, job.output.fullClocks === true)) {
      port.postMessage({ type: 'chunk', bytes: c } satisfies FromThread, [c.buffer as ArrayBuffer]);
    }
    const events = analysis.executions.reduce((s, x) => s + x.execution.eventCount, 0);
    const errors = analysis.diagnostics.filter((d) => d.severity === 'error');
    const failing = job.output.failOn ? failingFindings(analysis, job.output.failOn) : 0;
    port.postMessage({ type: 'done', events, errors, failing, noEvents: whyNoEvents(analysis.inputs, analysis.diagnostics) } satisfies FromThread);
  } catch (e) {
    port.postMessage({ type: 'failed', message: e instanceof Error ? e.message : String(e) } satisfies FromThread);
  }
  return true;
}
