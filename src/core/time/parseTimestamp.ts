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
import { daysFromCivil, daysInMonth } from './daysFromCivil';
import { parseEpochNumber, parseEpochText } from './parseEpoch';

export function parseTimestamp(value: string | number): WallTime | null {
  if (typeof value === 'number') return parseEpochNumber(value);
  const s = value.trim();
  if (s.length >= 16 && (s.charCodeAt(4) === 45 /* - */ || s.charCodeAt(4) === 47) /* / */) return parseIsoDateTime(s);
  return parseEpochText(s);
}

const MS_PER_DAY = 86_400_000;

/** An ISO-8601 / RFC 3339 date-time (see the module note), or null. */
export function parseIsoDateTime(s: string): WallTime | null {
  const n = s.length;
  const year = num(s, 0, 4);
  const month = num(s, 5, 2);
  const day = num(s, 8, 2);
  const hour = num(s, 11, 2);
  const minute = num(s, 14, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59) return null;
  if (!((s[4] === '-' && s[7] === '-') || (s[4] === '/' && s[7] === '/')) || s[13] !== ':') return null;
  const sep = s[10];
  if (sep !== 'T' && sep !== 't' && sep !== ' ') return null;
  if (day > daysInMonth(year, month)) return null;

  let i = 16;
  let second = 0;
  let nanos = 0;
  let digits = 0;
  if (s[i] === ':') {
    second = num(s, i + 1, 2);
    // 60 is a leap second; it rolls into the next minute like any other overflow.
    if (second < 0 || second > 60) return null;
    i += 3;
    if (s[i] === '.' || s[i] === ',') {
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

  if (s[i] === ' ') i++;
  let offsetMin = 0;
  if (i < n) {
    const c = s[i];
    if ((c === 'Z' || c === 'z') && i + 1 === n) {
      i++;
    } else if ((s.startsWith('UTC', i) || s.startsWith('GMT', i)) && i + 3 === n) {
      i += 3;
    } else if (c === '+' || c === '-') {
      const oh = num(s, i + 1, 2);
      if (oh < 0 || oh > 23) return null;
      i += 3;
      let om = 0;
      if (i < n) {
        if (s[i] === ':') i++;
        om = num(s, i, 2);
        if (om < 0 || om > 59) return null;
        i += 2;
      }
      offsetMin = (c === '-' ? -1 : 1) * (oh * 60 + om);
    } else {
      return null;
    }
    if (i !== n) return null;
  }

  const ms =
    daysFromCivil(year, month, day) * MS_PER_DAY +
    ((hour * 60 + minute - offsetMin) * 60 + second) * 1000 +
    Math.floor(nanos / 1e6);
  return { ms, ns: nanos % 1e6, digits };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The value of exactly `len` digits at s[at], or -1. */
function num(s: string, at: number, len: number): number {
  if (at + len > s.length) return -1;
  let v = 0;
  for (let k = at; k < at + len; k++) {
    const c = s.charCodeAt(k);
    if (!isDigit(c)) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}
