/**
 * The timestamp shapes a plain-text log line can start with, each a scanner
 * that reads one line's leading timestamp (and the header fields its format
 * defines: syslog's host and app, klog's thread and source line, Apache's
 * request and status) and says where the message starts. The text-log reader
 * learns one shape per input from its first lines and then runs only that
 * scanner per line. Scanners index characters by hand or run one anchored
 * regex, and build no Date.
 *
 * Shapes without a year (syslog RFC 3164, klog) return a YearlessTime; the
 * reader chooses the year (see textLogParser).
 */
import type { WallTime } from '../../model/eventTime';
import { parseEpochText } from '../../time/parseEpoch';
import { parseIsoDateTime, parseIsoDateTimeIn } from '../../time/parseTimestamp';
import { clockAt, digitsAt, monthAt, wallTimeOf, type YearlessTime } from '../../time/wallTimeOf';

export interface LineStamp {
  /** Null for a yearless shape (see `yearless`) or a timestamp written as '-' (RFC 5424's NILVALUE). */
  time: WallTime | null;
  yearless?: YearlessTime;
  /** Where the message starts in the line. */
  rest: number;
  /**
   * Where the time starts in the line (after an opening bracket): the text
   * before it is the line's prefix (a file name, a sequence number, a host).
   */
  start: number;
  /** Whether the line wrote the time's zone; absent or false: a time read as UTC. */
  zoned?: boolean;
  /** The time stands inside the line, after a prefix: the message is the line without it (see messageOf). */
  inside?: boolean;
  /** A zoneless time placed by the epoch column beside it: the offset it showed, minutes east of UTC (LineTimes). */
  epochOffset?: number;
  host?: string;
  app?: string;
  fields?: [string, string][];
}

export interface TimestampShape {
  id: string;
  label: string;
  hasYear: boolean;
  read(line: string): LineStamp | null;
}

const RFC5424_HEAD = /^<(\d{1,3})>(\d{1,2}) (\S+) (\S+) (\S+) (\S+) (\S+) /;

/** `<34>1 2026-03-14T09:26:53.123Z host app 1234 ID47 [sd k="v"] message`. */
const rfc5424: TimestampShape = {
  id: 'syslog-rfc5424',
  label: 'syslog RFC 5424',
  hasYear: true,
  read(line) {
    const m = RFC5424_HEAD.exec(line);
    if (!m) return null;
    const [, pri, , stamp, host, app, procId, msgId] = m as unknown as string[];
    let time: WallTime | null = null;
    if (stamp !== '-') {
      time = parseIsoDateTime(stamp!);
      if (!time) return null;
    }
    const fields: [string, string][] = [['pri', pri!]];
    if (procId !== '-') fields.push(['pid', procId!]);
    if (msgId !== '-') fields.push(['msgid', msgId!]);
    const sdEnd = readStructuredData(line, m[0].length, fields);
    if (sdEnd < 0) return null;
    let rest = sdEnd;
    if (line[rest] === ' ') rest++;
    if (line.charCodeAt(rest) === 0xfeff) rest++; // RFC 5424 marks a UTF-8 MSG with a BOM
    return { time, rest, start: pri!.length + m[2]!.length + 3, zoned: stamp !== '-' && /(?:[zZ]|[+-]\d\d:?\d\d)$/.test(stamp!), ...(host !== '-' && { host }), ...(app !== '-' && { app }), fields };
  },
};

/** SD-ELEMENTs from `at` (`-` or `[id name="value" ...]...`): params into fields; the index after them, or -1. */
function readStructuredData(line: string, at: number, fields: [string, string][]): number {
  if (line[at] === '-') return at + 1;
  let i = at;
  if (line[i] !== '[') return -1;
  while (line[i] === '[') {
    i++;
    while (i < line.length && line[i] !== ' ' && line[i] !== ']') i++; // SD-ID
    while (line[i] === ' ') {
      i++;
      const nameStart = i;
      while (i < line.length && line[i] !== '=' && line[i] !== ' ' && line[i] !== ']') i++;
      const name = line.slice(nameStart, i);
      if (line[i] !== '=' || line[i + 1] !== '"') return -1;
      i += 2;
      let value = '';
      for (; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === '\\' && i + 1 < line.length) i++;
        value += line[i];
      }
      if (line[i] !== '"') return -1;
      i++;
      fields.push([name, value]);
    }
    if (line[i] !== ']') return -1;
    i++;
  }
  return i;
}

