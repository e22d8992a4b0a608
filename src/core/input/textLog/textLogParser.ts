/**
 * Reads plain-text logs: one event per line that has a time in the layout and
 * at the place learnt from the input's first lines (LineTimes, learnTimeLayout).
 * A line without one continues the record before it (a stack trace, a wrapped
 * message) and is appended to its text, unless it looks like a record of its
 * own; such a line, or one before any record, is skipped and reported.
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
import { PROCESS_PENDING, type EventHandle, type ExecutionBuilder } from '../../model/executionBuilder';
import { LineSplitter, readWhole, type LineInSink, type TextReader } from '../lineSplitter';
import { IsoStampReader } from './isoStampReader';
import { LineTimes } from './lineTimes';
import type { LineStamp } from './timestampShapes';
import type { StampView } from './sourceColumn';
import { SourcePlan, SECTION_HEADER, TextSource } from './textSource';
import { serviceLaneName } from '../serviceLanes';

export { NO_TIMESTAMPS_MESSAGE } from './lineTimes';

export class TextLogParser implements FormatParser {
  readonly countsLines = true;

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
  /** The read stage's clock domain for the file's process; with `fixed`, every line is that process (a container's log). */
  private readonly fileDomain: string | undefined;
  private readonly fixed: boolean;
  /** The input's time layout and place, and what it says about them at the end. */
  private readonly times: LineTimes;
  /** The layout's read, or a faster one that reads the same. */
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
  /** Where each line names its source when the input holds several (textSource.ts), else null. */
  private readonly source: TextSource | null = null;
  /** A `key=` source on lines with no prefix: lineIn() goes to fieldLineIn(). */
  private readonly byFieldsInPlace: boolean;

  constructor(
    private readonly input: string,
    head: string,
    private readonly ctx: ParseContext,
    private readonly hostOfApp: Map<string, string>,
  ) {
    this.execution = executionFor(input, ctx);
    this.b = ctx.execution(this.execution);
    const source = ctx.sourceOf?.(input);
    this.fileProcess = source?.process ?? processNameOfInput(input);
    this.fileDomain = source?.domain;
    this.fixed = source?.process !== undefined;
    const wanted = ctx.options.sourceColumns;
    const plan = new SourcePlan(input, head, this.fixed ? 'none' : wanted && Object.hasOwn(wanted, input) ? wanted[input] : undefined);
    // 'none': the whole input is the file's process, whatever its lines name.
    if (plan.none) this.fixed = true;
    this.times = new LineTimes(input, plan.head, ctx);
    // An access log's time is taken when the request is logged (nginx: at its end), after what the line reports.
    if (this.times.placement?.entry.id === 'clf') this.b.markRecordedInput(input);
    this.isoReader = this.times.isoAtStart ? new IsoStampReader() : null;
    this.stampReader = this.isoReader ?? (this.times.placement ? this.times : null);
    this.ids = new SpanFieldIds(this.b);
    // The head's lines are read as line() reads them: the ISO fast read first, where it applies (its stamp is
    // reused line after line: what source detection keeps of it is copied).
    const iso = this.isoReader;
    const times = this.times;
    const viewOf = (st: LineStamp | null): StampView | null => st && { rest: st.rest, start: st.start, host: st.host, app: st.app };
    this.source = plan.open(times.placement ? (l) => (iso !== null ? (viewOf(iso.read(l)) ?? times.read(l)) : times.read(l)) : null, this.b, this.fileProcess, ctx, this.renamed);
    this.byFieldsInPlace = this.source !== null && this.source.byFields && this.source.strip === null;
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
    const src = this.source;
    if (this.byFieldsInPlace) {
      this.fieldLineIn(s, from, to, lineNo);
      return;
    }
    // A line's prefix naming its source comes off before its time is read (line() takes it off again: same answer).
    const at = src === null ? from : src.enter(s, from, to, this.last);
    if (at === SECTION_HEADER) return;
    if (src !== null) this.last = src.last;
    const stamp = u !== null && this.isoReader !== null ? this.isoReader.readIn(u, at, to, s) : null;
    if (stamp === null) {
      this.line(s.slice(from, to), lineNo);
      return;
    }
    const b = this.b;
    // The message s[stamp.rest, to): no slice where the builder keeps it as its place in the file (fileTexts.ts).
    if (src !== null && src.byFields) {
      // A `key=` source chosen over the lines' prefix.
      const h = (this.last = b.beginEventIn(PROCESS_PENDING, stamp.time, s, stamp.rest, to, this.input, lineNo));
      this.addFields(stamp.fields, s, u, stamp.rest, to);
      b.setProcess(h, this.processOf(stamp, src.fieldProcess(s, at, to)));
    } else {
      this.last = b.beginEventIn(this.processOf(stamp), stamp.time, s, stamp.rest, to, this.input, lineNo);
      this.addFields(stamp.fields, s, u, stamp.rest, to);
    }
    this.events++;
  }

  /**
   * lineIn() for a `key=` source on lines without a prefix: the record is
   * begun with PROCESS_PENDING, its fields read, and its process is the one
   * they name (TextSource.fieldProcess).
   */
  private fieldLineIn(s: string, from: number, to: number, lineNo: number): void {
    const u = this.u;
    const stamp = u !== null && this.isoReader !== null ? this.isoReader.readIn(u, from, to, s) : null;
    if (stamp === null) {
      this.line(s.slice(from, to), lineNo);
      return;
    }
    const b = this.b;
    const h = (this.last = b.beginEventIn(PROCESS_PENDING, stamp.time, s, stamp.rest, to, this.input, lineNo));
    this.addFields(stamp.fields, s, u, stamp.rest, to);
    b.setProcess(h, this.processOf(stamp, this.source!.fieldProcess(s, from, to)));
    this.events++;
  }

  line(raw: string, lineNo: number): void {
    const whole = lineNo === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    const src = this.source;
    const at = src === null ? 0 : src.enter(whole, 0, whole.length, this.last);
    if (at === SECTION_HEADER) return;
    if (src !== null) this.last = src.last;
    const line = at === 0 ? whole : src!.rebase(whole.slice(at));
    const times = this.times;
    times.lookForYear(line, lineNo);
    if (isBlank(line)) {
      times.blank++;
      return;
    }
    const b = this.b;
    if (!this.stampReader) {
      times.untimedEvent();
      const text = line;
      if (src !== null && src.byFields) {
        const h = b.beginEvent(PROCESS_PENDING, null, text, this.input, lineNo);
        this.addFields(undefined, text, null, 0, text.length);
        const named = src.fieldProcess(line, 0, line.length);
        b.setProcess(h, named >= 0 ? named : b.process(this.fileProcess, this.fileDomain));
      } else {
        const named = src === null ? -1 : src.process();
        const p = named >= 0 ? named : b.process(this.fileProcess, this.fileDomain);
        b.beginEvent(p, null, text, this.input, lineNo);
        this.addFields(undefined, text, null, 0, text.length);
      }
      this.events++;
      return;
    }
    // The ISO fast read turns down what the layout may still read at the line's start (a quoted time).
    const stamp = this.stampReader.read(line) ?? (this.isoReader !== null ? times.read(line) : null);
    if (!stamp) {
      if (times.unread(line, lineNo, this.last >= 0, whole)) b.appendText(this.last, `\n${line}`);
      return;
    }
    // A slice, not a copy: the builder's text column joins texts into chunk strings of its own.
    const message = stamp.inside ? times.messageOf(line, stamp) : line.slice(stamp.rest);
    const byFields = src !== null && src.byFields;
    const h = b.beginEvent(byFields ? PROCESS_PENDING : this.processOf(stamp), times.timeOf(stamp), message, this.input, lineNo);
    if (stamp.yearless && times.yearless) times.later(h, stamp.yearless, lineNo);
    this.addFields(stamp.fields, message, null, 0, message.length);
    if (byFields) b.setProcess(h, this.processOf(stamp, src.fieldProcess(line, 0, line.length)));
    this.last = h;
    this.events++;
  }

  end(): void {
    this.splitter.end();
    const { ctx, input, events } = this;
    ctx.reportReading?.(input, { lines: this.splitter.lines });
    const d = ctx.diagnostics;
    this.times.end(this.b, events);
    this.source?.end(ctx, input);
    if (this.renamed.size > 0) {
      d.add(input, 0, 'info', `app names used by several hosts were kept apart as app@host: ${[...this.renamed].sort().join(', ')}`);
    }
  }

  /** The process of a record; `named`: the one its source names (-1: none), by default read now. */
  private processOf(stamp: LineStamp, named = this.source !== null ? this.source.process(stamp) : -1): number {
    const { b } = this;
    const { host, app } = stamp;
    if (named >= 0) return named;
    if ((app === undefined && host === undefined) || this.fixed) {
      if (this.fileP < 0) this.fileP = b.process(this.fileProcess, this.fileDomain);
      return this.fileP;
    }
    // Syslog lines come in runs from one host and app: the lane (and its rename) is worked out once per run.
    if (this.lastP >= 0 && host === this.lastHost && app === this.lastApp) return this.lastP;
    this.lastHost = host;
    this.lastApp = app;
    const p = this.laneOf(host, app);
    return (this.lastP = this.source !== null ? this.source.counted(p) : p);
  }

  private laneOf(host: string | undefined, app: string | undefined): number {
    const { b } = this;
    if (app === undefined) return b.process(host!, host);
    if (host === undefined) return b.process(app);
    // Lanes shared with every reader of the execution (serviceLanes.ts): `app@host` on a second host.
    const name = serviceLaneName(b, app, host);
    if (name !== app) this.renamed.add(name);
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
    ids.addScannedPairs(this.pairs, text, u, start, end, seen, place);
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
