/**
 * CSV export of the annotated ordering: one row per event, executions in name
 * order and events in annotated causal order, with the columns in CSV_HEADER.
 * Rows are written by papaparse's `unparse` in batches (the header once, then
 * batches without it), so a large execution streams out; batches end with the
 * same CRLF that separates rows inside one (RFC 4180), so the concatenation is
 * one well-formed CSV.
 *
 * Spreadsheet formula injection: a log line is attacker-controlled text, and a
 * cell beginning with `=`, `+`, `-`, `@`, a tab or a carriage return may be
 * run as a formula when the file is opened in Excel, LibreOffice or Sheets.
 * Every such cell gets a leading single quote, which spreadsheets show as
 * text. This is done here rather than with papaparse's `escapeFormulae`,
 * whose pattern (`^[=+\-@\t\r].*$`) misses a cell whose first line starts a
 * formula but that goes on over more lines. A negative number would be quoted
 * too; no column here holds one (times are ISO strings, Lamport is positive).
 */
import Papa from 'papaparse';
import type { Analysis } from '../analysis/analyze';
import { buildAnalysisDocument, type DocExecution } from '../document/analysisDocument';
import { eventAnnotations } from './eventAnnotations';

export const CSV_HEADER = [
  'execution',
  'process',
  'clock domain',
  'raw time',
  'corrected time',
  'lamport',
  'vector clock',
  'kind',
  'anomalies',
  'text',
] as const;

/** Rows per unparse call: large enough to amortise the call, small enough to stream. */
const ROWS_PER_CHUNK = 1000;
const NEWLINE = '\r\n';

/** A cell a spreadsheet could read as a formula gets a leading quote. */
export function neutraliseCell(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function* exportCsv(analysis: Analysis): Generator<string> {
  const doc = buildAnalysisDocument(analysis, true);
  yield csvHeader();
  // Each chunk ends its last line, so chunks cut per execution join to the same bytes as chunks across them.
  for (const x of doc.executions) yield* csvLines(x);
}

/** The header line, CRLF included. */
export function csvHeader(): string {
  return unparse([[...CSV_HEADER]]) + NEWLINE;
}

/** An execution's rows as CSV lines (each with its CRLF), ROWS_PER_CHUNK to a string: csvBytes.ts writes an execution so when it cannot write it from the columns. */
export function* csvLines(x: DocExecution): Generator<string> {
  let rows: string[][] = [];
  for (const row of csvRows(x)) {
    rows.push(row);
    if (rows.length === ROWS_PER_CHUNK) {
      yield unparse(rows) + NEWLINE;
      rows = [];
    }
  }
  if (rows.length > 0) yield unparse(rows) + NEWLINE;
}

/** An execution's rows as cells, neutralised. */
function* csvRows(x: DocExecution): Generator<string[]> {
  const domainOf = new Map(x.processes.map((p) => [p.name, p.clockDomain]));
  const notes = eventAnnotations(x);
  for (const ev of x.events) {
    const row = [
      x.name,
      ev.process,
      domainOf.get(ev.process) ?? ev.process,
      ev.time ?? '',
      ev.correctedTime ?? '',
      String(ev.lamport),
      JSON.stringify(ev.vc),
      ev.kind,
      notes
        .anomalies(ev.id)
        .map((a) => a.id)
        .join(' '),
      ev.text,
    ];
    yield row.map(neutraliseCell);
  }
}

function unparse(rows: string[][]): string {
  return Papa.unparse(rows, { newline: NEWLINE, header: false, quotes: false });
}
