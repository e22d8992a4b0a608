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
import type { FormatParser, ParseContext } from '../formatParser';
import { executionFor } from '../executionFor';
import { firstPresentKey, MESSAGE_KEYS, pickProcess, processNameOfInput, TIME_KEYS } from '../fieldConventions';
import { scanLogfmt } from '../keyValuePairs';
import type { EventHandle } from '../../model/executionBuilder';
import type { WallTime } from '../../model/eventTime';
import { parseTimestamp } from '../../time/parseTimestamp';

export class LogfmtParser implements FormatParser {
  parse(input: string, text: string, ctx: ParseContext): void {
    const b = ctx.execution(executionFor(input, ctx));
    const d = ctx.diagnostics;
    const fileProcess = processNameOfInput(input);
    let last: EventHandle = -1;
    let continued = 0;
    let firstContinued = 0;
    let badTimes = 0;
    let firstBadTime = 0;
    let badTimeSample = '';

    let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    for (let lineNo = 1; pos < text.length; lineNo++) {
      let end = text.indexOf('\n', pos);
      if (end < 0) end = text.length;
      const raw = text.slice(pos, end);
      pos = end + 1;
      const line = raw.trim();
      if (line === '') continue;

      const scan = scanLogfmt(line);
      if (scan.error) {
        d.skip(input, lineNo, `not a logfmt line: ${scan.error}`);
        continue;
      }
      // A line of bare words only (no '=') is free text, not pairs.
      if (scan.pairs.length === scan.bareKeys) {
        if (last >= 0) {
          b.appendText(last, `\n${raw.replace(/\r$/, '')}`);
          if (continued++ === 0) firstContinued = lineNo;
        } else {
          d.skip(input, lineNo, 'line has no key=value pairs and no record before it to continue');
        }
        continue;
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
      if (!time && timeCandidate && badTimes++ === 0) {
        firstBadTime = lineNo;
        badTimeSample = `${timeCandidate}=${values.get(timeCandidate)!.slice(0, 60)}`;
      }
      const { key: processKey, name, domain } = pickProcess((k) => values.get(k), fileProcess);
      const p = b.process(name, domain);
      const messageKey = firstPresentKey(MESSAGE_KEYS, (k) => values.has(k));
      const message = messageKey ? values.get(messageKey)! : line;
      const fields: [string, string][] = [];
      for (const [k, v] of values) if (k !== timeKey && k !== processKey && k !== messageKey) fields.push([k, v]);
      last = b.addEvent(p, { time, text: message, fields, input, line: lineNo });
    }

    if (continued > 0) {
      d.add(input, firstContinued, 'info', `${continued} line${continued === 1 ? '' : 's'} without key=value pairs kept as continuation of the record before ${continued === 1 ? 'it' : 'them'}`);
    }
    if (badTimes > 0) {
      d.add(input, firstBadTime, 'warning', `${badTimes} line${badTimes === 1 ? ' has a time field' : 's have time fields'} that could not be read as a timestamp (first: ${badTimeSample}); ${badTimes === 1 ? 'it has' : 'they have'} no time`);
    }
  }
}