/**
 * Host and tag after a syslog timestamp at `at`: `host prog[pid]: msg` or `host prog: msg` or `host msg`.
 * The tag is what `^([^\s:[\]]{1,64})(?:\[([^\]\s]{1,32})\])?: ` matches right after the host, scanned
 * by hand: this runs on every line of an ISO-stamped log, and most lines have no tag.
 */
export function syslogHost(line: string, at: number, requirePid: boolean): Omit<LineStamp, 'time' | 'start'> | null {
  const sp = line.indexOf(' ', at);
  const hostEnd = sp < 0 ? line.length : sp;
  if (hostEnd === at) return null;
  const n = line.length;
  const appStart = hostEnd + 1;
  if (requirePid) {
    // The tag must be followed by '[': most lines have none near, and indexOf finds that quicker than the scan.
    const bracket = line.indexOf('[', appStart);
    if (bracket < 0 || bracket > appStart + 65) return null;
  }
  let i = appStart;
  while (i < n && i - appStart <= 64 && isTagChar(line.charCodeAt(i))) i++;
  const appEnd = i;
  let pidStart = -1;
  let pidEnd = -1;
  let ok = appEnd > appStart && appEnd - appStart <= 64;
  if (ok && line.charCodeAt(i) === 91 /* [ */) {
    pidStart = ++i;
    while (i < n && i - pidStart <= 32 && isPidChar(line.charCodeAt(i))) i++;
    pidEnd = i;
    ok = pidEnd > pidStart && pidEnd - pidStart <= 32 && line.charCodeAt(i) === 93; /* ] */
    i++;
  }
  ok = ok && line.charCodeAt(i) === 58 /* : */ && line.charCodeAt(i + 1) === 32;
  if (!ok || (requirePid && pidStart < 0)) {
    return requirePid ? null : { rest: Math.min(hostEnd + 1, line.length), host: line.slice(at, hostEnd) };
  }
  const fields: [string, string][] = pidStart >= 0 ? [['pid', line.slice(pidStart, pidEnd)]] : [];
  return { rest: i + 2, host: line.slice(at, hostEnd), app: line.slice(appStart, appEnd), fields };
}

/** `[^\s:[\]]`: a character of a syslog tag. */
function isTagChar(c: number): boolean {
  return c !== 58 && c !== 91 && c !== 93 && !isJsSpace(c);
}

/** `[^\]\s]`: a character of a syslog pid. */
function isPidChar(c: number): boolean {
  return c !== 93 && !isJsSpace(c);
}

/** JavaScript's `\s`. */
function isJsSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** `Mar 14 09:26:53 host prog[pid]: msg`, optionally after `<PRI>`; no year. */
const rfc3164: TimestampShape = {
  id: 'syslog-rfc3164',
  label: 'syslog RFC 3164',
  hasYear: false,
  read(line) {
    let i = 0;
    if (line[0] === '<') {
      const close = line.indexOf('>');
      if (close < 2 || close > 4 || digitsAt(line, 1, close - 1) < 0) return null;
      i = close + 1;
    }
    const month = monthAt(line, i);
    if (!month || line[i + 3] !== ' ') return null;
    // Days below 10 are space-padded ("Mar  4"), some writers zero-pad them.
    const day = line[i + 4] === ' ' ? digitsAt(line, i + 5, 1) : digitsAt(line, i + 4, 2);
    if (day < 1 || line[i + 6] !== ' ') return null;
    const c = clockAt(line, i + 7);
    if (!c || line[c.end] !== ' ') return null;
    const head = syslogHost(line, c.end + 1, false);
    if (!head) return null;
    return { time: null, yearless: { month, day, ...c }, start: i, ...head };
  },
};

