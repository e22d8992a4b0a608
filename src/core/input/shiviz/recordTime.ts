/**
 * Wall-clock time of a ShiViz record, from a `timestamp` group (TSViz writes
 * Unix nanoseconds) or a `date` group: ISO-style dates go through the shared
 * parseTimestamp (zone-less means UTC, so the same log gives the same times
 * everywhere); US-style `5/27/2013 10:53:39 AM`, which ShiViz's own examples
 * use, is read here. Fractions keep their digits, up to nanoseconds.
 */
import { wallTimeFromEpochNanos, type WallTime } from '../../model/eventTime';
import { daysFromCivil, daysInMonth } from '../../time/daysFromCivil';
import { parseTimestamp } from '../../time/parseTimestamp';

export function recordTime(groups: Record<string, string | undefined>): WallTime | null {
  const ts = groups['timestamp']?.trim();
  if (ts) {
    const t = wallTimeFromEpochNanos(ts);
    if (t) return t;
  }
  const date = groups['date']?.trim();
  return date ? parseDate(date) : null;
}

// 5/27/2013 10:53:39 AM · 10/13/2014 14:37:20.543 (month first, as US tools write)
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s*(AM|PM))?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;

export function parseDate(text: string): WallTime | null {
  const iso = parseTimestamp(text);
  if (iso) return iso;
  const m = US.exec(text);
  if (!m) return null;
  const [, mo, d, y, h, mi, s, frac, ampm, zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  let hour = Number(h ?? 0);
  const minute = Number(mi ?? 0);
  const second = Number(s ?? 0);
  if (ampm) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (ampm.toUpperCase() === 'PM' ? 12 : 0);
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 60) return null;
  const digits = frac ? frac.length : 0;
  const fracNs = frac ? Number(frac.padEnd(9, '0')) : 0;
  const base = daysFromCivil(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000;
  const ms = base + Math.floor(fracNs / 1e6) - zoneOffsetMinutes(zone) * 60000;
  return { ms, ns: fracNs % 1e6, digits };
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (!zone || /^(Z|UTC|GMT)$/i.test(zone)) return 0;
  const digits = zone.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
}
