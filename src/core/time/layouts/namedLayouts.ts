/**
 * Layouts with month or weekday names (syslog, ctime, java.util.logging,
 * Tomcat, the access log's date, journalctl's short-full) and klog's
 * letter-led date. See timeLayout.ts for what a layout is.
 */
import { parseIsoDateTimeIn } from '../parseTimestamp';
import { clockAt, digitsAt, monthAt, wallTimeOf } from '../wallTimeOf';
import { twelveHourClock } from './numericLayouts';
import { hitAt, oneOrTwoDigits, weekdayAt, type TimeLayout } from './timeLayout';
import { abbreviationAt, offsetMinutesAt, zoneEnd } from './zoneAt';

/** A day after a month name: `14`, ` 4` (space-padded) or `4`; its value and the index after. */
function dayAfterMonth(s: string, at: number): { value: number; end: number } | null {
  if (s[at] === ' ') {
    const d = digitsAt(s, at + 1, 1);
    return d >= 1 && digitsAt(s, at + 2, 1) < 0 ? { value: d, end: at + 2 } : null;
  }
  const d = oneOrTwoDigits(s, at);
  return d && d.value >= 1 && d.value <= 31 ? d : null;
}

/**
 * Syslog's date (RFC 3164, journalctl `short` and `short-precise`):
 * `Mar 14 09:26:53`, `Mar  4 09:26:53.123456`; no year.
 */
export const syslogDateLayout: TimeLayout = {
  id: 'syslog-date',
  label: 'Mmm d HH:mm:ss (syslog, no year)',
  hasYear: false,
  readAt(s, at) {
    const month = monthAt(s, at);
    if (!month || s[at + 3] !== ' ') return null;
    const day = dayAfterMonth(s, at + 4);
    if (!day || s[day.end] !== ' ') return null;
    const c = clockAt(s, day.end + 1);
    if (!c) return null;
    const { end, ...clock } = c;
    if (clock.hour > 23 || clock.minute > 59 || clock.second > 60) return null;
    return hitAt(s, null, { month, day: day.value, ...clock }, end, false);
  },
};

/** ctime (Apache's error log, `Sun Dec 04 04:47:44 2005`, also after a prefix). */
export const ctimeLayout: TimeLayout = {
  id: 'ctime',
  label: 'ctime (Www Mmm dd HH:mm:ss yyyy)',
  hasYear: true,
  readAt(s, at) {
    if (!weekdayAt(s, at) || s[at + 3] !== ' ') return null;
    const month = monthAt(s, at + 4);
    if (!month || s[at + 7] !== ' ') return null;
    const day = dayAfterMonth(s, at + 8);
    if (!day || s[day.end] !== ' ') return null;
    const c = clockAt(s, day.end + 1);
    if (!c || s[c.end] !== ' ') return null;
    const year = digitsAt(s, c.end + 1, 4);
    if (year < 0) return null;
    const { end, ...clock } = c;
    const time = wallTimeOf(year, { month, day: day.value, ...clock });
    return time && hitAt(s, time, null, end + 5, false);
  },
};

/** java.util.logging's SimpleFormatter: `Mar 14, 2026 9:26:53 AM`. */
export const julLayout: TimeLayout = {
  id: 'java-util-logging',
  label: 'Mmm d, yyyy h:mm:ss AM (java.util.logging)',
  hasYear: true,
  readAt(s, at) {
    const month = monthAt(s, at);
    if (!month || s[at + 3] !== ' ') return null;
    const day = oneOrTwoDigits(s, at + 4);
    if (!day || s[day.end] !== ',' || s[day.end + 1] !== ' ') return null;
    const year = digitsAt(s, day.end + 2, 4);
    if (year < 0 || s[day.end + 6] !== ' ') return null;
    return twelveHourClock(s, day.end + 7, year, month, day.value);
  },
};

/** Tomcat's default (and log4j `dd-MMM-yyyy`): `14-Mar-2026 09:26:53.123`. */
export const dayMonthNameLayout: TimeLayout = {
  id: 'dd-mmm-yyyy',
  label: 'dd-Mmm-yyyy HH:mm:ss.SSS (Tomcat)',
  hasYear: true,
  readAt(s, at) {
    if (s[at + 2] !== '-' || s[at + 6] !== '-' || s[at + 11] !== ' ') return null;
    const day = digitsAt(s, at, 2);
    const month = monthAt(s, at + 3);
    const year = digitsAt(s, at + 7, 4);
    const c = clockAt(s, at + 12);
    if (day < 0 || !month || year < 0 || !c) return null;
    const { end, ...clock } = c;
    const time = wallTimeOf(year, { month, day, ...clock });
    return time && hitAt(s, time, null, end, false);
  },
};

/**
 * Day, month name and year with spaces: Redis (`14 Mar 2026 09:26:53.123`)
 * and RFC 2822 / RFC 5322 dates (`Sat, 14 Mar 2026 09:26:53 +0000`, the
 * weekday optional), with an optional zone: `Z`, `±hhmm`, `±hh:mm`, or a
 * name whose offset is not ambiguous (GMT, UTC, EST...).
 */
