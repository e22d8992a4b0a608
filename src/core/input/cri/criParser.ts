/**
 * Reads CRI container logs (criFormat.ts): one event per logical line, timed
 * by the runtime's stamp (the clock of the node the container ran on). A
 * partial line (`P`) and the lines after it on the same stream up to the next
 * full one (`F`) are one event, at the first fragment's time and line; stdout
 * and stderr are joined apart, as the runtime may interleave them. The stream
 * is a field, and key=value pairs in the content become fields (as in text
 * logs), so edge inference sees request ids.
 *
 * The process is the input's file name, unless the read stage says whose log
 * it is (ParseContext.sourceOf: `container@pod` in a support bundle, with the
 * pod's node as its clock domain). A line not in the CRI shape is skipped and
 * reported.
 *
 * Lines are read where they lie in the decoded chunk (LineSplitter's
 * in-place mode): the prefix by finding its three spaces, the time by
 * parseTimestampIn, pairs by KeyValueScanner and SpanFieldIds as in text
 * logs; only the content is sliced.
 */
import type { FormatParser, ParseContext } from '../formatParser';
import { executionFor } from '../executionFor';
import { processNameOfInput } from '../fieldConventions';
import { KeyValueScanner } from '../keyValuePairs';
import { LineSplitter, readWhole, type LineInSink, type TextReader } from '../lineSplitter';
import { SpanFieldIds } from '../spanFieldIds';
import type { ExecutionBuilder } from '../../model/executionBuilder';
import type { WallTime } from '../../model/eventTime';
import { parseTimestampIn } from '../../time/parseTimestamp';
import { sampleOf, type LineSample } from '../../read/readingReport';

export class CriParser implements FormatParser {
  parse(input: string, text: string, ctx: ParseContext): void {
    readWhole(this.reader(input, text.slice(0, 65536), ctx), text);
  }

  reader(input: string, _head: string, ctx: ParseContext): TextReader {
    return new CriReader(input, ctx);
  }
}

/** A partial line waiting for the rest of its record. */
interface Pending {
  time: WallTime | null;
  line: number;
  parts: string[];
}

const STREAMS = ['stdout', 'stderr'] as const;

class CriReader implements LineInSink, TextReader {
  private readonly b: ExecutionBuilder;
  private readonly p: number;
  private readonly splitter: LineSplitter;
  private readonly pairs = new KeyValueScanner();
  private readonly ids: SpanFieldIds;
  /** The `stream` key's id and its two values', interned on first use. */
  private streamKey = -1;
  private readonly streamValue = [-1, -1];
  /** Key ids of the fields of the event being read: a repeated key keeps its first value. */
  private readonly seen: number[] = [];
  /** Unfinished partial lines, per stream: [stdout, stderr]. */
  private readonly pending: (Pending | null)[] = [null, null];
  /** The aligned bytes of the chunk being read (ChunkDecoder.aligned), or null. */
  private u: Uint8Array | null = null;
  private timed = 0;
  private continuation = 0;
  private skipped = 0;
  private blank = 0;
  private readonly samples: LineSample[] = [];

  constructor(
    private readonly input: string,
    private readonly ctx: ParseContext,
  ) {
    const b = (this.b = ctx.execution(executionFor(input, ctx)));
    const source = ctx.sourceOf?.(input);
    this.p = b.process(source?.process ?? processNameOfInput(input), source?.domain);
    this.splitter = new LineSplitter(this, this);
    this.ids = new SpanFieldIds(b);
  }

  text(chunk: string, bytes?: Uint8Array | null): void {
    this.u = bytes && bytes.length === chunk.length ? bytes : null;
    this.splitter.text(chunk);
    this.u = null;
  }

  line(raw: string, lineNo: number): void {
    const u = this.u;
    this.u = null;
    const from = lineNo === 1 && raw.charCodeAt(0) === 0xfeff ? 1 : 0;
    this.lineIn(raw, from, raw.length, lineNo);
    this.u = u;
  }

