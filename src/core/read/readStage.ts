/**
 * analyze()'s read stage over all inputs, with parts read elsewhere merged
 * in (see readStage below); the reading of one input is InputReader's.
 */
import { cmp, ExecutionBuilder } from '../model/executionBuilder';
import type { DiagnosticSink } from '../model/diagnostic';
import type { Execution } from '../model/execution';
import type { AnalyzeOptions } from '../analysis/analyzeOptions';
import type { FormatParser, FormatSpec, ParseContext } from '../input/formatParser';
import { DEFAULT_ARCHIVE_LIMITS, formatBytes } from '../input/archive/archiveBudget';
import { archiveKind, scanArchives } from '../input/archive/expandArchives';
import { isArchiveMember, memberBytes, memberInput } from '../input/archive/archiveMember';
import { nestedQuantifier } from '../rules/regexShape';
import { userRegexes } from '../session/regexProbe';
import { startsLikeClusterInfoStream } from '../input/bundle/clusterInfoDump';
import { planInputs } from '../input/bundle/planInputs';
import { headBytes, inputSize, isBytesInput, readAllBytes } from '../input/inputSource';
import { rulesFormat, rulesOf } from '../rules/rulesFormat';
import { mergeExecutionParts } from '../parallel/mergeParts';
import { PartBuilder, type WindowClock } from '../parallel/partBuilder';
import { replayDiagnostics, type ExecutionPart, type PartResult } from '../parallel/partResult';
import type { AnalyzeInput } from './analyzeInput';
import type { AnalyzeHooks } from './analyzeHooks';
import type { InputSummary } from './inputSummary';
import { InputReader } from './inputReader';
import type { PendingParts } from './pendingParts';

/** What the read stage leaves: a builder per execution, the parsers (for finish()) and a summary per input. */
export interface ReadStage {
  builders: Map<string, ExecutionBuilder>;
  parsers: Map<FormatSpec, FormatParser>;
  summaries: InputSummary[];
  ctx: ParseContext;
  /** Inputs read as one whole document (their reading reports count records: completeReadings). */
  documentInputs: ReadonlySet<string>;
  bytesTotal: number;
  /** The executions, in name order (with parts: theirs too). */
  executionNames(): string[];
  /** The execution of that name: built, or merged from the parts and this thread's builder. Once per name: what it is built from is let go. */
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
  // a streamed input is read whole only when its first bytes say it is an archive (or a cluster-info dump, cut up below).
  const limits = DEFAULT_ARCHIVE_LIMITS;
  const opened: AnalyzeInput[] = [];
  for (const input of inputs) {
    if (isBytesInput(input) || covered.has(input.name)) {
      opened.push(input);
      continue;
    }
    await hooks.checkpoint?.();
    const head = input.size > 0 ? await headBytes(input, 512) : null;
    const kind = head ? archiveKind(input.name, head) : null;
    if (!kind && !(head && startsLikeClusterInfoStream(head))) {
      opened.push(input);
      continue;
    }
    // A reader elsewhere declines archives: this thread opens them, as always.
    elsewhere.delete(input.name);
    const bytes = await readAllBytes(input, limits.maxTotalBytes);
    if (!bytes) {
      sink.add(input.name, 0, 'error', `${kind ? `${kind} archive` : 'cluster-info dump'} of ${formatBytes(input.size)}: over the ${formatBytes(limits.maxTotalBytes)} limit for archives; nothing in it was read`);
      continue;
    }
    opened.push({ name: input.name, bytes });
  }
  // Inputs a part read were found not to be archives there.
  const toExpand = opened.filter((i) => !covered.has(i.name));
  // Members of a support bundle, must-gather or cluster-info dump are read as its layout says (planBundle.ts);
  // what is not a log is listed, not read. Previous container logs sort before current ones.
  const planned = planInputs(toExpand, scanArchives(toExpand, sink, limits, options, hooks.archiveHoldSmallBytes), options);
  for (const d of planned.diagnostics) sink.add(d.input, d.line, d.severity, d.message);
  // A member not held is inflated again as it is read, in pieces: an accepted archive is never held inflated whole.
  const toRead: AnalyzeInput[] = planned.inputs.map((i) => {
    if (!isArchiveMember(i)) return i;
    const dated = i.modifiedMs !== undefined ? { modifiedMs: i.modifiedMs } : {};
    if (i.bytes || hooks.archiveMembersWhole) return { name: i.name, bytes: memberBytes(i), ...dated };
    i.willRead?.();
    return memberInput(i, hooks.onArchivePiece && ((b) => hooks.onArchivePiece!(i.name, b)));
  });
  const sorted = [...toRead, ...opened.filter((i) => covered.has(i.name))]
    .map((input) => ({ input, key: planned.orderKey(input.name) }))
    .sort((a, b) => cmp(a.key, b.key))
    .map((k) => k.input);
  const rules = rulesOf(options);
  for (const p of rules?.problems ?? []) sink.add('rules', 0, 'error', `rule "${p.name}" (#${p.rule + 1}): ${p.message}`);
  // Said before any of them runs: the time budget stops such a pattern, but only after it has cost the budget.
  for (const r of userRegexes(options)) {
    const nested = nestedQuantifier(r.source);
    if (nested) sink.add('options', 0, 'warning', `${r.label} /${r.source}/ has a quantified group holding a quantifier (${nested}), which can backtrack for minutes on one line that almost matches`);
  }

