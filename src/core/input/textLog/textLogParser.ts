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
import { keyValuePairsIn } from '../keyValuePairs';
import type { EventHandle, ExecutionBuilder } from '../../model/executionBuilder';
import type { WallTime } from '../../model/eventTime';
import { wallTimeOf } from '../../time/wallTimeOf';
import { learnTimestampShape } from './learnTimestampShape';
import type { LineStamp } from './timestampShapes';
import { YearChooser } from './yearChooser';

export const NO_TIMESTAMPS_MESSAGE = 'no timestamps: logical order only';

export class TextLogParser implements FormatParser {
  /** Per execution and app name, the host that first used the name. */
  private readonly hostOfApp = new Map<string, string>();

  parse(input: string, text: string, ctx: ParseContext): void {
    const execution = executionFor(input, ctx);
    const b = ctx.execution(execution);
    const d = ctx.diagnostics;
    const fileProcess = processNameOfInput(input);
    const shape = learnTimestampShape(text.slice(0, 65536));
    const years = shape && !shape.hasYear ? new YearChooser(text) : null;
    let last: EventHandle = -1;
    let events = 0;
    let badDates = 0;
    let firstBadDate = 0;
    const renamed = new Set<string>();

    let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    for (let lineNo = 1; pos < text.length; lineNo++) {
      let end = text.indexOf('\n', pos);
      if (end < 0) end = text.length;
      const line = text.charCodeAt(end - 1) === 13 ? text.slice(pos, end - 1) : text.slice(pos, end);
      pos = end + 1;
      if (line.trim() === '') continue;

      if (!shape) {
        const p = b.process(fileProcess);
        b.addEvent(p, { time: null, text: line, fields: keyValuePairsIn(line), input, line: lineNo });
        events++;
        continue;
      }
      const stamp = shape.read(line);
      if (!stamp) {
        if (last >= 0) {
          b.appendText(last, `\n${line}`);
        } else {
          d.skip(input, lineNo, `no ${shape.label} timestamp at the start of the line, and no record before it to continue`);
        }
        continue;
      }
      let time: WallTime | null = stamp.time;
      if (stamp.yearless && years) {
        time = wallTimeOf(years.yearFor(stamp.yearless.month), stamp.yearless);
        if (!time && badDates++ === 0) firstBadDate = lineNo;
      }
      const p = this.processOf(b, execution, stamp, fileProcess, renamed);
      const message = line.slice(stamp.rest);
      last = b.addEvent(p, { time, text: message, fields: fieldsOf(stamp, message), input, line: lineNo });
      events++;
    }

    if (!shape && events > 0) {
      d.add(input, 0, 'info', `${NO_TIMESTAMPS_MESSAGE} (${events} line${events === 1 ? '' : 's'} read as events in file order, without times)`);
    }
    if (years && events > 0) {
      const a = years.anchor;
      d.add(
        input,
        a?.line ?? 0,
        'info',
        a
          ? `${shape!.label} timestamps carry no year: taken from the dated timestamp on line ${a.line} (${a.year}), within six months of it`
          : `${shape!.label} timestamps carry no year and the input has no dated timestamp: year 1970 assumed ` +
              '(advancing at each December → January); times are right within the year only',
      );
    }
    if (badDates > 0) {
      d.add(input, firstBadDate, 'warning', `${badDates} timestamp${badDates === 1 ? ' is' : 's are'} not a valid date in the chosen year; ${badDates === 1 ? 'it has' : 'they have'} no time`);
    }
    if (renamed.size > 0) {
      d.add(input, 0, 'info', `app names used by several hosts were kept apart as app@host: ${[...renamed].sort().join(', ')}`);
    }
  }

  private processOf(b: ExecutionBuilder, execution: string, stamp: LineStamp, fileProcess: string, renamed: Set<string>): number {
    const { host, app } = stamp;
    if (app === undefined) return host === undefined ? b.process(fileProcess) : b.process(host, host);
    if (host === undefined) return b.process(app);
    const key = `${execution}\u0000${app}`;
    const first = this.hostOfApp.get(key);
    if (first === undefined) this.hostOfApp.set(key, host);
    if (first === undefined || first === host) return b.process(app, host);
    const name = `${app}@${host}`;
    renamed.add(name);
    return b.process(name, host);
  }
}

function fieldsOf(stamp: LineStamp, message: string): [string, string][] {
  const fields = stamp.fields ? stamp.fields.slice() : [];
  const pairs = keyValuePairsIn(message);
  if (pairs.length === 0) return fields;
  const have = new Set(fields.map(([k]) => k));
  for (const pair of pairs) if (!have.has(pair[0])) fields.push(pair);
  return fields;
}
