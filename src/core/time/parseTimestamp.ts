/**
 * Timestamps as logs write them → WallTime (whole ms since the epoch + ns).
 *
 * Accepted: ISO-8601 / RFC 3339 date-times `YYYY-MM-DD(T|t| )hh:mm[:ss[(.|,)f…]]`
 * followed by an optional zone: `Z`, `±hh`, `±hhmm`, `±hh:mm`, or ` UTC`/` GMT`
 * (a space may precede the zone). A time WITHOUT a zone is taken as UTC: logs
 * rarely say which local zone they meant, and guessing the analyzing machine's
 * zone would make results depend on where they are computed. The fraction may
 * have any number of digits; the first nine are kept (ns), and `digits` says
 * how many were written (capped at 9). The comma decimal is what Python's
 * logging and Java's log4j/logback write by default. The date may also be
 * written with slashes, `YYYY/MM/DD hh:mm:ss`, as Go's log package and nginx's
 * error log do. Also accepted: numeric epochs (see parseEpoch), as text or as
 * JSON numbers. Month-name shapes (syslog, Apache) are in wallTimeOf.ts.
 *
 * This runs once per log line, so it scans characters by hand and computes the
 * day number arithmetically (daysFromCivil) instead of building a Date.
 */
import type { WallTime } from '../model/eventTime';
import { daysFromCivil, daysInMonth, EARLIEST_CLOCK_YEAR } from './daysFromCivil';
import { parseEpochNumber, parseEpochText } from './parseEpoch';

export function parseTimestamp(value: string | number): WallTime | null {
  if (typeof value === 'number') return parseEpochNumber(value);
  const s = value.trim();
  if (s.length >= 16 && (s.charCodeAt(4) === 45 /* - */ || s.charCodeAt(4) === 47) /* / */) return parseIsoDateTime(s);
  return parseEpochText(s);
}

/**
 * parseTimestamp of the text s.slice(from, to), without making the slice
 * when the text is an ISO date-time with nothing to trim (JSON lines).
 */
export function parseTimestampIn(s: string, from: number, to: number): WallTime | null {
  const n = to - from;
  if (n >= 16 && noTrim(s.charCodeAt(from)) && noTrim(s.charCodeAt(to - 1))) {
    const d = s.charCodeAt(from + 4);
    if (d === 45 || d === 47) return parseIsoDateTimeIn(s, from, to);
  }
  return parseTimestamp(s.slice(from, to));
}

/** A printable ASCII character, which trim() never removes. */
function noTrim(c: number): boolean {
  return c > 32 && c < 127;
}

const MS_PER_DAY = 86_400_000;

/** An ISO-8601 / RFC 3339 date-time (see the module note), or null. */
export function parseIsoDateTime(s: string): WallTime | null {
  return parseIsoDateTimeIn(s, 0, s.length);
}

/** The last date read (its ten characters) and its day number: the lines of a log share their date. */
let lastDate = '';
let lastDays = 0;

/** Whether s[o, o+10) is lastDate (a loop: startsWith is a builtin call with argument checks). */
function sameDate(s: string, o: number): boolean {
  const d = lastDate;
  if (d.length !== 10) return false;
  for (let i = 0; i < 10; i++) if (s.charCodeAt(o + i) !== d.charCodeAt(i)) return false;
  return true;
}

/** parseIsoDateTime of s.slice(from, to), without making the slice (text-log lines). */
export function parseIsoDateTimeIn(s: string, from: number, to: number): WallTime | null {
  const n = to;
  const o = from;
  let days: number;
  if (n - o >= 10 && sameDate(s, o)) {
    days = lastDays;
  } else {
    const year = num(s, o, 4, n);
    const month = num(s, o + 5, 2, n);
    const day = num(s, o + 8, 2, n);
    if (year < EARLIEST_CLOCK_YEAR || month < 1 || month > 12 || day < 1) return null;
    const d1 = s.charCodeAt(o + 4);
    if (!((d1 === 45 || d1 === 47) && s.charCodeAt(o + 7) === d1)) return null;
    if (day > daysInMonth(year, month)) return null;
    days = daysFromCivil(year, month, day);
    lastDate = s.slice(o, o + 10);
    lastDays = days;
  }
  const hour = num(s, o + 11, 2, n);
  const minute = num(s, o + 14, 2, n);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return null;
  if (s.charCodeAt(o + 13) !== 58) return null;
  const sep = s.charCodeAt(o + 10);
  if (sep !== 84 /* T */ && sep !== 116 /* t */ && sep !== 32) return null;

  let i = o + 16;
  let second = 0;
  let nanos = 0;
  let digits = 0;
  if (i < n && s.charCodeAt(i) === 58 /* : */) {
    second = num(s, i + 1, 2, n);
    // 60 is a leap second; it rolls into the next minute like any other overflow.
    if (second < 0 || second > 60) return null;
    i += 3;
    const dot = i < n ? s.charCodeAt(i) : -1;
    if (dot === 46 || dot === 44) {
      i++;
      const fracStart = i;
      while (i < n && isDigit(s.charCodeAt(i))) {
        if (i - fracStart < 9) nanos = nanos * 10 + (s.charCodeAt(i) - 48);
        i++;
      }
      digits = Math.min(i - fracStart, 9);
      if (digits === 0) return null;
      for (let k = digits; k < 9; k++) nanos *= 10;
    }
  }

  if (i < n && s.charCodeAt(i) === 32) i++;
  let offsetMin = 0;
  if (i < n) {
    const c = s.charCodeAt(i);
    if ((c === 90 /* Z */ || c === 122 /* z */) && i + 1 === n) {
      i++;
    } else if (i + 3 === n && (s.startsWith('UTC', i) || s.startsWith('GMT', i))) {
      i += 3;
    } else if (c === 43 /* + */ || c === 45 /* - */) {
      const oh = num(s, i + 1, 2, n);
      if (oh < 0 || oh > 23) return null;
      i += 3;
      let om = 0;
      if (i < n) {
        if (s.charCodeAt(i) === 58) i++;
        om = num(s, i, 2, n);
        if (om < 0 || om > 59) return null;
        i += 2;
      }
      offsetMin = (c === 45 ? -1 : 1) * (oh * 60 + om);
    } else {
      return null;
    }
    if (i !== n) return null;
  }

  const ms =
    days * MS_PER_DAY +
    ((hour * 60 + minute - offsetMin) * 60 + second) * 1000 +
    Math.floor(nanos / 1e6);
  return { ms, ns: nanos % 1e6, digits };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The value of exactly `len` digits at s[at], before index `end`, or -1. */
function num(s: string, at: number, len: number, end: number): number {
  if (at + len > end) return -1;
  let v = 0;
  for (let k = at; k < at + len; k++) {
    const c = s.charCodeAt(k);
    if (!isDigit(c)) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}
