/**
 * Reads CSV/TSV exports of log platforms, one event per data row, with
 * CsvScanner over the text as it streams (quoted fields may hold delimiters,
 * quotes and line breaks). The delimiter is guessed on the first rows
 * (csvDelimiter.ts; a `.tsv` name means tab). The first rows are held back
 * until the column mapping is known (csvColumns.ts: header row, names, user
 * overrides), which one info diagnostic reports per input so that the user
 * can see and correct it; later rows go straight from the scanner's reused
 * cells into the builder, with no array per row.
 *
 * Columns other than time, process and message become fields under their
 * header names, and key=value pairs in the message (a `_raw` line) become
 * fields too, so edge inference sees them. Each event's line is the line its
 * row starts on.
 */
import type { FormatParser, ParseContext } from '../formatParser';
import { executionFor } from '../executionFor';
import { ProcessCache, UnreadableTimes } from '../keyShapes';
import { processNameOfInput } from '../fieldConventions';
import { keyValuePairsIn } from '../keyValuePairs';
import type { ExecutionBuilder } from '../../model/executionBuilder';
import type { WallTime } from '../../model/eventTime';
import { FieldZone } from '../../time/fieldZone';
import { readTimeText } from '../../time/readTimeText';
import { readWhole, type TextReader } from '../lineSplitter';
import { applyColumnOverrides, CSV_ROLES, detectColumns, looksLikeHeader, type CsvMapping, type CsvRole } from './csvColumns';
import { guessCsvDelimiter } from './csvDelimiter';
import { applySourceColumn, csvSourceReport } from './csvSourceColumn';
import { CsvLineSpans } from './csvLineSpans';
import { CsvScanner, isCsvSpace, type CsvRowSink } from './csvScanner';

/** Rows held back to detect the mapping from content when there is no header. */
const SAMPLE_ROWS = 20;

const ROLE_LABEL: Record<string, string> = { time: 'time', process: 'process', message: 'message', clockDomain: 'clock domain' };

export class CsvParser implements FormatParser {
  parse(input: string, rawText: string, ctx: ParseContext): void {
    readWhole(this.reader(input, '', ctx), rawText);
  }

  reader(input: string, _head: string, ctx: ParseContext): TextReader {
    return new CsvReader(input, ctx);
  }
}

/** Text held before the delimiter is guessed from its first rows (csvDelimiter.ts). */
const FIRST_FEED = 1 << 16;

class CsvReader implements TextReader, CsvRowSink {
  private readonly b: ExecutionBuilder;
  private readonly fileProcess: string;
  private readonly held: { row: string[]; line: number }[] = [];
  private rows: RowReader | null = null;
  private delimiter = '';
  /** No delimiter split the first rows: said once, at the first row. */
  private undetected = false;
  private scanner: CsvScanner | null = null;
  /** Text before the delimiter is guessed. */
  private first: string[] = [];
  private firstLength = 0;
  /** Line counts for the reading report; whether a row came at end() (the text did not end with a line break). */
  private readonly spans = new CsvLineSpans();
  private ending = false;
  private rowAtEnd = false;
  private header = false;

  constructor(
    private readonly input: string,
    private readonly ctx: ParseContext,
  ) {
    this.b = ctx.execution(executionFor(input, ctx));
    this.fileProcess = processNameOfInput(input);
  }

  text(chunk: string): void {
    if (this.scanner) {
      this.scanner.text(chunk);
      return;
    }
    if (chunk.length === 0) return;
    this.first.push(chunk);
    this.firstLength += chunk.length;
    if (this.firstLength >= FIRST_FEED) this.start();
  }

  end(): void {
    if (!this.scanner) this.start();
    this.ending = true;
    this.scanner!.end();
    if (!this.rows && this.held.length > 0) this.startRows();
    this.rows?.finish();
    if (this.rows?.named) this.ctx.reportReading?.(this.input, { sources: this.rows.sources });
    this.spans.end(this.scanner!.lineNumber - (this.rowAtEnd ? 0 : 1));
    this.ctx.reportReading?.(this.input, this.spans.report(this.header));
  }

