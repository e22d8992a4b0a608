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
 *
 * Most lines are flat objects of strings, numbers, booleans and nulls: those
 * are read in place in the decoded chunk by FlatJsonScanner, and their values
 * go to the builder as texts taken straight from the chunk, with no line
 * string and no object. Any other line (nested values, escaped keys, repeated
 * keys, a syntax error) is read as before, with JSON.parse; the two readings
 * give the same events, fields and diagnostics (tests/property/flatJson).
 */
import type { FormatParser, ParseContext } from '../formatParser';
import { executionFor } from '../executionFor';
import { processNameOfInput } from '../fieldConventions';
import { isPlainKey, KeyShapeCache, pickShapeProcess, ProcessCache, processKeysFor, reportSources, UnreadableTimes, type KeyShape, type PickedProcess } from '../keyShapes';
import { readWhole, type TextReader } from '../lineSplitter';
import type { ExecutionBuilder } from '../../model/executionBuilder';
import { freshString } from '../../base/stringTable';
import type { WallTime } from '../../model/eventTime';
import { parseEpochText } from '../../time/parseEpoch';
import { FieldZone } from '../../time/fieldZone';
import { readTimeText, readTimeTextIn } from '../../time/readTimeText';
import { FlatJsonScanner, INT, NUMBER, STRING, TRUE, FALSE } from './flatJsonScanner';
import { ByteWords, scanFlatJsonBytes } from './flatJsonBytes';
import { jsonValueText, rawNumberText } from './jsonValueText';
import { RecentValues } from './recentValues';
import { IsoTimeBytes } from '../../time/isoTimeBytes';


type JsonObject = Record<string, unknown>;

export class JsonLinesParser implements FormatParser {
  /** `scan`: read flat lines in place; false reads every line with JSON.parse (the reference for tests). */
  constructor(private readonly scan = true) {}

  parse(input: string, text: string, ctx: ParseContext): void {
    readWhole(this.reader(input, '', ctx), text);
  }

  reader(input: string, _head: string, ctx: ParseContext): TextReader {
    return new JsonLinesReader(input, ctx, this.scan);
  }
}

class JsonLinesReader implements TextReader {
  private readonly b: ExecutionBuilder;
  private readonly fileProcess: string;
  /** The read stage's clock domain for the file's process; with `fixed`, every line is that process (a container's log). */
  private readonly fileDomain: string | undefined;
  private readonly fixed: boolean;
  /** The unfinished last line of the chunks so far, and lines given so far. */
  private carry = '';
  private lineNo = 0;
  private readonly badTimes = new UnreadableTimes();
  /** Key sequences met, with the keys that name a process (AnalyzeOptions.sourceColumns, else the conventions). */
  private readonly shapes: KeyShapeCache;
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
  private readonly scanner = new FlatJsonScanner();
  /** The line being scanned: s.slice(from, to), made only when needed. */
  private s = '';
  private from = 0;
  private to = 0;
  private lineText: string | null = null;
  /** Per field place, the values its key had there lately, as they stood in the chunk, and their ids. */
  private readonly recent = new RecentValues();
  /** Where pickTime found the line's time, or -1. */
  private pickedTimeAt = -1;
  /** The first key a time was read from, for the reading report's timePosition. */
  private timeKey: string | undefined = undefined;
  /** Times written without a zone: read in the input's zone where one is set. */
  private readonly zone: FieldZone;
  /** The aligned bytes of the chunk being read (ChunkDecoder.aligned), or null; never those of a carried line. */
  private u: Uint8Array | null = null;
  private readonly isoBytes = new IsoTimeBytes();
  private readonly words = new ByteWords();

  constructor(
    private readonly input: string,
    private readonly ctx: ParseContext,
    private readonly scan: boolean,
  ) {
    this.b = ctx.execution(executionFor(input, ctx));
    const source = ctx.sourceOf?.(input);
    this.fileProcess = source?.process ?? processNameOfInput(input);
    this.fileDomain = source?.domain;
    this.fixed = source?.process !== undefined;
    this.shapes = new KeyShapeCache(processKeysFor(ctx.options.sourceColumns, input));
    this.zone = new FieldZone(ctx.options, input);
  }

