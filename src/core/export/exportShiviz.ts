/**
 * ShiViz log export, in ShiViz's upload format, so any execution opens in
 * ShiViz (and reads back into Causeway with the same happened-before):
 *
 *   line 1  the record regex  SHIVIZ_EXPORT_REGEX
 *   line 2  the delimiter     `^=== (?<trace>.*) ===$` when there are several
 *                             executions (or one not named "default"), else empty
 *   then, per execution: `=== name ===` (with a delimiter), then per event in
 *   annotated causal order, as GoVector writes a record:
 *     host {"host":3,"peer":1} clock-skew-1,unmatched-send-2
 *     2026-03-14T09:00:10.000Z event text
 *
 * The ids after the clock (comma-separated, absent when none) are the
 * anomalies of the analysis document that involve the event.
 *
 * The clock is the engine's vector clock (zero entries left out, hosts in
 * process-name order), so ShiViz, which rebuilds messages from clocks, draws
 * exactly the happened-before of the analysis. Clock domains and the rule that
 * made each edge are not carried: on reading, each host is its own domain.
 * The message line starts with the event's raw time (the `date` group) or `-`
 * when it had none, then a space and the text, so times survive a round trip
 * and no message line can be mistaken for a delimiter line.
 *
 * The regex reads one line per part, so text is flattened: `\` becomes `\\`,
 * newline and carriage return become `\n` and `\r`, and U+2028, U+2029 (which
 * `.` does not match either), other control characters (a NUL would make the
 * file "not text") and lone surrogates (UTF-8 cannot carry them) become
 * `\uXXXX`. A host must match `\S+`, so in process names every whitespace
 * character, control character, lone surrogate and `%` is percent-escaped:
 * `%XX` (two uppercase hex digits) below U+0100, `%uXXXX` above; e.g. "web 1"
 * is written `web%201` and "50%" `50%25`. Both escapes are one-to-one, so
 * distinct processes stay distinct hosts. Execution names are flattened like
 * text (ShiViz trims the delimiter's trace name, as Causeway does on reading).
 */
import type { Analysis } from '../analysis/analyze';
import { DEFAULT_EXECUTION } from '../input/formatParser';
import { formatIso } from '../model/eventTime';
import { eventId, hasTime } from '../model/execution';
import { textInChunk } from '../document/docEvents';
import { buildAnalysisDocument } from '../document/analysisDocument';
import { eventAnnotations } from './eventAnnotations';

/**
 * GoVector's record regex, with the anomaly ids that involve the event after
 * the clock (ShiViz shows extra groups as fields) and the message line split
 * into an optional date and the text.
 */
export const SHIVIZ_EXPORT_REGEX = String.raw`^(?<host>\S+) (?<clock>\{.*\})(?: (?<anomalies>[^\s{}]+))?\n(?:-|(?<date>\S+)) (?<event>.*)$`;
/** Anchored at both ends: the scanner tests it against every line, records' lines included. */
export const SHIVIZ_EXPORT_DELIMITER = String.raw`^=== (?<trace>.*) ===$`;

const CHUNK_CHARS = 1 << 16;

/** Lone UTF-16 surrogates: UTF-8 cannot encode them, so a written file would lose them. */
const LONE_SURROGATE = String.raw`[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]`;
/** Control characters (a NUL makes the file "not text" to readers) and the rest. */
const CONTROL = String.raw`\u0000-\u0008\u000B-\u001F\u007F`;

const HOST_UNSAFE = new RegExp(String.raw`[\s%${CONTROL}]|${LONE_SURROGATE}`, 'g');
const TEXT_UNSAFE = new RegExp(String.raw`[\\\n\r\u2028\u2029${CONTROL}]|${LONE_SURROGATE}`, 'g');

/** A process name as a ShiViz host: whitespace, controls and `%` percent-escaped (see the module note). */
export function shivizHostName(name: string): string {
  return name.replace(HOST_UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `%${hex(code, 2)}` : `%u${hex(code, 4)}`;
  });
}

/** Text on one line, and printable: backslash, line terminators and controls escaped. */
export function shivizOneLine(text: string): string {
  return text.replace(TEXT_UNSAFE, (c) => {
    if (c === '\\') return '\\\\';
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    return `\\u${hex(c.charCodeAt(0), 4)}`;
  });
}

export function* exportShiviz(analysis: Analysis): Generator<string> {
  const runs = analysis.executions;
  const sections = runs.length > 1 || (runs.length === 1 && runs[0]!.execution.name !== DEFAULT_EXECUTION);
  yield `${SHIVIZ_EXPORT_REGEX}\n${sections ? SHIVIZ_EXPORT_DELIMITER : ''}\n`;
  const doc = buildAnalysisDocument(analysis, true);
  let pending = '';
  for (const [i, r] of runs.entries()) {
    const x = r.execution;
    const notes = eventAnnotations(doc.executions[i]!);
    if (sections) pending += `=== ${shivizOneLine(x.name)} ===\n`;
    const hosts = x.processNames.map((name) => JSON.stringify(shivizHostName(name)));
    const clock = new Uint32Array(hosts.length);
    for (const e of r.clocks.order) {
      r.clocks.vc.clockOf(e, clock);
      // Written by hand rather than through an object: a process named "__proto__" stays a plain key.
      const entries: string[] = [];
      for (let q = 0; q < hosts.length; q++) if (clock[q]! > 0) entries.push(`${hosts[q]}:${clock[q]}`);
      const host = shivizHostName(x.processNames[x.eventProc[e]!]!);
      const time = hasTime(x, e) ? formatIso(x.timeMs[e]!, x.timeNs[e]!, x.timeDigits[e]!) : '-';
      const ids = notes.anomalies(eventId(x, e)).map((a) => a.id);
      const marks = ids.length > 0 ? ` ${ids.join(',')}` : '';
      pending += `${host} {${entries.join(',')}}${marks}\n${time} ${shivizOneLine(textInChunk(x, e))}\n`;
      if (pending.length >= CHUNK_CHARS) {
        yield pending;
        pending = '';
      }
    }
  }
  if (pending !== '') yield pending;
}

function hex(n: number, width: number): string {
  return n.toString(16).toUpperCase().padStart(width, '0');
}
