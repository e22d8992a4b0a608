/**
 * Layouts written with digits only: ISO-8601 / RFC 3339 and the library
 * defaults that follow it, and the compact or dotted dates some systems
 * write (HDFS, Spark, BGL, HealthApp, Android logcat, Proxifier), and epochs.
 * See timeLayout.ts for what a layout is.
 */
import { parseEpochText } from '../parseEpoch';
import { parseIsoDateTimeIn } from '../parseTimestamp';
import { clockAt, digitsAt, wallTimeOf, type YearlessTime } from '../wallTimeOf';
import { fullYear, hitAt, isDigitCode, oneOrTwoDigits, type LayoutHit, type TimeLayout } from './timeLayout';
import { zoneEnd } from './zoneAt';

/** `.ffffff` (or `,`) at s[i]: nanoseconds, digits written (at most 9 kept) and the index after; none: i unchanged. */
export function fractionAt(s: string, i: number): { nanos: number; digits: number; end: number } {
  const c = s[i];
  if ((c !== '.' && c !== ',') || !isDigitCode(s.charCodeAt(i + 1))) return { nanos: 0, digits: 0, end: i };
  let j = i + 1;
  let nanos = 0;
  while (j < s.length && isDigitCode(s.charCodeAt(j))) {
    if (j - i - 1 < 9) nanos = nanos * 10 + (s.charCodeAt(j) - 48);
    j++;
  }
  const digits = Math.min(j - i - 1, 9);
  for (let k = digits; k < 9; k++) nanos *= 10;
  return { nanos, digits, end: j };
}

/** `hhmmss` (six digits): the parts, or null. */
function compactClockAt(s: string, at: number): { hour: number; minute: number; second: number } | null {
  const hour = digitsAt(s, at, 2);
  const minute = digitsAt(s, at + 2, 2);
  const second = digitsAt(s, at + 4, 2);
  return hour < 0 || minute < 0 || second < 0 ? null : { hour, minute, second };
}

/**
 * ISO-8601 / RFC 3339 with seconds: `T`, `t` or a space between date and
 * time, `-` or `/` in the date (Go, nginx's error log), a `.` or `,`
 * fraction of any length (Python, log4j `%d{ISO8601}`, .NET's 7 digits),
 * and an optional zone (`Z`, `±hh`, `±hhmm`, `±hh:mm`, ` UTC`).
 */
export const isoLayout: TimeLayout = {
  id: 'iso8601',
  label: 'ISO-8601',
  hasYear: true,
  readAt(s, at) {
    const sep = s[at + 4];
    if ((sep !== '-' && sep !== '/') || s[at + 7] !== sep || digitsAt(s, at, 4) < 0) return null;
    const t = s[at + 10];
    if (t !== 'T' && t !== ' ' && t !== 't') return null;
    const c = clockAt(s, at + 11);
    if (!c) return null;
    const end = zoneEnd(s, c.end);
    const time = parseIsoDateTimeIn(s, at, end);
    return time && hitAt(s, time, null, end, end > c.end);
  },
};

/** BGL (Blue Gene/L): `2005-06-03-15.42.50.675872`. */
export const dottedLayout: TimeLayout = {
  id: 'dotted-datetime',
  label: 'yyyy-MM-dd-HH.mm.ss.ffffff (BGL)',
  hasYear: true,
  readAt(s, at) {
    if (s[at + 4] !== '-' || s[at + 7] !== '-' || s[at + 10] !== '-' || s[at + 13] !== '.' || s[at + 16] !== '.') return null;
    const year = digitsAt(s, at, 4);
    const month = digitsAt(s, at + 5, 2);
    const day = digitsAt(s, at + 8, 2);
    const hour = digitsAt(s, at + 11, 2);
    const minute = digitsAt(s, at + 14, 2);
    const second = digitsAt(s, at + 17, 2);
    if ((year | month | day | hour | minute | second) < 0) return null;
    const f = fractionAt(s, at + 19);
    if (f.end !== at + 19 && s[at + 19] !== '.') return null;
    const time = wallTimeOf(year, { month, day, hour, minute, second, nanos: f.nanos, digits: f.digits });
    return time && hitAt(s, time, null, f.end, false);
  },
};