  /**
   * Lines as LineSplitter gives them (on LF, the CR of a CRLF dropped, a line
   * split between chunks joined), each read where it lies in the chunk.
   * `bytes`: the chunk's aligned bytes (ChunkDecoder.aligned), or none.
   */
  text(chunk: string, bytes?: Uint8Array | null): void {
    const n = chunk.length;
    let pos = 0;
    if (this.carry.length > 0) {
      const nl = chunk.indexOf('\n');
      if (nl < 0) {
        this.carry += chunk;
        return;
      }
      const first = this.carry + chunk.slice(0, nl);
      this.carry = '';
      this.lineIn(first, 0, first.length, 0);
      pos = nl + 1;
    }
    // With the chunk's aligned bytes, lines are scanned as bytes (flatJsonBytes.ts), which needs no search for
    // special characters; else lines before the next backslash or control character are clean (FlatJsonScanner).
    this.u = bytes && bytes.length === n ? bytes : null;
    let special = this.u !== null ? n : -1;
    while (pos < n) {
      const nl = chunk.indexOf('\n', pos);
      if (nl < 0) {
        this.carry = chunk.slice(pos);
        break;
      }
      if (special < pos) special = nextSpecial(chunk, pos);
      this.lineIn(chunk, pos, nl, special);
      pos = nl + 1;
    }
    this.u = null;
  }

  end(): void {
    const last = this.carry;
    this.carry = '';
    if (last.length > 0) this.lineIn(last, 0, last.length, 0);
    this.badTimes.report(this.ctx.diagnostics, this.input);
    if (this.timeKey !== undefined) this.ctx.reportReading?.(this.input, { timePosition: this.timeKey, ...this.zone.report(this.ctx.diagnostics, this.input) });
    reportSources(this.ctx, this.input, this.shapes, this.processes, this.fixed);
  }

  /**
   * The line s[from, end) (end: its LF or the end of its text). `special`:
   * where the next backslash or control character is; the line is clean when
   * that is past its end.
   */
  private lineIn(s: string, from: number, end: number, special: number): void {
    const lineNo = ++this.lineNo;
    const to = end > from && s.charCodeAt(end - 1) === 13 ? end - 1 : end;
    if (lineNo === 1 && s.charCodeAt(from) === 0xfeff) from++;
    if (from >= to) return;
    if (this.scan && s.charCodeAt(from) === 123 && s.charCodeAt(to - 1) === 125 && this.scanned(s, from, to, special >= to, lineNo)) return;
    this.parsed(s.slice(from, to), lineNo);
  }

  /** Reads a flat-object line in place; false (having added nothing) when the scanner does not take it. */
  private scanned(s: string, from: number, to: number, clean: boolean, lineNo: number): boolean {
    const sc = this.scanner;
    const shapes = this.shapes;
    const u = this.u;
    if (!(u !== null ? scanFlatJsonBytes(sc, u, this.words.of(u), s, from, to, shapes.plainKeys, shapes.plainKeyBytes, shapes.lastIndex) : sc.scan(s, from, to, shapes.plainKeys, shapes.lastIndex, clean))) return false;
    let shape: KeyShape;
    if (sc.matched) shape = shapes.take(sc.set);
    else {
      // Keys no plain shape has (the scanner tried every one): a new shape.
      const count = sc.count;
      const seen = this.keysSeen;
      for (let i = 0; i < count; i++) seen[i] = s.slice(sc.keyFrom[i]!, sc.keyTo[i]!);
      if (!plainKeys(seen, count)) return false;
      shape = shapes.find(count, this.keyAt);
    }
    this.s = s;
    this.from = from;
    this.to = to;
    this.lineText = null;
    this.addScanned(shape, lineNo);
    this.s = '';
    this.lineText = null;
    return true;
  }

