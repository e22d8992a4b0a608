/**
 * What reading a group of inputs apart gives (readPart), and how its
 * diagnostics are told again in the analysis that merges it.
 *
 * Diagnostics are recorded as the sink saw them: the listed ones with
 * whether they were a skipped line, and per input how many more the sink's
 * per-input limit kept back. Told again into the analysis's sink at the
 * input's place in name order, they leave that sink as reading the input
 * there would have: the same list, skip counts and "N more" summaries.
 */
import type { InputSummary } from '../read/inputSummary';
import { DiagnosticSink, type Severity } from '../model/diagnostic';
import type { Execution } from '../model/execution';
import type { PackedTexts } from './packedTexts';

/** One execution as one reader built it, with what a merge needs (partBuilder.ts). */
export interface ExecutionPart {
  /** As built; an unpacked part's string table is made only when first asked for (see stringList). */
  execution: Execution;
  /** An unpacked part's strings by id: a merge reads them from here, and needs no table of the part's own. */
  stringList?: readonly string[];
  /** An unpacked part's texts as they crossed (packedTexts.ts): a merge reads them from here, not from execution.textChunks. */
  textPack?: PackedTexts;
  /** Per event, in built order: the window (index into windowNames) it was read in; windowNames.length = the parsers' finish(). */
  eventWindow: Uint32Array;
  windowNames: readonly string[];
  /** Processes whose clock domain a parser named: the last one named. */
  explicitNames: string[];
  explicitDomains: string[];
  /** Processes named more than one distinct domain by this reader. */
  severalDomains: string[];
  /** Pairs [window, string-table size after it]. */
  stringMarks: Uint32Array;
}

export interface LoggedDiagnostic {
  window: number;
  input: string;
  line: number;
  severity: Severity;
  message: string;
  skip: boolean;
}

/** Diagnostics the per-input limit kept back, counted. */
export interface SuppressedCount {
  window: number;
  input: string;
  adds: number;
  skips: number;
}

export interface PartResult {
  /** The inputs read, in name order; windows index this list. */
  inputs: string[];
  /** Inputs left for the analysis itself (not a line format, archives, not text). */
  declined: string[];
  /** One per read input, in the order of `inputs`. */
  summaries: InputSummary[];
  diagnostics: LoggedDiagnostic[];
  suppressed: SuppressedCount[];
  executions: ExecutionPart[];
  events: number;
}

/** A sink that also keeps a log of what it was told, window by window. */
export class RecordingSink extends DiagnosticSink {
  window = 0;
  readonly log: LoggedDiagnostic[] = [];
  private readonly held = new Map<string, SuppressedCount>();
  private skipping = false;

  override add(input: string, line: number, severity: Severity, message: string): void {
    const before = this.items.length;
    super.add(input, line, severity, message);
    if (this.items.length > before) {
      this.log.push({ window: this.window, input, line, severity, message, skip: this.skipping });
      return;
    }
    const key = `${this.window}\u0000${input}`;
    let c = this.held.get(key);
    if (!c) this.held.set(key, (c = { window: this.window, input, adds: 0, skips: 0 }));
    if (this.skipping) c.skips++;
    else c.adds++;
  }

  override skip(input: string, line: number, message: string, severity: Severity = 'warning'): void {
    this.skipping = true;
    try {
      super.skip(input, line, message, severity);
    } finally {
      this.skipping = false;
    }
  }

  /** Counts kept back, in the order they began. */
  heldBack(): SuppressedCount[] {
    return [...this.held.values()];
  }
}

/** Tells `sink` what the part's reader was told in one window, in the same order. */
export function replayDiagnostics(part: PartResult, window: number, sink: DiagnosticSink): void {
  // Logged in window order: the window's run starts at the first entry not before it.
  const log = part.diagnostics;
  let lo = 0;
  for (let hi = log.length; lo < hi; ) {
    const mid = (lo + hi) >>> 1;
    if (log[mid]!.window < window) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo; i < log.length && log[i]!.window === window; i++) {
    const d = log[i]!;
    if (d.skip) sink.skip(d.input, d.line, d.message, d.severity);
    else sink.add(d.input, d.line, d.severity, d.message);
  }
  for (const c of part.suppressed) {
    if (c.window !== window) continue;
    // Past the limit the sink only counts: the text is not kept.
    for (let i = 0; i < c.adds; i++) sink.add(c.input, 0, 'warning', '');
    for (let i = 0; i < c.skips; i++) sink.skip(c.input, 0, '', 'warning');
  }
}
