/**
 * The CLI's work, over the same core the page uses: read inputs, analyze,
 * write the analysis document. Returns an exit status; errors are one line.
 */
import { createWriteStream } from 'node:fs';
import { analyze } from '../core/analysis/analyze';
import { analysisDocumentChunks, buildAnalysisDocument } from '../core/document/analysisDocument';
import { parseCliArgs, USAGE } from './cliArgs';
import { readInputs } from './readInputs';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export async function runCli(argv: string[], io: CliIo = { stdout: process.stdout, stderr: process.stderr }): Promise<number> {
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
    const inputs = await readInputs(args.paths);
    if (inputs.length === 0) throw new Error(`no files found under ${args.paths.join(', ')}`);
    const options = {
      ...(args.regex !== undefined && { regex: args.regex }),
      ...(args.delimiter !== undefined && { delimiter: args.delimiter }),
      ...(args.inputFormat !== undefined && { format: args.inputFormat }),
      ...(args.minDelayMs !== undefined && { minDelayMs: args.minDelayMs }),
    };
    const analysis = await analyze(inputs, options);
    const doc = buildAnalysisDocument(analysis, true);
    const target = args.out ? createWriteStream(args.out) : io.stdout;
    await writeChunks(target, analysisDocumentChunks(doc));
    if (args.out) {
      await new Promise<void>((res, rej) => (target as ReturnType<typeof createWriteStream>).end((e?: Error | null) => (e ? rej(e) : res())));
      const events = analysis.executions.reduce((s, x) => s + x.execution.eventCount, 0);
      const errors = analysis.diagnostics.filter((d) => d.severity === 'error').length;
      io.stderr.write(`causeway: ${events} events from ${inputs.length} inputs, ${errors} errors in diagnostics → ${args.out}\n`);
    }
    return 0;
  } catch (e) {
    io.stderr.write(`causeway: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}

/** Joins small chunks into ~1 MB writes and waits for the stream to drain. */
async function writeChunks(target: NodeJS.WritableStream, chunks: Iterable<string>): Promise<void> {
  const pending: string[] = [];
  let size = 0;
  const flush = async () => {
    const ok = target.write(pending.join(''));
    pending.length = 0;
    size = 0;
    if (!ok) await new Promise((r) => target.once('drain', r));
  };
  for (const c of chunks) {
    pending.push(c);
    size += c.length;
    if (size > 1 << 20) await flush();
  }
  if (pending.length) await flush();
}
