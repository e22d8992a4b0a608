/**
 * Reads plain-text logs: one event per line that starts with a timestamp, in
 * the shape learnt from the input's first lines (learnTimestampShape). A line
 * that does not start with one continues the record before it (a stack trace,
 * a wrapped message) and is appended to its text; a line before any record is
 * skipped and reported.
 *
 * The process is the syslog app (else host) where the format names one, with
 * the host as its clock domain; otherwise the file name. When one app name is
 * seen on two hosts, the later host's lane is named `app@host`, so two
 * machines' `sshd` do not merge into one program order. key=value pairs in a
 * message (`req_id=abc dir=send to=ledger`) become fields, beside the header
 * fields the shape reads (pid, level, status...), so edge inference sees them.
 *
 * A file with no timestamps at all is still read, in logical order only: each
 * non-empty line is an event without a time, and one diagnostic says so.
 */
import type { FormatParser, ParseContext } from '../formatParser';
import { executionFor } from '../executionFor';
import { processNameOfInput } from '../fieldConventions';
import { KeyValueScanner } from '../keyValuePairs';
import { SpanFieldIds } from '../spanFieldIds';
import type { EventHandle, ExecutionBuilder } from '../../model/executionBuilder';
import { wallTimeOf } from '../../time/wallTimeOf';
import { LineSplitter, readWhole, type LineInSink, type TextReader } from '../lineSplitter';
import type { YearlessTime } from '../../time/wallTimeOf';
import { IsoStampReader } from './isoStampReader';
import { learnTimestampShape } from './learnTimestampShape';
import { iso, type LineStamp, type TimestampShape } from './timestampShapes';
import { YearChooser, yearAnchorIn, type YearAnchor } from './yearChooser';

export const NO_TIMESTAMPS_MESSAGE = 'no timestamps: logical order only';

export class TextLogParser implements FormatParser {
  /** Per execution and app name, the host that first used the name. */
  private readonly hostOfApp = new Map<string, string>();

  parse(input: string, text: string, ctx: ParseContext): void {
    readWhole(this.reader(input, text.slice(0, 65536), ctx), text);
  }

  reader(input: string, head: string, ctx: ParseContext): TextReader {
    return new TextLogReader(input, head, ctx, this.hostOfApp);
  }
}

class TextLogReader implements LineInSink, TextReader {
  private readonly execution: string;
  private readonly b: ExecutionBuilder;
  private readonly fileProcess: string;
  private readonly shape: TimestampShape | null;
  /** The shape's read, or a faster one that reads the same. */
  private readonly stampReader: { read(line: string): LineStamp | null } | null;
  /** The ISO shape's fast read, which can also read a line in place. */
  private readonly isoReader: IsoStampReader | null;
  /** The aligned bytes of the chunk being read (ChunkDecoder.aligned), or null. */
  private u: Uint8Array | null = null;
  private readonly splitter = new LineSplitter(this, this);
  private readonly pairs = new KeyValueScanner();
  private readonly ids: SpanFieldIds;
  /** Key ids of the fields of the line being read: a repeated key keeps its first value. */
  private readonly seen: number[] = [];
  /** The file's own process, once looked up. */
  private fileP = -1;
  /** processOf's last answer, for lines of the same host and app. */
  private lastHost: string | undefined = undefined;
  private lastApp: string | undefined = undefined;
  private lastP = -1;
  private last: EventHandle = -1;
  private events = 0;
  private readonly renamed = new Set<string>();
  /** Yearless shapes: the dated timestamp that anchors the year (YearChooser), looked for line by line. */
  private anchor: YearAnchor | null = null;
  /** Yearless shapes: events whose time waits for the year, known only at the end. */
  private readonly yearless: { h: EventHandle; t: YearlessTime; line: number }[] = [];

