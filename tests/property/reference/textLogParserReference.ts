// The text-log reader as it was before its fast path (IsoStampReader, KeyValueScanner, SpanFieldIds):
// kept as the reference the reader must agree with, event for event (textLogFastPath.test.ts).
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
import { freshString } from '../../../src/core/base/stringTable';
import type { FormatParser, ParseContext } from '../../../src/core/input/formatParser';
import { executionFor } from '../../../src/core/input/executionFor';
import { processNameOfInput } from '../../../src/core/input/fieldConventions';
import { keyValuePairsIn } from '../../../src/core/input/keyValuePairs';
import type { EventHandle, ExecutionBuilder } from '../../../src/core/model/executionBuilder';
import { wallTimeOf } from '../../../src/core/time/wallTimeOf';
import { LineSplitter, readWhole, type LineSink, type TextReader } from '../../../src/core/input/lineSplitter';
import type { YearlessTime } from '../../../src/core/time/wallTimeOf';
import { learnTimestampShape } from '../../../src/core/input/textLog/learnTimestampShape';
import type { LineStamp, TimestampShape } from '../../../src/core/input/textLog/timestampShapes';
import { YearChooser, yearAnchorIn, type YearAnchor } from '../../../src/core/input/textLog/yearChooser';

import { NO_TIMESTAMPS_MESSAGE } from '../../../src/core/input/textLog/textLogParser';

export class ReferenceTextLogParser implements FormatParser {
  /** Per execution and app name, the host that first used the name. */
  private readonly hostOfApp = new Map<string, string>();

  parse(input: string, text: string, ctx: ParseContext): void {
    readWhole(this.reader(input, text.slice(0, 65536), ctx), text);
  }

  reader(input: string, head: string, ctx: ParseContext): TextReader {
    return new ReferenceTextLogReader(input, head, ctx, this.hostOfApp);
  }
}

class ReferenceTextLogReader implements LineSink, TextReader {
  private readonly execution: string;
  private readonly b: ExecutionBuilder;
  private readonly fileProcess: string;
  private readonly shape: TimestampShape | null;
  private readonly splitter = new LineSplitter(this);
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
  }

  text(chunk: string): void {
    this.splitter.text(chunk);
  }

  line(raw: string, lineNo: number): void {
    const line = lineNo === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    const shape = this.shape;
    if (shape && !shape.hasYear && !this.anchor) this.anchor = yearAnchorIn(line, lineNo);
    if (isBlank(line)) return;
    const b = this.b;
    if (!shape) {
      const p = b.process(this.fileProcess);
      b.beginEvent(p, null, freshString(line), this.input, lineNo);
      for (const [k, v] of keyValuePairsIn(line)) b.addField(k, v);
      this.events++;
      return;
    }
    const stamp = shape.read(line);
    if (!stamp) {
      if (this.last >= 0) {
        b.appendText(this.last, `\n${line}`);
      } else {
        this.ctx.diagnostics.skip(this.input, lineNo, `no ${shape.label} timestamp at the start of the line, and no record before it to continue`);
      }
      return;
    }
    const p = this.processOf(stamp);
    // The copy is flat: scanning it for pairs is quicker than scanning a slice of the chunk.
    const message = freshString(line.slice(stamp.rest));
    const h = b.beginEvent(p, stamp.time, message, this.input, lineNo);
    if (stamp.yearless && !shape.hasYear) this.yearless.push({ h, t: stamp.yearless, line: lineNo });
    addFields(b, stamp, message);
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
    if (app === undefined) return host === undefined ? b.process(this.fileProcess) : b.process(host, host);
    if (host === undefined) return b.process(app);
    const key = `${this.execution}\u0000${app}`;
    const first = this.hostOfApp.get(key);
    if (first === undefined) this.hostOfApp.set(key, host);
    if (first === undefined || first === host) return b.process(app, host);
    const name = `${app}@${host}`;
    this.renamed.add(name);
    return b.process(name, host);
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

/** Header fields of the stamp, then key=value pairs of the message whose keys the header did not give. */
function addFields(b: ExecutionBuilder, stamp: LineStamp, message: string): void {
  const own = stamp.fields;
  const ownCount = own ? own.length : 0;
  for (let i = 0; i < ownCount; i++) b.addField(own![i]![0], own![i]![1]);
  const pairs = keyValuePairsIn(message);
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i]!;
    if (ownCount > 0 && hasKey(own!, pair[0])) continue;
    b.addField(pair[0], pair[1]);
  }
}

/** Whether a header field has this key (headers have a handful of fields). */
function hasKey(fields: readonly [string, string][], key: string): boolean {
  for (let i = 0; i < fields.length; i++) if (fields[i]![0] === key) return true;
  return false;
}
