/**
 * The year for timestamps that carry none (syslog RFC 3164, klog). Results
 * must not depend on when or where the analysis runs, so neither today's year
 * nor a file's modification time is used. Instead:
 *
 * - if the input writes a dated timestamp anywhere (an ISO-8601 date, as a
 *   message or a later header often does), its year is the anchor, and each
 *   yearless date takes the year that puts it within six months of the
 *   anchor's month (so a log spanning New Year gets both years right);
 * - a ctime date that ends a record's message (`at Fri Jun 17 07:07:00
 *   2005`, as ftpd and many daemons write) anchors the year too, but only
 *   where it names the record's own day (within a day of it) and its weekday
 *   is right: a ctime date about something else (the kernel's build date in
 *   `Linux version … #1 Sat May 8 09:04:50 EDT 2004`) says nothing of the
 *   log's year;
 * - otherwise 1970, advancing by one each time the month goes back by more
 *   than six (December → January) in file order.
 *
 * The caller reports which rule applied, once per input.
 */

import { daysFromCivil, daysInMonth } from '../../time/daysFromCivil';

const DATED = /(?:^|[^\d])((?:19|20|21)\d{2})[-/](0[1-9]|1[0-2])[-/](0[1-9]|[12]\d|3[01])[T ]\d{2}:\d{2}/;

const CTIME = /\b(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}(\d{1,2}) \d\d:\d\d:\d\d(?:\.\d{1,9})?(?: [A-Z]{3,5})? ((?:19|20|21)\d\d)$/;
const WEEKDAYS = 'SunMonTueWedThuFriSat';
const MONTH_NAMES = 'JanFebMarAprMayJunJulAugSepOctNovDec';

export const DEFAULT_YEAR = 1970;

/**
 * A ctime date that ends a line (`… at Fri Jun 17 07:07:00 2005`, a zone
 * name allowed before the year, spaces after it) whose weekday is right, or
 * null. Only the line's end is looked at, so a line without one costs a few
 * character reads, not a search.
 */
export function ctimeDateIn(line: string): { year: number; month: number; day: number } | null {
  let end = line.length;
  while (end > 0 && line.charCodeAt(end - 1) === 32) end--;
  if (end < 24 || line.charCodeAt(end - 5) !== 32) return null;
  for (let i = end - 4; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  const m = CTIME.exec(line.slice(Math.max(0, end - 48), end));
  if (!m) return null;
  const year = Number(m[4]);
  const month = MONTH_NAMES.indexOf(m[2]!) / 3 + 1;
  const day = Number(m[3]);
  if (day < 1 || day > daysInMonth(year, month)) return null;
  // 1970-01-01 was a Thursday.
  const weekday = (((daysFromCivil(year, month, day) + 4) % 7) + 7) % 7;
  return WEEKDAYS.indexOf(m[1]!) / 3 === weekday ? { year, month, day } : null;
}

/** Whether a dated day is within a day of a yearless month and day (read in the dated day's year, or the next or last). */
export function namesDay(d: { year: number; month: number; day: number }, month: number, day: number): boolean {
  if (day < 1 || day > 31) return false;
  const at = daysFromCivil(d.year, d.month, d.day);
  for (const y of [d.year, d.year + 1, d.year - 1]) {
    if (day <= daysInMonth(y, month) && Math.abs(daysFromCivil(y, month, day) - at) <= 1) return true;
  }
  return false;
}

export interface YearAnchor {
  year: number;
  month: number;
  line: number;
}

/**
 * The anchor as `new YearChooser(text)` finds it, from one line of the text
 * (lines read in order, until one has it): a match at the very start of a
 * line after the first counts from the line break before it, as the search
 * over the whole text does.
 */
export function yearAnchorIn(line: string, lineNo: number): YearAnchor | null {
  if (line.length < 16) return null;
  const m = DATED.exec(line);
  if (!m) return null;
  const atStart = m.index === 0 && line.charCodeAt(0) >= 48 && line.charCodeAt(0) <= 57;
  return { year: Number(m[1]), month: Number(m[2]), line: atStart && lineNo > 1 ? lineNo - 1 : lineNo };
}

export class YearChooser {
  private year = DEFAULT_YEAR;
  private lastMonth = 0;
  /** The dated timestamp found, if any, and its line. */
  readonly anchor: YearAnchor | null;

  /** From the whole text, or from an anchor already found (yearAnchorIn); without one, years count from `startYear`. */
  constructor(text: string | YearAnchor | null, startYear = DEFAULT_YEAR) {
    this.year = startYear;
    if (typeof text !== 'string') {
      this.anchor = text;
      return;
    }
    const m = DATED.exec(text);
    if (!m) {
      this.anchor = null;
      return;
    }
    let line = 1;
    for (let i = text.indexOf('\n'); i >= 0 && i < m.index; i = text.indexOf('\n', i + 1)) line++;
    this.anchor = { year: Number(m[1]), month: Number(m[2]), line };
  }

  /** The year of the next yearless date, in file order. */
  yearFor(month: number): number {
    const a = this.anchor;
    if (a) {
      if (month - a.month > 6) return a.year - 1;
      if (a.month - month > 6) return a.year + 1;
      return a.year;
    }
    if (this.lastMonth && month < this.lastMonth - 6) this.year++;
    this.lastMonth = month;
    return this.year;
  }
}
