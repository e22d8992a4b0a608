/**
 * The CLI's work, over the same core the page uses: read inputs, analyze,
 * write the analysis document. Returns an exit status; errors are one line.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { analyze } from '../core/analysis/analyze';
import type { PendingParts } from '../core/read/pendingParts';
import { parseRulesJson, type RuleSetSpec } from '../core/rules/ruleSet';
import { FINDINGS_EXIT, parseCliArgs, USAGE } from './cliArgs';
import { failingFindings, outputChunks } from './cliOutput';
import { recycle } from '../core/document/byteSink';
import { whyNoEvents } from '../core/analysis/noEvents';
import { analyzeWithBudget, DEFAULT_REGEX_BUDGET_MS, type RunSummary } from './analysisThread';
import { nestedQuantifier } from '../core/rules/regexShape';
import { userRegexes } from '../core/session/regexProbe';
import { readInputs, type FileInput } from './readInputs';
import { availableParallelism } from 'node:os';
import type { AnalyzeOptions } from '../core/analysis/analyzeOptions';
import { planReaders } from '../core/parallel/planReaders';
import { readPartsInThreads } from './partThreads';
import { heapHooks } from './heapHooks';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export interface CliRuntime {
  /** The running script, when it can be started again as a reading thread (the bundled CLI): files are then read in parallel. */
  threadScript?: URL;
}

export async function runCli(argv: string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }, runtime: CliRuntime = {}): Promise<number> {
  const parsed = parseCliArgs(argv);
  if (!parsed.ok) {
    io.stderr.write(`causeway: ${parsed.error}\n`);
    return 2;
  }
  if (parsed.value === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const args = parsed.value;
  try {
    const rules = args.rules === undefined ? undefined : await readRules(args.rules);
    const { inputs, notes } = await readInputs(args.paths);
    if (inputs.length === 0) throw new Error(`no files found under ${args.paths.join(', ')}`);
    const options = {
      ...(args.regex !== undefined && { regex: args.regex }),
      ...(args.delimiter !== undefined && { delimiter: args.delimiter }),
      ...(args.inputFormat !== undefined && { format: args.inputFormat }),
      ...(args.minDelayMs !== undefined && { minDelayMs: args.minDelayMs }),
      ...(args.recordingToleranceMs !== undefined && { recordingToleranceMs: args.recordingToleranceMs }),
      ...(args.correlationPatterns.length > 0 && { correlationPatterns: args.correlationPatterns }),
      ...(Object.keys(args.zones).length > 0 && { zones: args.zones }),
      ...(Object.keys(args.years).length > 0 && { years: args.years }),
      ...(rules && { rules }),
    };
    // A pattern of a known catastrophic shape is said before anything runs (the document says it too).
    for (const r of userRegexes(options)) {
      const nested = nestedQuantifier(r.source);
      if (nested) io.stderr.write(`causeway: warning: ${r.label} /${oneLine(r.source)}/ has a quantified group holding a quantifier (${oneLine(nested)}), which can backtrack for minutes on one line\n`);
    }
    const target = args.out ? await openOut(args.out) : io.stdout;
    // Streams known to be done with a chunk when they call back: its buffer then holds a later one (byteSink.ts).
    const reuse = target !== io.stdout || io.stdout === process.stdout;
    const color = !args.out && (io.stdout as { isTTY?: boolean }).isTTY === true && !process.env['NO_COLOR'];
    let summary: RunSummary;
    if (runtime.threadScript && userRegexes(options).length > 0) {
      // User regexes run in a thread the time budget can stop (analysisThread.ts).
      const output = { format: args.format, color, failOn: args.failOn, fullClocks: args.fullClocks };
      const run = analyzeWithBudget(runtime.threadScript, inputs, options, output, notes, args.regexBudgetMs ?? DEFAULT_REGEX_BUDGET_MS);
      await writeChunks(target, run.chunks, reuse);
      summary = await run.summary;
    } else {
      const analysis = await analyze(inputs, options, heapHooks(), readInParallel(runtime, inputs, options));
      // What the folder walk passed over or followed comes first, as the reading does after it.
      if (notes.length > 0) analysis.diagnostics.unshift(...notes);
      await writeChunks(target, outputChunks(analysis, args.format, color, args.fullClocks), reuse);
      summary = {
        events: analysis.executions.reduce((s, x) => s + x.execution.eventCount, 0),
        errors: analysis.diagnostics.filter((d) => d.severity === 'error'),
        failing: args.failOn ? failingFindings(analysis, args.failOn) : 0,
        noEvents: whyNoEvents(analysis.inputs, analysis.diagnostics),
      };
    }
    if (args.out) await new Promise<void>((res, rej) => (target as WriteStream).end((e?: Error | null) => (e ? rej(e) : res())));
    const { events, errors } = summary;
    // Errors go to stderr whatever the output is, so a pipe never hides them.
    for (const d of errors.slice(0, MAX_ERROR_LINES)) io.stderr.write(`causeway: ${d.input}${d.line > 0 ? `:${d.line}` : ''}: ${oneLine(d.message)}\n`);
    if (errors.length > MAX_ERROR_LINES) io.stderr.write(`causeway: … and ${errors.length - MAX_ERROR_LINES} more errors in the diagnostics\n`);
    if (args.out || errors.length > 0 || events === 0) {
      io.stderr.write(`causeway: ${events} events from ${inputs.length} inputs, ${errors.length} errors in diagnostics${args.out ? ` → ${args.out}` : ''}\n`);
    }
    if (events === 0) {
      // Why, input by input (the errors above say some of it already).
      const why = summary.noEvents;
      if (why) {
        io.stderr.write(`causeway: ${why.summary}\n`);
        for (const i of why.inputs.slice(0, MAX_ERROR_LINES)) io.stderr.write(`causeway:   ${i.name}: ${oneLine(i.why)}\n`);
      }
      io.stderr.write('causeway: no input could be read into events\n');
      return 1;
    }
    if (args.failOn) {
      const worst = summary.failing;
      if (worst > 0) {
        io.stderr.write(`causeway: ${worst} finding${worst === 1 ? '' : 's'} of severity ${args.failOn}${args.failOn === 'warning' ? ' or critical' : ''} (--fail-on ${args.failOn})\n`);
        return FINDINGS_EXIT;
      }
    }
    return 0;
  } catch (e) {
    io.stderr.write(`causeway: ${oneLine(e instanceof Error ? e.message : String(e))}\n`);
    return 1;
  }
}

/**
 * Groups of the inputs read by threads where there are cores and enough bytes
 * (planReaders.ts), as the page's workers do; CAUSEWAY_WORKERS=N forces N
 * readers (1: this thread alone).
 */
function readInParallel(runtime: CliRuntime, inputs: FileInput[], options: AnalyzeOptions): PendingParts | [] {
  if (!runtime.threadScript) return [];
  const groups = planReaders(inputs, { cores: availableParallelism(), forced: process.env['CAUSEWAY_WORKERS'], cli: true });
  if (!groups) return [];
  // This thread reads the first group; threads the others, meanwhile.
  const others = groups.slice(1);
  const reading = readPartsInThreads(
    runtime.threadScript,
    others.map((g) => g.map(({ name, size, path }) => ({ name, size, path }))),
    options,
  );
  reading.catch(() => {});
  return { inputs: others.flat().map((i) => i.name), parts: () => reading };
}

/** The rules file as a rule set; problems inside rules are diagnostics later, not errors here. */
async function readRules(file: string): Promise<RuleSetSpec> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read rules file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  const parsed = parseRulesJson(text);
  if (!parsed.ok) throw new Error(`rules file ${file}: ${parsed.error}`);
  return parsed.value;
}

