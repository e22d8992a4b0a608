/**
 * A time layout: one way logs write a date and time (`081109 203615`,
 * `17/06/09 20:10:40`, `Mar 14, 2026 9:26:53 AM`...), as a reader of the time
 * written at a given position of a line. Layouts know nothing of lines or
 * formats: the text-log reader learns which layout an input uses and where
 * its lines have it (learnTimeLayout), and structured formats try them on a
 * field value the ISO/epoch parser turned down (readTimeText).
 *
 * A read returns the time and the index after it. Layouts without a year
 * return the calendar parts (YearlessTime) for the caller to give a year.
 * `zoned` says whether the text wrote its zone: a time without one is the
 * wall time read as UTC, which the caller may shift (a zone the user set).
 * Readers index characters by hand and build no Date.
 */
import type { WallTime } from '../../model/eventTime';
import { EARLIEST_CLOCK_YEAR } from '../daysFromCivil';
import type { YearlessTime } from '../wallTimeOf';

export interface LayoutHit {
  /** Null for a layout without a year (then `yearless` holds the parts) or one that reads no wall time. */
  time: WallTime | null;
  yearless: YearlessTime | null;
  /** The index after the time. */
  end: number;
  /** Whether the text wrote the time's zone (Z, an offset, UTC...). */
  zoned: boolean;
}

export interface TimeLayout {
  id: string;
  label: string;
  hasYear: boolean;
  /** False for a layout that reads a clock that is not wall time (seconds since boot). */
  wallClock?: false;
  /** The time written at s[at...], or null. The character after it is never a letter or digit. */
  readAt(s: string, at: number): LayoutHit | null;
}

/** The earliest wall time a layout reads (EARLIEST_CLOCK_YEAR). */
const EARLIEST_MS = Date.UTC(EARLIEST_CLOCK_YEAR, 0, 1);

/** A hit, once its end is checked to close a token (no letter or digit right after). */
export function hitAt(s: string, time: WallTime | null, yearless: YearlessTime | null, end: number, zoned: boolean): LayoutHit | null {
  if (!endsToken(s, end)) return null;
  if (time === null ? yearless === null : time.ms < EARLIEST_MS) return null;
  return { time, yearless, end, zoned };
}

/** Whether nothing, or something other than a letter or a digit, follows s[end - 1]. */
export function endsToken(s: string, end: number): boolean {
  if (end >= s.length) return true;
  const c = s.charCodeAt(end);
  return !(isDigitCode(c) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95);
}

export function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** One or two digits at s[at] (a day or hour written without padding): the value and the index after, or null. */
export function oneOrTwoDigits(s: string, at: number): { value: number; end: number } | null {
  const a = s.charCodeAt(at);
  if (!isDigitCode(a)) return null;
  const b = s.charCodeAt(at + 1);
  if (isDigitCode(b)) return { value: (a - 48) * 10 + (b - 48), end: at + 2 };
  return { value: a - 48, end: at + 1 };
}

/** The year of a two-digit year, as POSIX strptime's %y: 69-99 → 19xx, 00-68 → 20xx. */
export function fullYear(yy: number): number {
  return yy >= 69 ? 1900 + yy : 2000 + yy;
}

const WEEKDAYS = 'sunmontuewedthufrisat';

/** Whether s[at, at+3) is an English weekday abbreviation, any case. */
export function weekdayAt(s: string, at: number): boolean {
  if (at + 3 > s.length) return false;
  const w = WEEKDAYS.indexOf(s.slice(at, at + 3).toLowerCase());
  return w >= 0 && w % 3 === 0;
}
