/**
 * The reading report of one input while it is read (InputReader): what the
 * parser reports through ParseContext.reportReading is merged in, and what it
 * does not count is completed generically once the input is read:
 *  - lines and blank lines from LineTally, fed the same text as the parser;
 *  - skipped from the diagnostics sink's skip count for the input;
 *  - skipped samples from the lines of the sink's first skips, their text
 *    taken from the chunks the tally keeps, looked up right after the parser
 *    read each chunk.
 * A count the parser reported wins over the generic one, even when it
 * reported 0: it knows what its lines were. Timed and untimed come from the
 * built executions, once the analysis has them (completeReadings.ts).
 */
import type { DiagnosticSink } from '../model/diagnostic';
import { LineTally } from './lineTally';
import { MAX_LINE_SAMPLES, mergeReadingReport, type ReadingReport } from './readingReport';

const COUNTS = ['lines', 'timed', 'untimed', 'continuation', 'skipped', 'blank', 'skippedSamples'] as const;
type Count = (typeof COUNTS)[number];

export class InputReading {
  /** What the parser reported itself. */
  private readonly given = new Set<Count>();
  private readonly tally: LineTally | null;
  private readonly skipsBefore: number;
  private readonly skipLinesBefore: number;
  /** Samples of skipped lines found in the tally's chunks, as the sink's skips came. */
  private readonly samples: ReadingReport['skippedSamples'] = [];
  private samplesLooked = 0;

  /** `lines`: whether the input is read as lines (a line format, or one counted through to say it was not read). */
  constructor(
    readonly input: string,
    readonly report: ReadingReport,
    private readonly sink: DiagnosticSink,
    lines: boolean,
  ) {
    this.tally = lines ? new LineTally() : null;
    this.skipsBefore = sink.skipped(input);
    this.skipLinesBefore = sink.skippedLines(input).length;
  }

  /** From ParseContext.reportReading. */
  reported(more: Partial<ReadingReport>): void {
    for (const k of COUNTS) if (more[k] !== undefined) this.given.add(k);
    mergeReadingReport(this.report, more);
  }

  /** The text about to be read (counted before the parser sees it, so a skip it reports can find its line). */
  text(chunk: string): void {
    this.tally?.text(chunk);
  }

  /** After the parser read a chunk: samples of the lines it skipped in it. */
  afterText(): void {
    const lines = this.sink.skippedLines(this.input);
    const tally = this.tally;
    if (!tally || lines.length - this.skipLinesBefore <= this.samplesLooked) return;
    for (let i = this.skipLinesBefore + this.samplesLooked; i < lines.length; i++) {
      const s = tally.lineText(lines[i]!);
      if (s && this.samples.length < MAX_LINE_SAMPLES) this.samples.push(s);
      this.samplesLooked++;
    }
  }

  /**
   * The input is read: what the parser did not say is completed. `unread`: no
   * line of it was read (format not recognised). `dropped`: lines the decoder
   * emptied for holding a NUL (ChunkDecoder.nulLines), which the parser and
   * the tally saw as blank: they are skipped, with the decoder's one message.
   * `lastGone`: the last of them had no line break, so nothing of it was seen.
   */
  complete(unread = false, dropped = 0, lastGone = false): ReadingReport {
    const r = this.report;
    const tally = this.tally;
    if (tally) {
      tally.end();
      this.afterText();
      if (!this.given.has('lines')) r.lines = tally.lines;
      if (!this.given.has('blank')) r.blank = tally.blank;
    }
    if (lastGone) r.lines++;
    if (dropped > 0) r.blank = Math.max(0, r.blank - (dropped - (lastGone ? 1 : 0)));
    if (unread) r.skipped = r.lines - r.blank;
    else if (!this.given.has('skipped')) r.skipped = this.sink.skipped(this.input) - this.skipsBefore;
    else r.skipped += dropped;
    if (!this.given.has('skippedSamples')) mergeReadingReport(r, { skippedSamples: this.samples });
    return r;
  }
}
