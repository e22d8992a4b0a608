import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LAYOUT_ENTRIES } from '../../src/core/input/textLog/layoutEntries';
import { learnTimeLayout } from '../../src/core/input/textLog/learnTimeLayout';
import { TextLogParser } from '../../src/core/input/textLog/textLogParser';
import { emptyReadingReport, mergeReadingReport } from '../../src/core/read/readingReport';
import type { TimeLayout } from '../../src/core/time/layouts/timeLayout';
import { TIME_LAYOUTS } from '../../src/core/time/layouts/timeLayouts';
import { wallTimeOf } from '../../src/core/time/wallTimeOf';
import { collectingContext } from '../unit/readerKit';

// Every time layout writes and reads back random instants (leap days and year ends among them); the
// detector finds the layout and its place among continuation and noise lines after random prefixes;
// random lines never throw and never get a time in 1970 unless it is written or assumed.

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const p2 = (n: number) => String(n).padStart(2, '0');
const p3 = (n: number) => String(n).padStart(3, '0');

interface Parts {
  ms: number;
  y: number;
  mo: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  milli: number;
  wd: number;
}

function partsOf(ms: number): Parts {
  const t = new Date(ms);
  return { ms, y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate(), h: t.getUTCHours(), mi: t.getUTCMinutes(), s: t.getUTCSeconds(), milli: t.getUTCMilliseconds(), wd: t.getUTCDay() };
}

const h12 = (h: number) => `${h % 12 === 0 ? 12 : h % 12}:`;
const ampm = (h: number) => (h < 12 ? 'AM' : 'PM');

/** How each layout writes an instant (UTC), and the ms it carries (some write no milliseconds). */
const WRITERS: Record<string, (p: Parts) => { text: string; ms: number }> = {
  iso8601: (p) => ({ text: `${p.y}-${p2(p.mo)}-${p2(p.d)}T${p2(p.h)}:${p2(p.mi)}:${p2(p.s)}.${p3(p.milli)}Z`, ms: p.ms }),
  'dotted-datetime': (p) => ({ text: `${p.y}-${p2(p.mo)}-${p2(p.d)}-${p2(p.h)}.${p2(p.mi)}.${p2(p.s)}.${p3(p.milli)}000`, ms: p.ms }),
  'compact-yymmdd': (p) => ({ text: `${p2(p.y % 100)}${p2(p.mo)}${p2(p.d)} ${p2(p.h)}${p2(p.mi)}${p2(p.s)}`, ms: p.ms - p.milli }),
  'slashed-yymmdd': (p) => ({ text: `${p2(p.y % 100)}/${p2(p.mo)}/${p2(p.d)} ${p2(p.h)}:${p2(p.mi)}:${p2(p.s)}`, ms: p.ms - p.milli }),
  'compact-yyyymmdd-ms': (p) => ({ text: `${p.y}${p2(p.mo)}${p2(p.d)}-${p.h}:${p.mi}:${p.s}:${p.milli}`, ms: p.ms }),
  'java-util-logging': (p) => ({ text: `${MONTHS[p.mo - 1]} ${p.d}, ${p.y} ${h12(p.h)}${p2(p.mi)}:${p2(p.s)} ${ampm(p.h)}`, ms: p.ms - p.milli }),
  'dd-mmm-yyyy': (p) => ({ text: `${p2(p.d)}-${MONTHS[p.mo - 1]}-${p.y} ${p2(p.h)}:${p2(p.mi)}:${p2(p.s)}.${p3(p.milli)}`, ms: p.ms }),
  'd-mmm-yyyy': (p) => ({ text: `${p.d} ${MONTHS[p.mo - 1]} ${p.y} ${p2(p.h)}:${p2(p.mi)}:${p2(p.s)}.${p3(p.milli)}`, ms: p.ms }),
  'us-date': (p) => ({ text: `${p.mo}/${p.d}/${p.y} ${h12(p.h)}${p2(p.mi)}:${p2(p.s)} ${ampm(p.h)}`, ms: p.ms - p.milli }),
  ctime: (p) => ({ text: `${DAYS[p.wd]} ${MONTHS[p.mo - 1]} ${p2(p.d)} ${p2(p.h)}:${p2(p.mi)}:${p2(p.s)} ${p.y}`, ms: p.ms - p.milli }),
  'clf-date': (p) => ({ text: `${p2(p.d)}/${MONTHS[p.mo - 1]}/${p.y}:${p2(p.h)}:${p2(p.mi)}:${p2(p.s)} +0000`, ms: p.ms - p.milli }),
  'weekday-iso': (p) => ({ text: `${DAYS[p.wd]} ${p.y}-${p2(p.mo)}-${p2(p.d)} ${p2(p.h)}:${p2(p.mi)}:${p2(p.s)} UTC`, ms: p.ms - p.milli }),
  epoch: (p) => ({ text: String(p.ms), ms: p.ms }),
  // Yearless: the year is given back by wallTimeOf below.
  'syslog-date': (p) => ({ text: `${MONTHS[p.mo - 1]} ${String(p.d).padStart(2, ' ')} ${p2(p.h)}:${p2(p.mi)}:${p2(p.s)}.${p3(p.milli)}`, ms: p.ms }),
  'month-day': (p) => ({ text: `${p2(p.mo)}-${p2(p.d)} ${p2(p.h)}:${p2(p.mi)}:${p2(p.s)}.${p3(p.milli)}`, ms: p.ms }),
  'dotted-month-day': (p) => ({ text: `${p2(p.mo)}.${p2(p.d)} ${p2(p.h)}:${p2(p.mi)}:${p2(p.s)}`, ms: p.ms - p.milli }),
  'klog-date': (p) => ({ text: `I${p2(p.mo)}${p2(p.d)} ${p2(p.h)}:${p2(p.mi)}:${p2(p.s)}.${p3(p.milli)}000`, ms: p.ms }),
};

