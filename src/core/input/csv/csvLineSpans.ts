/**
 * The reading report's line counts for a CSV/TSV input, from the lines its
 * rows start on: a row runs to the line before the next row's start (a
 * quoted field may hold line breaks: those lines are continuation of the
 * row), a blank row's lines are blank, and the header row is not counted
 * among the input's lines (it is neither an event nor unread). Lines are the
 * scanner's: LF, CRLF and a lone CR end one each.
 */
import type { ReadingReport } from '../../read/readingReport';

export class CsvLineSpans {
  private lastStart = 0;
  /** The kind of the row open at lastStart, or null before the first. */
  private lastKind: 'row' | 'blank' | null = null;
  /** The lines of the first non-blank row (the header, when there is one). */
  private firstRowSpan = -1;
  private lines = 0;
  private blank = 0;
  private continuation = 0;

  /** A row starts on `line` (1-based); `blank`: all its cells are empty. */
  row(line: number, blank: boolean): void {
    this.close(line);
    this.lastStart = line;
    this.lastKind = blank ? 'blank' : 'row';
  }

  /** The text ended; `lastLine` is its last line (0 for none). */
  end(lastLine: number): void {
    this.close(lastLine + 1);
    this.lastKind = null;
  }

  private close(next: number): void {
    if (this.lastKind === null) return;
    const span = Math.max(1, next - this.lastStart);
    this.lines += span;
    if (this.lastKind === 'blank') this.blank += span;
    else {
      this.continuation += span - 1;
      if (this.firstRowSpan < 0) this.firstRowSpan = span;
    }
  }

  /** The counts, without the header row's lines when the first row was read as a header. */
  report(header: boolean): Partial<ReadingReport> {
    const h = header && this.firstRowSpan > 0 ? this.firstRowSpan : 0;
    return { lines: this.lines - h, blank: this.blank, continuation: this.continuation - Math.max(0, h - 1) };
  }
}
