import { describe, expect, it } from 'vitest';
import { logcatThreadtime, logcatTime } from '../../src/core/input/textLog/logcatShapes';
import {
  clfDateLayout,
  ctimeLayout,
  dayMonthNameLayout,
  dayMonthYearLayout,
  julLayout,
  klogDateLayout,
  syslogDateLayout,
  weekdayIsoLayout,
} from '../../src/core/time/layouts/namedLayouts';
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
} from '../../src/core/time/layouts/numericLayouts';
import type { TimeLayout } from '../../src/core/time/layouts/timeLayout';
import { TIME_LAYOUTS } from '../../src/core/time/layouts/timeLayouts';

/** A time as ISO text with the fraction digits it was written with, without the zone (always UTC). */
function isoOf(t: { ms: number; ns: number; digits: number }): string {
  const frac = String(((t.ms % 1000) + 1000) % 1000).padStart(3, '0') + String(t.ns).padStart(6, '0');
  return new Date(t.ms).toISOString().slice(0, 19) + (t.digits > 0 ? `.${frac.slice(0, t.digits)}` : '');
}

/** The instant a layout reads at `at`, as ISO text with its written digits, and where it ends. */
function read(layout: TimeLayout, s: string, at = 0) {
  const h = layout.readAt(s, at);
  if (!h) return null;
  const iso = h.time && isoOf(h.time);
  return { iso, yearless: h.yearless, end: h.end, zoned: h.zoned, text: s.slice(at, h.end) };
}

/** Every layout: what it reads at the start, after a prefix, where it ends, and near misses it turns down. */
const CASES: { layout: TimeLayout; line: string; iso: string | null; text: string; misses: string[] }[] = [
  { layout: isoLayout, line: '2026-03-14T09:26:53.123456789+01:00 ready', iso: '2026-03-14T08:26:53.123456789', text: '2026-03-14T09:26:53.123456789+01:00', misses: ['2026-03-14T09:26 x', '2026-13-14 09:26:53', '2026-03-14T09:26:53x', '2026-02-29 10:00:00'] },
  { layout: dottedLayout, line: '2005-06-03-15.42.50.675872 R02-M1-N0', iso: '2005-06-03T15:42:50.675872', text: '2005-06-03-15.42.50.675872', misses: ['2005-06-03-15:42:50.675872', '2005-06-31-15.42.50.1', '2005-06-03-25.42.50.1'] },
  { layout: compactLayout, line: '081109 203615 148 INFO dfs.DataNode', iso: '2008-11-09T20:36:15', text: '081109 203615', misses: ['081109 2036151 x', '081309 203615 x', '081109 206015 x', '0811092 03615'] },
  { layout: slashedShortLayout, line: '17/06/09 20:10:40 INFO spark.SecurityManager', iso: '2017-06-09T20:10:40', text: '17/06/09 20:10:40', misses: ['17/06/09 20:10 x', '2017/06/09 20:10:40', '17/13/09 20:10:40'] },
  { layout: healthAppLayout, line: '20171223-22:15:29:606|Step_LSC|30002312|x', iso: '2017-12-23T22:15:29.606', text: '20171223-22:15:29:606', misses: ['20171223-22:15:29:6060|', '2017122-22:15:29:606', '20171323-22:15:29:606'] },
  { layout: julLayout, line: 'Mar 14, 2026 9:26:53 PM com.example.Main run', iso: '2026-03-14T21:26:53', text: 'Mar 14, 2026 9:26:53 PM', misses: ['Mar 14, 2026 13:26:53 PM x', 'Mar 14 2026 9:26:53 AM', 'Mar 32, 2026 9:26:53 AM'] },
  { layout: dayMonthNameLayout, line: '14-Mar-2026 09:26:53.123 INFO [main] org.apache', iso: '2026-03-14T09:26:53.123', text: '14-Mar-2026 09:26:53.123', misses: ['14-Mzr-2026 09:26:53.123', '14-Mar-26 09:26:53', '30-Feb-2026 09:26:53'] },
  { layout: dayMonthYearLayout, line: '14 Mar 2026 09:26:53.123 * Server initialized', iso: '2026-03-14T09:26:53.123', text: '14 Mar 2026 09:26:53.123', misses: ['14 Mzr 2026 09:26:53.123', '14 Mar 26 09:26:53', '30 Feb 2026 09:26:53', '14 Mar 2026 09:26 x', '140 Mar 2026 09:26:53'] },
  { layout: usDateLayout, line: '12/31/2026 11:59:59 PM Service started', iso: '2026-12-31T23:59:59', text: '12/31/2026 11:59:59 PM', misses: ['14/3/2026 9:26:53 AM', '3/14/26 9:26:53 AM', '3/14/2026 0:26:53 AM'] },
  { layout: ctimeLayout, line: 'Sun Dec 04 04:47:44 2005] [notice] ok', iso: '2005-12-04T04:47:44', text: 'Sun Dec 04 04:47:44 2005', misses: ['Sun Dec 04 04:47:44 05]', 'Sun Dez 04 04:47:44 2005', 'Dec 04 04:47:44 2005'] },
  { layout: clfDateLayout, line: '14/Mar/2026:09:26:53 +0100] "GET /"', iso: '2026-03-14T08:26:53', text: '14/Mar/2026:09:26:53 +0100', misses: ['14/Mar/2026 09:26:53 +0100', '14/Mxr/2026:09:26:53 +0100', '32/Mar/2026:09:26:53 +0100'] },
  { layout: weekdayIsoLayout, line: 'Sat 2026-03-14 09:26:53 CET web1 sshd[42]: x', iso: '2026-03-14T08:26:53', text: 'Sat 2026-03-14 09:26:53 CET', misses: ['Sat 2026-03-14 09:26 CET', 'Xyz 2026-03-14 09:26:53 CET', 'Sat 2026-02-30 09:26:53 CET'] },
  { layout: epochLayout, line: '1710408413.123456 web1 unit[1]: x', iso: '2024-03-14T09:26:53.123456', text: '1710408413.123456', misses: ['17104084131 x', '12345678 x', '1710408413x', '1710408413.1234567890 x', '0020171223-22:15:29:606', '0710408413 x'] },
];

