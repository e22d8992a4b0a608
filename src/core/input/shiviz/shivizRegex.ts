/**
 * The regexes that cut a ShiViz log into records. A record regex names the
 * groups `host`, `clock` and (usually) `event`; every other named group is a
 * field. ShiViz applies it with the `m` flag in a global loop over the text,
 * and so does this: not anchored to line starts or ends, because real logs
 * depend on that (voldemort's `.[2013-…` lines start a record after a stray
 * dot; simpledb's clock lines end in blanks after the `}`). Whatever the loop
 * passes over between records is reported by the scanner, not dropped.
 * The built-in regexes (used when the user gives none) are anchored at line
 * starts: a leading `.*` tried at every position of a long line that does not
 * match costs time quadratic in its length, and with these two regexes a
 * record can only sensibly begin at a line start anyway.
 *
 * A delimiter regex is tested against single lines: a matching line starts a
 * new execution, named by its `trace` group when it has one.
 */
import { err, ok, type Result } from '../../base/result';

/** GoVector's output: a `host {clock}` header line, then the message line. */
export const GOVECTOR_REGEX = String.raw`(?<host>\S*) (?<clock>{.*})\n(?<event>.*)`;
/** What ShiViz proposes when the user gives nothing: message line first. */
export const SHIVIZ_DEFAULT_REGEX = String.raw`(?<event>.*)\n(?<host>\S*) (?<clock>{.*})`;
/**
 * One record per line, the host's name just before its clock, as logging
 * frameworks write it when a vector clock is put in the message (ShiViz's Akka
 * example: `[INFO] [10/13/2014 14:37:20.543] [dispatcher-2]
 * [akka://Broadcast/user/node0] {"node0" : 1} Initiating …`): the host is the
 * word before the clock (a `]` may close it), a bracketed US-style date at the
 * line's start (after a bracketed level, if any) is the record's time. The host is at most 64 characters: the lazy
 * prefix tries every place in a line, and an unbounded name there would cost
 * time quadratic in a long line's length.
 */
export const SINGLE_LINE_REGEX = String.raw`(?:\[[A-Za-z]+\] )?(?:\[(?<date>\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?)\] )?[^\n]*?(?<host>[\w.:-]{1,64})\]? (?<clock>\{"[^{}\n]*\})[ \t]*(?<event>[^\n]*)`;
/** ShiViz's own multi-execution examples separate executions with `=== name ===` lines. */
export const EXECUTION_DELIMITER = String.raw`^=== (?<trace>.*) ===$`;

export type Compiled<T> = Result<T, string>;

export interface RecordRegex {
  /** Global and multiline: use with exec() in a loop. */
  re: RegExp;
  /** Named groups other than host, clock and event, in pattern order. */
  fieldGroups: string[];
  hasEvent: boolean;
}

export function compileRecordRegex(source: string, atLineStart = false): Compiled<RecordRegex> {
  const trimmed = source.trim();
  if (trimmed === '') return err('the ShiViz regex is empty');
  const names = groupNames(trimmed);
  if (!names.ok) return names;
  const missing = ['host', 'clock'].filter((g) => !names.value.includes(g));
  if (missing.length > 0) {
    return err(`the ShiViz regex has no named group ${missing.map((g) => `(?<${g}>…)`).join(' or ')}`);
  }
  let re: RegExp;
  try {
    re = new RegExp(atLineStart ? `^(?:${trimmed})` : trimmed, 'gm');
  } catch (caught) {
    return err(`the ShiViz regex does not compile: ${message(caught)}`);
  }
  return ok({
    re,
    fieldGroups: names.value.filter((g) => g !== 'host' && g !== 'clock' && g !== 'event'),
    hasEvent: names.value.includes('event'),
  });
}

export interface DelimiterRegex {
  re: RegExp;
  hasTrace: boolean;
}

export function compileDelimiter(source: string): Compiled<DelimiterRegex> {
  const names = groupNames(source.trim());
  if (!names.ok) return err(names.error.replace('ShiViz regex', 'execution delimiter'));
  try {
    return ok({ re: new RegExp(source.trim()), hasTrace: names.value.includes('trace') });
  } catch (caught) {
    return err(`the execution delimiter does not compile: ${message(caught)}`);
  }
}

/**
 * Named groups of a pattern, in order. An alternative that matches the empty
 * string makes every group show up, unset, in the match of ''.
 */
function groupNames(source: string): Compiled<string[]> {
  try {
    const groups = new RegExp(`(?:${source})|`).exec('')?.groups;
    return ok(groups ? Object.keys(groups) : []);
  } catch (caught) {
    return err(`the ShiViz regex does not compile: ${message(caught)}`);
  }
}

export interface UploadHeader {
  regex: string;
  /** Empty when the file gives none. */
  delimiter: string;
  /** Where the log proper begins, and its 1-based line number. */
  bodyStart: number;
  bodyLine: number;
}

/**
 * ShiViz's upload format: line 1 is the record regex, line 2 the delimiter
 * (possibly empty), the log follows. Recognised by line 1 naming both the
 * host and clock groups and compiling.
 */
export function readUploadHeader(text: string): UploadHeader | null {
  const end1 = lineEnd(text, 0);
  const line1 = stripCr(text.slice(0, end1));
  if (!line1.includes('(?<host>') || !line1.includes('(?<clock>')) return null;
  if (!compileRecordRegex(line1).ok) return null;
  if (end1 >= text.length) return { regex: line1.trim(), delimiter: '', bodyStart: text.length, bodyLine: 2 };
  const end2 = lineEnd(text, end1 + 1);
  const delimiter = stripCr(text.slice(end1 + 1, end2)).trim();
  return { regex: line1.trim(), delimiter, bodyStart: Math.min(end2 + 1, text.length), bodyLine: 3 };
}

function lineEnd(text: string, from: number): number {
  const i = text.indexOf('\n', from);
  return i < 0 ? text.length : i;
}

function stripCr(s: string): string {
  return s.endsWith('\r') ? s.slice(0, -1) : s;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
