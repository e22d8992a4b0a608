/**
 * Wall-clock time of a ShiViz record, from a `timestamp` group (TSViz writes
 * Unix nanoseconds) or a `date` group (a calendar date and time). Dates are
 * read by hand, not by Date.parse, because Date.parse reads zone-less strings
 * in the machine's zone and rejects `,` decimals: a date without a zone is
 * taken as UTC, so the same log gives the same times everywhere. Fractions
 * keep their digits, up to nanoseconds.
 */
import { wallTimeFromEpochNanos, type WallTime } from '../../model/eventTime';

export function recordTime(groups: Record<string, string | undefined>): WallTime | null {
  const ts = groups['timestamp']?.trim();
  if (ts) {
    const t = wallTimeFromEpochNanos(ts);
    if (t) return t;
  }
  const date = groups['date']?.trim();
  return date ? parseDate(date) : null;
}

// 2013-05-24 23:28:00,637 · 2013-05-24T23:28:00.637Z · 2013-05-24 23:28:00+02:00
const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
// 5/27/2013 10:53:39 AM · 10/13/2014 14:37:20.543 (month first, as US tools write)
const US = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s*(AM|PM))?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i;

export function parseDate(text: string): WallTime | null {
  let m = ISO.exec(text);
  if (m) return build(m[1], m[2], m[3], m[4], m[5], m[6], m[7], undefined, m[8]);
  m = US.exec(text);
  if (m) return build(m[3], m[1], m[2], m[4], m[5], m[6], m[7], m[8], m[9]);
  return null;
}

function build(
  y: string | undefined,
  mo: string | undefined,
  d: string | undefined,
  h: string | undefined,
  mi: string | undefined,
  s: string | undefined,
  frac: string | undefined,
  ampm: string | undefined,
  zone: string | undefined,
): WallTime | null {
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
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return null;
  const base = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 31 February into March: refuse dates that do not exist.
  if (new Date(base).getUTCDate() !== day) return null;
  const digits = frac ? frac.length : 0;
  const fracNs = frac ? Number(frac.padEnd(9, '0')) : 0;
  const ms = base + Math.floor(fracNs / 1e6) - zoneOffsetMinutes(zone) * 60000;
  return { ms, ns: fracNs % 1e6, digits };
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (!zone || /^(Z|UTC|GMT)$/i.test(zone)) return 0;
  const digits = zone.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
}
