// The logfmt reader as it was before its fast path (LogfmtScanner spans, SpanFieldIds): kept as the
// reference the reader must agree with, event for event (logfmtFastPath.test.ts).
/**
 * Reads logfmt (`ts=... level=info msg="payment sent" req_id=7 to=ledger`),
 * one event per line, with the field conventions of JSON lines
 * (fieldConventions.ts): the first time, process and message keys present
 * give the event's time, lane and text, and every other pair is a field.
 *
 * A line with no pairs continues the record before it (a stack trace printed
 * after a logfmt line) and is appended to its text; one diagnostic counts
 * them. A line that breaks the syntax (an unterminated quote) is skipped and
 * reported, as is a pair-less line before any record.
 */
import { freshString } from '../../../src/core/base/stringTable';
import type { FormatParser, ParseContext } from '../../../src/core/input/formatParser';
import { executionFor } from '../../../src/core/input/executionFor';
import { processNameOfInput } from '../../../src/core/input/fieldConventions';
import { KeyShapeCache, pickShapeProcess, ProcessCache, unreadableTimesMessage, type PickedProcess } from '../../../src/core/input/keyShapes';
import { scanLogfmt } from '../../../src/core/input/keyValuePairs';
import type { EventHandle, ExecutionBuilder } from '../../../src/core/model/executionBuilder';
import { LineSplitter, readWhole, type LineSink, type TextReader } from '../../../src/core/input/lineSplitter';
import type { WallTime } from '../../../src/core/model/eventTime';
import { parseTimestamp } from '../../../src/core/time/parseTimestamp';

export class ReferenceLogfmtParser implements FormatParser {
  parse(input: string, text: string, ctx: ParseContext): void {
    readWhole(this.reader(input, '', ctx), text);
  }

  reader(input: string, _head: string, ctx: ParseContext): TextReader {
    return new ReferenceLogfmtReader(input, ctx);
  }
}

class ReferenceLogfmtReader implements LineSink, TextReader {
  private readonly b: ExecutionBuilder;
  private readonly fileProcess: string;
  private readonly splitter = new LineSplitter(this);
  private last: EventHandle = -1;
  private continued = 0;
  private firstContinued = 0;
  private badTimes = 0;
  private firstBadTime = 0;
  private badTimeSample = '';
  private readonly shapes = new KeyShapeCache();
  private readonly processes = new ProcessCache();
  private readonly picked: PickedProcess = { at: -1, name: '', domain: undefined };
  /** The pairs of the line being read, for the accessors below (made once, not per line). */
  private pairs: readonly [string, string][] = [];
  private readonly keyAt = (i: number) => this.pairs[i]![0];
  private readonly usableAt = (i: number) => {
    const v = this.pairs[i]![1];
    return v === '' ? undefined : v;
  };

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

  line(text: string, lineNo: number): void {
    const raw = lineNo === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const line = raw.trim();
    if (line === '') return;
    const { b, ctx, input } = this;
    const d = ctx.diagnostics;

    const scan = scanLogfmt(line);
    if (scan.error) {
      d.skip(input, lineNo, `not a logfmt line: ${scan.error}`);
      return;
    }
    // A line of bare words only (no '=') is free text, not pairs.
    if (scan.pairs.length === scan.bareKeys) {
      if (this.last >= 0) {
        b.appendText(this.last, `\n${raw}`);
        if (this.continued++ === 0) this.firstContinued = lineNo;
      } else {
        d.skip(input, lineNo, 'line has no key=value pairs and no record before it to continue');
      }
      return;
    }

    const pairs = scan.pairs;
    this.pairs = pairs;
    const shape = this.shapes.find(pairs.length, this.keyAt);
    const firsts = shape.firsts;
    let timeAt = -1;
    let time: WallTime | null = null;
    let candidateAt = -1;
    for (let r = 0; r < shape.time.length; r++) {
      const at = shape.time[r]!;
      time = parseTimestamp(pairs[at]![1]);
      if (time) {
        timeAt = at;
        break;
      }
      if (candidateAt < 0) candidateAt = at;
    }
    if (!time && candidateAt >= 0 && this.badTimes++ === 0) {
      this.firstBadTime = lineNo;
      this.badTimeSample = `${pairs[candidateAt]![0]}=${pairs[candidateAt]![1].slice(0, 60)}`;
    }
    const { at: processAt, name, domain } = pickShapeProcess(shape, this.usableAt, this.fileProcess, this.picked);
    const p = this.processes.get(b, name, domain);
    const messageAt = shape.message;
    const message = messageAt >= 0 ? pairs[messageAt]![1] : line;
    this.last = b.beginEvent(p, time, freshString(message), input, lineNo);
    for (let f = 0; f < firsts.length; f++) {
      const at = firsts[f]!;
      if (at !== timeAt && at !== processAt && at !== messageAt) b.addField(pairs[at]![0], pairs[at]![1]);
    }
  }

  end(): void {
    this.splitter.end();
    const { ctx, input, continued, badTimes } = this;
    const d = ctx.diagnostics;
    if (continued > 0) {
      d.add(input, this.firstContinued, 'info', `${continued} line${continued === 1 ? '' : 's'} without key=value pairs kept as continuation of the record before ${continued === 1 ? 'it' : 'them'}`);
    }
    if (badTimes > 0) {
      d.add(input, this.firstBadTime, 'warning', unreadableTimesMessage(badTimes, this.badTimeSample));
    }
  }
}
