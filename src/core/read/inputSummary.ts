/** What the analysis says about each input it read. Types only. */
import type { CsvColumnReport } from '../input/csv/csvColumns';
import type { RegexGuess } from '../input/shiviz/regexGuess';
import type { ReadingReport } from './readingReport';

export interface InputSummary {
  name: string;
  format: string;
  bytes: number;
  events: number;
  skipped: number;
  /** For CSV/TSV inputs: the column mapping they were read with. */
  columns?: CsvColumnReport;
  /** How it was read: format details, line counts, samples of unread lines (readingReport.ts). */
  reading: ReadingReport;
  /** A vector-clock log none of the built-in ShiViz readings fits: the regex guessed from its head (read/regexGuessNote.ts). */
  regexGuess?: RegexGuess;
}
