/**
 * Expected failures (a bad line, an unreadable file, a cycle in the inferred
 * edges) are reported to the user as diagnostics and the analysis goes on.
 * `line` is 1-based; 0 means the whole input.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  input: string;
  line: number;
  severity: Severity;
  message: string;
}

/** Lines of skips kept per input: the reading report shows three samples. */
const SKIP_LINES_KEPT = 3;

/** Collects diagnostics and counts skipped lines per input. */
export class DiagnosticSink {
  readonly items: Diagnostic[] = [];
  private readonly skippedByInput = new Map<string, number>();
  /** Past this many per input, further messages are summarised, not listed. */
  constructor(private readonly perInputLimit = 1000) {}
  private readonly countByInput = new Map<string, number>();
  private readonly suppressed = new Map<string, number>();
  /** Per input, the lines of its first few skips (for the reading report's samples). */
  private readonly skipLinesByInput = new Map<string, number[]>();

  add(input: string, line: number, severity: Severity, message: string): void {
    const n = (this.countByInput.get(input) ?? 0) + 1;
    this.countByInput.set(input, n);
    if (n > this.perInputLimit) {
      this.suppressed.set(input, (this.suppressed.get(input) ?? 0) + 1);
      return;
    }
    this.items.push({ input, line, severity, message });
  }

  /** A line that could not be read: counted as skipped and reported. */
  skip(input: string, line: number, message: string, severity: Severity = 'warning'): void {
    this.skippedByInput.set(input, (this.skippedByInput.get(input) ?? 0) + 1);
    if (line > 0) {
      let lines = this.skipLinesByInput.get(input);
      if (!lines) this.skipLinesByInput.set(input, (lines = []));
      if (lines.length < SKIP_LINES_KEPT) lines.push(line);
    }
    this.add(input, line, severity, message);
  }

  /** `count` lines that could not be read, reported in one message (no line to sample: a NUL-holding line's text is gone). */
  skipMany(input: string, count: number, message: string, severity: Severity = 'warning'): void {
    this.skippedByInput.set(input, (this.skippedByInput.get(input) ?? 0) + count);
    this.add(input, 0, severity, message);
  }

  skipped(input: string): number {
    return this.skippedByInput.get(input) ?? 0;
  }

  /** The lines of the input's first skips (up to SKIP_LINES_KEPT), in the order they were skipped. */
  skippedLines(input: string): readonly number[] {
    return this.skipLinesByInput.get(input) ?? [];
  }

  /** Closes the sink: suppressed messages become one summary line per input. */
  finish(): Diagnostic[] {
    for (const [input, n] of this.suppressed) {
      this.items.push({
        input,
        line: 0,
        severity: 'warning',
        message: `${n} more diagnostics for this input were not listed`,
      });
    }
    this.suppressed.clear();
    return this.items;
  }
}
