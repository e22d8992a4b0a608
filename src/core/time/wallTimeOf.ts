/**
 * Calendar parts → WallTime, for the timestamp shapes whose fields are not in
 * ISO order (syslog's `Mar 14 09:26:53`, Apache's `14/Mar/2026:09:26:53 +0000`,
 * klog's `0314 09:26:53.123456`): each shape's scanner reads the parts and
 * this validates and combines them arithmetically (daysFromCivil), so no Date
 * is built per line. Shapes without a year (syslog RFC 3164, klog) are kept as
 * YearlessTime until the reader has chosen a year.
 */
import type { WallTime } from '../model/eventTime';
import { daysFromCivil, daysInMonth } from './daysFromCivil';

export interface YearlessTime {
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** Nanoseconds within the second. */
  nanos: number;
  digits: number;
}

/** A date-time in a zone `offsetMin` minutes east of UTC, or null if a part is out of range. */
export function wallTimeOf(year: number, t: YearlessTime, offsetMin = 0): WallTime | null {
  const { month, day, hour, minute, second, nanos, digits } = t;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return null;
  const ms =
    daysFromCivil(year, month, day) * 86_400_000 +
    ((hour * 60 + minute - offsetMin) * 60 + second) * 1000 +
    Math.floor(nanos / 1e6);
  return { ms, ns: nanos % 1e6, digits };
}

const MONTHS = 'janfebmaraprmayjunjulaugsepoctnovdec';

/** The month (1-12) of a three-letter English abbreviation at s[at], any case, or 0. */
export function monthAt(s: string, at: number): number {
  if (at + 3 > s.length) return 0;
  const m = MONTHS.indexOf(s.slice(at, at + 3).toLowerCase());
  return m >= 0 && m % 3 === 0 ? m / 3 + 1 : 0;
}

/** The value of exactly `len` digits at s[at], or -1. */
export function digitsAt(s: string, at: number, len: number): number {
  if (at + len > s.length) return -1;
  let v = 0;
  for (let k = at; k < at + len; k++) {
    const c = s.charCodeAt(k);
    if (c < 48 || c > 57) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}

/**
 * `hh:mm:ss` at s[at] with an optional `.`/`,` fraction (any length, nine
 * digits kept): the parts and the index after them, or null.
 */
export function clockAt(s: string, at: number): { hour: number; minute: number; second: number; nanos: number; digits: number; end: number } | null {
  const hour = digitsAt(s, at, 2);
  const minute = digitsAt(s, at + 3, 2);
  const second = digitsAt(s, at + 6, 2);
  if (hour < 0 || minute < 0 || second < 0 || s[at + 2] !== ':' || s[at + 5] !== ':') return null;
  let i = at + 8;
  let nanos = 0;
  let digits = 0;
  if ((s[i] === '.' || s[i] === ',') && digitsAt(s, i + 1, 1) >= 0) {
    i++;
    const start = i;
    while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) {
      if (i - start < 9) nanos = nanos * 10 + (s.charCodeAt(i) - 48);
      i++;
    }
    digits = Math.min(i - start, 9);
    for (let k = digits; k < 9; k++) nanos *= 10;
  }
  return { hour, minute, second, nanos, digits, end: i };
}