  /** The event of a scanned line: what parsed() makes of the same line. */
  private addScanned(shape: KeyShape, lineNo: number): void {
    const keys = shape.keys;
    const sc = this.scanner;
    const s = this.s;
    const time = this.pickTime(shape, lineNo, null);
    const timeAt = this.pickedTimeAt;

    const b = this.b;
    const processAt = this.processAt(shape);
    const p = processAt < 0 ? this.processes.get(b, this.fileProcess, this.fileDomain) : this.processOf(shape, processAt);

    const messageAt = shape.message;
    // No copy: the builder's text column joins texts into chunk strings of its own.
    const message = messageAt >= 0 ? this.textAt(messageAt, keys[messageAt]!) : this.line();
    b.beginEvent(p, time, message, this.input, lineNo);
    const strings = b.strings;
    const kind = sc.kind;
    const decoded = sc.decoded;
    const vFrom = sc.from;
    const vTo = sc.to;
    const recent = this.recent;
    const u = this.u;
    let place = 0;
    for (let i = 0; i < keys.length; i++) {
      if (i === timeAt || i === processAt || i === messageAt) continue;
      let keyId = shape.keyIds[i]!;
      if (keyId < 0) keyId = shape.keyIds[i] = strings.intern(keys[i]!);
      const k = kind[i]!;
      let id: number;
      if (k === INT || (k === STRING && decoded[i] === null)) {
        // Text as it stands in the chunk: most keys repeat their value from line to line.
        const from = vFrom[i]!;
        const to = vTo[i]!;
        if (recent.skips(place, keyId)) {
          // Values that do not repeat line to line (message ids): looked up where they stand, a string made only for a new one.
          id = b.internValueIn(keyId, s, from, to, u);
        } else if ((id = u === null ? recent.find(place, keyId, s, from, to) : recent.findBytes(place, keyId, u, from, to)) < 0) {
          // RecentValues holds what the builder's per-place memo would: straight to the value tables.
          const text = freshString(s.slice(from, to));
          id = b.internValue(keyId, text, false);
          recent.add(place, keyId, text, id);
        }
      } else {
        id = b.valueId(place, keyId, this.textAt(i, keys[i]!), false);
        recent.forget(place);
      }
      b.addFieldId(keyId, id);
      place++;
    }
  }

  /**
   * The line's time: the value of its first time key that reads as one (its
   * index goes to pickedTimeAt, -1 when none does); the first time key that
   * does not read is noted for the warning. `line`: the line JSON.parse read
   * into `values`, or null for the line the scanner read.
   */
  private pickTime(shape: KeyShape, lineNo: number, line: string | null): WallTime | null {
    const keys = shape.keys;
    let candidateAt = -1;
    for (let i = 0; i < shape.time.length; i++) {
      const at = shape.time[i]!;
      const time = line === null ? this.timeAt(at, keys[at]!) : timeOf(this.values[at], keys[at]!, line);
      if (time) {
        this.pickedTimeAt = at;
        if (this.timeKey === undefined) this.timeKey = keys[at];
        if (this.zone.idle) return time;
        return line === null ? this.zonedAt(time, at) : zonedValue(this.zone, time, this.values[at]);
      }
      if (candidateAt < 0) candidateAt = at;
    }
    this.pickedTimeAt = -1;
    if (candidateAt >= 0) {
      const k = keys[candidateAt]!;
      this.badTimes.note(lineNo, () => `${k}: ${(line === null ? this.textAt(candidateAt, k) : jsonValueText(this.values[candidateAt], k, line)).slice(0, 60)}`);
    }
    return null;
  }

  /** The instant of a time read from value `at` of the scanned line (FieldZone). */
  private zonedAt(time: WallTime, at: number): WallTime {
    const sc = this.scanner;
    if (sc.kind[at] !== STRING) return this.zone.ofNumber(time);
    const d = sc.decoded[at];
    return d != null ? this.zone.of(time, d, 0, d.length) : this.zone.of(time, this.s, sc.from[at]!, sc.to[at]!);
  }

