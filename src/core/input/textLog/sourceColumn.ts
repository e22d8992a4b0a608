/**
 * Which part of a text log's lines names their source, decided once per input
 * from its head (then read line by line by TextSource, with index arithmetic).
 *
 * First a prefix written by a tool that merges several sources (sourceShapes:
 * kubectl --prefix, stern, docker compose, a leading file name, tail's
 * `==> x <==` sections), when nearly every line has it; the time layout is
 * then learnt from the lines without it. Else, on the lines that read as
 * records: the syslog host and app the time layout gives (kept as it was),
 * then a key=value field naming a service or host on nearly every record
 * (`svc=api host=h1`: the service is the process, the host its clock
 * domain, as in the structured formats), then a column near the time (before
 * it, or among the three tokens after it) whose values look like host or node
 * names: letters and digits (`dn228`, `node-246`, `R02-M1-N0-C:J12-U11`) or an
 * IPv4 address, few relative to the records, and recurring through the head
 * rather than each met in one burst (as request ids are); a host-like column
 * that fails these is only offered.
 *
 * Columns of levels, numbers (thread ids, pids), times and ids are never
 * sources. Columns of words with few values (components, `[thread]` names,
 * loggers) are offered as candidates, not chosen: the lines of one program
 * split by its threads or classes would lose the program order they have.
 * The user's choice (AnalyzeOptions.sourceColumns) names a candidate, any
 * `column N` or `field KEY`, or 'none'.
 */
import { HOST_KEYS, SERVICE_KEYS } from '../fieldConventions';
import {
  isKubectlPrefix,
  newSpans,
  readBracketPrefix,
  readComposePrefix,
  readFilePrefix,
  readKeyValue,
  readPodContainer,
  readSectionHeader,
  readSyslogHead,
} from './sourceShapes';

export type SourceKind = 'bracket' | 'stern' | 'compose' | 'file' | 'sections' | 'syslog' | 'field' | 'column' | 'none';

/** A way of reading each line's source. */
export interface SourceChoice {
  /** As reported (ReadingReport.sourceColumn) and as the user names it. */
  id: string;
  kind: SourceKind;
  /** kind 'column': the 1-based whitespace-separated token. */
  column?: number;
  /** kind 'field': the key naming the process, and a host key beside it (its clock domain). */
  key?: string;
  hostKey?: string;
}

/** The least of a head's records that must carry a prefix, field or column for it to be the source. */
const SHARE = 0.9;
/** Head lines looked at. */
const HEAD_LINES = 1000;
/** Tokens after the time (or from the start, without one) where a source column may stand. */
const AFTER_TIME = 3;

export const PREFIX_KINDS: readonly SourceKind[] = ['bracket', 'stern', 'compose', 'file', 'sections'];

/** Head lines a prefix is looked for on: one written by a tool that merges streams is on every line. */
const PREFIX_LINES = 300;

/** The prefix every line of the head is written with, or null. */
export function detectPrefix(head: readonly string[]): SourceChoice | null {
  if (head.length === 0) return null;
  const lines = head.length > PREFIX_LINES ? head.slice(0, PREFIX_LINES) : head;
  const spans = newSpans();
  if (readSectionHeader(lines[0]!, 0, lines[0]!.length, spans)) return { id: 'tail -f sections', kind: 'sections' };
  let bracket = 0;
  let kubectl = 0;
  let compose = 0;
  let file = 0;
  let stern = 0;
  const n = lines.length;
  // Past this many lines without it, a prefix cannot be on SHARE of them: once every kind is past it, the rest are not read.
  const misses = n - Math.ceil(n * SHARE);
  for (let i = 0; i < n; i++) {
    const l = lines[i]!;
    if (readBracketPrefix(l, 0, l.length, spans)) {
      bracket++;
      if (isKubectlPrefix(l, 0)) kubectl++;
    } else if (readComposePrefix(l, 0, l.length, spans)) compose++;
    else if (readFilePrefix(l, 0, l.length, spans)) file++;
    if (readPodContainer(l, 0, l.length, spans)) stern++;
    const seen = i + 1;
    if (seen - bracket > misses && seen - compose > misses && seen - file > misses && seen - stern > misses) return null;
  }
  if (bracket >= n * SHARE) return { id: kubectl * 2 > bracket ? 'kubectl --prefix' : '[pod/container] prefix', kind: 'bracket' };
  if (compose >= n * SHARE) return { id: 'docker compose', kind: 'compose' };
  if (file >= n * SHARE) return { id: 'file name', kind: 'file' };
  if (n >= 4 && stern >= n * SHARE && sternLike(lines)) return { id: 'stern', kind: 'stern' };
  return null;
}