  private start(): void {
    let text = this.first.length === 1 ? this.first[0]! : this.first.join('');
    this.first = [];
    // Byte-order marks left at the start are not text (up to two, as before).
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    let delimiter = /\.tsv$/i.test(this.input) ? '\t' : guessCsvDelimiter(text);
    if (delimiter === null) {
      this.undetected = true;
      delimiter = ',';
    }
    this.delimiter = delimiter;
    this.scanner = new CsvScanner(delimiter, this);
    this.scanner.text(text);
  }

  row(cells: readonly string[], count: number, line: number, malformed: boolean): void {
    if (this.ending) this.rowAtEnd = true;
    const blank = isBlankRow(cells, count);
    this.spans.row(line, blank);
    if (blank) return;
    const d = this.ctx.diagnostics;
    if (this.undetected) {
      this.undetected = false;
      d.add(this.input, line, 'warning', `CSV: no delimiter (comma, tab, semicolon, pipe) splits the first rows into columns; read with ','`);
    }
    if (malformed) {
      d.add(this.input, line, 'warning', 'CSV: a quote inside a quoted field neither doubles nor ends it; it was read as text, and the row as it stands');
    }
    if (this.rows) this.rows.read(cells, count, line);
    else {
      this.held.push({ row: cells.slice(0, count), line });
      if (this.held.length >= SAMPLE_ROWS) this.startRows();
    }
  }

  unterminated(_cells: readonly string[], _count: number, line: number): void {
    this.rowAtEnd = true;
    this.spans.row(line, false);
    this.ctx.diagnostics.skip(this.input, line, `unterminated quoted field: this row (to the end of the input) was not read`);
  }

  private startRows(): void {
    const { held, input, ctx } = this;
    const d = ctx.diagnostics;
    const first = held[0]!.row;
    const header = looksLikeHeader(first) ? first : null;
    this.header = header !== null;
    const rows = header ? held.slice(1) : held;
    const width = Math.max(first.length, ...rows.map((r) => r.row.length));
    const names = header ? header.map((h) => h.trim()) : Array.from({ length: width }, (_, i) => `column${i + 1}`);
    const mapping = detectColumns(header, rows.map((r) => r.row), width);
    for (const p of applyColumnOverrides(mapping, names, ctx.options.csvColumns)) d.add(input, 0, 'error', p);
    const wrongSource = applySourceColumn(mapping, names, ctx.options.sourceColumns?.[input]);
    if (wrongSource) d.add(input, 0, 'warning', wrongSource);
    ctx.reportReading?.(input, csvSourceReport(mapping, names));
    if (mapping.time >= 0) ctx.reportReading?.(input, { timePosition: names[mapping.time]! });
    const named = (r: CsvRole) => (mapping[r] >= 0 ? names[mapping[r]]! : null);
    ctx.reportColumns?.(input, {
      header: header !== null,
      delimiter: this.delimiter,
      columns: { time: named('time'), process: named('process'), message: named('message'), clockDomain: named('clockDomain') },
      names,
    });
    const described = CSV_ROLES.map((r) => `${ROLE_LABEL[r]} = ${named(r) ?? '(none)'}`).join(', ');
    const others = names.length - new Set(CSV_ROLES.map((r) => mapping[r]).filter((i) => i >= 0)).size;
    d.add(
      input,
      header ? held[0]!.line : 0,
      'info',
      `CSV columns (${header ? 'header row' : 'no header row'}, delimiter ${JSON.stringify(this.delimiter)}): ${described}; ` +
        `${others} other column${others === 1 ? '' : 's'} become fields. Set the csvColumns option to correct this.`,
    );
    this.rows = new RowReader(input, this.b, ctx, names, header !== null, mapping, this.fileProcess);
    for (const r of rows) this.rows.read(r.row, r.row.length, r.line);
    this.held.length = 0;
  }
}

/** Whether every cell is empty or whitespace. */
function isBlankRow(cells: readonly string[], count: number): boolean {
  for (let c = 0; c < count; c++) {
    const s = cells[c]!;
    for (let k = 0; k < s.length; k++) {
      const ch = s.charCodeAt(k);
      if (!isCsvSpace(ch) && ch !== 10 && ch !== 13) return false;
    }
  }
  return true;
}

