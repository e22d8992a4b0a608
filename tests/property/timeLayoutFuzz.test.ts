import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import { LAYOUT_ENTRIES } from '../../src/core/input/textLog/layoutEntries';
import { learnTimeLayout, sampleLines } from '../../src/core/input/textLog/learnTimeLayout';
import { TextLogParser } from '../../src/core/input/textLog/textLogParser';
import { emptyReadingReport, mergeReadingReport, type ReadingReport } from '../../src/core/read/readingReport';
import { endsToken, type TimeLayout } from '../../src/core/time/layouts/timeLayout';
import { TIME_LAYOUTS } from '../../src/core/time/layouts/timeLayouts';
import { collectingContext } from '../unit/readerKit';

/**
 * The time-layout detector fuzzed as the format parsers are (parsersFuzz.test.ts): random bytes, and real
 * lines (the format corpus tests/fixtures/formats/, and ../shared/corpus/ where present) cut, spliced and
 * mutated (digits changed, so months of 13 and days of 32; separators swapped; bytes inserted), given to
 * every layout at every index of the line, to learnTimeLayout, to the text reader and to analyze(). Nothing
 * throws; nothing hangs (long and repetitive lines cost time in proportion to their length); and no line
 * gets a time in 1970 unless it writes a 1970 date (a year 1969-1971, which a zone may carry into 1970,
 * or such a two-digit year) or the input's year was assumed and said so (yearless layouts: yearFrom
 * 'assumed'). A well-formed hit ends inside the line at the end of a token, and has a time or a yearless
 * date, never neither.
 */

const FIXTURES = join(__dirname, '../fixtures/formats');
const SHIVIZ = join(__dirname, '../../../shared/corpus/shiviz');

function linesOf(dir: string, ext: RegExp): string[][] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => ext.test(f))
    .sort()
    .map((f) => sampleLines(readFileSync(join(dir, f), 'utf8'), 60))
    .filter((ls) => ls.length > 0);
}

/** Lines of each real file, per file (a log is fuzzed from one file's lines). */
const FILES = [...linesOf(FIXTURES, /\.log$/), ...linesOf(SHIVIZ, /\.log$/)];
const ALL_LINES = FILES.flat();

/** Whether a text writes a date in or next to 1970 (a zone may move it across the year's end). */
const YEAR_1970 = /19(?:69|70|71)|(?:^|\D)(?:69|70|71)[/.-]?\d\d/;
const writes1970 = (text: string) => YEAR_1970.test(text);
const IN_1970 = (ms: number) => ms >= Date.UTC(1970, 0, 1) && ms < Date.UTC(1971, 0, 1);
/** A line for a failure message: long ones cut. */
const show = (s: string) => JSON.stringify(s.length > 160 ? `${s.slice(0, 160)}…(${s.length} chars)` : s);

