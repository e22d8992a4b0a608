/**
 * The ShiViz / GoVector input format. parse() cuts each input into records
 * with a ShiViz regex (the user's, the one on line 1 of ShiViz's upload
 * format, GoVector's, or ShiViz's default, in that order of preference) and
 * keeps them per execution; nothing is placed until finish(), because a
 * GoVector set writes one file per process and a host's program order, like
 * the messages between hosts, is only known from all files' clocks together.
 * finish() orders each host by its own clock entry, checks that numbering,
 * adds the events in that order and derives message edges from the clocks.
 * The raw clock stays on each event as the field `clock`, so the analysis can
 * check it against the engine's clocks (checkLoggedClocks).
 */
import type { AnalyzeOptions } from '../../analysis/analyzeOptions';
import { type FormatParser, type FormatSpec, type ParseContext } from '../formatParser';
import { executionFor } from '../executionFor';
import { cmp } from '../../model/executionBuilder';
import { parseClock } from './clockJson';
import { deriveEdges, programOrder } from './clockGraph';
import { CLOCK_FIELD, type LoggedEvent } from './loggedEvent';
import { checkOwnSequence } from './ownSequence';
import { scanRecords, splitSections } from './recordScanner';
import { recordTime } from './recordTime';
import { timesFromTexts } from './textTimes';
import {
  compileDelimiter,
  compileRecordRegex,
  EXECUTION_DELIMITER,
  GOVECTOR_REGEX,
  SINGLE_LINE_REGEX,
  readUploadHeader,
  SHIVIZ_DEFAULT_REGEX,
  type DelimiterRegex,
} from './shivizRegex';

export const VECTOR_CLOCK_RULE = 'vector-clock';

export const shivizFormat: FormatSpec = {
  id: 'shiviz',
  label: 'ShiViz / GoVector log',
  detect(name: string, head: string, options: AnalyzeOptions): boolean {
    if (options.regex !== undefined && options.regex.trim() !== '') return true;
    const text = normalizeNewlines(head);
    return readUploadHeader(text) !== null || looksLikeGoVector(name, text) || readsRecords(text, SHIVIZ_DEFAULT_REGEX) || readsRecords(text, SINGLE_LINE_REGEX);
  },
  create: () => new ShivizParser(),
};

class ShivizParser implements FormatParser {
  private readonly byExecution = new Map<string, LoggedEvent[]>();
  private arrival = 0;

  parse(input: string, rawText: string, ctx: ParseContext): void {
    const text = normalizeNewlines(rawText);
    const d = ctx.diagnostics;
    const header = readUploadHeader(text);
    const bodyStart = header?.bodyStart ?? 0;
    const bodyLine = header?.bodyLine ?? 1;
    const userDelimiter = ctx.options.delimiter?.trim();
    let delimiterSource = userDelimiter || header?.delimiter || '';
    // ShiViz's own multi-execution logs: `=== name ===` lines, read as ShiViz's examples say to.
    if (delimiterSource === '' && /^=== .* ===$/m.test(text.slice(bodyStart))) {
      delimiterSource = EXECUTION_DELIMITER;
      d.add(input, 0, 'info', `lines "=== name ===" separate executions here: read with the execution delimiter ${EXECUTION_DELIMITER} (--delimiter sets another)`);
    }
    let delimiter: DelimiterRegex | null = null;
    if (delimiterSource !== '') {
      const compiled = compileDelimiter(delimiterSource);
      if (!compiled.ok) {
        d.add(input, !userDelimiter && header ? 2 : 0, 'error', `${compiled.error}; nothing in this input was read`);
        return;
      }
      delimiter = compiled.value;
    }

    const sections = splitSections(text, bodyStart, bodyLine, delimiter);
    const userRegex = ctx.options.regex?.trim();
    const given = userRegex || header?.regex;
    // Without a regex, the first records tell GoVector's header-first layout, ShiViz's message-first one and one record per line apart.
    const firstSection = text.slice(sections[0]?.start ?? bodyStart);
    const source = given || builtInRegex(input, firstSection);
    if (!given && source === SINGLE_LINE_REGEX) d.add(input, 0, 'info', 'one vector-clock record per line, the host named just before its clock (--regex sets another reading)');
    const rx = compileRecordRegex(source, !given);
    if (!rx.ok) {
      d.add(input, !userRegex && header ? 1 : 0, 'error', `${rx.error}; nothing in this input was read`);
      return;
    }
    const { re, fieldGroups, hasEvent } = rx.value;
    const usedNames = new Set<string>();
    let records = 0;
    const mine: LoggedEvent[] = [];
    sections.forEach((section, i) => {
      const name = delimiter ? uniqueName(section.trace ?? `execution ${i + 1}`, usedNames) : executionFor(input, ctx);
      const events = this.eventsOf(name);
      scanRecords(text, section, re, {
        record: (m, line) => {
          records++;
          const g = m.groups ?? {};
          const host = g['host'] ?? '';
          const rawClock = (g['clock'] ?? '').trim();
          if (host === '') {
            d.skip(input, line, 'record has an empty host name; it was not read', 'error');
            return;
          }
          const parsed = parseClock(rawClock);
          if (!parsed.ok) {
            d.skip(input, line, `the vector clock of host ${JSON.stringify(host)} is ${parsed.error}: ${clip(rawClock)}; the record was not read`, 'error');
            return;
          }
          const own = parsed.value.get(host) ?? 0;
          if (own === 0) {
            d.skip(
              input,
              line,
              `the vector clock ${clip(rawClock)} has no entry for its own host ${JSON.stringify(host)}, so the record cannot be placed in its host's order; it was not read`,
              'error',
            );
            return;
          }
          const fields: [string, string][] = [];
          for (const f of fieldGroups) {
            const v = g[f];
            if (v !== undefined) fields.push([f, v]);
          }
          fields.push([CLOCK_FIELD, rawClock]);
          const ev: LoggedEvent = {
            host,
            clock: parsed.value,
            own,
            input,
            line,
            text: hasEvent ? (g['event'] ?? '') : m[0],
            fields,
            time: recordTime(g),
            arrival: this.arrival++,
          };
          events.push(ev);
          mine.push(ev);
        },
        stray: (line, content, wholeLine) => {
          if (wholeLine) d.skip(input, line, `line is not part of any record of the ShiViz regex: ${clip(content)}`);
          else d.add(input, line, 'warning', `text on this line outside the ShiViz record was ignored: ${clip(content)}`);
        },
      });
    });
    timesFromTexts(mine, input, d);
    if (records === 0) {
      // An empty GoVector file is a process that logged nothing: worth a word, not an error.
      if (text.slice(bodyStart).trim() === '') d.add(input, 0, 'warning', 'the input holds no records (it is empty)');
      else d.add(input, 0, 'error', `the ShiViz regex matched no record in this input (regex: ${clip(source)})`);
    }
  }