/** Turns data rows into events once the mapping is known. */
class RowReader {
  private readonly badTimes = new UnreadableTimes();
  /** Times written without a zone: read in the input's zone where one is set. */
  private readonly zone: FieldZone;
  private readonly processIsSource: boolean;
  private readonly processes = new ProcessCache();

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
    this.zone = new FieldZone(ctx.options, input);
  }

  /** Row cells[0 .. count), which may be the scanner's reused cells: nothing of it is kept but copies. */
  read(row: readonly string[], count: number, line: number): void {
    const { mapping, names } = this;
    if (this.hasHeader && count !== names.length) {
      this.ctx.diagnostics.add(this.input, line, 'warning', `row has ${count} field${count === 1 ? '' : 's'}, the header ${names.length}: read by position`);
    }
    let time: WallTime | null = null;
    const timeText = mapping.time >= 0 && mapping.time < count ? trimmed(row[mapping.time]!) : '';
    if (timeText !== '') {
      time = readTimeText(timeText);
      if (!time) this.badTimes.note(line, () => timeText.slice(0, 60));
      else if (!this.zone.idle) time = this.zone.of(time, timeText, 0, timeText.length);
    }
    let process = mapping.process >= 0 && mapping.process < count ? trimmed(row[mapping.process]!) : '';
    // Splunk's `source` is the log file's path: its base name names the process.
    if (process !== '' && this.processIsSource) process = processNameOfInput(process);
    const host = mapping.clockDomain >= 0 && mapping.clockDomain < count ? trimmed(row[mapping.clockDomain]!) : '';
    // A row with no service but a host is the host's, as a record with a host field alone is in JSON lines and logfmt.
    if (process === '') process = host !== '' && mapping.process >= 0 ? host : this.fileProcess;
    const domain = host !== '' && host !== process ? host : undefined;
    // Rows of one process come in runs: its lane is looked up once per run.
    const p = this.processes.get(this.b, process, domain);
    const message = mapping.message >= 0 ? (mapping.message < count ? row[mapping.message]! : '') : joinCells(row, count);

    // No copy: the builder's text column joins texts into chunk strings of its own.
    this.b.beginEvent(p, time, message, this.input, line);
    for (let c = 0; c < count; c++) {
      if (c === mapping.time || c === mapping.process || c === mapping.message) continue;
      const v = row[c]!;
      if (v === '') continue;
      this.b.addField(c < names.length ? names[c]! : `column${c + 1}`, v);
    }
    // A pair needs an '=': most messages have none, and no array is made for them.
    if (message.indexOf('=') < 0) return;
    const pairs = keyValuePairsIn(message);
    if (pairs.length === 0) return;
    const have = new Set<string>();
    for (let c = 0; c < count; c++) {
      if (c === mapping.time || c === mapping.process || c === mapping.message || row[c] === '') continue;
      have.add(c < names.length ? names[c]! : `column${c + 1}`);
    }
    for (const pair of pairs) if (!have.has(pair[0])) this.b.addField(pair[0], pair[1]);
  }

  /** Whether a column names the rows' processes, and how many processes the rows went to. */
  get named(): boolean {
    return this.mapping.process >= 0;
  }

  get sources(): number {
    return this.processes.sources;
  }

  finish(): void {
    this.badTimes.report(
      this.ctx.diagnostics,
      this.input,
      (n, sample) => `${n} row${n === 1 ? ' has a time' : 's have times'} that could not be read as a timestamp (first: ${sample}); ${n === 1 ? 'it has' : 'they have'} no time`,
    );
    this.ctx.reportReading?.(this.input, this.zone.report(this.ctx.diagnostics, this.input));
  }
}

function joinCells(row: readonly string[], count: number): string {
  let s = count > 0 ? row[0]! : '';
  for (let c = 1; c < count; c++) s += ' ' + row[c]!;
  return s;
}

/** s.trim(), without the call for the usual cell that has nothing to trim. */
function trimmed(s: string): string {
  const n = s.length;
  if (n === 0) return s;
  const a = s.charCodeAt(0);
  const z = s.charCodeAt(n - 1);
  return a > 32 && a < 0xa0 && z > 32 && z < 0xa0 ? s : s.trim();
}
