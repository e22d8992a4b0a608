/**
 * A ShiViz regex guessed from a log's head, for logs that carry vector clocks
 * (`{"host":n, …}` objects) in a layout none of the built-in readings fits.
 * The guess is made from the head's shape, not from a list of known formats:
 * each of the first clock lines is cut into its clock, the token that names
 * its host (a key of the clock with a count, found on the line outside the
 * clock) and a US or ISO date if there is one; the text between them becomes
 * a pattern that keeps the delimiters (`[`, `"node":"`, ` | `, `host=`) and
 * lets words vary. Each such line pattern is tried as a record of one line
 * (the rest of the line is the event) and of two lines (an event line before
 * or after the clock line), and every candidate is scored on the head by the
 * parser's own test: records whose clock counts their own host, less records
 * that do not and lines no record covers. The best is offered only if it
 * reads most clock lines. Everything here runs on a bounded sample (a few
 * hundred lines of a few KB), so a guess costs milliseconds.
 */
import { parseClock } from './clockJson';
import { compileRecordRegex } from './shivizRegex';

export interface RecordCount {
  /** Matches of the regex. */
  records: number;
  /** Records whose clock parses and counts their own host: what the reader places. */
  valid: number;
  /** Non-blank lines of the sample. */
  lines: number;
  /** Non-blank lines no record touches. */
  stray: number;
}

export interface RegexGuess {
  regex: string;
  /** The head the guess was scored on (what a live count runs over). */
  sample: string;
  count: RecordCount;
}

/** The sample: at most this many lines, each at most MAX_LINE characters (longer ones end the sample). */
const SAMPLE_LINES = 200;
const MAX_LINE = 4096;
const MAX_SAMPLE = 64 << 10;
/** Clock lines the candidates are derived from. */
const DERIVE_FROM = 4;

/** A flat JSON object of names to counts; quotes may be escaped (`{\"a\":1}`), as parseClock accepts. */
const CLOCK = /\{\s*\\?"[^"\\\n{}]{1,64}\\?"\s*:\s*\d{1,10}(?:\s*,\s*\\?"[^"\\\n{}]{1,64}\\?"\s*:\s*\d{1,10})*\s*\}/;
const CLOCK_GROUP = String.raw`(?<clock>\{[^{}\n]*\})`;
const ISO_DATE = /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?/;
const US_DATE = /\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?: ?[AP]M)?/;
const ISO_DATE_SRC = String.raw`\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?`;
const US_DATE_SRC = String.raw`\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?(?: ?[AP]M)?`;
/** Characters a host name never holds here: the delimiters around it. */
const HOST_STOP = String.raw`\s"\[\](){}<>|,;=`;

/** Cheap first test: some line of the head holds a clock-like object. */
export function hasClockObject(head: string): boolean {
  return (head.includes('{"') || head.includes('{ "') || head.includes('{\\"')) && CLOCK.test(head.slice(0, SAMPLE_LINES * 200));
}

/** The head's first lines, as the guess and its count see them. */
export function sampleOf(head: string): string {
  const text = head.includes('\r\n') ? head.replace(/\r\n/g, '\n') : head;
  let end = 0;
  for (let n = 0; n < SAMPLE_LINES && end < text.length; n++) {
    const nl = text.indexOf('\n', end);
    const lineEnd = nl < 0 ? text.length : nl;
    if (lineEnd - end > MAX_LINE || lineEnd > MAX_SAMPLE) break;
    end = nl < 0 ? text.length : nl + 1;
  }
  return text.slice(0, end).replace(/\n$/, '');
}

/** The best regex for the head, or null when it holds no vector-clock records a guess reads. */
export function guessShivizRegex(head: string): RegexGuess | null {
  if (!hasClockObject(head)) return null;
  const sample = sampleOf(head);
  const lines = sample.split('\n');
  const clockLines: number[] = [];
  lines.forEach((l, i) => {
    if (CLOCK.test(l)) clockLines.push(i);
  });
  if (clockLines.length === 0) return null;
  const candidates = new Set<string>();
  for (const i of clockLines.slice(0, DERIVE_FROM)) {
    for (const pattern of linePatterns(lines[i]!)) {
      candidates.add(pattern.oneLine);
      const neighbours = [lines[i - 1], lines[i + 1]];
      const dated = neighbours.some((l) => l !== undefined && startsWithDate(l));
      const eventLines = [String.raw`(?<event>[^\n]*)`];
      if (!pattern.dated && dated) eventLines.unshift(String.raw`(?<date>${startsWithDate(neighbours.find((l) => l !== undefined && startsWithDate(l))!) === 'us' ? US_DATE_SRC : ISO_DATE_SRC})[ \t]+(?<event>[^\n]*)`);
      for (const ev of eventLines) {
        candidates.add(`${pattern.clockLine}\\n${ev}`);
        candidates.add(`^${ev}\\n${pattern.clockLine.slice(1)}`);
      }
    }
  }
  let best: RegexGuess | null = null;
  let bestScore = -Infinity;
  for (const regex of candidates) {
    const count = countRecords(sample, regex);
    if ('error' in count) continue;
    const score = count.valid * 2 - (count.records - count.valid) * 2 - count.stray;
    // On a tie, the reading with a time, then the shorter.
    const better = best !== null && score === bestScore && (dated(regex) !== dated(best.regex) ? dated(regex) : regex.length < best.regex.length);
    if (score > bestScore || better) {
      best = { regex, sample, count };
      bestScore = score;
    }
  }
  // Offered only if it places most clock lines: otherwise the JSON on these lines is something else.
  if (!best || best.count.valid < Math.max(1, Math.ceil(clockLines.length / 2))) return null;
  return best;
}

