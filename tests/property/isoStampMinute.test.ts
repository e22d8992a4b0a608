import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IsoStampReader } from '../../src/core/input/textLog/isoStampReader';
import type { LineStamp } from '../../src/core/input/textLog/timestampShapes';

/**
 * IsoStampReader.readIn reads only the seconds of a line whose date, hour
 * and minute are those of the line it last read whole: it must answer as a
 * reader that reads every line whole (a fresh one per line) does, whatever
 * the seconds and fraction hold (60, 61, a non-digit, a fraction cut short
 * or followed by digits after a letter), line after line and chunk after chunk.
 */

function plain(s: LineStamp | null) {
  return s && { time: { ...s.time }, rest: s.rest };
}

const two = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((n) => String(n).padStart(2, '0'));

/** A few minutes (lines of a log share theirs), then what follows the minute. */
const minuteArb = fc.oneof(
  { weight: 8, arbitrary: fc.constant('2026-03-14T09:00:') },
  { weight: 1, arbitrary: fc.constantFrom('2026-03-14T09:01:', '2026-03-15T09:00:', '2024-02-29 23:59:', '1999/12/31t23:59:', '2026-03-14T09:60:') },
);
const tailArb = fc.tuple(
  fc.oneof(two(0, 61), fc.constantFrom('6x', 'x0', '5')),
  fc.oneof(fc.constant(''), fc.tuple(fc.constantFrom('.', ','), fc.stringMatching(/^\d{0,11}$/), fc.constantFrom('', 'Z9', '9', 'x12')).map(([d, f, after]) => d + f + after)),
  fc.constantFrom('', 'Z', 'z', '+01:00', ' UTC', ' '),
  fc.constantFrom('', ' INFO a=b', ' WARN x [y]', '  two spaces'),
);

describe('IsoStampReader.readIn, lines of one minute', () => {
  it('answers as a reader that reads each line whole does', () => {
    const reader = new IsoStampReader();
    let fast = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(minuteArb, tailArb), { minLength: 1, maxLength: 30 }), fc.boolean(), (lines, newChunk) => {
        const texts = lines.map(([m, [s, f, z, rest]]) => m + s + f + z + rest);
        const text = texts.join('\n');
        const u = new TextEncoder().encode(text);
        if (newChunk) reader.newChunk();
        let from = 0;
        let before: string | null = null;
        for (const t of texts) {
          const to = from + t.length;
          const want = plain(new IsoStampReader().readIn(u, from, to));
          expect(plain(reader.readIn(u, from, to))).toEqual(want);
          if (want !== null && before !== null && before.slice(0, 17) === t.slice(0, 17)) fast++;
          if (want !== null) before = t;
          from = to + 1;
        }
      }),
      { numRuns: 400 },
    );
    // Not vacuous: many lines were of the minute read last.
    expect(fast).toBeGreaterThan(200);
  });
});
