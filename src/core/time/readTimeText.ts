/**
 * A time field's value (JSON lines, logfmt, CSV) → WallTime: parseTimestamp
 * first (ISO-8601 and epochs: nearly every structured log), and only where
 * it turns the value down, the dated time layouts (`17/06/09 20:10:40`,
 * `14-Mar-2026 09:26:53.123`, `3/14/2026 9:26:53 AM`...), each of which
 * must read the whole value. Layouts without a year are not tried: a field
 * has no neighbouring lines to take the year from.
 */
import type { WallTime } from '../model/eventTime';
import { parseTimestamp, parseTimestampIn } from './parseTimestamp';
import { TIME_LAYOUTS } from './layouts/timeLayouts';

const FALLBACK = TIME_LAYOUTS.filter((l) => l.hasYear && l.wallClock !== false && l.id !== 'iso8601' && l.id !== 'epoch');

export function readTimeText(value: string | number): WallTime | null {
  const t = parseTimestamp(value);
  return t !== null || typeof value === 'number' ? t : layoutTimeOf(value);
}

/** readTimeText of s.slice(from, to), without the slice where parseTimestampIn reads it. */
export function readTimeTextIn(s: string, from: number, to: number): WallTime | null {
  return parseTimestampIn(s, from, to) ?? layoutTimeOf(s.slice(from, to));
}

/** The time a dated layout reads from the whole of `text` (trimmed), or null. */
export function layoutTimeOf(text: string): WallTime | null {
  const s = text.trim();
  if (s.length < 8 || s.length > 64) return null;
  for (const layout of FALLBACK) {
    const hit = layout.readAt(s, 0);
    if (hit && hit.end === s.length && hit.time) return hit.time;
  }
  return null;
}