export const dayMonthYearLayout: TimeLayout = {
  id: 'd-mmm-yyyy',
  label: 'd Mmm yyyy HH:mm:ss.SSS (Redis, RFC 2822)',
  hasYear: true,
  readAt(s, at) {
    const from = weekdayAt(s, at) && s[at + 3] === ',' && s[at + 4] === ' ' ? at + 5 : at;
    const day = oneOrTwoDigits(s, from);
    if (!day || s[day.end] !== ' ' || s[day.end + 4] !== ' ' || s[day.end + 9] !== ' ') return null;
    const month = monthAt(s, day.end + 1);
    const year = digitsAt(s, day.end + 5, 4);
    const c = clockAt(s, day.end + 10);
    if (!month || year < 0 || !c) return null;
    const { end: clockEnd, ...clock } = c;
    let end = zoneEnd(s, clockEnd);
    let offset = 0;
    if (end > clockEnd && s[end - 1] !== 'Z' && s[end - 1] !== 'z' && s[end - 1] !== 'C' && s[end - 1] !== 'T') {
      const o = offsetMinutesAt(s, s[clockEnd] === ' ' ? clockEnd + 1 : clockEnd, end);
      if (o === null) return null;
      offset = o;
    } else if (end === clockEnd && s[clockEnd] === ' ') {
      const z = abbreviationAt(s, clockEnd + 1);
      if (z) {
        offset = z.offset;
        end = z.end;
      }
    }
    const time = wallTimeOf(year, { month, day: day.value, ...clock }, offset);
    return time && hitAt(s, time, null, end, end > clockEnd);
  },
};

/** The access log's date (Apache/nginx `%t`): `14/Mar/2026:09:26:53 +0000`, usually in brackets. */
export const clfDateLayout: TimeLayout = {
  id: 'clf-date',
  label: 'dd/Mmm/yyyy:HH:mm:ss ±zzzz (access log)',
  hasYear: true,
  readAt(s, at) {
    if (s[at + 2] !== '/' || s[at + 6] !== '/' || s[at + 11] !== ':') return null;
    const day = digitsAt(s, at, 2);
    const month = monthAt(s, at + 3);
    const year = digitsAt(s, at + 7, 4);
    const c = clockAt(s, at + 12);
    if (day < 0 || !month || year < 0 || !c) return null;
    const { end: clockEnd, ...clock } = c;
    const end = zoneEnd(s, clockEnd);
    let offset = 0;
    if (end > clockEnd && s[end - 1] !== 'Z' && s[end - 1] !== 'C' && s[end - 1] !== 'T') {
      const from = s[clockEnd] === ' ' ? clockEnd + 1 : clockEnd;
      const o = offsetMinutesAt(s, from, end);
      if (o === null) return null;
      offset = o;
    }
    const time = wallTimeOf(year, { month, day, ...clock }, offset);
    return time && hitAt(s, time, null, end, end > clockEnd);
  },
};

/** journalctl `short-full`: `Sat 2026-03-14 09:26:53 CET` (the local zone's abbreviation, read where it is not ambiguous). */
export const weekdayIsoLayout: TimeLayout = {
  id: 'weekday-iso',
  label: 'Www yyyy-MM-dd HH:mm:ss ZZZ (journalctl short-full)',
  hasYear: true,
  readAt(s, at) {
    if (!weekdayAt(s, at) || s[at + 3] !== ' ') return null;
    const d = at + 4;
    if (s[d + 4] !== '-' || s[d + 7] !== '-' || s[d + 10] !== ' ') return null;
    const c = clockAt(s, d + 11);
    if (!c) return null;
    const time = parseIsoDateTimeIn(s, d, c.end);
    if (!time) return null;
    if (s[c.end] === ' ') {
      const z = abbreviationAt(s, c.end + 1);
      if (z) return hitAt(s, { ...time, ms: time.ms - z.offset * 60_000 }, null, z.end, true);
    }
    return hitAt(s, time, null, c.end, false);
  },
};

/** klog/glog's header date: `I0314 09:26:53.123456` (level letter, MMdd); no year. */
export const klogDateLayout: TimeLayout = {
  id: 'klog-date',
  label: 'klog Lmmdd HH:mm:ss.uuuuuu (no year)',
  hasYear: false,
  readAt(s, at) {
    const l = s[at];
    if ((l !== 'I' && l !== 'W' && l !== 'E' && l !== 'F') || s[at + 5] !== ' ') return null;
    const month = digitsAt(s, at + 1, 2);
    const day = digitsAt(s, at + 3, 2);
    const c = clockAt(s, at + 6);
    if (month < 1 || month > 12 || day < 1 || day > 31 || !c) return null;
    const { end, ...clock } = c;
    if (clock.hour > 23 || clock.minute > 59 || clock.second > 60) return null;
    return hitAt(s, null, { month, day, ...clock }, end, false);
  },
};