/** Stern's pod and container tokens: few pairs relative to lines, each recurring. */
function sternLike(lines: readonly string[]): boolean {
  const spans = newSpans();
  const pairs = new Map<string, number>();
  for (const l of lines) {
    if (!readPodContainer(l, 0, l.length, spans)) continue;
    const k = l.slice(spans.a0, spans.b1);
    pairs.set(k, (pairs.get(k) ?? 0) + 1);
  }
  return pairs.size * 3 <= lines.length;
}

/** The text after the prefix of a line (the whole line when it has none); null for a section header. */
export function stripPrefix(kind: SourceKind, line: string): string | null {
  const spans = newSpans();
  const n = line.length;
  switch (kind) {
    case 'sections':
      return readSectionHeader(line, 0, n, spans) ? null : line;
    case 'bracket':
      return readBracketPrefix(line, 0, n, spans) ? line.slice(spans.rest) : line;
    case 'stern':
      return readPodContainer(line, 0, n, spans) ? line.slice(spans.rest) : line;
    case 'compose':
      return readComposePrefix(line, 0, n, spans) ? line.slice(spans.rest) : line;
    case 'file':
      return readFilePrefix(line, 0, n, spans) ? line.slice(spans.rest) : line;
    default:
      return line;
  }
}

/** The non-blank lines of a head (at most HEAD_LINES), without a byte-order mark or CR. */
export function headLines(head: string): string[] {
  const lines: string[] = [];
  let pos = head.charCodeAt(0) === 0xfeff ? 1 : 0;
  // The head's last line may be cut short: it is left out unless the head is the whole input.
  while (pos < head.length && lines.length < HEAD_LINES) {
    let end = head.indexOf('\n', pos);
    if (end < 0) end = head.length;
    let line = head.slice(pos, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    pos = end + 1;
    if (line.trim() !== '') lines.push(line);
  }
  return lines;
}

/** What a time layout reads of a line, as far as sources go. */
export interface StampView {
  rest: number;
  start?: number;
  host?: string;
  app?: string;
}

export interface WithinDetection {
  /** Chosen without being asked, or null. */
  chosen: SourceChoice | null;
  /** Every choice found (the chosen one first). */
  candidates: SourceChoice[];
}

/**
 * The source inside the lines (after any prefix): syslog host, a service or
 * host field, a host-like column. `read` is the time layout's read, or null
 * without one.
 */
export function detectWithin(lines: readonly string[], read: ((line: string) => StampView | null) | null): WithinDetection {
  const records: string[] = [];
  const stamps: (StampView | null)[] = [];
  let syslog = 0;
  let heads = 0;
  let pids = 0;
  const spans = newSpans();
  for (const l of lines) {
    if (read) {
      const st = read(l);
      if (!st) continue;
      if (st.host !== undefined || st.app !== undefined) syslog++;
      else {
        // `host tag[pid]: ` after a time the layout reads without it (journalctl, rsyslog lines without a pid). A tag
        // ends at a '[' or ':': a line with neither after the time has none (looked for natively, the line being short).
        const k = l.indexOf('[', st.rest) < 0 && l.indexOf(':', st.rest) < 0 ? 0 : readSyslogHead(l, st.rest, l.length, spans);
        if (k > 0 && classOf(l.slice(spans.a0, spans.a1)) !== Col.Other) {
          heads++;
          if (k === 2) pids++;
        }
      }
      stamps.push(st);
    } else {
      if (l[0] === ' ' || l[0] === '\t') continue;
      stamps.push(null);
    }
    records.push(l);
  }
  const candidates: SourceChoice[] = [];
  let chosen: SourceChoice | null = null;
  const n = records.length;
  if (n === 0) return { chosen, candidates };
  // Heads without a pid are `word word: text` as often as a tag: some of them must have one.
  if (heads > 0 && pids * 3 >= heads) syslog += heads;
  if (syslog * 2 >= n) {
    chosen = { id: 'syslog host', kind: 'syslog' };
    candidates.push(chosen);
  }
  const fields = fieldCandidates(records);
  for (const f of fields) candidates.push(f);
  if (!chosen && fields.length > 0) chosen = fields[0]!;
  const columns = columnCandidates(records, stamps);
  for (const c of columns.list) candidates.push(c);
  if (!chosen && columns.host) chosen = columns.host;
  if (chosen) candidates.splice(candidates.indexOf(chosen), 1), candidates.unshift(chosen);
  return { chosen, candidates };
}

/** Service and host keys on nearly every record: the service (with the host beside it) first. */
function fieldCandidates(records: readonly string[]): SourceChoice[] {
  const spans = newSpans();
  const present = (key: string) => {
    let k = 0;
    const bare = `${key}=`;
    const spaced = ` ${key}=`;
    // A key missing from more records than SHARE allows is out: most keys are, after a few dozen lines.
    const misses = records.length - Math.ceil(records.length * SHARE);
    let missed = 0;
    for (const r of records) {
      if (readKeyValue(r, 0, r.length, bare, spaced, spans)) k++;
      else if (++missed > misses) return false;
    }
    return k >= records.length * SHARE;
  };
  const services = SERVICE_KEYS.filter(present);
  const hosts = HOST_KEYS.filter(present);
  const out: SourceChoice[] = [];
  for (const key of services) out.push({ id: `field ${key}`, kind: 'field', key, ...(hosts.length > 0 && { hostKey: hosts[0] }) });
  for (const key of hosts) out.push({ id: `field ${key}`, kind: 'field', key });
  return out;
}

/** Column classes. */
const enum Col {
  Host,
  Word,
  Thread,
  Other,
}

/** Columns near the time that could name sources: the host-like one to choose, and the list. */
function columnCandidates(records: readonly string[], stamps: readonly (StampView | null)[]): { host: SourceChoice | null; list: SourceChoice[] } {
  const allowed = new Set<number>();
  records.forEach((r, i) => {
    if (i >= 20) return;
    const st = stamps[i];
    if (!st) {
      for (let k = 1; k <= AFTER_TIME; k++) allowed.add(k);
      return;
    }
    const before = tokensIn(r, 0, st.start ?? 0);
    for (let k = 1; k <= before; k++) allowed.add(k);
    const upTo = tokensIn(r, 0, st.rest);
    for (let k = 1; k <= AFTER_TIME; k++) allowed.add(upTo + k);
  });
  const n = records.length;
  let host: SourceChoice | null = null;
  const list: SourceChoice[] = [];
  const columns = [...allowed].sort((a, b) => a - b);
  const valuesOf = columnValues(records, columns);
  for (const k of columns) {
    const values = valuesOf[k]!;
    if (values.length < n * SHARE || n < 4) continue;
    const cls = classify(values);
    if (cls === Col.Other) continue;
    const distinct = new Set(values).size;
    if (distinct < 2) continue;
    const choice: SourceChoice = { id: `column ${k}`, kind: 'column', column: k };
    if (cls === Col.Host) {
      // Host-like values each met in one burst, or nearly all different, are offered but not chosen: so are
      // request ids, and so are the nodes of a log sampled from a big cluster's (loghub's BGL and Thunderbird).
      if (!host && distinct <= n * 0.6 && recurs(values)) host = choice;
      list.push(choice);
    } else if (distinct * 4 <= n) list.push(choice);
  }
  return { host, list };
}

/**
 * Per column k of `columns` (1-based, ascending), the k-th whitespace-separated
 * token of each record that has one: each record is walked once. A token
 * inside brackets (`[pid 9:tid 14]`) is part of one field, never a column of
 * its own: it counts, as ''.
 */
function columnValues(records: readonly string[], columns: readonly number[]): string[][] {
  const last = columns.length > 0 ? columns[columns.length - 1]! : 0;
  const valuesOf: string[][] = [];
  for (const k of columns) valuesOf[k] = [];
  for (const r of records) {
    const n = r.length;
    let i = 0;
    let depth = 0;
    for (let t = 1; t <= last; t++) {
      let c = 0;
      while (i < n && ((c = r.charCodeAt(i)) === 32 || c === 9)) i++;
      if (i >= n) break;
      const start = i;
      const open = depth;
      while (i < n && (c = r.charCodeAt(i)) !== 32 && c !== 9) {
        if (c === 91) depth++;
        else if (c === 93 && depth > 0) depth--;
        i++;
      }
      valuesOf[t]?.push(open > 0 ? '' : r.slice(start, i));
    }
  }
  return valuesOf;
}

/** Whitespace-separated tokens in s[from, to). */
function tokensIn(s: string, from: number, to: number): number {
  let k = 0;
  let inToken = false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    const space = c === 32 || c === 9;
    if (!space && !inToken) k++;
    inToken = !space;
  }
  return k;
}

