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
/** Lines every entry is tried on before the one that read them all is tried alone on the rest. */
const FIRST_LINES = 4;
/** More fields than a line's first SEARCH_CHARS characters can hold tokens. */
const FIELDS = 4096;

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
  /** The last line counted (a line counts once per entry and field). */
  line: number;
  hits: number;
  zoned: number;
  columns: Map<number, number>;
  leads: Set<string>;
}

/** `firstLines`: lines every entry is tried on (tests compare with Infinity: every entry on every line). */
export function learnTimeLayout(head: string, firstLines = FIRST_LINES): TimePlacement | null {
  const candidates = sampleLines(head).filter((l) => !isContinuationShape(l));
  const all = LAYOUT_ENTRIES.map((_, order) => order);
  // Every entry on the first lines; when one of them reads them all and wins there, only it, at its field, on
  // the rest. If it reads the rest too, no entry can beat it on the whole sample: one that did would read every
  // line and rank better, so it would have won on the first lines already. The epoch entry, which epochBeside
  // asks about, is then counted on the rest only if it is asked.
  const first = Math.min(candidates.length, firstLines);
  let tallies = tallyLines(candidates, 0, first, all);
  const lead = bestOf(tallies, first);
  let epochFrom = candidates.length;
  if (lead !== null && lead.hits === first && first < candidates.length) {
    tallyLines(candidates, first, candidates.length, [lead.order], tallies, lead.field);
    if (lead.hits !== candidates.length) tallies = tallyLines(candidates, 0, candidates.length, all);
    else epochFrom = first;
  } else if (first < candidates.length) tallies = tallyLines(candidates, 0, candidates.length, all);
  const best = bestOf(tallies, candidates.length);
  if (!best) return null;
  let column = 0;
  let most = -1;
  for (const [c, n] of best.columns) if (n > most || (n === most && c < column)) [column, most] = [c, n];
  const zoned = best.zoned === best.hits;
  const asksEpoch = !zoned && best.entry.hasYear && best.entry.id !== 'epoch';
  if (asksEpoch && epochFrom < candidates.length) tallyLines(candidates, epochFrom, candidates.length, [LAYOUT_ENTRIES.findIndex((e) => e.id === 'epoch')], tallies);
  const epochField = asksEpoch ? epochBeside(tallies, best) : undefined;
  return { entry: best.entry, field: best.field, column, hits: best.hits, candidates: candidates.length, zoned, leads: best.leads, ...(epochField !== undefined && { epochField }) };
}

/**
 * Tallies the entries `orders` on lines[from, to): per entry and field
 * (keyed order * FIELDS + field, a number, as this runs for every layout at
 * every token of the sample), the lines read there. Adds to `tallies`.
 */
function tallyLines(
  lines: readonly string[],
  from: number,
  to: number,
  orders: readonly number[],
  tallies = new Map<number, Tally>(),
  /** Where given, the layouts are tried only at this token (the whole-line shapes still read each line). */
  onlyField?: number,
): Map<number, Tally> {
  let i = from;
  let lead = '';
  const count = (entry: LayoutEntry, order: number, field: number, start: number, zoned: boolean) => {
    // A time after thousands of tokens is no place a layout is written at.
    if (field >= FIELDS) return;
    const key = order * FIELDS + field;
    let t = tallies.get(key);
    if (!t) tallies.set(key, (t = { entry, order, field, line: -1, hits: 0, zoned: 0, columns: new Map(), leads: new Set() }));
    if (t.line === i) return;
    t.line = i;
    t.hits++;
    if (zoned) t.zoned++;
    t.columns.set(start, (t.columns.get(start) ?? 0) + 1);
    t.leads.add(lead);
  };
  for (; i < to; i++) {
    const line = lines[i]!;
    lead = leadOf(line);
    let starts: number[] | null = null;
    for (const order of orders) {
      const entry = LAYOUT_ENTRIES[order]!;
      const stamp = entry.shape?.read(line);
      if (stamp) count(entry, order, fieldIndexOf(line, stamp.start), stamp.start, stamp.zoned === true);
      const layout = entry.layout;
      if (!layout) continue;
      if (onlyField !== undefined) {
        // Counted at that field by the whole-line shape already: the layout's read could add nothing (a line counts once).
        if (tallies.get(order * FIELDS + onlyField)?.line === i) continue;
        // The token's index is its field (linePlaces): no other field's tally is asked for.
        const at = (starts ??= tokenStarts(line))[onlyField];
        const hit = at === undefined ? null : layout.readAt(line, at);
        if (hit) count(entry, order, onlyField, at!, hit.zoned);
        continue;
      }
      for (const at of (starts ??= tokenStarts(line))) {
        const hit = layout.readAt(line, at);
        if (hit) count(entry, order, fieldIndexOf(line, at), at, hit.zoned);
      }
    }
  }
  return tallies;
}

/** The tally that reads the most of `candidates` lines (a time after the start, or an epoch, must read half), or null. */
function bestOf(tallies: Map<number, Tally>, candidates: number): Tally | null {
  let best: Tally | null = null;
  for (const t of tallies.values()) {
    const weak = t.field > 0 || t.entry.id === 'epoch' || t.entry.layout?.wallClock === false;
    if (weak && t.hits * 2 < candidates) continue;
    if (!best || better(t, best)) best = t;
  }
  return best;
}

/** The field of an epoch column read on at least 90 % as many lines as the chosen zoneless time, or undefined. */
function epochBeside(tallies: Map<number, Tally>, best: Tally): number | undefined {
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