/** HDFS: `081109 203615` (yyMMdd HHmmss). */
export const compactLayout: TimeLayout = {
  id: 'compact-yymmdd',
  label: 'yyMMdd HHmmss (HDFS)',
  hasYear: true,
  readAt(s, at) {
    if (s[at + 6] !== ' ') return null;
    const yy = digitsAt(s, at, 2);
    const month = digitsAt(s, at + 2, 2);
    const day = digitsAt(s, at + 4, 2);
    const c = compactClockAt(s, at + 7);
    if (yy < 0 || month < 0 || day < 0 || !c) return null;
    const time = wallTimeOf(fullYear(yy), { month, day, ...c, nanos: 0, digits: 0 });
    return time && hitAt(s, time, null, at + 13, false);
  },
};

/** Spark (log4j `yy/MM/dd HH:mm:ss`): `17/06/09 20:10:40`. */
export const slashedShortLayout: TimeLayout = {
  id: 'slashed-yymmdd',
  label: 'yy/MM/dd HH:mm:ss (Spark)',
  hasYear: true,
  readAt(s, at) {
    if (s[at + 2] !== '/' || s[at + 5] !== '/' || s[at + 8] !== ' ') return null;
    const yy = digitsAt(s, at, 2);
    const month = digitsAt(s, at + 3, 2);
    const day = digitsAt(s, at + 6, 2);
    const c = clockAt(s, at + 9);
    if (yy < 0 || month < 0 || day < 0 || !c) return null;
    const time = wallTimeOf(fullYear(yy), { month, day, ...c });
    return time && hitAt(s, time, null, c.end, false);
  },
};

/**
 * HealthApp: `20171223-22:15:29:606` (yyyyMMdd-H:m:s:SSS). It writes the
 * hour, minute and second without padding (`22:16:0:119`, `9:5:3:7`), and
 * the milliseconds as a count after a colon (`:6` is 6 ms, not 600).
 */
export const healthAppLayout: TimeLayout = {
  id: 'compact-yyyymmdd-ms',
  label: 'yyyyMMdd-HH:mm:ss:SSS (HealthApp)',
  hasYear: true,
  readAt(s, at) {
    if (s[at + 8] !== '-') return null;
    const year = digitsAt(s, at, 4);
    const month = digitsAt(s, at + 4, 2);
    const day = digitsAt(s, at + 6, 2);
    if (year < 0 || month < 0 || day < 0) return null;
    const hour = oneOrTwoDigits(s, at + 9);
    if (!hour || s[hour.end] !== ':') return null;
    const minute = oneOrTwoDigits(s, hour.end + 1);
    if (!minute || s[minute.end] !== ':') return null;
    const second = oneOrTwoDigits(s, minute.end + 1);
    if (!second) return null;
    let end = second.end;
    let nanos = 0;
    let digits = 0;
    if (s[end] === ':' && isDigitCode(s.charCodeAt(end + 1))) {
      let ms = 0;
      let j = end + 1;
      while (j < s.length && j - end <= 3 && isDigitCode(s.charCodeAt(j))) ms = ms * 10 + (s.charCodeAt(j++) - 48);
      if (isDigitCode(s.charCodeAt(j))) return null;
      nanos = ms * 1e6;
      digits = 3;
      end = j;
    }
    const time = wallTimeOf(year, { month, day, hour: hour.value, minute: minute.value, second: second.value, nanos, digits });
    return time && hitAt(s, time, null, end, false);
  },
};

/** `MM<sep>dd HH:mm:ss[.fff]`: the parts, or null. */
function monthDayAt(s: string, at: number, sep: string): { parts: YearlessTime; end: number } | null {
  if (s[at + 2] !== sep || s[at + 5] !== ' ') return null;
  const month = digitsAt(s, at, 2);
  const day = digitsAt(s, at + 3, 2);
  const c = clockAt(s, at + 6);
  if (month < 1 || month > 12 || day < 1 || day > 31 || !c || c.hour > 23 || c.minute > 59 || c.second > 60) return null;
  const { end, ...clock } = c;
  return { parts: { month, day, ...clock }, end };
}

/** Android logcat (`threadtime`, `time`): `03-17 16:13:38.811`; no year. */
export const monthDayLayout: TimeLayout = {
  id: 'month-day',
  label: 'MM-dd HH:mm:ss.SSS (no year)',
  hasYear: false,
  readAt(s, at) {
    const m = monthDayAt(s, at, '-');
    return m && hitAt(s, null, m.parts, m.end, false);
  },
};