  /** pickShapeProcess's process key index for the scanned line, or -1. */
  private processAt(shape: KeyShape): number {
    if (this.fixed) return -1;
    const proc = shape.process;
    for (let t = 0; t < proc.length; t++) {
      const i = proc[t]!;
      if (this.usable(i)) return i;
    }
    return -1;
  }

  /** Whether value i names a process: a non-empty string or a number (scalarText). */
  private usable(i: number): boolean {
    const sc = this.scanner;
    const k = sc.kind[i]!;
    return k === STRING ? sc.to[i]! > sc.from[i]! : k === INT || k === NUMBER;
  }

  /**
   * The process named by value `at`, in the domain of the first usable host
   * value (pickShapeProcess); the process of the line before is recognised
   * in the chunk, without making the name.
   */
  private processOf(shape: KeyShape, at: number): number {
    let hostAt = -1;
    if (!shape.hostKey[at]) {
      const host = shape.host;
      for (let t = 0; t < host.length; t++) {
        if (this.usable(host[t]!)) {
          hostAt = host[t]!;
          break;
        }
      }
    }
    const sc = this.scanner;
    if (this.asWritten(at) && (hostAt < 0 || this.asWritten(hostAt))) {
      const p = this.processes.lastIf(this.s, sc.from[at]!, sc.to[at]!, hostAt < 0 ? -1 : sc.from[hostAt]!, hostAt < 0 ? -1 : sc.to[hostAt]!, this.u);
      if (p >= 0) return p;
    }
    const name = this.scalarAt(at)!;
    const host = hostAt < 0 ? undefined : this.scalarAt(hostAt);
    return this.processes.get(this.b, name, host === undefined || host === name ? undefined : host);
  }

  /** Whether value i's text (scalarText) is its characters as they stand in the chunk. */
  private asWritten(i: number): boolean {
    const sc = this.scanner;
    const k = sc.kind[i]!;
    return k === INT || (k === STRING && sc.decoded[i] === null);
  }

  /** The scanned line as a string of its own. */
  private line(): string {
    return (this.lineText ??= this.s.slice(this.from, this.to));
  }

  /** Value i of the scanned line as field text: jsonValueText of what JSON.parse gives. */
  private textAt(i: number, key: string): string {
    const sc = this.scanner;
    const k = sc.kind[i]!;
    if (k === STRING) return sc.decoded[i] ?? this.s.slice(sc.from[i]!, sc.to[i]!);
    if (k === INT) return this.s.slice(sc.from[i]!, sc.to[i]!);
    if (k === NUMBER) {
      const v = Number(this.s.slice(sc.from[i]!, sc.to[i]!));
      return Number.isSafeInteger(v) ? String(v) : rawNumberText(this.line(), key, v);
    }
    return k === TRUE ? 'true' : k === FALSE ? 'false' : 'null';
  }

  /** scalarText of value i of the scanned line. */
  private scalarAt(i: number): string | undefined {
    const sc = this.scanner;
    const k = sc.kind[i]!;
    if (k === STRING) return sc.from[i] === sc.to[i] ? undefined : (sc.decoded[i] ?? this.s.slice(sc.from[i]!, sc.to[i]!));
    if (k === INT) return this.s.slice(sc.from[i]!, sc.to[i]!);
    if (k === NUMBER) return String(Number(this.s.slice(sc.from[i]!, sc.to[i]!)));
    return undefined;
  }

  /** timeOf value i of the scanned line. */
  private timeAt(i: number, key: string): WallTime | null {
    const sc = this.scanner;
    const k = sc.kind[i]!;
    if (k === STRING) {
      const d = sc.decoded[i];
      if (d != null) return readTimeText(d);
      if (this.u !== null) {
        const t = this.isoBytes.read(this.u, sc.from[i]!, sc.to[i]!);
        if (t !== undefined) return t;
      }
      return readTimeTextIn(this.s, sc.from[i]!, sc.to[i]!);
    }
    if (k !== INT && k !== NUMBER) return null;
    const v = Number(this.s.slice(sc.from[i]!, sc.to[i]!));
    if (Number.isInteger(v) && !Number.isSafeInteger(v)) return parseEpochText(rawNumberText(this.line(), key, v));
    return readTimeText(v);
  }