  constructor(
    private readonly input: string,
    head: string,
    private readonly ctx: ParseContext,
    private readonly hostOfApp: Map<string, string>,
  ) {
    this.execution = executionFor(input, ctx);
    this.b = ctx.execution(this.execution);
    this.fileProcess = processNameOfInput(input);
    this.shape = learnTimestampShape(head);
    this.isoReader = this.shape === iso ? new IsoStampReader() : null;
    this.stampReader = this.isoReader ?? this.shape;
    this.ids = new SpanFieldIds(this.b);
  }

  text(chunk: string, bytes?: Uint8Array | null): void {
    this.u = bytes && bytes.length === chunk.length ? bytes : null;
    this.isoReader?.newChunk();
    this.splitter.text(chunk);
    this.u = null;
  }

  /**
   * A line of the chunk, read in place from its aligned bytes where the ISO
   * fast read takes it (no line string; the message is the only slice), else
   * as a string by line(): the same event either way.
   */
  lineIn(s: string, from: number, to: number, lineNo: number): void {
    const u = this.u;
    const stamp = u !== null && this.isoReader !== null ? this.isoReader.readIn(u, from, to) : null;
    if (stamp === null) {
      this.line(s.slice(from, to), lineNo);
      return;
    }
    const b = this.b;
    const p = this.processOf(stamp);
    const message = s.slice(stamp.rest, to);
    this.last = b.beginEvent(p, stamp.time, message, this.input, lineNo);
    this.addFields(stamp.fields, s, u, stamp.rest, to);
    this.events++;
  }

  line(raw: string, lineNo: number): void {
    const line = lineNo === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    const shape = this.shape;
    if (shape && !shape.hasYear && !this.anchor) this.anchor = yearAnchorIn(line, lineNo);
    if (isBlank(line)) return;
    const b = this.b;
    if (!shape) {
      const p = b.process(this.fileProcess);
      const text = line;
      b.beginEvent(p, null, text, this.input, lineNo);
      this.addFields(undefined, text, null, 0, text.length);
      this.events++;
      return;
    }
    const stamp = this.stampReader!.read(line);
    if (!stamp) {
      if (this.last >= 0) {
        b.appendText(this.last, `\n${line}`);
      } else {
        this.ctx.diagnostics.skip(this.input, lineNo, `no ${shape.label} timestamp at the start of the line, and no record before it to continue`);
      }
      return;
    }
    const p = this.processOf(stamp);
    // A slice, not a copy: the builder's text column joins texts into chunk strings of its own.
    const message = line.slice(stamp.rest);
    const h = b.beginEvent(p, stamp.time, message, this.input, lineNo);
    if (stamp.yearless && !shape.hasYear) this.yearless.push({ h, t: stamp.yearless, line: lineNo });
    this.addFields(stamp.fields, message, null, 0, message.length);
    this.last = h;
    this.events++;
  }

  end(): void {
    this.splitter.end();
    const { ctx, input, shape, events } = this;
    const d = ctx.diagnostics;
    let badDates = 0;
    let firstBadDate = 0;
    const yearless = shape && !shape.hasYear;
    if (yearless) {
      const years = new YearChooser(this.anchor);
      for (const { h, t, line } of this.yearless) {
        const time = wallTimeOf(years.yearFor(t.month), t);
        this.b.setTime(h, time);
        if (!time && badDates++ === 0) firstBadDate = line;
      }
    }
    if (!shape && events > 0) {
      d.add(input, 0, 'info', `${NO_TIMESTAMPS_MESSAGE} (${events} line${events === 1 ? '' : 's'} read as events in file order, without times)`);
    }
    if (yearless && events > 0) {
      const a = this.anchor;
      d.add(
        input,
        a?.line ?? 0,
        'info',
        a
          ? `${shape.label} timestamps carry no year: taken from the dated timestamp on line ${a.line} (${a.year}), within six months of it`
          : `${shape.label} timestamps carry no year and the input has no dated timestamp: year 1970 assumed ` +
              '(advancing at each December → January); times are right within the year only',
      );
    }
    if (badDates > 0) {
      d.add(input, firstBadDate, 'warning', `${badDates} timestamp${badDates === 1 ? ' is' : 's are'} not a valid date in the chosen year; ${badDates === 1 ? 'it has' : 'they have'} no time`);
    }
    if (this.renamed.size > 0) {
      d.add(input, 0, 'info', `app names used by several hosts were kept apart as app@host: ${[...this.renamed].sort().join(', ')}`);
    }
  }