/** Whether values of the head's second half were mostly met in its first half (hosts recur; request ids come and go). */
function recurs(values: readonly string[]): boolean {
  const half = values.length >> 1;
  const first = new Set(values.slice(0, half));
  const second = new Set(values.slice(half));
  let seen = 0;
  for (const v of second) if (first.has(v)) seen++;
  return seen * 2 >= second.size;
}

function classify(values: readonly string[]): Col {
  let hosts = 0;
  let words = 0;
  let threads = 0;
  // A column repeats its values (levels, hosts, loggers): each is classed once.
  const known = new Map<string, Col>();
  for (const v of values) {
    let c = known.get(v);
    if (c === undefined) known.set(v, (c = classOf(v)));
    if (c === Col.Host) hosts++;
    else if (c === Col.Word) words++;
    else if (c === Col.Thread) threads++;
  }
  const n = values.length;
  if (hosts >= n * SHARE) return Col.Host;
  if (threads >= n * SHARE) return Col.Thread;
  if (words + hosts >= n * SHARE) return Col.Word;
  return Col.Other;
}

const LEVELS = new Set([
  'trace', 'debug', 'dbug', 'info', 'inf', 'information', 'informational', 'notice', 'warn', 'wrn', 'warning', 'error', 'err', 'eror',
  'fatal', 'critical', 'crit', 'alert', 'emerg', 'emergency', 'severe', 'fine', 'finer', 'finest', 'verbose', 'config', 'panic',
  'v', 'd', 'i', 'w', 'e', 'f', 't', '-', '|',
]);
const MONTHS = new Set(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
/**
 * Words that begin the names of threads, tasks and ids rather than machines,
 * met at the start of a word of the value (after a non-letter or at a
 * camelCase hump): `conn1` and `httpClient-3` are not machines, HPC's
 * `Interconnect-0N00` is.
 */
const NOT_HOST_WORD = /^(?:thread|worker|pool|exec|task|req|trace|span|txn|session|sess|uuid|job|conn|client|user)/;
const NOT_HOST_START = /^(?:id|tid|pid|msg|v\d)/i;

function notHost(v: string): boolean {
  if (NOT_HOST_START.test(v)) return true;
  for (const w of v.split(/[^A-Za-z]+|(?<=[a-z])(?=[A-Z])/)) if (NOT_HOST_WORD.test(w.toLowerCase())) return true;
  return false;
}

function classOf(raw: string): Col {
  if (raw.length > 2 && raw.charCodeAt(0) === 91 /* [ */) return Col.Thread;
  const v = raw.replace(/^[[(<]+|[\])>:,]+$/g, '');
  const lower = v.toLowerCase();
  if (v === '' || LEVELS.has(lower) || MONTHS.has(lower)) return Col.Other;
  let letters = 0;
  let digits = 0;
  let hexRun = 0;
  let longestHex = 0;
  let plain = true;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    const digit = c >= 48 && c <= 57;
    const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    if (digit) digits++;
    else if (letter) letters++;
    else if (c !== 45 && c !== 46 && c !== 95 && c !== 58 && c !== 47 && c !== 64) plain = false; // - . _ : / @
    const hex = digit || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
    hexRun = hex ? hexRun + 1 : 0;
    if (hexRun > longestHex) longestHex = hexRun;
  }
  if (letters === 0) return isIpv4(v) ? Col.Host : Col.Other;
  // `1:M` (a pid and a role), `9:tid`: a number first is an id with a tag, not a machine.
  const c0 = v.charCodeAt(0);
  if (c0 >= 48 && c0 <= 57 && (letters < 2 || /^\d+:/.test(v))) return Col.Word;
  if (!plain || raw.endsWith(':') || raw.includes('=')) return Col.Word;
  if (digits > 0 && longestHex < 8 && v.length <= 64 && !notHost(v) && !isDottedName(v)) return Col.Host;
  return Col.Word;
}

/** 10.0.0.5 (a port after it allowed). */
function isIpv4(v: string): boolean {
  return /^\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?$/.test(v);
}

/** A dotted code name (`org.apache.Foo`, `dfs.DataNode`): a logger, not a machine. */
function isDottedName(v: string): boolean {
  return /^[a-z][a-z0-9]*(?:\.[a-z][a-z0-9_]*)+\.[A-Z]/.test(v) || /\.[A-Z][a-z]/.test(v);
}

/** A choice the user named: a candidate's id, `column N`, `field KEY`; undefined when the text is none of these. */
export function choiceNamed(name: string, candidates: readonly SourceChoice[]): SourceChoice | undefined {
  const want = name.trim().toLowerCase();
  const known = candidates.find((c) => c.id.toLowerCase() === want);
  if (known) return known;
  const col = /^column\s*(\d+)$/.exec(want);
  if (col && Number(col[1]) > 0) return { id: `column ${Number(col[1])}`, kind: 'column', column: Number(col[1]) };
  const field = /^field\s+(\S+)$/.exec(name.trim());
  if (field) return { id: `field ${field[1]}`, kind: 'field', key: field[1]! };
  return undefined;
}
