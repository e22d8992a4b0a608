/**
 * Reads a group of inputs apart from the analysis (in a parallel worker):
 * the same InputReader as the read stage, into builders that keep what a
 * merge needs (partBuilder.ts), the diagnostics recorded for telling again
 * (partResult.ts). Only line formats whose reading of one input depends on no
 * other input are read here; anything else (archives, documents, rules,
 * inputs that are not text or of no known format) is declined and left to
 * the analysis, which reads it as it always does.
 */
import { archiveKind } from '../input/archive/archiveKind';
import { startsLikeClusterInfoStream } from '../input/bundle/clusterInfoDump';
import type { AnalyzeOptions } from '../analysis/analyzeOptions';
import { headBytes, inputSize } from '../input/inputSource';
import { cmp } from '../model/executionBuilder';
import { PartBuilder, type WindowClock } from './partBuilder';
import { RecordingSink, type PartResult } from './partResult';
import type { AnalyzeHooks } from '../read/analyzeHooks';
import type { AnalyzeInput } from '../read/analyzeInput';
import { InputReader } from '../read/inputReader';

/** Formats read one input at a time, each input on its own: these may be read apart. */
export const PARALLEL_FORMATS: ReadonlySet<string> = new Set(['jsonl', 'text', 'logfmt', 'csv']);

export async function readPart(inputs: readonly AnalyzeInput[], options: AnalyzeOptions, hooks: AnalyzeHooks = {}): Promise<PartResult> {
  const sorted = [...inputs].sort((a, b) => cmp(a.name, b.name));
  const clock: WindowClock = { window: 0 };
  const sink = new RecordingSink();
  const bytesTotal = sorted.reduce((s, i) => s + inputSize(i), 0);
  const reader = new InputReader(options, hooks, sink, bytesTotal, (name) => new PartBuilder(name, clock));
  const read: string[] = [];
  const declined: string[] = [];
  for (const input of sorted) {
    // Archives (and cluster-info dumps, cut into their parts) are opened by the analysis, under one budget for all of them.
    const head = inputSize(input) > 0 ? await headBytes(input, 512) : null;
    if (head && (archiveKind(input.name, head) || startsLikeClusterInfoStream(head))) {
      reader.bytesDone += inputSize(input);
      declined.push(input.name);
      continue;
    }
    clock.window = sink.window = read.length;
    if (!(await reader.read(input, (spec) => PARALLEL_FORMATS.has(spec.id)))) {
      declined.push(input.name);
      continue;
    }
    for (const b of reader.builders.values()) (b as PartBuilder).markWindow(read.length);
    read.push(input.name);
  }
  clock.window = read.length;
  const executions = [...reader.builders.values()].map((b) => (b as PartBuilder).buildPart(options.clockDomainOf, read));
  return {
    inputs: read,
    declined,
    summaries: reader.summaries,
    diagnostics: sink.log,
    suppressed: sink.heldBack(),
    executions,
    events: executions.reduce((s, x) => s + x.execution.eventCount, 0),
  };
}