/** Proxifier: `10.30 16:49:06` (MM.dd, in brackets); no year. */
export const dottedMonthDayLayout: TimeLayout = {
  id: 'dotted-month-day',
  label: 'MM.dd HH:mm:ss (Proxifier, no year)',
  hasYear: false,
  readAt(s, at) {
    const m = monthDayAt(s, at, '.');
    return m && hitAt(s, null, m.parts, m.end, false);
  },
};

/** .NET's default (en-US) `3/14/2026 9:26:53 AM`, and the same on a 24-hour clock. */
export const usDateLayout: TimeLayout = {
  id: 'us-date',
  label: 'M/d/yyyy h:mm:ss AM (.NET)',
  hasYear: true,
  readAt(s, at) {
    const month = oneOrTwoDigits(s, at);
    if (!month || s[month.end] !== '/') return null;
    const day = oneOrTwoDigits(s, month.end + 1);
    if (!day || s[day.end] !== '/') return null;
    const year = digitsAt(s, day.end + 1, 4);
    if (year < 0 || s[day.end + 5] !== ' ') return null;
    return twelveHourClock(s, day.end + 6, year, month.value, day.value);
  },
};

/**
 * `h:mm:ss[.fff][ AM|PM]` at s[at] (the hour one or two digits) on the given
 * date: a hit, or null. With AM/PM the hour is 1-12 (12 AM is midnight).
 */
export function twelveHourClock(s: string, at: number, year: number, month: number, day: number): LayoutHit | null {
  const h = oneOrTwoDigits(s, at);
  if (!h || s[h.end] !== ':') return null;
  const minute = digitsAt(s, h.end + 1, 2);
  const second = digitsAt(s, h.end + 4, 2);
  if (minute < 0 || second < 0 || s[h.end + 3] !== ':') return null;
  const f = fractionAt(s, h.end + 6);
  let hour = h.value;
  let end = f.end;
  const ap = s.slice(end, end + 3);
  if (ap === ' AM' || ap === ' PM' || ap === ' am' || ap === ' pm') {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (ap[1] === 'P' || ap[1] === 'p' ? 12 : 0);
    end += 3;
  }
  const time = wallTimeOf(year, { month, day, hour, minute, second, nanos: f.nanos, digits: f.digits });
  return time && hitAt(s, time, null, end, false);
}

/**
 * A numeric epoch in a column: 9 to 19 digits and an optional fraction, its
 * unit by its length (seconds, ms, µs, ns). 11, 14 and 17 digits are left
 * out: in one unit they are years past 5000 or before 1973, so more likely a
 * count or an id. So is a number with a leading zero: no clock writes an
 * epoch zero-padded (`0020171223` is a counter or a date glued to one).
 */
export const epochLayout: TimeLayout = {
  id: 'epoch',
  label: 'epoch time',
  hasYear: true,
  readAt(s, at) {
    if (s.charCodeAt(at) === 48) return null;
    // At most 20 digits are looked at: a longer run is no epoch, and a line of digits costs no rescan.
    let j = at;
    const limit = Math.min(s.length, at + 20);
    while (j < limit && isDigitCode(s.charCodeAt(j))) j++;
    const len = j - at;
    if (len < 9 || len > 19 || len === 11 || len === 14 || len === 17) return null;
    if (s[j] === '.' && isDigitCode(s.charCodeAt(j + 1))) {
      const f0 = ++j;
      const fLimit = Math.min(s.length, f0 + 10);
      while (j < fLimit && isDigitCode(s.charCodeAt(j))) j++;
      if (j - f0 > 9) return null;
    }
    const time = parseEpochText(s.slice(at, j));
    return time && hitAt(s, time, null, j, true);
  },
};

/**
 * Seconds since boot in brackets at the start of a line, as the kernel ring
 * buffer and journalctl's `short-monotonic` write them: `[  123.456789]`.
 * Not wall time: an input in this layout has no time axis, and says why.
 */
export const monotonicLayout: TimeLayout = {
  id: 'monotonic',
  label: 'seconds since boot (monotonic)',
  hasYear: true,
  wallClock: false,
  readAt(s, at) {
    let b = at - 1;
    while (b > 0 && s[b] === ' ') b--;
    if (b !== 0 || s[0] !== '[') return null;
    let j = at;
    while (j < s.length && isDigitCode(s.charCodeAt(j))) j++;
    if (j === at || s[j] !== '.') return null;
    const f = fractionAt(s, j);
    if (f.digits !== 6 || s[f.end] !== ']') return null;
    return { time: null, yearless: null, end: f.end, zoned: true };
  },
};
