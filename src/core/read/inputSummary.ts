/** What the analysis says about each input it read. Types only. */
import type { CsvColumnReport } from '../input/csv/csvColumns';
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
}