  /** Reads a line with JSON.parse. */
  private parsed(raw: string, lineNo: number): void {
    let line = raw;
    // trim() only when an end is not already a brace (it also drops a CR of CRLF).
    const n = line.length;
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

    const time = this.pickTime(shape, lineNo, line);
    const timeAt = this.pickedTimeAt;

    const { at: processAt, name, domain } = this.fixed
      ? { at: -1, name: this.fileProcess, domain: this.fileDomain }
      : pickShapeProcess(shape, this.usableAt, this.fileProcess, this.picked);
    const b = this.b;
    const p = this.processes.get(b, name, domain);

    const messageAt = shape.message;
    const message = messageAt >= 0 ? jsonValueText(values[messageAt], keys[messageAt]!, line) : line;
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

}

const SPECIAL = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\\]|\r(?!\n)/g;

/** Where the first backslash or control character at or after `from` is (a CR only when no LF follows), or s.length. */
function nextSpecial(s: string, from: number): number {
  SPECIAL.lastIndex = from;
  return SPECIAL.exec(s) === null ? s.length : SPECIAL.lastIndex - 1;
}

/**
 * Whether keys read in line order are the keys of the object JSON.parse makes,
 * in its order: no key repeats and none is an array index.
 */
function plainKeys(keys: readonly string[], count: number): boolean {
  for (let i = 0; i < count; i++) {
    const k = keys[i]!;
    if (!isPlainKey(k)) return false;
    for (let j = 0; j < i; j++) if (keys[j] === k) return false;
  }
  return true;
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

/** The instant of a time read from a parsed value (FieldZone): text as written, numbers and MongoDB's `$date` numbers are instants. */
function zonedValue(zone: FieldZone, time: WallTime, value: unknown): WallTime {
  const text = typeof value === 'string' ? value : typeof value === 'object' && value !== null ? (value as JsonObject)['$date'] : undefined;
  return typeof text === 'string' ? zone.of(time, text, 0, text.length) : zone.ofNumber(time);
}

function timeOf(value: unknown, key: string, line: string): WallTime | null {
  if (typeof value === 'string') return readTimeText(value);
  if (typeof value === 'object' && value !== null) return extendedJsonDate(value as JsonObject);
  if (typeof value !== 'number') return null;
  // A nanosecond epoch as a JSON number has lost its last digits to float64.
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) return parseEpochText(rawNumberText(line, key, value));
  return readTimeText(value);
}

/**
 * A date in MongoDB Extended JSON, as MongoDB 4.4+ writes its log's time
 * (`"t":{"$date":"2026-03-14T10:26:53.123+01:00"}`): relaxed (ISO text),
 * canonical (`{"$numberLong":"<ms>"}`) or legacy (ms as a number); else null.
 */
function extendedJsonDate(value: JsonObject): WallTime | null {
  const d = value['$date'];
  if (typeof d === 'string') return readTimeText(d);
  const long = typeof d === 'object' && d !== null ? (d as JsonObject)['$numberLong'] : undefined;
  const ms = typeof d === 'number' ? d : typeof long === 'string' && /^-?\d{1,16}$/.test(long) ? Number(long) : NaN;
  // Milliseconds whatever their length (a date near 1970 has few digits), as Extended JSON defines them.
  return Number.isSafeInteger(ms) ? { ms, ns: 0, digits: 3 } : null;
}

/** A non-empty string or a number as text; other values do not name a process. */
function scalarText(v: unknown): string | undefined {
  return typeof v === 'string' ? (v !== '' ? v : undefined) : typeof v === 'number' ? String(v) : undefined;
}