  const bytesTotal = sorted.reduce((s, i) => s + inputSize(i), 0);
  const clock: WindowClock = { window: 0 };
  const withParts = elsewhere.size > 0;
  const partEvents = ((parts as readonly PartResult[] | null) ?? []).reduce((s, p) => s + p.events, 0);
  const reader = new InputReader(options, hooks, sink, bytesTotal, withParts ? (name) => new PartBuilder(name, clock) : (name) => new ExecutionBuilder(name), partEvents);
  // Bytes read elsewhere count as done once the parts are in (given read: from the start).
  const wasCovered = new Set(covered.keys());
  reader.bytesDone = sorted.reduce((s, i) => s + (covered.has(i.name) ? inputSize(i) : 0), 0);
  reader.ctx.sourceOf = planned.sourceOf;
  // Archive members' dates: the year of timestamps that carry none, where the input itself gives none.
  const modified = new Map<string, number>();
  for (const i of toRead) if ('modifiedMs' in i && typeof i.modifiedMs === 'number') modified.set(i.name, i.modifiedMs);
  if (modified.size > 0) reader.ctx.inputModifiedMs = (name) => modified.get(name);
  reader.ctx.resourceMeta = () => planned.resourceMeta;
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
  const { builders, parsers, summaries, ctx, documentInputs } = reader;
  const allParts = withParts ? await partsIn() : [];
  if (!withParts) {
    const built = new Set<string>();
    return {
      builders,
      parsers,
      summaries,
      ctx,
      documentInputs,
      bytesTotal,
      // Asked after the parsers' finish, which may add executions (whole documents).
      executionNames: () => [...builders.keys(), ...built].sort(cmp),
      // Each execution is built once; its builder's columns (~70 bytes an event) then go, not kept through the analysis.
      build: (name) => {
        const b = builders.get(name)!;
        builders.delete(name);
        built.add(name);
        return b.build(options.clockDomainOf);
      },
    };
  }
  const windowNames = sorted.map((i) => i.name);
  const rank = new Map(windowNames.map((n, i) => [n, i]));
  // Asked after the parsers' finish, which may add executions (whole documents: ShiViz logs are declined by parts).
  let namesSeen: string[] | null = null;
  const names = () => (namesSeen ??= [...new Set([...builders.keys(), ...allParts.flatMap((p) => p.executions.map((x) => x.execution.name))])].sort(cmp));
  let own: Map<string, ExecutionPart> | null = null;
  /**
   * This thread's builders as parts, built once (the merge check and the
   * merge both need them). Each builder goes once built: its growable
   * columns are not held through the merges.
   */
  const ownParts = (): Map<string, ExecutionPart> => {
    if (own) return own;
    names();
    own = new Map();
    for (const [n, b] of builders) {
      own.set(n, (b as PartBuilder).buildPart(options.clockDomainOf, windowNames));
      builders.delete(n);
    }
    return own;
  };
  const sourcesOf = (name: string): ExecutionPart[] => {
    const mine = ownParts().get(name);
    return [...(mine ? [mine] : []), ...allParts.flatMap((p) => p.executions.filter((x) => x.execution.name === name))];
  };
  return {
    builders,
    parsers,
    summaries,
    ctx,
    documentInputs,
    bytesTotal,
    executionNames: names,
    build: (name) => {
      // Built once: what it is merged from goes (the merge check has used it already), its table taken over.
      const merged = mergeExecutionParts(sourcesOf(name), rank, options.clockDomainOf, true);
      own?.delete(name);
      builders.delete(name);
      for (const p of allParts) p.executions = p.executions.filter((x) => x.execution.name !== name);
      return merged;
    },
    merge: { sources: () => names().map(sourcesOf) },
  };
}
