/**
 * A format parser turns one input's text into events in execution builders.
 * Parsers are created fresh for each analysis, so one that needs all inputs
 * before it can make edges (GoVector sets, one file per process) does that in
 * finish(), after every input is read.
 */
import type { DiagnosticSink } from '../model/diagnostic';
import type { ExecutionBuilder } from '../model/executionBuilder';
import type { AnalyzeOptions } from '../analysis/analyzeOptions';
import type { ReadingReport } from '../read/readingReport';
import type { CsvColumnReport } from './csv/csvColumns';
import type { TextReader } from './lineSplitter';
import type { MemberSource, ResourceMeta } from './bundle/memberSource';

export interface ParseContext {
  diagnostics: DiagnosticSink;
  options: AnalyzeOptions;
  /** The builder of the named execution, created on first use. */
  execution(name: string): ExecutionBuilder;
  /** Records the column mapping a CSV input was read with, for its input summary. */
  reportColumns?(input: string, report: CsvColumnReport): void;
  /** Records how an input was read (layout, source column, line counts, samples), merged into its input summary's `reading`. */
  reportReading?(input: string, report: Partial<ReadingReport>): void;
  /** When the input was last modified (ms since the epoch), where that is known: an archive member's date. */
  inputModifiedMs?(input: string): number | undefined;
  /**
   * How the read stage wants an input read, when it knows more than the input's name (a container log in a support
   * bundle): its format, and the process and clock domain all its events belong to. Parsers that name a process after
   * the file ask this first.
   */
  sourceOf?(input: string): MemberSource | undefined;
  /** Kubernetes objects from resource files that were not read as inputs (pods, replica sets): for the k8s linker. */
  resourceMeta?(): readonly ResourceMeta[];
}

export interface FormatParser {
  /** Reads one whole input; events go to ctx.execution(...). */
  parse(input: string, text: string, ctx: ParseContext): void;
  /**
   * Line-based formats read an input as it streams: the reader gets the
   * decoded text chunk by chunk (`head` is its first ~64 K characters, what
   * detection saw). Reading through it gives what parse() of the whole text
   * gives. Formats without it get the whole text, up to a size cap.
   */
  reader?(input: string, head: string, ctx: ParseContext): TextReader;
  /** Called once after every input is read. */
  finish?(ctx: ParseContext): void;
  /**
   * The reader reports every count of the reading report itself (lines,
   * blank, skipped and their samples), so the input's text is not counted
   * through a second time.
   */
  readonly countsLines?: boolean;
}

export interface FormatSpec {
  id: string;
  label: string;
  /** Whether this format fits the input, from its name and first ~64 KB. */
  detect(name: string, head: string, options: AnalyzeOptions): boolean;
  create(): FormatParser;
}

/** The execution that inputs go to when their format has no notion of one. */
export const DEFAULT_EXECUTION = 'default';