/** The output file, opened before writing so a bad path is a one-line error, not an unhandled stream error. */
async function openOut(file: string): Promise<WriteStream> {
  // Room for a few chunks, so the next is made while the last is written.
  const stream = createWriteStream(file, { highWaterMark: 1 << 22 });
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (e: NodeJS.ErrnoException) => reject(new Error(`cannot write ${file}: ${e.code ?? e.message}`)));
  });
  return stream;
}

function oneLine(message: string): string {
  return message.replace(/\s*[\r\n]+\s*/g, ' ');
}

/** Error lines from the diagnostics repeated on stderr. */
const MAX_ERROR_LINES = 20;

/**
 * Writes the chunks (UTF-8 buffers of a few hundred KB: no joining, no
 * encoding) and waits for the stream to drain when it asks to. A reader that
 * goes away (`causeway … | head -c 10`: EPIPE) ends the writing quietly, as
 * grep does: 'closed'. Other write errors are thrown.
 */
async function writeChunks(target: NodeJS.WritableStream, chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>, reuse: boolean): Promise<'done' | 'closed'> {
  let failed: NodeJS.ErrnoException | null = null;
  const onError = (e: NodeJS.ErrnoException) => {
    failed = e;
  };
  target.on('error', onError);
  try {
    for await (const c of chunks) {
      if (failed) break;
      if (!target.write(c, reuse ? () => recycle(c) : undefined) && !failed) {
        await new Promise<void>((r) => {
          const done = () => {
            target.off('drain', done);
            target.off('error', done);
            r();
          };
          target.once('drain', done);
          target.once('error', done);
        });
      } else {
        // A turn of the event loop per chunk: a file's write that has ended is seen now, and the stream starts the
        // next at once (its buffered chunks in one writev), so the kernel copies while the next chunk is made, and
        // the chunk's buffer goes back for reuse (a 240 MB document held ~130 MB of them). Without it, ends were seen
        // only at 'drain', once 4 MB had queued up: then this thread waited for a 4 MB copy, every 4 MB.
        await new Promise<void>((r) => setImmediate(r));
      }
    }
    // An EPIPE is reported after the write that met it: give it a turn to arrive.
    await new Promise((r) => setImmediate(r));
  } finally {
    // Keep a listener, so a late EPIPE is never an unhandled 'error' event.
    target.off('error', onError);
    target.on('error', ignoreClosed);
  }
  const err = failed as NodeJS.ErrnoException | null;
  if (!err) return 'done';
  if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') return 'closed';
  throw new Error(`cannot write the output: ${err.code ?? err.message}`);
}

function ignoreClosed(): void {}
