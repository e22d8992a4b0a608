/**
 * Which time layout an input's lines are written in, and where in the line,
 * learnt from a sample of its first lines. Each sampled line that could be
 * a record (not indented, not a stack-trace or wrapped-message shape) is
 * tried with every layout entry: its whole-line shape, and its layout at
 * each token start of the line's first SEARCH_CHARS characters. A hit is
 * counted for the pair (entry, field): the layout and the number of tokens
 * before the time. The pair that reads the most lines wins; ties go to a
 * layout with a year, then to the earlier entry (the more specific), then to
 * the earlier field. A time that is not at the line's start, and an epoch
 * (a bare number is weak evidence), must read at least half of the lines
 * that could be records, so a date in one message does not make the input's
 * layout; at the start, one line is enough (a log of one record, or of
 * mostly continuation lines).
 */
import { LAYOUT_ENTRIES, type LayoutEntry } from './layoutEntries';
import { fieldIndexOf, tokenStarts } from './linePlaces';

export const PROBE_LINES = 200;

export interface TimePlacement {
  entry: LayoutEntry;
  /** Tokens before the time (linePlaces). */
  field: number;
  /** Where the time starts in most of the lines read. */
  column: number;
  /** Lines of the sample read, and lines that could be records. */
  hits: number;
  candidates: number;
  /** Whether every time read in the sample wrote its zone. */
  zoned: boolean;
  /** Two-character lead classes (leadOf) of the lines read: a line without a time that starts alike looks like a record. */
  leads: Set<string>;
  /**
   * For a time written without a zone: the field of an epoch column on
   * nearly every line it is read from (BGL writes both), whose instants give
   * each line's offset (LineTimes.read); undefined when there is none.
   */
  epochField?: number;
}

/** Lines that continue a record: indented, or a stack trace's or a traceback's lines. */
const CONTINUATION = /^(?:[ \t]|at [\w$.<]|Caused by[: ]|Suppressed: |\.\.\. \d+ (?:more|common frames omitted)|Traceback \(|During handling of|The above exception|[\w$.]+(?:Exception|Error|Throwable|Warning)\b|[}\])]|-{3,}|={3,})/;

export function isContinuationShape(line: string): boolean {
  return CONTINUATION.test(line);
}

/** The classes of a line's first two characters: digit 9, upper A, lower a, others as they are. */
export function leadOf(line: string): string {
  return classOf(line.charCodeAt(0)) + classOf(line.charCodeAt(1));
}

function classOf(c: number): string {
  if (Number.isNaN(c)) return '$';
  if (c >= 48 && c <= 57) return '9';
  if (c >= 65 && c <= 90) return 'A';
  if (c >= 97 && c <= 122) return 'a';
  return String.fromCharCode(c);
}

/** The sampled lines of a head: non-blank, without '\r' or a byte-order mark. */
export function sampleLines(head: string, max = PROBE_LINES): string[] {
  const lines: string[] = [];
  let pos = head.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (pos < head.length && lines.length < max) {
    let end = head.indexOf('\n', pos);
    if (end < 0) end = head.length;
    let line = head.slice(pos, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    pos = end + 1;
    if (line.trim() !== '') lines.push(line);
  }
  return lines;
}

interface Tally {
  entry: LayoutEntry;
  order: number;
  field: number;
  hits: number;
  zoned: number;
  columns: Map<number, number>;
  leads: Set<string>;
}

export function learnTimeLayout(head: string): TimePlacement | null {
  const candidates = sampleLines(head).filter((l) => !isContinuationShape(l));
  const tallies = new Map<string, Tally>();
  const seen = new Set<string>();
  for (const line of candidates) {
    seen.clear();
    const starts = tokenStarts(line);
    LAYOUT_ENTRIES.forEach((entry, order) => {
      const count = (field: number, start: number, zoned: boolean) => {
        const key = `${order}:${field}`;
        if (seen.has(key)) return;
        seen.add(key);
        let t = tallies.get(key);
        if (!t) tallies.set(key, (t = { entry, order, field, hits: 0, zoned: 0, columns: new Map(), leads: new Set() }));
        t.hits++;
        if (zoned) t.zoned++;
        t.columns.set(start, (t.columns.get(start) ?? 0) + 1);
        t.leads.add(leadOf(line));
      };
      const stamp = entry.shape?.read(line);
      if (stamp) count(fieldIndexOf(line, stamp.start), stamp.start, stamp.zoned === true);
      const layout = entry.layout;
      if (!layout) return;
      for (const at of starts) {
        const hit = layout.readAt(line, at);
        if (hit) count(fieldIndexOf(line, at), at, hit.zoned);
      }
    });
  }
  let best: Tally | null = null;
  for (const t of tallies.values()) {
    const weak = t.field > 0 || t.entry.id === 'epoch' || t.entry.layout?.wallClock === false;
    if (weak && t.hits * 2 < candidates.length) continue;
    if (!best || better(t, best)) best = t;
  }
  if (!best) return null;
  let column = 0;
  let most = -1;
  for (const [c, n] of best.columns) if (n > most || (n === most && c < column)) [column, most] = [c, n];
  const zoned = best.zoned === best.hits;
  const epochField = zoned || !best.entry.hasYear || best.entry.id === 'epoch' ? undefined : epochBeside(tallies, best);
  return { entry: best.entry, field: best.field, column, hits: best.hits, candidates: candidates.length, zoned, leads: best.leads, ...(epochField !== undefined && { epochField }) };
}

/** The field of an epoch column read on at least 90 % as many lines as the chosen zoneless time, or undefined. */
function epochBeside(tallies: Map<string, Tally>, best: Tally): number | undefined {
  let found: Tally | undefined;
  for (const t of tallies.values()) {
    if (t.entry.id !== 'epoch' || t.field === best.field || t.hits * 10 < best.hits * 9) continue;
    if (!found || t.hits > found.hits || (t.hits === found.hits && t.field < found.field)) found = t;
  }
  return found?.field;
}

function better(a: Tally, b: Tally): boolean {
  if (a.hits !== b.hits) return a.hits > b.hits;
  if (a.entry.hasYear !== b.entry.hasYear) return a.entry.hasYear;
  if (a.order !== b.order) return a.order < b.order;
  return a.field < b.field;
}
