/**
 * Cuts a log's text into sections (executions) and records, keeping line
 * numbers. Sections come from delimiter lines; records from the record regex
 * run in a global loop over one section. Text between records that is not
 * blank is handed back line by line (whole lines apart from leftovers that
 * share a line with a record), so the parser can report it instead of
 * silently dropping it. Line numbers are counted incrementally over the gaps
 * and matches, never by re-scanning from the start.
 */
import type { DelimiterRegex } from './shivizRegex';

export interface Section {
  /** The delimiter's `trace` group, when it had one and it was not blank. */
  trace: string | null;
  start: number;
  end: number;
  /** 1-based line number of the section's first character. */
  firstLine: number;
}

/**
 * Sections of text[start..]: each delimiter line ends one and starts the
 * next. Blank sections are dropped, as ShiViz drops them.
 */
export function splitSections(text: string, start: number, firstLine: number, delimiter: DelimiterRegex | null): Section[] {
  if (!delimiter) return [{ trace: null, start, end: text.length, firstLine }];
  const out: Section[] = [];
  let current: Section = { trace: null, start, end: text.length, firstLine };
  let lineNo = firstLine;
  for (let pos = start; pos < text.length; lineNo++) {
    const nl = text.indexOf('\n', pos);
    const end = nl < 0 ? text.length : nl;
    const lineText = text.charCodeAt(end - 1) === 13 ? text.slice(pos, end - 1) : text.slice(pos, end);
    const m = delimiter.re.exec(lineText);
    if (m) {
      current.end = pos;
      out.push(current);
      const trace = delimiter.hasTrace ? (m.groups?.['trace'] ?? '').trim() : '';
      current = { trace: trace === '' ? null : trace, start: end + 1, end: text.length, firstLine: lineNo + 1 };
    }
    pos = end + 1;
  }
  out.push(current);
  return out.filter((s) => /\S/.test(text.slice(s.start, s.end)));
}

export interface RecordSink {
  record(match: RegExpExecArray, line: number): void;
  /** Non-blank text no record covers: a whole line, or what a record left of its line. */
  stray(line: number, content: string, wholeLine: boolean): void;
}

/** Runs the global record regex over the section's text. */
export function scanRecords(text: string, section: Section, re: RegExp, sink: RecordSink): void {
  const body = section.start === 0 && section.end === text.length ? text : text.slice(section.start, section.end);
  let pos = 0;
  let line = section.firstLine;
  re.lastIndex = 0;
  for (;;) {
    const m = re.exec(body);
    const gapEnd = m ? m.index : body.length;
    if (m && m[0].length === 0) {
      // An empty match covers nothing; step past it as ShiViz's loop would not (it would spin).
      re.lastIndex = m.index + 1;
      continue;
    }
    line = reportGap(body, pos, gapEnd, line, sink);
    if (!m) break;
    sink.record(m, line);
    line += countNewlines(m[0], 0, m[0].length);
    pos = gapEnd + m[0].length;
  }
}

function reportGap(body: string, from: number, to: number, line: number, sink: RecordSink): number {
  let start = from;
  for (;;) {
    const nl = body.indexOf('\n', start);
    const end = nl < 0 || nl > to ? to : nl;
    const content = body.slice(start, end);
    if (/\S/.test(content)) {
      const whole = (start === 0 || body.charCodeAt(start - 1) === 10) && (end === body.length || body.charCodeAt(end) === 10);
      sink.stray(line, content.trim(), whole);
    }
    if (end >= to) return line;
    line++;
    start = end + 1;
  }
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}
