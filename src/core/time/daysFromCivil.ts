/**
 * Days since 1970-01-01 of a proleptic Gregorian date, by integer arithmetic
 * (Howard Hinnant's days_from_civil). Shifting the year to start in March puts
 * the leap day last, so a 400-year era is 146097 days and the day of the year
 * follows from the month by one linear formula; no table, no Date.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400; // 0 .. 399
  const mp = month > 2 ? month - 3 : month + 9; // March = 0
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1; // 0 .. 365
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * The earliest year a log's clock is read in: a date before it (`0017/06/09`,
 * digits run together) is not a clock's, however well formed. Unset clocks
 * that write 1970 still read.
 */
export const EARLIEST_CLOCK_YEAR = 1900;

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (MONTH_DAYS[month - 1] ?? 0);
}