  private processOf(stamp: LineStamp): number {
    const { b } = this;
    const { host, app } = stamp;
    if (app === undefined && host === undefined) {
      if (this.fileP < 0) this.fileP = b.process(this.fileProcess);
      return this.fileP;
    }
    // Syslog lines come in runs from one host and app: the lane (and its rename) is worked out once per run.
    if (this.lastP >= 0 && host === this.lastHost && app === this.lastApp) return this.lastP;
    this.lastHost = host;
    this.lastApp = app;
    return (this.lastP = this.laneOf(host, app));
  }

  private laneOf(host: string | undefined, app: string | undefined): number {
    const { b } = this;
    if (app === undefined) return b.process(host!, host);
    if (host === undefined) return b.process(app);
    const key = `${this.execution}\u0000${app}`;
    const first = this.hostOfApp.get(key);
    if (first === undefined) this.hostOfApp.set(key, host);
    if (first === undefined || first === host) return b.process(app, host);
    const name = `${app}@${host}`;
    this.renamed.add(name);
    return b.process(name, host);
  }

  /**
   * Header fields of the stamp, then key=value pairs of the message whose keys
   * the header did not give (a repeated key keeps its first value). Pairs are
   * read as spans and their ids looked up by their text (SpanFieldIds): what
   * `b.addField(key, value)` per pair gives, without pair arrays or a table lookup per repeated value.
   * The message is text[start, end); `u`: text's aligned bytes when text is the chunk, else null.
   */
  private addFields(own: readonly [string, string][] | undefined, text: string, u: Uint8Array | null, start: number, end: number): void {
    const { b, ids, seen } = this;
    let place = 0;
    if (own !== undefined) {
      for (; place < own.length; place++) {
        const [k, v] = own[place]!;
        const keyId = ids.keyIdAt(place, k, 0, k.length);
        seen[place] = keyId;
        b.addFieldId(keyId, b.valueId(place, keyId, v));
      }
    }
    const sc = this.pairs;
    sc.reset(text, u, start, end);
    // The key and value at this place on the line before are the likely ones: the scanner checks them first.
    while (sc.next(ids.keyHint(place), ids.valueHint(place))) {
      const keyId = sc.keyExpected ? ids.hintedKeyId(place) : ids.keyIdAt(place, text, sc.keyStart, sc.keyEnd);
      if (includes(seen, place, keyId)) continue;
      seen[place] = keyId;
      let valueId: number;
      if (sc.valueExpected) valueId = ids.hintedValueId(ids.values);
      else if (sc.escaped) valueId = b.valueId(place, keyId, sc.value());
      else valueId = ids.valueIdAt(ids.values, place, keyId, text, sc.valueStart, sc.valueEnd, u);
      b.addFieldId(keyId, valueId);
      place++;
    }
    sc.reset('');
  }
}

/** Whether a line is empty or only whitespace (line.trim() === '', without the copy). */
function isBlank(line: string): boolean {
  const n = line.length;
  if (n === 0) return true;
  const c = line.charCodeAt(0);
  if (c > 32 && c < 127) return false;
  return line.trim() === '';
}

/** Whether list[0 .. n-1] holds x (a line has a handful of fields). */
function includes(list: readonly number[], n: number, x: number): boolean {
  for (let i = 0; i < n; i++) if (list[i] === x) return true;
  return false;
}
