/**
 * A format parser turns one input's text into events in execution builders.
 * Parsers are created fresh for each analysis, so one that needs all inputs
 * before it can make edges (GoVector sets, one file per process) does that in
 * finish(), after every input is read.
 */
import type { DiagnosticSink } from '../model/diagnostic';
import type { ExecutionBuilder } from '../model/executionBuilder';
import type { RuleSetSpec } from '../rules/ruleSet';
import type { CsvColumnReport } from './csv/csvColumns';
import type { TextReader } from './lineSplitter';

export interface AnalyzeOptions {
  /** ShiViz-style regex with named groups host, clock, event (other groups become fields). */
  regex?: string;
  /** ShiViz-style execution delimiter; a `trace` group names the execution. */
  delimiter?: string;
  /** Force a format for every input instead of detecting it. */
  format?: string;
  /** Process name → clock domain, overriding the domain a format derives (e.g. Kubernetes components → hosts). */
  clockDomainOf?: Record<string, string>;
  /** Minimum one-way network delay, ms, for offset bounds. */
  minDelayMs?: number;
  /** User correlation rules (docs/rules.md). */
  rules?: RuleSetSpec;
  /** Per operation name (case-insensitive): whether repeating it is safe; overrides RFC 9110 and the built-in verbs. */
  idempotency?: Record<string, boolean>;
  /**
   * Input name → execution name, so several runs loaded side by side stay
   * apart. A name also covers what is under it (`bundle.tar.gz` covers
   * `bundle.tar.gz/logs/a.log`). Unmapped inputs go to DEFAULT_EXECUTION.
   */
  executionOf?: Record<string, string>;
  /** Corrects the detected CSV/TSV column mapping: column names (header text or `column3`). */
  csvColumns?: { time?: string; process?: string; message?: string; clockDomain?: string };
}

export interface ParseContext {
  diagnostics: DiagnosticSink;
  options: AnalyzeOptions;
  /** The builder of the named execution, created on first use. */
  execution(name: string): ExecutionBuilder;
  /** Records the column mapping a CSV input was read with, for its input summary. */
  reportColumns?(input: string, report: CsvColumnReport): void;
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
