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
import { PROCESS_PENDING, type EventHandle, type ExecutionBuilder } from '../../../src/core/model/executionBuilder';
import { LineSplitter, readWhole, type LineSink, type TextReader } from '../../../src/core/input/lineSplitter';
import { LineTimes } from '../../../src/core/input/textLog/lineTimes';
import type { LineStamp } from '../../../src/core/input/textLog/timestampShapes';
import { SECTION_HEADER, SourcePlan, type TextSource } from '../../../src/core/input/textLog/textSource';
import { serviceLaneName } from '../../../src/core/input/serviceLanes';

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
  /** The input's time layout and place (the reader's own: what this reference holds the fast path to is the reading around it). */
  private readonly times: LineTimes;
  private readonly splitter = new LineSplitter(this);
  private last: EventHandle = -1;
  private events = 0;
  private readonly renamed = new Set<string>();
  /** Where lines name their sources: the reader's own (textSource.ts), as the time layout is. */
  private readonly source: TextSource | null;

  constructor(
    private readonly input: string,
    head: string,
    private readonly ctx: ParseContext,
    private readonly hostOfApp: Map<string, string>,
  ) {
    this.execution = executionFor(input, ctx);
    this.b = ctx.execution(this.execution);
    this.fileProcess = processNameOfInput(input);
    const wanted = ctx.options.sourceColumns;
    const plan = new SourcePlan(input, head, wanted && Object.hasOwn(wanted, input) ? wanted[input] : undefined);
    this.times = new LineTimes(input, plan.head, ctx);
    this.source = plan.open(this.times.placement ? (l) => this.times.read(l) : null, this.b, this.fileProcess, ctx, this.renamed);
  }

  text(chunk: string): void {
    this.splitter.text(chunk);
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
    if (!times.placement) {
      times.untimedEvent();
      if (src !== null && src.byFields) {
        // A `key=` source names the process by the record's fields: it is set once they are read.
        const h = b.beginEvent(PROCESS_PENDING, null, freshString(line), this.input, lineNo);
        for (const [k, v] of keyValuePairsIn(line)) b.addField(k, v);
        const named = src.fieldProcess(line, 0, line.length);
        b.setProcess(h, named >= 0 ? named : b.process(this.fileProcess));
      } else {
        const named = src === null ? -1 : src.process();
        const p = named >= 0 ? named : b.process(this.fileProcess);
        b.beginEvent(p, null, freshString(line), this.input, lineNo);
        for (const [k, v] of keyValuePairsIn(line)) b.addField(k, v);
      }
      this.events++;
      return;
    }
    const stamp = times.read(line);
    if (!stamp) {
      if (times.unread(line, lineNo, this.last >= 0)) b.appendText(this.last, `\n${line}`);
      return;
    }
    // The copy is flat: scanning it for pairs is quicker than scanning a slice of the chunk.
    const message = freshString(times.messageOf(line, stamp));
    const byFields = src !== null && src.byFields;
    const h = b.beginEvent(byFields ? PROCESS_PENDING : this.processOf(stamp), times.timeOf(stamp), message, this.input, lineNo);
    if (stamp.yearless && times.yearless) times.later(h, stamp.yearless, lineNo);
    addFields(b, stamp, message);
    if (byFields) b.setProcess(h, this.processOf(stamp, src!.fieldProcess(line, 0, line.length)));
    this.last = h;
    this.events++;
  }

  end(): void {
    this.splitter.end();
    const { ctx, input, events } = this;
    const d = ctx.diagnostics;
    this.times.end(this.b, events);
    this.source?.end(ctx, input);
    if (this.renamed.size > 0) {
      d.add(input, 0, 'info', `app names used by several hosts were kept apart as app@host: ${[...this.renamed].sort().join(', ')}`);
    }
  }

  private processOf(stamp: LineStamp, named = this.source === null ? -1 : this.source.process(stamp)): number {
    const { b } = this;
    const { host, app } = stamp;
    if (named >= 0) return named;
    if (app === undefined) return host === undefined ? b.process(this.fileProcess) : b.process(host, host);
    if (host === undefined) return b.process(app);
    // The lanes every reader of the execution shares (serviceLanes.ts).
    const name = serviceLaneName(b, app, host);
    if (name !== app) this.renamed.add(name);
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