  /** `<time> <stream> <tag> <content>`: three spaces, found by hand (this runs on every line). */
  lineIn(s: string, from: number, to: number, lineNo: number): void {
    const s1 = s.indexOf(' ', from);
    if (s1 < 0 || s1 >= to) return this.other(s, from, to, lineNo);
    const s2 = s.indexOf(' ', s1 + 1);
    if (s2 < 0 || s2 >= to) return this.other(s, from, to, lineNo);
    const which = s2 - s1 === 7 && s.startsWith('stdout', s1 + 1) ? 0 : s2 - s1 === 7 && s.startsWith('stderr', s1 + 1) ? 1 : -1;
    const tag = s.charCodeAt(s2 + 1);
    const afterTag = s2 + 2;
    const time = which >= 0 && s1 - from >= 16 ? parseTimestampIn(s, from, s1) : null;
    if (!time || (tag !== 70 /* F */ && tag !== 80) /* P */ || (afterTag < to && s.charCodeAt(afterTag) !== 32)) return this.other(s, from, to, lineNo);
    const contentAt = Math.min(afterTag + 1, to);
    const open = this.pending[which] ?? null;
    if (open === null && tag === 70) {
      // A whole line: its content is read in place.
      this.emit(time, lineNo, which, s, contentAt, to, this.u);
      return;
    }
    const content = s.slice(contentAt, to);
    if (open !== null) {
      this.continuation++;
      open.parts.push(content);
    } else this.pending[which] = { time, line: lineNo, parts: [content] };
    if (tag === 70) {
      const rec = this.pending[which]!;
      this.pending[which] = null;
      const text = rec.parts.join('');
      this.emit(rec.time, rec.line, which, text, 0, text.length, null);
    }
  }

  /** A blank line, or one not in the CRI shape (skipped and reported). */
  private other(s: string, from: number, to: number, lineNo: number): void {
    let blank = true;
    for (let i = from; i < to && blank; i++) blank = s.charCodeAt(i) <= 32;
    if (blank || s.slice(from, to).trim() === '') {
      this.blank++;
      return;
    }
    this.skipped++;
    if (this.samples.length < 3) this.samples.push(sampleOf(lineNo, s.slice(from, to)));
    this.ctx.diagnostics.skip(this.input, lineNo, 'not a CRI container log line (`<time> <stdout|stderr> <F|P> <text>`)');
  }

  /** The event text[start, end), with the stream and the message's key=value pairs as fields. */
  private emit(time: WallTime | null, lineNo: number, which: number, text: string, start: number, end: number, u: Uint8Array | null): void {
    const { b, ids, seen } = this;
    b.beginEvent(this.p, time, start === 0 && end === text.length ? text : text.slice(start, end), this.input, lineNo);
    if (this.streamKey < 0) this.streamKey = b.strings.intern('stream');
    let stream = this.streamValue[which]!;
    if (stream < 0) stream = this.streamValue[which] = b.strings.intern(STREAMS[which]!);
    b.addFieldId(this.streamKey, stream);
    seen[0] = this.streamKey;
    let place = 1;
    ids.addScannedPairs(this.pairs, text, u, start, end, seen, place);
    this.timed++;
  }

  end(): void {
    this.splitter.end();
    // A partial line the log ends with is still an event.
    this.pending.forEach((open, which) => {
      if (!open) return;
      const text = open.parts.join('');
      this.emit(open.time, open.line, which, text, 0, text.length, null);
    });
    this.pending.fill(null);
    this.ctx.reportReading?.(this.input, {
      lines: this.splitter.lines,
      timed: this.timed,
      continuation: this.continuation,
      skipped: this.skipped,
      blank: this.blank,
      skippedSamples: this.samples,
      timeLayout: 'iso8601',
      timeLayoutLabel: 'RFC 3339 (CRI log prefix)',
      timePosition: 0,
    });
  }
}
