/**
 * Reads CSV/TSV exports of log platforms, one event per data row, with
 * papaparse in streaming mode (a `step` callback per row over the text; no
 * worker, as core runs without a DOM). Quoted fields may hold delimiters,
 * quotes and newlines. The first rows are held back until the column mapping
 * is known (csvColumns.ts: header row, names, user overrides), which one info
 * diagnostic reports per input so that the user can see and correct it;
 * later rows go straight into the builder.
 *
 * Columns other than time, process and message become fields under their
 * header names, and key=value pairs in the message (a `_raw` line) become
 * fields too, so edge inference sees them. Each event's line is the line its
 * row starts on.
 */
import Papa from 'papaparse';
import type { FormatParser, ParseContext } from '../formatParser';
import { executionFor } from '../executionFor';
import { processNameOfInput } from '../fieldConventions';
import { keyValuePairsIn } from '../keyValuePairs';
import type { ExecutionBuilder } from '../../model/executionBuilder';
import type { WallTime } from '../../model/eventTime';
import { parseTimestamp } from '../../time/parseTimestamp';
import { applyColumnOverrides, CSV_ROLES, detectColumns, looksLikeHeader, type CsvMapping } from './csvColumns';

/** Rows held back to detect the mapping from content when there is no header. */
const SAMPLE_ROWS = 20;

const ROLE_LABEL: Record<string, string> = { time: 'time', process: 'process', message: 'message', clockDomain: 'clock domain' };

export class CsvParser implements FormatParser {
  parse(input: string, rawText: string, ctx: ParseContext): void {
    const text = rawText.charCodeAt(0) === 0xfeff ? rawText.slice(1) : rawText;
    const b = ctx.execution(executionFor(input, ctx));
    const d = ctx.diagnostics;
    const fileProcess = processNameOfInput(input);
    const held: { row: string[]; line: number }[] = [];
    let reader: RowReader | null = null;
    let delimiter = '';
    // Line numbers: newlines counted up to each row's start, incrementally.
    let counted = 0;
    let line = 1;
    let rowStart = 0;

    const start = () => {
      const first = held[0]!.row;
      const header = looksLikeHeader(first) ? first : null;
      const rows = header ? held.slice(1) : held;
      const width = Math.max(first.length, ...rows.map((r) => r.row.length));
      const names = header ? header.map((h) => h.trim()) : Array.from({ length: width }, (_, i) => `column${i + 1}`);
      const mapping = detectColumns(header, rows.map((r) => r.row), width);
      for (const p of applyColumnOverrides(mapping, names, ctx.options.csvColumns)) d.add(input, 0, 'error', p);
      const described = CSV_ROLES.map((r) => `${ROLE_LABEL[r]} = ${mapping[r] >= 0 ? names[mapping[r]]! : '(none)'}`).join(', ');
      const others = names.length - new Set(CSV_ROLES.map((r) => mapping[r]).filter((i) => i >= 0)).size;
      d.add(
        input,
        header ? held[0]!.line : 0,
        'info',
        `CSV columns (${header ? 'header row' : 'no header row'}, delimiter ${JSON.stringify(delimiter)}): ${described}; ` +
          `${others} other column${others === 1 ? '' : 's'} become fields. Set the csvColumns option to correct this.`,
      );
      reader = new RowReader(input, b, ctx, names, header !== null, mapping, fileProcess);
      for (const r of rows) reader.read(r.row, r.line);
    };

    Papa.parse<string[]>(text, {
      delimiter: /\.tsv$/i.test(input) ? '\t' : '',
      delimitersToGuess: [',', '\t', ';', '|'],
      step(result) {
        const cursor = result.meta.cursor;
        for (let i = text.indexOf('\n', counted); i >= 0 && i < rowStart; i = text.indexOf('\n', i + 1)) {
          line++;
          counted = i + 1;
        }
        const rowLine = line;
        rowStart = cursor;
        delimiter ||= result.meta.delimiter;
        const row = result.data;
        // papaparse keeps a CR when a CRLF file's line break was guessed as LF.
        const lastCell = row[row.length - 1];
        if (lastCell !== undefined && lastCell.endsWith('\r')) row[row.length - 1] = lastCell.slice(0, -1);
        if (row.every((c) => c.trim() === '')) return;
        const broken = result.errors.find((e) => e.code === 'MissingQuotes');
        if (broken) {
          d.skip(input, rowLine, `unterminated quoted field: this row (to the end of the input) was not read`);
          return;
        }
        for (const e of result.errors) d.add(input, rowLine, 'warning', `CSV: ${e.message}; the row was read as it stands`);
        if (reader) reader.read(row, rowLine);
        else {
          held.push({ row, line: rowLine });
          if (held.length >= SAMPLE_ROWS) start();
        }
      },
    });
    if (!reader && held.length > 0) start();
    (reader as RowReader | null)?.finish();
  }
}

/** Turns data rows into events once the mapping is known. */
class RowReader {
  private badTimes = 0;
  private firstBadTime = 0;
  private badTimeSample = '';
  private readonly processIsSource: boolean;

  constructor(
    private readonly input: string,
    private readonly b: ExecutionBuilder,
    private readonly ctx: ParseContext,
    private readonly names: readonly string[],
    private readonly hasHeader: boolean,
    private readonly mapping: CsvMapping,
    private readonly fileProcess: string,
  ) {
    this.processIsSource = mapping.process >= 0 && names[mapping.process]!.toLowerCase() === 'source';
  }

  read(row: readonly string[], line: number): void {
    const { mapping, names } = this;
    if (this.hasHeader && row.length !== names.length) {
      this.ctx.diagnostics.add(this.input, line, 'warning', `row has ${row.length} field${row.length === 1 ? '' : 's'}, the header ${names.length}: read by position`);
    }
    let time: WallTime | null = null;
    const timeText = mapping.time >= 0 ? (row[mapping.time] ?? '').trim() : '';
    if (timeText !== '') {
      time = parseTimestamp(timeText);
      if (!time && this.badTimes++ === 0) {
        this.firstBadTime = line;
        this.badTimeSample = timeText.slice(0, 60);
      }
    }
    let process = mapping.process >= 0 ? (row[mapping.process] ?? '').trim() : '';
    // Splunk's `source` is the log file's path: its base name names the process.
    if (process !== '' && this.processIsSource) process = processNameOfInput(process);
    if (process === '') process = this.fileProcess;
    const host = mapping.clockDomain >= 0 ? (row[mapping.clockDomain] ?? '').trim() : '';
    const p = this.b.process(process, host !== '' && host !== process ? host : undefined);
    const message = mapping.message >= 0 ? (row[mapping.message] ?? '') : row.join(' ');

    const fields: [string, string][] = [];
    const have = new Set<string>();
    for (let c = 0; c < row.length; c++) {
      if (c === mapping.time || c === mapping.process || c === mapping.message) continue;
      const v = row[c]!;
      if (v === '') continue;
      const key = names[c] ?? `column${c + 1}`;
      have.add(key);
      fields.push([key, v]);
    }
    for (const pair of keyValuePairsIn(message)) if (!have.has(pair[0])) fields.push(pair);
    this.b.addEvent(p, { time, text: message, fields, input: this.input, line });
  }

  finish(): void {
    const n = this.badTimes;
    if (n === 0) return;
    this.ctx.diagnostics.add(
      this.input,
      this.firstBadTime,
      'warning',
      `${n} row${n === 1 ? ' has a time' : 's have times'} that could not be read as a timestamp (first: ${this.badTimeSample}); ${n === 1 ? 'it has' : 'they have'} no time`,
    );
  }
}