const dated = (regex: string) => regex.includes('(?<date>');

/** Counts what a record regex reads in a sample, as the ShiViz reader would. */
export function countRecords(sample: string, regex: string): RecordCount | { error: string } {
  const rx = compileRecordRegex(regex);
  if (!rx.ok) return { error: rx.error };
  const re = rx.value.re;
  const text = sample.includes('\r\n') ? sample.replace(/\r\n/g, '\n') : sample;
  const covered = new Uint8Array(text.length + 1);
  let records = 0;
  let valid = 0;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex = m.index + 1;
      continue;
    }
    records++;
    covered.fill(1, m.index, m.index + m[0].length);
    const host = m.groups?.['host'] ?? '';
    const clock = parseClock(m.groups?.['clock'] ?? '');
    if (host !== '' && clock.ok && (clock.value.get(host) ?? 0) > 0) valid++;
  }
  let lines = 0;
  let stray = 0;
  for (let at = 0; at <= text.length; ) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    if (/\S/.test(text.slice(at, end))) {
      lines++;
      let touched = false;
      for (let k = at; k < end && !touched; k++) touched = covered[k] === 1;
      if (!touched) stray++;
    }
    if (nl < 0) break;
    at = nl + 1;
  }
  return { records, valid, lines, stray };
}

interface LinePattern {
  /** A record of this one line, the line's free text as its event. */
  oneLine: string;
  /** The line as the clock line of a two-line record (no event). */
  clockLine: string;
  dated: boolean;
}

interface Piece {
  start: number;
  end: number;
  pattern: string;
  kind: 'host' | 'clock' | 'date';
}

/** Patterns for one clock line: one per token on it that names a host of its clock, with and without its date. */
function linePatterns(line: string): LinePattern[] {
  const cm = CLOCK.exec(line);
  if (!cm) return [];
  const clock = parseClock(cm[0]);
  if (!clock.ok) return [];
  const clockPiece: Piece = { start: cm.index, end: cm.index + cm[0].length, pattern: CLOCK_GROUP, kind: 'clock' };
  const outside = (s: number, e: number) => e <= clockPiece.start || s >= clockPiece.end;
  const date = findDate(line);
  const datePiece = date && outside(date.start, date.end) ? date : null;
  const out: LinePattern[] = [];
  for (const [host, n] of clock.value) {
    if (n === 0 || host === '') continue;
    for (const at of tokenPlaces(line, host)) {
      if (!outside(at, at + host.length) || (datePiece && at < datePiece.end && at + host.length > datePiece.start)) continue;
      // The name's own delimiters (`/` before `node0]`, `:` after `alpha:`) end it, whatever the general stop set holds.
      let stop = HOST_STOP;
      for (const c of [line[at - 1] ?? '', line[at + host.length] ?? '']) if (/[^\w\s]/.test(c) && !HOST_STOP.includes(c) && !stop.includes(escapeClass(c))) stop += escapeClass(c);
      const hostPiece: Piece = { start: at, end: at + host.length, pattern: `(?<host>[^${stop}\\n]{1,64})`, kind: 'host' };
      for (const withDate of datePiece ? [true, false] : [false]) {
        const pieces = [clockPiece, hostPiece, ...(withDate && datePiece ? [datePiece] : [])].sort((a, b) => a.start - b.start);
        out.push(assemble(line, pieces, withDate));
      }
      break; // the first place the name stands as a token
    }
  }
  return out;
}

