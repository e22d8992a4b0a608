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
 */
import type { FormatParser, ParseContext } from '../formatParser';
import { executionFor } from '../executionFor';
import { processNameOfInput } from '../fieldConventions';
import { keyValuePairsIn } from '../keyValuePairs';
import { LineSplitter, readWhole, type TextReader } from '../lineSplitter';
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

interface Pending {
  time: WallTime | null;
  line: number;
  parts: string[];
}

class CriReader implements TextReader {
  private readonly b: ExecutionBuilder;
  private readonly p: number;
  private readonly splitter: LineSplitter;
  /** Unfinished partial lines, per stream: [stdout, stderr]. */
  private readonly pending: (Pending | null)[] = [null, null];
  private timed = 0;
  private continuation = 0;
  private skipped = 0;
  private blank = 0;
  private readonly samples: LineSample[] = [];

  constructor(
    private readonly input: string,
    private readonly ctx: ParseContext,
  ) {
    this.b = ctx.execution(executionFor(input, ctx));
    const source = ctx.sourceOf?.(input);
    this.p = this.b.process(source?.process ?? processNameOfInput(input), source?.domain);
    this.splitter = new LineSplitter({ line: (s, n) => this.line(s, n) });
  }

  text(chunk: string): void {
    this.splitter.text(chunk);
  }

  private line(raw: string, lineNo: number): void {
    const line = lineNo === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    if (line.trim() === '') {
      this.blank++;
      return;
    }
    // `<time> <stream> <tag> <content>`: three spaces, found by hand (this runs on every line).
    const s1 = line.indexOf(' ');
    const s2 = s1 < 0 ? -1 : line.indexOf(' ', s1 + 1);
    const s3 = s2 < 0 ? -1 : line.indexOf(' ', s2 + 1);
    const tagEnd = s3 < 0 ? line.length : s3;
    const stream = s2 > s1 ? line.slice(s1 + 1, s2) : '';
    const tag = s2 >= 0 && tagEnd === s2 + 2 ? line.charCodeAt(s2 + 1) : 0;
    const time = s1 >= 16 ? parseTimestampIn(line, 0, s1) : null;
    const which = stream === 'stdout' ? 0 : stream === 'stderr' ? 1 : -1;
    if (!time || which < 0 || (tag !== 70 /* F */ && tag !== 80) /* P */) {
      this.skipped++;
      if (this.samples.length < 3) this.samples.push(sampleOf(lineNo, line));
      this.ctx.diagnostics.skip(this.input, lineNo, 'not a CRI container log line (`<time> <stdout|stderr> <F|P> <text>`)');
      return;
    }
    const content = s3 < 0 ? '' : line.slice(s3 + 1);
    let open = this.pending[which];
    if (open) this.continuation++;
    else open = this.pending[which] = { time, line: lineNo, parts: [] };
    open.parts.push(content);
    if (tag === 70) {
      this.pending[which] = null;
      this.emit(open, stream);
    }
  }

  private emit(rec: Pending, stream: string): void {
    const text = rec.parts.length === 1 ? rec.parts[0]! : rec.parts.join('');
    const b = this.b;
    b.beginEvent(this.p, rec.time, text, this.input, rec.line);
    b.addField('stream', stream);
    for (const [k, v] of keyValuePairsIn(text)) if (k !== 'stream') b.addField(k, v);
    this.timed++;
  }

  end(): void {
    this.splitter.end();
    // A partial line the log ends with is still an event.
    this.pending.forEach((open, i) => {
      if (open) this.emit(open, i === 0 ? 'stdout' : 'stderr');
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