const mutation = fc.oneof(
  fc.record({ op: fc.constant('digit' as const), at: fc.nat(), to: fc.integer({ min: 0, max: 9 }) }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ maxLength: 12, unit: 'binary' }) }),
  fc.record({
    op: fc.constant('replace' as const),
    at: fc.nat(),
    text: fc.constantFrom(' ', '  ', '\t', ':', '.', ',', '-', '/', 'T', 'Z', '+', '[', ']', '(', '=', '|', '0', '9', '00', '99', '70', '1970', 'Jan', 'Feb', 'AM', 'PM', 'UTC', '\u0000', '\ufffd', 'é'),
  }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function mutate(line: string, ms: readonly Mutation[]): string {
  let s = line;
  for (const m of ms) {
    const at = s.length === 0 ? 0 : m.at % (s.length + 1);
    if (m.op === 'digit') {
      // The digit at or after `at`, changed: dates and clocks out of range, years moved.
      let i = at;
      while (i < s.length && !/\d/.test(s[i]!)) i++;
      if (i < s.length) s = s.slice(0, i) + String(m.to) + s.slice(i + 1);
    } else if (m.op === 'delete') s = s.slice(0, at) + s.slice(at + m.len);
    else if (m.op === 'insert') s = s.slice(0, at) + m.text + s.slice(at);
    else s = s.slice(0, at) + m.text + s.slice(at + 1);
  }
  return s;
}

/** A real line, mutated a few times (or not at all). */
const mutatedLine = fc.tuple(fc.constantFrom(...ALL_LINES), fc.array(mutation, { maxLength: 4 })).map(([l, ms]) => mutate(l, ms));

/** A log: lines of one real file in order, some mutated, some dropped, with a random or foreign line now and then. */
const mutatedLog = fc
  .tuple(
    fc.constantFrom(...FILES),
    fc.array(fc.tuple(fc.nat(), fc.array(mutation, { maxLength: 3 }), fc.integer({ min: 0, max: 9 })), { minLength: 1, maxLength: 30 }),
    fc.string({ maxLength: 40 }),
  )
  .map(([file, picks, junk]) =>
    picks.map(([i, ms, kind]) => (kind === 0 ? junk : kind === 1 ? ALL_LINES[i % ALL_LINES.length]! : mutate(file[i % file.length]!, kind < 5 ? ms : []))).join('\n'),
  );

/** Random bytes as a decoder reads them: UTF-8 with replacement characters, or one character per byte. */
const randomText = fc.tuple(fc.uint8Array({ maxLength: 300 }), fc.boolean()).map(([b, utf8]) => (utf8 ? new TextDecoder().decode(b) : String.fromCharCode(...b)));

const anyLine = fc.oneof(mutatedLine, randomText, fc.string({ maxLength: 80 }));

/** A layout's read at `at`, checked: no throw, a hit well-formed, 1970 only where written. */
function checkRead(layout: TimeLayout, s: string, at: number): void {
  const hit = layout.readAt(s, at);
  if (!hit) return;
  const where = `${layout.id} at ${at} of ${show(s)}`;
  expect(hit.end, where).toBeGreaterThan(at);
  expect(hit.end, where).toBeLessThanOrEqual(s.length);
  expect(endsToken(s, hit.end), where).toBe(true);
  if (layout.wallClock === false) return;
  expect(hit.time === null, where).toBe(hit.yearless !== null);
  if (hit.time) {
    expect(Number.isFinite(hit.time.ms), where).toBe(true);
    expect(hit.time.ns >= 0 && hit.time.ns < 1e6, where).toBe(true);
    if (IN_1970(hit.time.ms)) expect(writes1970(s.slice(at, hit.end)), `${where}: ${new Date(hit.time.ms).toISOString()}`).toBe(true);
  } else {
    const t = hit.yearless!;
    expect(t.month >= 1 && t.month <= 12 && t.day >= 1 && t.day <= 31, where).toBe(true);
    expect(t.hour >= 0 && t.hour <= 23 && t.minute >= 0 && t.minute <= 59 && t.second >= 0 && t.second <= 60, where).toBe(true);
  }
}

/** The text reader over a log: no throw, every line counted, 1970 only where its line writes it or the year was assumed. */
function checkTextReader(text: string): ReadingReport {
  const { ctx, result } = collectingContext();
  const report = emptyReadingReport();
  new TextLogParser().parse('f.log', text, { ...ctx, reportReading: (_i, r) => void mergeReadingReport(report, r) });
  const { x } = result();
  const lines = text.split('\n');
  for (let e = 0; e < x.eventCount; e++) {
    const ms = x.timeMs[e]!;
    if (Number.isNaN(ms) || !IN_1970(ms) || report.yearFrom === 'assumed') continue;
    const line = lines[x.eventLine[e]! - 1] ?? '';
    const written = writes1970(line) || (report.yearFrom === 'data' && writes1970(text));
    expect(written, `event ${e} (line ${x.eventLine[e]}) at ${new Date(ms).toISOString()} from ${show(line)}`).toBe(true);
  }
  expect(report.timed + report.untimed).toBe(x.eventCount);
  return report;
}

describe('the time-layout detector, fuzzed', () => {
  it('has real lines to mutate', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(40);
    if (!existsSync(SHIVIZ)) console.warn(`${SHIVIZ} is missing: fuzzing the format corpus only`);
  });

  it('every layout, at every index of random and mutated lines: no throw, well-formed hits, no unwritten 1970', () => {
    fc.assert(
      fc.property(anyLine, (s) => {
        for (const layout of TIME_LAYOUTS) for (let at = 0; at <= s.length; at++) checkRead(layout, s, at);
      }),
      { numRuns: 1500 },
    );
  });

  it('every whole-line shape on random and mutated lines: no throw, no unwritten 1970', () => {
    fc.assert(
      fc.property(anyLine, (s) => {
        for (const entry of LAYOUT_ENTRIES) {
          const stamp = entry.shape?.read(s);
          if (!stamp?.time) continue;
          expect(stamp.start >= 0 && stamp.rest <= s.length, `${entry.id}: ${show(s)}`).toBe(true);
          if (IN_1970(stamp.time.ms)) expect(writes1970(s), `${entry.id}: ${show(s)}`).toBe(true);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('learnTimeLayout on random bytes and mutated logs: no throw, a placement that fits its sample', () => {
    fc.assert(
      fc.property(fc.oneof(mutatedLog, randomText, fc.array(anyLine, { maxLength: 20 }).map((ls) => ls.join('\n'))), (head) => {
        const p = learnTimeLayout(head);
        if (!p) return;
        expect(p.hits).toBeGreaterThan(0);
        expect(p.hits).toBeLessThanOrEqual(p.candidates);
        expect(p.field).toBeGreaterThanOrEqual(0);
        expect(LAYOUT_ENTRIES).toContain(p.entry);
      }),
      { numRuns: 800 },
    );
  });

  it('the text reader on mutated logs and random bytes: no throw, every line counted, no unwritten 1970', () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 3, arbitrary: mutatedLog }, { weight: 1, arbitrary: randomText }), (text) => {
        checkTextReader(text);
      }),
      // Found by this test: a zero-padded counter starting the line read as an epoch in 1970.
      { numRuns: 800, examples: [['000014100000 ERROR upstream reset path=/d\n'], ['0001710408413 started\n0001710408414 done']] },
    );
  });

  it('analyze() reading mutated logs as text (the byte fast paths too): no throw, no unwritten 1970', async () => {
    const enc = new TextEncoder();
    await fc.assert(
      fc.asyncProperty(mutatedLog, async (text) => {
        const a = await analyze([{ name: 'f.log', bytes: enc.encode(text) }], { format: 'text' });
        const yearAssumed = a.inputs.some((i) => i.reading?.yearFrom === 'assumed');
        const lines = text.split('\n');
        for (const { execution: x } of a.executions) {
          for (let e = 0; e < x.eventCount; e++) {
            const ms = x.timeMs[e]!;
            if (Number.isNaN(ms) || !IN_1970(ms) || yearAssumed) continue;
            const line = lines[x.eventLine[e]! - 1] ?? '';
            expect(writes1970(line) || writes1970(text), `line ${x.eventLine[e]} ${show(line)} read in 1970`).toBe(true);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('the time-layout detector never hangs', () => {
  // Lines a backtracking or rescanning reader would choke on: long runs of digits, of separators, of
  // almost-dates, and a real line's head repeated.
  const unit = ['1', '0', ' ', '1 ', '12:', '1.', '1-', '2026-03-14 ', '2026-03-14T09:26:53', 'Mar 14 ', '14/Mar/2026:', '[', '[ 1.', 'I0314 ', '081109 ', '03-14 09:26:53.123 ', 'a=b ', '\t'];
  const LINE_CHARS = 200_000;
  const long = (u: string) => u.repeat(Math.ceil(LINE_CHARS / u.length)).slice(0, LINE_CHARS);

  it('every layout reads at the start of a 200,000-character line in a few milliseconds', () => {
    for (const u of unit) {
      const s = long(u);
      for (const layout of TIME_LAYOUTS) {
        const t0 = performance.now();
        layout.readAt(s, 0);
        for (let at = 1; at < 64; at++) layout.readAt(s, at);
        expect(performance.now() - t0, `${layout.id} on ${show(u)}…`).toBeLessThan(250);
      }
    }
  });

  it('learnTimeLayout, the text reader and analyze() take time in proportion to the input on long repetitive lines', async () => {
    for (const u of [...unit, ALL_LINES[0]!]) {
      const text = Array.from({ length: 10 }, () => long(u)).join('\n');
      const t0 = performance.now();
      learnTimeLayout(text);
      checkTextReader(text);
      await analyze([{ name: 'f.log', bytes: new TextEncoder().encode(text) }], { format: 'text' });
      // 2 MB, read three times: a linear reader takes tens of milliseconds; a quadratic one, minutes.
      expect(performance.now() - t0, show(u)).toBeLessThan(8000);
    }
  }, 60_000);
});