const KLOG = /^([IWEF])(\d{2})(\d{2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?) +(\d+) ([^\s\]]+)\] ?/;
const KLOG_LEVEL: Record<string, string> = { I: 'info', W: 'warning', E: 'error', F: 'fatal' };

/** klog/glog: `I0314 09:26:53.123456   1234 file.go:12] msg`; no year. */
const klog: TimestampShape = {
  id: 'klog',
  label: 'klog/glog',
  hasYear: false,
  read(line) {
    const m = KLOG.exec(line);
    if (!m) return null;
    const c = clockAt(m[4]!, 0);
    if (!c) return null;
    const yearless = { month: Number(m[2]), day: Number(m[3]), ...c };
    if (yearless.month < 1 || yearless.month > 12 || yearless.day < 1 || yearless.day > 31) return null;
    return {
      time: null,
      yearless,
      rest: m[0].length,
      start: 0,
      fields: [
        ['level', KLOG_LEVEL[m[1]!]!],
        ['thread', m[5]!],
        ['source', m[6]!],
      ],
    };
  },
};

const CLF_TIME = /\[(\d{2})\/([A-Za-z]{3})\/(\d{4}):(\d{2}:\d{2}:\d{2}(?:[.,]\d+)?) ([+-])(\d{2}):?(\d{2})\]/;
const CLF_LINE = /^(\S+) (\S+) (\S+) \[[^\]]+\] "((?:[^"\\]|\\.)*)" (\d{3}|-) (\d+|-)(?: "((?:[^"\\]|\\.)*)" "((?:[^"\\]|\\.)*)")?/;

/** Apache/nginx common and combined: `1.2.3.4 - bob [14/Mar/2026:09:26:53 +0000] "GET / HTTP/1.1" 200 512 ...`. */
const clf: TimestampShape = {
  id: 'clf',
  label: 'Apache/nginx access log',
  hasYear: true,
  read(line) {
    // The date sits after the client, ident and user: within the first few hundred characters.
    const m = CLF_TIME.exec(line.length > 400 ? line.slice(0, 400) : line);
    if (!m) return null;
    const c = clockAt(m[4]!, 0);
    const month = monthAt(m[2]!, 0);
    if (!c || !month) return null;
    const offset = (m[5] === '-' ? -1 : 1) * (Number(m[6]) * 60 + Number(m[7]));
    const time = wallTimeOf(Number(m[3]), { month, day: Number(m[1]), ...c }, offset);
    if (!time) return null;
    const fields: [string, string][] = [];
    const l = CLF_LINE.exec(line);
    if (l) {
      const names = ['remote_addr', 'ident', 'remote_user', 'request', 'status', 'bytes', 'referer', 'user_agent'];
      names.forEach((name, k) => {
        const v = l[k + 1];
        if (v !== undefined && v !== '-') fields.push([name, v]);
      });
    }
    let rest = m.index + m[0].length;
    if (line[rest] === ' ') rest++;
    return { time, rest, start: m.index + 1, zoned: true, fields };
  },
};

