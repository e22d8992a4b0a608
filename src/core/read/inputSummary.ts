/** What the analysis says about each input it read. Types only. */
import type { CsvColumnReport } from '../input/csv/csvColumns';

export interface InputSummary {
  name: string;
  format: string;
  bytes: number;
  events: number;
  skipped: number;
  /** For CSV/TSV inputs: the column mapping they were read with. */
  columns?: CsvColumnReport;
}
