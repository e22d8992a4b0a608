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
import { freshString } from '../../base/stringTable';
import type { FormatParser, ParseContext } from '../formatParser';
import { executionFor } from '../executionFor';
import { firstPresentKey, MESSAGE_KEYS, pickProcess, processNameOfInput, TIME_KEYS } from '../fieldConventions';
import { scanLogfmt } from '../keyValuePairs';
import type { EventHandle, ExecutionBuilder } from '../../model/executionBuilder';
import { LineSplitter, readWhole, type LineSink, type TextReader } from '../lineSplitter';
import type { WallTime } from '../../model/eventTime';
import { parseTimestamp } from '../../time/parseTimestamp';

export class LogfmtParser implements FormatParser {
  parse(input: string, text: string, ctx: ParseContext): void {
    readWhole(this.reader(input, '', ctx), text);
  }

  reader(input: string, _head: string, ctx: ParseContext): TextReader {
    return new LogfmtReader(input, ctx);
  }
}

class LogfmtReader implements LineSink, TextReader {
  private readonly b: ExecutionBuilder;
  private readonly fileProcess: string;
  private readonly splitter = new LineSplitter(this);
  private last: EventHandle = -1;
  private continued = 0;
  private firstContinued = 0;
  private badTimes = 0;
  private firstBadTime = 0;
  private badTimeSample = '';

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

    const values = new Map<string, string>();
    for (const [k, v] of scan.pairs) if (!values.has(k)) values.set(k, v);
    let timeKey = '';
    let time: WallTime | null = null;
    let timeCandidate = '';
    for (const k of TIME_KEYS) {
      const v = values.get(k);
      if (v === undefined) continue;
      time = parseTimestamp(v);
      if (time) {
        timeKey = k;
        break;
      }
      timeCandidate ||= k;
    }
    if (!time && timeCandidate && this.badTimes++ === 0) {
      this.firstBadTime = lineNo;
      this.badTimeSample = `${timeCandidate}=${values.get(timeCandidate)!.slice(0, 60)}`;
    }
    const { key: processKey, name, domain } = pickProcess((k) => values.get(k), this.fileProcess);
    const p = b.process(name, domain);
    const messageKey = firstPresentKey(MESSAGE_KEYS, (k) => values.has(k));
    const message = messageKey ? values.get(messageKey)! : line;
    this.last = b.beginEvent(p, time, freshString(message), input, lineNo);
    for (const [k, v] of values) if (k !== timeKey && k !== processKey && k !== messageKey) b.addField(k, v);
  }

  end(): void {
    this.splitter.end();
    const { ctx, input, continued, badTimes } = this;
    const d = ctx.diagnostics;
    if (continued > 0) {
      d.add(input, this.firstContinued, 'info', `${continued} line${continued === 1 ? '' : 's'} without key=value pairs kept as continuation of the record before ${continued === 1 ? 'it' : 'them'}`);
    }
    if (badTimes > 0) {
      d.add(input, this.firstBadTime, 'warning', `${badTimes} line${badTimes === 1 ? ' has a time field' : 's have time fields'} that could not be read as a timestamp (first: ${this.badTimeSample}); ${badTimes === 1 ? 'it has' : 'they have'} no time`);
    }
  }
}