const CTIME = /^\[?(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([A-Za-z]{3}) {1,2}(\d{1,2}) (\d{2}:\d{2}:\d{2}(?:\.\d+)?) (\d{4})\]? ?/;

/** ctime dates, as Apache's error log writes them: `[Sat Mar 14 09:26:53.123456 2026] [core:error] ...`. */
const ctime: TimestampShape = {
  id: 'ctime',
  label: 'ctime (Apache error log)',
  hasYear: true,
  read(line) {
    const m = CTIME.exec(line);
    if (!m) return null;
    const c = clockAt(m[3]!, 0);
    const month = monthAt(m[1]!, 0);
    if (!c || !month) return null;
    const time = wallTimeOf(Number(m[4]), { month, day: Number(m[2]), ...c });
    return time && { time, rest: m[0].length, start: line[0] === '[' ? 1 : 0 };
  },
};

/**
 * ISO-8601 / RFC 3339 and the logging-library defaults that follow it
 * (Python `2026-03-14 09:26:53,123`, Go `2026/03/14 09:26:53`, logback
 * `2026-03-14 09:26:53.123`), optionally in brackets. Seconds are required:
 * a line-start date without them is too often something else. rsyslog's
 * high-precision format (`<ISO> host prog[pid]: msg`) gives host and app.
 * IsoStampReader reads the same, faster, line after line.
 */
export const iso: TimestampShape = {
  id: 'iso8601',
  label: 'ISO-8601',
  hasYear: true,
  read(line) {
    const start = line[0] === '[' ? 1 : 0;
    const sep = line[start + 4];
    if ((sep !== '-' && sep !== '/') || line[start + 7] !== sep || digitsAt(line, start, 4) < 0) return null;
    const t = line[start + 10];
    if (t !== 'T' && t !== ' ' && t !== 't') return null;
    const c = clockAt(line, start + 11);
    if (!c) return null;
    const end = zoneEnd(line, c.end);
    const time = parseIsoDateTimeIn(line, start, end);
    if (!time) return null;
    let rest = end;
    if (start === 1) {
      if (line[rest] !== ']') return null;
      rest++;
    }
    if (line[rest] === ' ' || line[rest] === '\t') rest++;
    const zoned = end > c.end;
    const head = start === 0 ? syslogHost(line, rest, true) : null;
    return head ? { time, start, ...(zoned && { zoned }), ...head } : { time, rest, start, ...(zoned && { zoned }) };
  },
};

/** The index after an optional zone at `at`: `Z`, `[ ]±hh[[:]mm]`, ` UTC`, ` GMT`. */
function zoneEnd(line: string, at: number): number {
  const c = line[at];
  if (c === 'Z' || c === 'z') return at + 1;
  const i = c === ' ' ? at + 1 : at;
  const s = line[i];
  if ((s === '+' || s === '-') && digitsAt(line, i + 1, 2) >= 0) {
    if (line[i + 3] === ':' && digitsAt(line, i + 4, 2) >= 0) return i + 6;
    if (digitsAt(line, i + 3, 2) >= 0 && digitsAt(line, i + 5, 1) < 0) return i + 5;
    return digitsAt(line, i + 3, 1) < 0 ? i + 3 : at;
  }
  if (c === ' ' && (line.startsWith('UTC', i) || line.startsWith('GMT', i)) && !/\w/.test(line[i + 3] ?? '')) return i + 3;
  return at;
}

const EPOCH = /^(\d{9,19})(?:\.(\d{1,9}))?(?=[\s,;|]|$)/;

/** A numeric epoch starting the line; its unit follows from its digit count (seconds, ms, µs or ns). */
const epoch: TimestampShape = {
  id: 'epoch',
  label: 'epoch time',
  hasYear: true,
  read(line) {
    // No clock writes an epoch zero-padded (the epoch layout's rule): `000014100000` is a counter.
    if (line.charCodeAt(0) === 48) return null;
    const m = EPOCH.exec(line);
    if (!m) return null;
    // Only the lengths of a plausible date (1973-2286) in one unit; 11, 14, 17 digits are years past 5000 or before 1973.
    const len = m[1]!.length;
    if (len === 11 || len === 14 || len === 17) return null;
    const time = parseEpochText(m[0]);
    if (!time) return null;
    let rest = m[0].length;
    while (line[rest] === ' ' || line[rest] === '\t') rest++;
    return { time, rest, start: 0, zoned: true };
  },
};

/** Detection order, for ties: the most specific shapes first. */
export const TIMESTAMP_SHAPES: readonly TimestampShape[] = [rfc5424, rfc3164, klog, clf, ctime, iso, epoch];
