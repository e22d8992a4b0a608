/**
 * The 'csv' format (CSV and TSV): detection and registration. A `.csv` or
 * `.tsv` name is enough. Any other input must start with a header row that
 * names a time column and a process, host or message column by the usual
 * export names, and its next rows must have the header's field count: a text
 * log with a comma in each line is not a CSV file.
 */
import type { FormatSpec } from '../formatParser';
import { headerLooksLikeLogExport } from './csvColumns';
import { firstCsvRows, guessCsvDelimiter } from './csvDelimiter';
import { CsvParser } from './csvParser';

export const csvFormat: FormatSpec = {
  id: 'csv',
  label: 'CSV/TSV export',
  detect: (name, head) => (/\.(csv|tsv)$/i.test(name) ? /\S/.test(head) : looksLikeCsvExport(head)),
  create: () => new CsvParser(),
};

export function looksLikeCsvExport(head: string): boolean {
  const firstBreak = head.indexOf('\n');
  const firstLine = head.slice(head.charCodeAt(0) === 0xfeff ? 1 : 0, firstBreak < 0 ? head.length : firstBreak);
  if (firstLine.length > 4096) return false;
  // Only complete lines: the head is cut at a fixed size.
  const lastBreak = head.lastIndexOf('\n');
  const sample = head.slice(head.charCodeAt(0) === 0xfeff ? 1 : 0, lastBreak < 0 ? head.length : lastBreak);
  const rows = firstCsvRows(sample, guessCsvDelimiter(sample) ?? ',', 10).filter((r) => !r.every((c) => c.trim() === ''));
  const header = rows[0];
  if (!header || !headerLooksLikeLogExport(header)) return false;
  const body = rows.slice(1);
  return body.filter((r) => r.length === header.length).length * 5 >= body.length * 4;
}
