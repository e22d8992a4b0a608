/**
 * The CSV/TSV column mapping of each CSV input, as data for the page (issue
 * 3: "the column mapping is detected, and the user can correct it"), from the
 * report the CSV parser files in the input's summary: the column per role,
 * and every column name, which the page offers as choices.
 */
import type { InputSummary } from '../read/inputSummary';
import type { CsvRole } from '../input/csv/csvColumns';

export interface CsvInputMapping {
  input: string;
  /** Whether the first row was read as a header. */
  header: boolean;
  delimiter: string;
  /** Column name per role; null for none. */
  columns: Record<CsvRole, string | null>;
  /** Column names known for this input. */
  known: string[];
}

/** One mapping per CSV input, in input order. */
export function csvMappingsOf(inputs: readonly InputSummary[]): CsvInputMapping[] {
  return inputs.flatMap((i) =>
    i.columns ? [{ input: i.name, header: i.columns.header, delimiter: i.columns.delimiter, columns: { ...i.columns.columns }, known: [...i.columns.names] }] : [],
  );
}
