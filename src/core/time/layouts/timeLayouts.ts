/**
 * Every time layout, most specific first (the order breaks ties when two
 * layouts read as many lines). A layout is tested on its own
 * (tests/unit/timeLayouts.test.ts); the text-log reader learns which one an
 * input uses and where (learnTimeLayout), and structured formats try the
 * dated ones on a time field the ISO/epoch parser turned down (readTimeText).
 *
 * Not here, on purpose: time-only layouts (log4j/logback `%d{ABSOLUTE}`
 * `09:26:53,123`, `%d{HH:mm:ss}`): a time of day with no date cannot be
 * placed on a time axis without guessing the day, and a wrong day would put
 * lines of one input before another's. Such inputs are read in logical order.
 */
import { compactLayout, dottedLayout, dottedMonthDayLayout, epochLayout, healthAppLayout, isoLayout, monotonicLayout, monthDayLayout, slashedShortLayout, usDateLayout } from './numericLayouts';
import { clfDateLayout, ctimeLayout, dayMonthNameLayout, dayMonthYearLayout, julLayout, klogDateLayout, syslogDateLayout, weekdayIsoLayout } from './namedLayouts';
import type { TimeLayout } from './timeLayout';

export const TIME_LAYOUTS: readonly TimeLayout[] = [
  syslogDateLayout,
  klogDateLayout,
  clfDateLayout,
  ctimeLayout,
  weekdayIsoLayout,
  healthAppLayout,
  dottedLayout,
  isoLayout,
  compactLayout,
  slashedShortLayout,
  monthDayLayout,
  dottedMonthDayLayout,
  julLayout,
  dayMonthNameLayout,
  dayMonthYearLayout,
  usDateLayout,
  epochLayout,
  monotonicLayout,
];
