/**
 * The time layouts a text log is tried with, most specific first (ties go to
 * the earlier entry). An entry is a time layout (time/layouts: reads a time
 * at any position), a whole-line shape that also reads the header its
 * format defines (syslog's host and app, the access log's request...), or
 * both: where both are given the shape is tried first on each line and the
 * layout reads the lines the shape turns down, at the same place.
 */
import { clfDateLayout, ctimeLayout, dayMonthNameLayout, dayMonthYearLayout, julLayout, klogDateLayout, syslogDateLayout, weekdayIsoLayout } from '../../time/layouts/namedLayouts';
import {
  compactLayout,
  dottedLayout,
  dottedMonthDayLayout,
  epochLayout,
  healthAppLayout,
  isoLayout,
  monotonicLayout,
  monthDayLayout,
  slashedShortLayout,
  usDateLayout,
} from '../../time/layouts/numericLayouts';
import type { TimeLayout } from '../../time/layouts/timeLayout';
import { logcatThreadtime, logcatTime } from './logcatShapes';
import { TIMESTAMP_SHAPES, type TimestampShape } from './timestampShapes';

export interface LayoutEntry {
  id: string;
  label: string;
  hasYear: boolean;
  /** Reads a time at a position; null for a shape that only reads whole lines. */
  layout: TimeLayout | null;
  /** Reads a whole line from its start (header fields too). */
  shape: TimestampShape | null;
}

const shape = (id: string): TimestampShape => TIMESTAMP_SHAPES.find((s) => s.id === id)!;

function both(s: TimestampShape, layout: TimeLayout): LayoutEntry {
  return { id: s.id, label: s.label, hasYear: s.hasYear, layout, shape: s };
}

function only(layout: TimeLayout): LayoutEntry {
  return { id: layout.id, label: layout.label, hasYear: layout.hasYear, layout, shape: null };
}

function whole(s: TimestampShape): LayoutEntry {
  return { id: s.id, label: s.label, hasYear: s.hasYear, layout: null, shape: s };
}

export const LAYOUT_ENTRIES: readonly LayoutEntry[] = [
  whole(shape('syslog-rfc5424')),
  both(shape('syslog-rfc3164'), syslogDateLayout),
  both(shape('klog'), klogDateLayout),
  both(shape('clf'), clfDateLayout),
  both(shape('ctime'), ctimeLayout),
  whole(logcatThreadtime),
  whole(logcatTime),
  only(weekdayIsoLayout),
  only(healthAppLayout),
  only(dottedLayout),
  both(shape('iso8601'), isoLayout),
  only(compactLayout),
  only(slashedShortLayout),
  only(monthDayLayout),
  only(dottedMonthDayLayout),
  only(julLayout),
  only(dayMonthNameLayout),
  only(dayMonthYearLayout),
  only(usDateLayout),
  both(shape('epoch'), epochLayout),
  only(monotonicLayout),
];
