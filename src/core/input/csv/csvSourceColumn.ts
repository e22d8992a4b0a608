/**
 * The column that names each CSV row's source (its process), as the reading
 * report says it and as the user may change it per input
 * (AnalyzeOptions.sourceColumns, shared with the other formats): a column
 * name (or `columnN`, 1-based), or 'none' for one source per file. A chosen
 * host column is the process itself; a chosen service column keeps a host
 * column beside it as its clock domain, as the detected mapping does.
 */
import type { ReadingReport } from '../../read/readingReport';
import { CSV_HOST_NAMES, CSV_PROCESS_NAMES, type CsvMapping } from './csvColumns';

/** Applies the user's source column to the mapping; returns a problem when it names no column (the detected one is kept). */
export function applySourceColumn(mapping: CsvMapping, names: readonly string[], wanted: string | undefined): string | null {
  if (wanted === undefined || wanted.trim() === '') return null;
  let want = wanted.trim().toLowerCase();
  if (want === 'none') {
    mapping.process = -1;
    mapping.clockDomain = -1;
    return null;
  }
  if (want.startsWith('field ')) want = want.slice(6).trim();
  const lower = names.map((n) => n.trim().toLowerCase());
  let i = lower.indexOf(want);
  const numbered = /^column ?(\d+)$/.exec(want);
  if (i < 0 && numbered) {
    const k = Number(numbered[1]) - 1;
    if (k >= 0 && k < names.length) i = k;
  }
  if (i < 0) return `source column "${wanted}" is not a column (columns: ${names.join(', ')}); the detected one is used`;
  mapping.process = i;
  if (CSV_HOST_NAMES.includes(lower[i]!)) mapping.clockDomain = -1;
  else if (mapping.clockDomain === i || mapping.clockDomain < 0) {
    mapping.clockDomain = lower.findIndex((n, c) => c !== i && c !== mapping.time && c !== mapping.message && CSV_HOST_NAMES.includes(n));
  }
  return null;
}

/** The source column and the other columns that could name sources, for the reading report. */
export function csvSourceReport(mapping: CsvMapping, names: readonly string[]): Partial<ReadingReport> {
  const chosen = mapping.process >= 0 ? names[mapping.process]! : undefined;
  const others = names.filter((n, c) => c !== mapping.process && c !== mapping.time && c !== mapping.message && CSV_PROCESS_NAMES.includes(n.trim().toLowerCase()));
  if (chosen === undefined) return others.length > 0 ? { sourceCandidates: others } : {};
  return { sourceColumn: chosen, sourceCandidates: others };
}
