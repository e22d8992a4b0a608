/**
 * The year for timestamps that carry none (syslog RFC 3164, klog). Results
 * must not depend on when or where the analysis runs, so neither today's year
 * nor a file's modification time is used. Instead:
 *
 * - if the input writes a dated timestamp anywhere (an ISO-8601 date, as a
 *   message or a later header often does), its year is the anchor, and each
 *   yearless date takes the year that puts it within six months of the
 *   anchor's month (so a log spanning New Year gets both years right);
 * - otherwise 1970, advancing by one each time the month goes back by more
 *   than six (December → January) in file order.
 *
 * The caller reports which rule applied, once per input.
 */

const DATED = /(?:^|[^\d])((?:19|20|21)\d{2})[-/](0[1-9]|1[0-2])[-/](0[1-9]|[12]\d|3[01])[T ]\d{2}:\d{2}/;

export const DEFAULT_YEAR = 1970;

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
