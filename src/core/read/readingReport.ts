/**
 * How one input was read, for the reading report: the page's inputs table,
 * the CLI, and `inputs[].reading` in the analysis document. Parsers fill it
 * through `ParseContext.reportReading` (several calls merge; counts add up),
 * the read stage completes it. Lines account for the whole input:
 * `timed + untimed + continuation + skipped + blank = lines`.
 */

/** A line the reader could not use, as written (cut to 200 characters). */
export interface LineSample {
  line: number;
  text: string;
}

export interface ReadingReport {
  /** Lines in the input (CSV/TSV: after the header row; document formats: records). */
  lines: number;
  /** Events read with a time. */
  timed: number;
  /** Events read without a time (logical order only). */
  untimed: number;
  /** Lines appended to the record before them (stack traces, wrapped messages). */
  continuation: number;
  /** Lines not read, each with a reason in the diagnostics; `skippedSamples` holds up to three. */
  skipped: number;
  /** Empty or whitespace-only lines. */
  blank: number;
  skippedSamples: LineSample[];
  /** The time layout chosen (a layout id such as `iso8601`, `hdfs-compact`), or null when none. */
  timeLayout: string | null;
  /** Human label of the layout, e.g. "ISO-8601". */
  timeLayoutLabel?: string;
  /** Where the time stands: characters from the line start, or a field/column name. */
  timePosition?: number | string;
  /** How times without a zone were read: 'UTC' (assumed), a zone the user set, or 'in the data'. */
  zone?: string;
  /** Where a missing year came from: 'data', 'archive', 'setting', 'assumed'. */
  yearFrom?: string;
  /** The field, column or prefix that names each line's source, when the input holds several. */
  sourceColumn?: string;
  /** Other candidates the user may pick instead of sourceColumn. */
  sourceCandidates?: string[];
  /** How many processes the input was split into. */
  sources?: number;
  /** Why the input's events have no time axis, when they have none. */
  noTimeReason?: string;
}

export const MAX_LINE_SAMPLES = 3;
const SAMPLE_CHARS = 200;

export function emptyReadingReport(): ReadingReport {
  return { lines: 0, timed: 0, untimed: 0, continuation: 0, skipped: 0, blank: 0, skippedSamples: [], timeLayout: null };
}

/** Adds `more` into `into`: counts add, samples append (up to three), other fields are replaced where given. */
export function mergeReadingReport(into: ReadingReport, more: Partial<ReadingReport>): ReadingReport {
  for (const k of ['lines', 'timed', 'untimed', 'continuation', 'skipped', 'blank'] as const) {
    if (more[k] !== undefined) into[k] += more[k];
  }
  for (const s of more.skippedSamples ?? []) {
    if (into.skippedSamples.length < MAX_LINE_SAMPLES) into.skippedSamples.push(sampleOf(s.line, s.text));
  }
  const rest = { ...more };
  for (const k of ['lines', 'timed', 'untimed', 'continuation', 'skipped', 'blank', 'skippedSamples'] as const) delete rest[k];
  Object.assign(into, rest);
  return into;
}

export function sampleOf(line: number, text: string): LineSample {
  return { line, text: text.length > SAMPLE_CHARS ? `${text.slice(0, SAMPLE_CHARS - 1)}…` : text };
}

/** The share of event lines read with a time, 0..1; 1 when there are none. */
export function timedShare(r: ReadingReport): number {
  const events = r.timed + r.untimed;
  return events === 0 ? 1 : r.timed / events;
}