function assemble(line: string, pieces: Piece[], dated: boolean): LinePattern {
  // The event: the text after the last piece, or failing that the longest gap with words in it.
  const gaps: { start: number; end: number }[] = [];
  let prev = 0;
  for (const p of pieces) {
    gaps.push({ start: prev, end: p.start });
    prev = p.end;
  }
  const tail = { start: prev, end: line.length };
  let eventGap = -1;
  if (!/\w/.test(line.slice(tail.start, tail.end))) {
    let longest = 0;
    gaps.forEach((g, k) => {
      if (k > 0 && /\w/.test(line.slice(g.start, g.end)) && g.end - g.start > longest) (longest = g.end - g.start), (eventGap = k);
    });
  }
  let one = '^';
  let clockLine = '^';
  pieces.forEach((p, k) => {
    const gapText = line.slice(gaps[k]!.start, gaps[k]!.end);
    const gap = k === eventGap ? eventGapPattern(gapText) : gapPattern(gapText);
    one += gap + p.pattern;
    clockLine += gapPattern(gapText) + p.pattern;
  });
  const tailText = line.slice(tail.start, tail.end);
  one += eventGap >= 0 ? gapPattern(tailText) + '[ \\t]*$' : tailPattern(tailText);
  clockLine += /\S/.test(tailText) ? '[^\\n]*' : '[ \\t]*';
  return { oneLine: one, clockLine, dated };
}

/** Text between pieces: its delimiters kept, a key just before a value kept, the words between free. */
function gapPattern(gap: string): string {
  if (gap === '') return '';
  if (!/\w/.test(gap)) return literal(gap);
  const lead = /^\W*/.exec(gap)![0];
  const rest = gap.slice(lead.length);
  // A key right before the value (`host=`, `"node": "`, `proc: `) anchors it; a plain word before a space does not.
  const key = /"?[A-Za-z_][\w.-]*"?\s*[=:]\s*["']?$/.exec(rest);
  const trail = key ? key[0] : /\W*$/.exec(rest)![0];
  const middle = rest.slice(0, rest.length - trail.length);
  return literal(lead) + (middle !== '' ? '[^\\n]*?' : '') + literal(trail);
}

/** A gap that holds the event (the host and clock both before it): its delimiters kept, its words the event. */
function eventGapPattern(gap: string): string {
  const lead = /^\W*/.exec(gap)![0];
  const trail = /\W*$/.exec(gap.slice(lead.length))![0];
  return `${literal(lead)}(?<event>[^\\n]*?)${literal(trail)}`;
}

/** The rest of a one-line record after its last piece: the event, a `"msg":"…"` value unwrapped. */
function tailPattern(tail: string): string {
  if (!/\S/.test(tail)) return '[ \\t]*$';
  const kv = /^(\W*"?[A-Za-z_][\w.-]*"?\s*[=:]\s*")(.*)("\W*)$/.exec(tail);
  if (kv) return `${literal(kv[1]!)}(?<event>[^\\n]*?)${literal(kv[3]!)}$`;
  const lead = /^[^\w"'[(<]*/.exec(tail)![0];
  return `${literal(lead)}(?<event>[^\\n]*)`;
}

/** Escaped literal text; runs of blanks match any run of blanks (or none, next to other delimiters). */
function literal(text: string): string {
  let out = '';
  for (const part of text.split(/([ \t]+)/)) {
    if (part === '') continue;
    out += /^[ \t]+$/.test(part) ? (text.trim() === '' ? '[ \\t]+' : '[ \\t]*') : part.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  }
  return out;
}

function escapeClass(c: string): string {
  return c.replace(/[\\\]^-]/g, '\\$&');
}

/** Where `name` stands on the line as a whole token (not inside a longer name). */
function tokenPlaces(line: string, name: string): number[] {
  const out: number[] = [];
  for (let at = line.indexOf(name); at >= 0; at = line.indexOf(name, at + 1)) {
    const before = line[at - 1] ?? ' ';
    const after = line[at + name.length] ?? ' ';
    if (!/[\w-]/.test(before) && !/[\w-]/.test(after)) out.push(at);
  }
  return out;
}

function findDate(line: string): Piece | null {
  const iso = ISO_DATE.exec(line);
  const us = US_DATE.exec(line);
  const m = iso && (!us || iso.index <= us.index) ? iso : us;
  if (!m) return null;
  return { start: m.index, end: m.index + m[0].length, pattern: `(?<date>${m === iso ? ISO_DATE_SRC : US_DATE_SRC})`, kind: 'date' };
}

function startsWithDate(line: string): 'iso' | 'us' | null {
  const t = line.replace(/^\W*/, '');
  if (ISO_DATE.exec(t)?.index === 0) return 'iso';
  if (US_DATE.exec(t)?.index === 0) return 'us';
  return null;
}