describe('time layouts', () => {
  for (const c of CASES) {
    it(`${c.layout.id}: reads its time at the start and after a prefix, ends after it, and turns down near misses`, () => {
      const got = read(c.layout, c.line);
      expect(got?.iso).toBe(c.iso);
      expect(got?.text).toBe(c.text);
      const prefix = 'node-7 payments.log 42 ';
      const after = read(c.layout, prefix + c.line, prefix.length);
      expect(after?.iso).toBe(c.iso);
      expect(after?.end).toBe(prefix.length + c.text.length);
      for (const miss of c.misses) expect(read(c.layout, miss), miss).toBeNull();
      // Glued to a word, the time is not read whole (a zone glued to it is not a zone).
      const glued = read(c.layout, c.text + 'x');
      if (glued) expect(glued.end).toBeLessThan(c.text.length);
    });
  }

  it('reads every ISO-8601 / RFC 3339 variant: T or space, comma or dot fractions of 1 to 9 digits, Z, ±hh, ±hhmm, ±hh:mm, UTC', () => {
    const want = (s: string) => read(isoLayout, s)?.iso;
    expect(want('2026-03-14 09:26:53,1')).toBe('2026-03-14T09:26:53.1');
    expect(want('2026-03-14t09:26:53.123456789Z')).toBe('2026-03-14T09:26:53.123456789');
    expect(want('2026-03-14T09:26:53-05')).toBe('2026-03-14T14:26:53');
    expect(want('2026-03-14T09:26:53+0530')).toBe('2026-03-14T03:56:53');
    expect(want('2026-03-14T09:26:53.1234567+01:00')).toBe('2026-03-14T08:26:53.1234567');
    expect(want('2026-03-14 09:26:53 UTC')).toBe('2026-03-14T09:26:53');
    expect(want('2026/03/14 09:26:53 [error] 123#0: *1 open()')).toBe('2026-03-14T09:26:53');
    expect(read(isoLayout, '2026-03-14 09:26:53 +0100')?.zoned).toBe(true);
    expect(read(isoLayout, '2026-03-14 09:26:53,123 - INFO')).toMatchObject({ zoned: false, text: '2026-03-14 09:26:53,123' });
  });

  it('reads RFC 2822 dates after their weekday, with a numeric or named zone, and Redis\'s lines after pid:role', () => {
    const at = (s: string, i: number) => read(dayMonthYearLayout, s, i);
    expect(at('Sat, 14 Mar 2026 09:26:53 +0100', 0)).toMatchObject({ iso: '2026-03-14T08:26:53', zoned: true, text: 'Sat, 14 Mar 2026 09:26:53 +0100' });
    expect(at('Sat, 14 Mar 2026 09:26:53 +0100', 5)).toMatchObject({ iso: '2026-03-14T08:26:53', zoned: true, text: '14 Mar 2026 09:26:53 +0100' });
    expect(at('Date: Sat, 4 Mar 2026 09:26:53 GMT', 11)).toMatchObject({ iso: '2026-03-04T09:26:53', zoned: true, text: '4 Mar 2026 09:26:53 GMT' });
    expect(at('Sat, 14 Mar 2026 09:26:53 EST', 5)).toMatchObject({ iso: '2026-03-14T14:26:53', zoned: true });
    expect(at('Sat, 14 Mar 2026 09:26:53 -0000', 5)?.iso).toBe('2026-03-14T09:26:53');
    // A word after the time that is no zone is the message.
    expect(at('14 Mar 2026 09:26:53 Server up', 0)).toMatchObject({ zoned: false, text: '14 Mar 2026 09:26:53' });
    expect(at('27:C 14 Mar 2026 09:31:54.210 * DB saved on disk', 5)).toMatchObject({ iso: '2026-03-14T09:31:54.210', zoned: false });
  });

  it('reads 12 AM as midnight and 12 PM as noon, and .NET\'s 24-hour clock', () => {
    expect(read(julLayout, 'Jan 1, 2026 12:00:00 AM x')?.iso).toBe('2026-01-01T00:00:00');
    expect(read(usDateLayout, '1/1/2026 12:30:00 PM')?.iso).toBe('2026-01-01T12:30:00');
    expect(read(usDateLayout, '3/14/2026 21:26:53')?.iso).toBe('2026-03-14T21:26:53');
  });

  it('reads HealthApp\'s unpadded clock and milliseconds as a count', () => {
    expect(read(healthAppLayout, '20171223-22:16:0:119|x')?.iso).toBe('2017-12-23T22:16:00.119');
    expect(read(healthAppLayout, '20171224-0:0:5:7|x')?.iso).toBe('2017-12-24T00:00:05.007');
  });

  it('reads epochs in seconds, milliseconds, microseconds and nanoseconds by their length', () => {
    for (const s of ['1710408413', '1710408413123', '1710408413123456', '1710408413123456789']) expect(read(epochLayout, `${s},x`)?.iso?.slice(0, 19)).toBe('2024-03-14T09:26:53');
    expect(read(epochLayout, '1710408413123456789')?.iso).toBe('2024-03-14T09:26:53.123456789');
  });

  it('leaves a zone abbreviation that names two zones unread', () => {
    const h = read(weekdayIsoLayout, 'Sat 2026-03-14 09:26:53 IST host');
    expect(h).toMatchObject({ iso: '2026-03-14T09:26:53', zoned: false, text: 'Sat 2026-03-14 09:26:53' });
  });

  it('yearless layouts give calendar parts, not a time', () => {
    const parts = (l: TimeLayout, s: string, at = 0) => {
      const h = l.readAt(s, at);
      return h && { time: h.time, ...h.yearless, end: h.end };
    };
    expect(parts(monthDayLayout, '03-17 16:13:38.811  1702  2395 D WindowManager: x')).toMatchObject({ time: null, month: 3, day: 17, hour: 16, minute: 13, second: 38, nanos: 811_000_000, digits: 3, end: 18 });
    expect(parts(dottedMonthDayLayout, '[10.30 16:49:06] chrome.exe', 1)).toMatchObject({ time: null, month: 10, day: 30, hour: 16, second: 6, end: 15 });
    expect(parts(syslogDateLayout, 'Mar  4 09:26:53.123456 web1 x')).toMatchObject({ time: null, month: 3, day: 4, nanos: 123_456_000, end: 22 });
    expect(parts(syslogDateLayout, '- 1131566461 2005.11.09 dn228 Nov 9 12:01:01 dn228/dn228 crond', 30)).toMatchObject({ month: 11, day: 9, hour: 12, end: 44 });
    expect(parts(klogDateLayout, 'I0314 09:26:53.123456   1 main.go:1] x')).toMatchObject({ month: 3, day: 14, digits: 6 });
    for (const [l, miss] of [
      [monthDayLayout, '13-17 16:13:38.811'],
      [monthDayLayout, '03-17 16:73:38.811'],
      [dottedMonthDayLayout, '10.32 16:49:06'],
      [syslogDateLayout, 'Mar 44 09:26:53'],
      [syslogDateLayout, 'Mar 14 9:26:53'],
      [klogDateLayout, 'X0314 09:26:53.1'],
    ] as const) {
      expect(l.readAt(miss, 0), miss).toBeNull();
    }
    expect(TIME_LAYOUTS.filter((l) => !l.hasYear).map((l) => l.id).sort()).toEqual(['dotted-month-day', 'klog-date', 'month-day', 'syslog-date']);
  });

  it('reads seconds since boot as no wall time, only in brackets at the line start', () => {
    const h = monotonicLayout.readAt('[  123.456789] web1 kernel: x', 3);
    expect(h).toMatchObject({ time: null, yearless: null, end: 13 });
    expect(monotonicLayout.wallClock).toBe(false);
    expect(monotonicLayout.readAt('x [  123.456789] y', 5)).toBeNull();
    expect(monotonicLayout.readAt('[123.456] y', 1)).toBeNull();
  });

  it('reads Android logcat lines with their header as fields', () => {
    const t = logcatThreadtime.read('03-17 16:13:38.811  1702  2395 D WindowManager: printFreezingDisplayLogs');
    expect(t).toMatchObject({ time: null, yearless: { month: 3, day: 17 }, start: 0, fields: [['pid', '1702'], ['tid', '2395'], ['level', 'debug'], ['tag', 'WindowManager']] });
    expect('03-17 16:13:38.811  1702  2395 D WindowManager: printFreezingDisplayLogs'.slice(t!.rest)).toBe('printFreezingDisplayLogs');
    const s = logcatTime.read('03-17 16:13:38.811 I/ActivityManager(  585): Start proc');
    expect(s).toMatchObject({ fields: [['pid', '585'], ['level', 'info'], ['tag', 'ActivityManager']] });
    expect(logcatThreadtime.read('03-17 16:13:38.811 I/ActivityManager(  585): Start proc')).toBeNull();
    expect(logcatTime.read('03-17 16:13:38.811  1702  2395 D WindowManager: x')).toBeNull();
  });

  it('every layout has a distinct id and a label', () => {
    const ids = TIME_LAYOUTS.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const l of TIME_LAYOUTS) expect(l.label.length).toBeGreaterThan(3);
  });
});