  finish(ctx: ParseContext): void {
    for (const name of [...this.byExecution.keys()].sort(cmp)) {
      const events = this.byExecution.get(name)!;
      if (events.length === 0) continue;
      const lanes = programOrder(events);
      for (const p of checkOwnSequence(lanes)) ctx.diagnostics.add(p.input, p.line, 'error', p.message);
      const b = ctx.execution(name);
      const handles = new Map<LoggedEvent, number>();
      for (const [host, lane] of lanes) {
        const p = b.process(host, host);
        for (const ev of lane) {
          handles.set(ev, b.addEvent(p, { text: ev.text, fields: ev.fields, input: ev.input, line: ev.line, time: ev.time }));
        }
      }
      for (const edge of deriveEdges(lanes)) {
        b.addEdge(handles.get(edge.from)!, handles.get(edge.to)!, VECTOR_CLOCK_RULE, edge.key);
      }
    }
    this.byExecution.clear();
  }

  private eventsOf(name: string): LoggedEvent[] {
    let list = this.byExecution.get(name);
    if (!list) this.byExecution.set(name, (list = []));
    return list;
  }
}

/** Two sections of one input with the same trace name stay two executions. */
function uniqueName(name: string, used: Set<string>): string {
  let out = name;
  for (let k = 2; used.has(out); k++) out = `${name} (${k})`;
  used.add(out);
  return out;
}

const GOVECTOR_HEADER = /^([^\s{]\S*) (\{.*\})[^\S\n]*$/;

/** GoVector's `<name>-Log.txt`, or a first line `host {clock}` whose clock counts that host. */
function looksLikeGoVector(name: string, text: string): boolean {
  if (/-Log\.txt$/i.test(name)) return true;
  const first = /^\s*(.*)/.exec(text)?.[1] ?? '';
  const m = GOVECTOR_HEADER.exec(first);
  if (!m) return false;
  const parsed = parseClock(m[2]!);
  return parsed.ok && (parsed.value.get(m[1]!) ?? 0) > 0;
}

/** The built-in regex that reads the text's first records: GoVector's, ShiViz's default, or one record per line. */
function builtInRegex(name: string, text: string): string {
  if (looksLikeGoVector(name, text)) return GOVECTOR_REGEX;
  if (!readsRecords(text, SHIVIZ_DEFAULT_REGEX) && readsRecords(text, SINGLE_LINE_REGEX)) return SINGLE_LINE_REGEX;
  return SHIVIZ_DEFAULT_REGEX;
}

/** A built-in regex reads the first records, starting near the top, with valid clocks (each counts its own host). */
function readsRecords(text: string, source: string): boolean {
  const rx = compileRecordRegex(source, true);
  if (!rx.ok) return false;
  const re = rx.value.re;
  // The first record must start within five lines: looking for it in the first six (the record's clock line
  // included) spares walking a whole head of some other format with a backtracking regex.
  const head = text.slice(0, endOfLine(text, 6));
  // Every record holds a JSON clock: without a '{' the regexes need not walk the head (a long line costs them).
  if (!head.includes('{')) return false;
  re.lastIndex = 0;
  if (!re.test(head)) return false;
  re.lastIndex = 0;
  let checked = 0;
  for (let m = re.exec(text); m && checked < 3; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex = m.index + 1;
      continue;
    }
    if (checked === 0 && lineOf(text, m.index) > 5) return false;
    const host = m.groups?.['host'] ?? '';
    const parsed = parseClock(m.groups?.['clock'] ?? '');
    if (!parsed.ok || (parsed.value.get(host) ?? 0) === 0) return false;
    checked++;
  }
  return checked > 0;
}

/** Where line n (1-based) of text ends: its LF, or the end of the text. */
function endOfLine(text: string, n: number): number {
  let at = -1;
  for (let k = 0; k < n; k++) {
    at = text.indexOf('\n', at + 1);
    if (at < 0) return text.length;
  }
  return at;
}

function lineOf(text: string, index: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** CRLF files: the regexes' `\n` and `$` then work unchanged, and line numbers are the same. */
function normalizeNewlines(text: string): string {
  return text.includes('\r\n') ? text.replace(/\r\n/g, '\n') : text;
}

function clip(s: string, max = 120): string {
  const one = s.replace(/\s+/g, ' ');
  return JSON.stringify(one.length > max ? `${one.slice(0, max)}…` : one);
}
