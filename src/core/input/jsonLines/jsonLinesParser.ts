/**
 * Reads JSON lines (one JSON object per line, as structured loggers write:
 * pino, bunyan, zap, logrus, structlog, Docker/Kubernetes JSON logs) into
 * events, one event per line, in the input's execution (executionFor).
 *
 * Well-known field names carry the event's time, process and text (first
 * present wins, in the order of fieldConventions.ts, shared with logfmt and
 * CSV); every other top-level field becomes an event field as text, so
 * correlation rules can look at it later.
 *
 * A line that is not a JSON object is skipped with a diagnostic naming its
 * line, and reading goes on. The parsed object of a line lives only while that
 * line is read; only the builder's columns are kept.
 */
import type { FormatParser, ParseContext } from '../formatParser';
import { executionFor } from '../executionFor';
import { firstPresentKey, MESSAGE_KEYS, pickProcess, processNameOfInput, TIME_KEYS } from '../fieldConventions';
import type { WallTime } from '../../model/eventTime';
import { parseEpochText } from '../../time/parseEpoch';
import { parseTimestamp } from '../../time/parseTimestamp';
import { jsonValueText, rawNumberText } from './jsonValueText';

// Kept as re-exports: the conventions used to live here.
export { HOST_KEYS, MESSAGE_KEYS, PROCESS_KEYS, TIME_KEYS, processNameOfInput } from '../fieldConventions';

type JsonObject = Record<string, unknown>;

export class JsonLinesParser implements FormatParser {
  parse(input: string, text: string, ctx: ParseContext): void {
    const b = ctx.execution(executionFor(input, ctx));
    const fileProcess = processNameOfInput(input);
    let badTimes = 0;
    let firstBadTime = 0;
    let badTimeSample = '';

    let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    for (let lineNo = 1; pos < text.length; lineNo++) {
      let end = text.indexOf('\n', pos);
      if (end < 0) end = text.length;
      const line = text.slice(pos, end).trim(); // also drops a CR of CRLF
      pos = end + 1;
      if (line === '') continue;

      const obj = parseObject(line);
      if (typeof obj === 'string') {
        ctx.diagnostics.skip(input, lineNo, obj);
        continue;
      }

      let timeKey = '';
      let time: WallTime | null = null;
      let timeCandidate = '';
      for (const k of TIME_KEYS) {
        if (!Object.hasOwn(obj, k)) continue;
        time = timeOf(obj[k], k, line);
        if (time) {
          timeKey = k;
          break;
        }
        if (!timeCandidate) timeCandidate = k;
      }
      if (!time && timeCandidate) {
        if (badTimes++ === 0) {
          firstBadTime = lineNo;
          badTimeSample = `${timeCandidate}: ${jsonValueText(obj[timeCandidate], timeCandidate, line).slice(0, 60)}`;
        }
      }

      const { key: processKey, name, domain } = pickProcess((k) => scalarText(obj, k), fileProcess);
      const p = b.process(name, domain);

      const messageKey = firstPresentKey(MESSAGE_KEYS, (k) => Object.hasOwn(obj, k));
      const message = messageKey ? jsonValueText(obj[messageKey], messageKey, line) : line;

      const fields: [string, string][] = [];
      for (const k of Object.keys(obj)) {
        if (k === timeKey || k === processKey || k === messageKey) continue;
        fields.push([k, jsonValueText(obj[k], k, line)]);
      }
      b.addEvent(p, { time, text: message, fields, input, line: lineNo });
    }

    if (badTimes > 0) {
      ctx.diagnostics.add(
        input,
        firstBadTime,
        'warning',
        `${badTimes} line${badTimes === 1 ? ' has a time field' : 's have time fields'} that could not be read as a timestamp ` +
          `(first: ${badTimeSample}); ${badTimes === 1 ? 'it has' : 'they have'} no time`,
      );
    }
  }
}

/** The object on a line, or why the line is not one. */
function parseObject(line: string): JsonObject | string {
  if (line[0] !== '{') {
    return line[0] === '[' ? 'line is a JSON array, not an object' : 'line is not a JSON object';
  }
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (err) {
    // The engine's message may quote the whole line; keep it short.
    const why = err instanceof Error ? err.message.slice(0, 100) : String(err);
    return `line is not valid JSON: ${why}`;
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return 'line is not a JSON object';
  return v as JsonObject;
}

function timeOf(value: unknown, key: string, line: string): WallTime | null {
  if (typeof value === 'string') return parseTimestamp(value);
  if (typeof value !== 'number') return null;
  // A nanosecond epoch as a JSON number has lost its last digits to float64.
  if (Number.isInteger(value) && !Number.isSafeInteger(value)) return parseEpochText(rawNumberText(line, key, value));
  return parseTimestamp(value);
}

/** A string or number field as text; other values do not name a process. */
function scalarText(obj: JsonObject, k: string): string | undefined {
  if (!Object.hasOwn(obj, k)) return undefined;
  const v = obj[k];
  return (typeof v === 'string' && v !== '') || typeof v === 'number' ? String(v) : undefined;
}
