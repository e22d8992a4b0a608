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
import { freshString } from '../../base/stringTable';
import Papa from 'papaparse';
import type { FormatParser, ParseContext } from '../formatParser';
import { executionFor } from '../executionFor';
import { ProcessCache } from '../keyShapes';
import { processNameOfInput } from '../fieldConventions';
import { keyValuePairsIn } from '../keyValuePairs';
import type { ExecutionBuilder } from '../../model/executionBuilder';
import type { WallTime } from '../../model/eventTime';
import { parseTimestamp } from '../../time/parseTimestamp';
import { readWhole, type TextReader } from '../lineSplitter';
import { applyColumnOverrides, CSV_ROLES, detectColumns, looksLikeHeader, type CsvMapping, type CsvRole } from './csvColumns';

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

/**
 * papaparse fed chunk by chunk, through its Node-stream input (a minimal
 * object with on/read; papaparse's streaming parser carries a row cut by a
 * chunk boundary, quoted newlines included, over to the next chunk). The
 * first chunk it gets is at least FIRST_FEED characters, so its line-break
 * and delimiter guesses see what they would see in the whole text.
 */
const FIRST_FEED = 1024 * 1024 + 1;
/** Text kept for line numbering is cut back once this much of it is behind. */
const WINDOW_KEEP = 1 << 20;

class CsvReader implements TextReader {
  private readonly b: ExecutionBuilder;
  private readonly fileProcess: string;
  private readonly held: { row: string[]; line: number }[] = [];
  private rows: RowReader | null = null;
  private delimiter = '';
  /** Text before the first feed. */
  private first: string[] = [];
  private firstLength = 0;
  private started = false;
  private readonly listeners = new Map<string, ((arg?: unknown) => void)[]>();
  private failure: unknown = null;
  // Line numbers: newlines counted up to each row's start, over a window of the text fed.
  private window = '';
  private windowStart = 0;
  private counted = 0;
  private line = 1;
  private rowStart = 0;

  constructor(
    private readonly input: string,
    private readonly ctx: ParseContext,
  ) {
    this.b = ctx.execution(executionFor(input, ctx));
    this.fileProcess = processNameOfInput(input);
  }

  text(chunk: string): void {
    if (this.started) {
      this.feed(chunk);
      return;
    }
    if (chunk.length === 0) return;
    this.first.push(chunk);
    this.firstLength += chunk.length;
    if (this.firstLength >= FIRST_FEED) this.start();
  }

  end(): void {
    if (!this.started) this.start();
    this.emit('end');
    this.rethrow();
    if (!this.rows && this.held.length > 0) this.startRows();
    this.rows?.finish();
  }

  private start(): void {
    this.started = true;
    let text = this.first.join('');
    this.first = [];
    // As parse() of a whole text did: one byte-order mark dropped here, one by papaparse.
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const stream = {
      readable: true,
      read: () => null,
      on: (event: string, fn: (arg?: unknown) => void) => {
        const l = this.listeners.get(event);
        if (l) l.push(fn);
        else this.listeners.set(event, [fn]);
      },
      removeListener: (event: string, fn: (arg?: unknown) => void) => {
        const l = this.listeners.get(event);
        if (l) this.listeners.set(event, l.filter((f) => f !== fn));
      },
      pause: () => undefined,
      resume: () => undefined,
    };
    Papa.parse<string[]>(stream as unknown as NodeJS.ReadableStream, {
      delimiter: /\.tsv$/i.test(this.input) ? '\t' : '',
      delimitersToGuess: [',', '\t', ';', '|'],
      step: (result) => this.step(result),
      error: (err: unknown) => {
        this.failure ??= err;
      },
    });
    this.feed(text);
  }

  private feed(chunk: string): void {
    this.window = this.window.length === 0 ? chunk : this.window + chunk;
    this.emit('data', chunk);
    this.rethrow();
  }

  private emit(event: string, arg?: unknown): void {
    for (const fn of this.listeners.get(event) ?? []) fn(arg);
  }

  private rethrow(): void {
    if (this.failure !== null) {
      const err = this.failure;
      this.failure = null;
      throw err;
    }
  }

  private step(result: Papa.ParseStepResult<string[]>): void {
    const d = this.ctx.diagnostics;
    const cursor = result.meta.cursor;
    const w = this.window;
    const base = this.windowStart;
    for (let i = w.indexOf('\n', this.counted - base); i >= 0 && i + base < this.rowStart; i = w.indexOf('\n', i + 1)) {
      this.line++;
      this.counted = i + base + 1;
    }
    if (this.counted - base > WINDOW_KEEP) {
      this.window = w.slice(this.counted - base);
      this.windowStart = this.counted;
    }
    const rowLine = this.line;
    this.rowStart = cursor;
    this.delimiter ||= result.meta.delimiter;
    const row = result.data;
    // papaparse keeps a CR when a CRLF file's line break was guessed as LF.
    const lastCell = row[row.length - 1];
    if (lastCell !== undefined && lastCell.endsWith('\r')) row[row.length - 1] = lastCell.slice(0, -1);
    if (row.every((c) => c.trim() === '')) return;
    const broken = result.errors.find((e) => e.code === 'MissingQuotes');
    if (broken) {
      d.skip(this.input, rowLine, `unterminated quoted field: this row (to the end of the input) was not read`);
      return;
    }
    for (const e of result.errors) d.add(this.input, rowLine, 'warning', `CSV: ${e.message}; the row was read as it stands`);
    if (this.rows) this.rows.read(row, rowLine);
    else {
      this.held.push({ row, line: rowLine });
      if (this.held.length >= SAMPLE_ROWS) this.startRows();
    }
  }

  private startRows(): void {
    const { held, input, ctx } = this;
    const d = ctx.diagnostics;
    const first = held[0]!.row;
    const header = looksLikeHeader(first) ? first : null;
    const rows = header ? held.slice(1) : held;
    const width = Math.max(first.length, ...rows.map((r) => r.row.length));
    const names = header ? header.map((h) => h.trim()) : Array.from({ length: width }, (_, i) => `column${i + 1}`);
    const mapping = detectColumns(header, rows.map((r) => r.row), width);
    for (const p of applyColumnOverrides(mapping, names, ctx.options.csvColumns)) d.add(input, 0, 'error', p);
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
    for (const r of rows) this.rows.read(r.row, r.line);
    this.held.length = 0;
  }
}

/** Turns data rows into events once the mapping is known. */
class RowReader {
  private badTimes = 0;
  private firstBadTime = 0;
  private badTimeSample = '';
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
    const domain = host !== '' && host !== process ? host : undefined;
    // Rows of one process come in runs: its lane is looked up once per run.
    const p = this.processes.get(this.b, process, domain);
    const message = mapping.message >= 0 ? (row[mapping.message] ?? '') : row.join(' ');

    this.b.beginEvent(p, time, freshString(message), this.input, line);
    for (let c = 0; c < row.length; c++) {
      if (c === mapping.time || c === mapping.process || c === mapping.message) continue;
      const v = row[c]!;
      if (v === '') continue;
      this.b.addField(names[c] ?? `column${c + 1}`, v);
    }
    const pairs = keyValuePairsIn(message);
    if (pairs.length === 0) return;
    const have = new Set<string>();
    for (let c = 0; c < row.length; c++) {
      if (c === mapping.time || c === mapping.process || c === mapping.message || row[c] === '') continue;
      have.add(names[c] ?? `column${c + 1}`);
    }
    for (const pair of pairs) if (!have.has(pair[0])) this.b.addField(pair[0], pair[1]);
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
