/**
 * Reads JSON lines (one JSON object per line, as structured loggers write:
 * pino, bunyan, zap, logrus, structlog, Docker/Kubernetes JSON logs) into
 * events, one event per line, in the input's execution (executionFor).
 *
 * Well-known field names carry the event's time, process and text (first
 * present wins, in the order of fieldConventions.ts, shared with logfmt and
 * CSV); every other top-level field becomes an event field as text, so
 * correlation rules can look at it later.
 *
 * A line that is not a JSON object is skipped with a diagnostic naming its
 * line, and reading goes on. The parsed object of a line lives only while that
 * line is read; only the builder's columns are kept.
 *
 * Input streams through line by line (reader()); parse() is the same reader
 * over one whole text. Lines of one logger share a few key sequences, so which
 * key plays which role is worked out once per key sequence (KeyShape), not
 * once per line.
 */
import type { FormatParser, ParseContext } from '../formatParser';
import { executionFor } from '../executionFor';
import { processNameOfInput } from '../fieldConventions';
import { KeyShapeCache, pickShapeProcess, ProcessCache, unreadableTimesMessage, type PickedProcess } from '../keyShapes';
import { LineSplitter, readWhole, type LineSink, type TextReader } from '../lineSplitter';
import type { ExecutionBuilder } from '../../model/executionBuilder';
import { freshString } from '../../base/stringTable';
import type { WallTime } from '../../model/eventTime';
import { parseEpochText } from '../../time/parseEpoch';
import { parseTimestamp } from '../../time/parseTimestamp';
import { jsonValueText, rawNumberText } from './jsonValueText';


type JsonObject = Record<string, unknown>;

export class JsonLinesParser implements FormatParser {
  parse(input: string, text: string, ctx: ParseContext): void {
    readWhole(this.reader(input, '', ctx), text);
  }

  reader(input: string, _head: string, ctx: ParseContext): TextReader {
    return new JsonLinesReader(input, ctx);
  }
}

class JsonLinesReader implements LineSink, TextReader {
  private readonly b: ExecutionBuilder;
  private readonly fileProcess: string;
  private readonly splitter = new LineSplitter(this);
  private badTimes = 0;
  private firstBadTime = 0;
  private badTimeSample = '';
  private readonly shapes = new KeyShapeCache();
  private readonly processes = new ProcessCache();
  private readonly picked: PickedProcess = { at: -1, name: '', domain: undefined };
  /** The values of the line being read, by key index (reused from line to line). */
  private readonly values: unknown[] = [];
  /** Keys of a line whose shape differs from the last one's. */
  private readonly keysSeen: string[] = [];
  private readonly keyAt = (i: number) => this.keysSeen[i]!;
  private readonly usableAt = (i: number) => scalarText(this.values[i]);
  /** for-in gives exactly Object.keys's keys unless something made an Object.prototype property enumerable. */
  private readonly forIn = !hasEnumerableInherited();

  constructor(
    private readonly input: string,
    private readonly ctx: ParseContext,
  ) {
    this.b = ctx.execution(executionFor(input, ctx));
    this.fileProcess = processNameOfInput(input);
  }

  text(chunk: string): void {
    this.splitter.text(chunk);
  }

  line(raw: string, lineNo: number): void {
    let line = raw;
    if (lineNo === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    // trim() only when an end is not already a brace (it also drops a CR of CRLF).
    const n = line.length;
    if (n === 0) return;
    if (line.charCodeAt(0) !== 123 || line.charCodeAt(n - 1) !== 125) {
      line = line.trim();
      if (line === '') return;
    }
    const obj = parseObject(line);
    if (typeof obj === 'string') {
      this.ctx.diagnostics.skip(this.input, lineNo, obj);
      return;
    }
    // One pass over the object (for-in reads values through V8's enum cache; Object.keys and
    // Object.values would make two arrays per line), keys and values into arrays reused per line.
    const values = this.values;
    const seen = this.keysSeen;
    let count = 0;
    if (this.forIn) {
      for (const k in obj) {
        seen[count] = k;
        values[count++] = obj[k];
      }
    } else {
      const own = Object.keys(obj);
      for (count = 0; count < own.length; count++) {
        seen[count] = own[count]!;
        values[count] = obj[own[count]!];
      }
    }
    const shape = this.shapes.find(count, this.keyAt);
    const keys = shape.keys;

    let timeAt = -1;
    let time: WallTime | null = null;
    let candidateAt = -1;
    for (let i = 0; i < shape.time.length; i++) {
      const at = shape.time[i]!;
      time = timeOf(values[at], keys[at]!, line);
      if (time) {
        timeAt = at;
        break;
      }
      if (candidateAt < 0) candidateAt = at;
    }
    if (!time && candidateAt >= 0 && this.badTimes++ === 0) {
      this.firstBadTime = lineNo;
      const k = keys[candidateAt]!;
      this.badTimeSample = `${k}: ${jsonValueText(values[candidateAt], k, line).slice(0, 60)}`;
    }

    const { at: processAt, name, domain } = pickShapeProcess(shape, this.usableAt, this.fileProcess, this.picked);
    const b = this.b;
    const p = this.processes.get(b, name, domain);

    const messageAt = shape.message;
    const message = messageAt >= 0 ? jsonValueText(values[messageAt], keys[messageAt]!, line) : freshString(line);
    b.beginEvent(p, time, message, this.input, lineNo);
    const strings = b.strings;
    let place = 0;
    for (let i = 0; i < keys.length; i++) {
      if (i === timeAt || i === processAt || i === messageAt) continue;
      let keyId = shape.keyIds[i]!;
      if (keyId < 0) keyId = shape.keyIds[i] = strings.intern(keys[i]!);
      const v = values[i];
      // JSON.parse makes each value a string of its own: no copy needed.
      b.addFieldId(keyId, b.valueId(place++, keyId, typeof v === 'string' ? v : jsonValueText(v, keys[i]!, line), false));
    }
  }

  end(): void {
    this.splitter.end();
    const n = this.badTimes;
    if (n > 0) this.ctx.diagnostics.add(this.input, this.firstBadTime, 'warning', unreadableTimesMessage(n, this.badTimeSample));
  }

}

/** Whether objects inherit an enumerable property (for-in would list it). */
function hasEnumerableInherited(): boolean {
  for (const _ in {}) return true;
  return false;
}

/** The object on a line, or why the line is not one. */
function parseObject(line: string): JsonObject | string {
  if (line[0] !== '{') {
    return line[0] === '[' ? 'line is a JSON array, not an object' : 'line is not a JSON object';
  }
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (err) {
    // The engine's message may quote the whole line; keep it short.
    const why = err instanceof Error ? err.message.slice(0, 100) : String(err);
    return `line is not valid JSON: ${why}`;
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return 'line is not a JSON object';
  return v as JsonObject;
}

function timeOf(value: unknown, key: string, line: string): WallTime | null {
  if (typeof value === 'string') return parseTimestamp(value);
  if (typeof value !== 'number') return null;
  // A nanosecond epoch as a JSON number has lost its last digits to float64.
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) return parseEpochText(rawNumberText(line, key, value));
  return parseTimestamp(value);
}

/** A non-empty string or a number as text; other values do not name a process. */
function scalarText(v: unknown): string | undefined {
  return typeof v === 'string' ? (v !== '' ? v : undefined) : typeof v === 'number' ? String(v) : undefined;
}