const LO = Date.UTC(1974, 0, 1);
const HI = Date.UTC(2068, 11, 31, 23, 59, 59, 999);
/** Instants, with leap days and the last millisecond of a year (and the first of the next) among them. */
const instant = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: LO, max: HI }) },
  { weight: 1, arbitrary: fc.integer({ min: 1976, max: 2064 }).chain((y) => fc.integer({ min: 0, max: 86_399_999 }).map((t) => Date.UTC(y - (y % 4), 1, 29) + t)) },
  { weight: 1, arbitrary: fc.integer({ min: 1974, max: 2067 }).chain((y) => fc.constantFrom(Date.UTC(y, 11, 31, 23, 59, 59, 999), Date.UTC(y + 1, 0, 1))) },
);

describe('time layouts write and read back', () => {
  it('every layout has a writer here', () => {
    expect(Object.keys(WRITERS).sort()).toEqual(TIME_LAYOUTS.filter((l) => l.wallClock !== false).map((l) => l.id).sort());
  });

  for (const layout of TIME_LAYOUTS.filter((l) => l.wallClock !== false)) {
    it(`${layout.id}: random instants, leap days, year ends`, () => {
      const write = WRITERS[layout.id]!;
      fc.assert(
        fc.property(instant, fc.constantFrom('', 'x ', 'host-7 [', '123,'), (ms, prefix) => {
          const p = partsOf(ms);
          const { text, ms: want } = write(p);
          const line = `${prefix}${text} rest of line`;
          const hit = layout.readAt(line, prefix.length);
          expect(hit, line).not.toBeNull();
          expect(hit!.end).toBe(prefix.length + text.length);
          const got = hit!.time ?? wallTimeOf(p.y, hit!.yearless!);
          expect(got?.ms, line).toBe(want);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('the last millisecond of a year and the first of the next are one millisecond apart', () => {
    for (const id of ['iso8601', 'dotted-datetime', 'dd-mmm-yyyy', 'compact-yyyymmdd-ms']) {
      const layout = TIME_LAYOUTS.find((l) => l.id === id)!;
      const a = layout.readAt(WRITERS[id]!(partsOf(Date.UTC(2023, 11, 31, 23, 59, 59, 999))).text, 0)!.time!;
      const b = layout.readAt(WRITERS[id]!(partsOf(Date.UTC(2024, 0, 1))).text, 0)!.time!;
      expect(b.ms - a.ms).toBe(1);
    }
  });
});

/** The entry the detector should name for a layout: the whole-line shape's where it has one. */
const entryOf = (layoutId: string) => LAYOUT_ENTRIES.find((e) => e.layout?.id === layoutId)!;

const token = fc.stringMatching(/^[a-z][a-z0-9_.-]{0,7}$/);
const continuation = fc.constantFrom('\tat com.example.App.run(App.java:12)', '  at x (y.js:1:2)', 'Caused by: java.io.IOException: eof', '\t... 3 more', '    File "app.py", line 3, in <module>', 'Traceback (most recent call last):');
const noise = fc.constantFrom('waiting for the lock', 'ok', 'retrying: connection refused', '--- restart ---', '{ "k": 1 }');

describe('the detector', () => {
  const layouts = TIME_LAYOUTS.filter((l) => l.wallClock !== false);
  it('finds the layout and its place among continuation and noise lines, after random prefixes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...layouts),
        fc.integer({ min: 0, max: 3 }),
        fc.array(fc.tuple(instant, fc.array(token, { minLength: 3, maxLength: 3 }), fc.array(fc.oneof(continuation, noise), { maxLength: 1 })), { minLength: 4, maxLength: 24 }),
        (layout, fields, records) => {
          const lines: string[] = [];
          for (const [ms, words, after] of records) {
            const prefix = words.slice(0, fields).map((w) => `${w} `).join('');
            lines.push(`${prefix}${WRITERS[layout.id]!(partsOf(ms)).text} message ${words[0]}`, ...after);
          }
          const p = learnTimeLayout(lines.join('\n'));
          expect(p?.entry.id, lines.slice(0, 3).join('\n')).toBe(entryOf(layout.id).id);
          expect(p!.field).toBe(fields);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe('learning a layout on a sample', () => {
  it('finds the epoch column beside a zoneless time past the first lines, as trying every entry everywhere does', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `081109 2036${10 + i} ${1226262100 + i} message w${i}`);
    const p = learnTimeLayout(lines.join('\n'));
    expect(p?.entry.id).toBe('compact-yymmdd');
    expect(p?.epochField).toBe(2);
    expect(p).toEqual(learnTimeLayout(lines.join('\n'), Infinity));
  });

  it('gives what trying every entry on every line of the sample gives, when the first lines are not like the rest', () => {
    const layouts = TIME_LAYOUTS.filter((l) => l.wallClock !== false);
    const record = fc.tuple(fc.constantFrom(...layouts), instant, fc.array(token, { minLength: 3, maxLength: 3 }), fc.integer({ min: 0, max: 2 }), fc.boolean());
    const written = ([layout, ms, words, fields, epoch]: [TimeLayout, number, string[], number, boolean]) =>
      `${words.slice(0, fields).map((w) => `${w} `).join('')}${WRITERS[layout.id]!(partsOf(ms)).text}${epoch ? ` ${Math.floor(ms / 1000)}` : ''} message ${words[0]}`;
    // The first lines in one layout at one place (where the sample's first lines decide alone), then anything.
    const sameFirsts = fc
      .tuple(fc.constantFrom(...layouts), fc.integer({ min: 0, max: 2 }), fc.boolean(), fc.array(fc.tuple(instant, fc.array(token, { minLength: 3, maxLength: 3 })), { minLength: 1, maxLength: 30 }))
      .map(([layout, fields, epoch, rs]) => rs.map(([ms, words]) => written([layout, ms, words, fields, epoch])));
    fc.assert(
      fc.property(
        fc.oneof(sameFirsts, fc.array(record, { minLength: 1, maxLength: 30 }).map((rs) => rs.map(written))),
        fc.array(fc.oneof(record.map(written), continuation, noise, line), { maxLength: 60 }),
        fc.array(record, { maxLength: 40 }),
        (firsts, middle, rest) => {
          const head = [...firsts, ...middle, ...rest.map(written)].join('\n');
          expect(learnTimeLayout(head)).toEqual(learnTimeLayout(head, Infinity));
        },
      ),
      { numRuns: 500 },
    );
  });
});

const fragment = fc.constantFrom(
  '2026-03-14T09:26:53Z', '2026-03-14 09:26:53,123', 'Mar 14 09:26:53', '081109 203615', '17/06/09 20:10:40', '03-17 16:13:38.811',
  '20171223-22:15:29:606', '[10.30 16:49:06]', '1710408413', '1710408413123', '[  123.456789]', 'Sun Dec 04 04:47:44 2005',
  '2005-06-03-15.42.50.675872', '3/14/2026 9:26:53 AM', '0', '00', '1970', ' ', '\t', '\n', '\r\n', ':', '.', ',', '[', ']', '-', '/', 'x', 'é', '\u0000',
);
const line = fc.oneof(fc.string({ maxLength: 60 }), fc.array(fragment, { maxLength: 8 }).map((p) => p.join('')), fc.array(fc.oneof(fragment, fc.string({ maxLength: 6 })), { maxLength: 10 }).map((p) => p.join(' ')));

describe('the text reader on random lines', () => {
  it('never throws, and gives no time in 1970 unless written or assumed', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 30 }), (ls) => {
        const text = ls.join('\n');
        const { ctx, result } = collectingContext();
        const report = emptyReadingReport();
        new TextLogParser().parse('f.log', text, { ...ctx, reportReading: (_i, r) => void mergeReadingReport(report, r) });
        const { x } = result();
        for (let e = 0; e < x.eventCount; e++) {
          const ms = x.timeMs[e]!;
          if (Number.isNaN(ms) || ms >= Date.UTC(1971, 0, 1)) continue;
          const written = text.includes('1970') || /(?:^|\D)70[/]?\d\d/.test(text);
          expect(written || report.yearFrom === 'assumed', `${ms} from ${JSON.stringify(text)}`).toBe(true);
        }
        const events = report.timed + report.untimed;
        expect(events).toBe(x.eventCount);
      }),
      { numRuns: 2000 },
    );
  });
});
