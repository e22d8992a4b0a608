import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WallTime } from '../../src/core/model/eventTime';
import { IsoTimeBytes } from '../../src/core/time/isoTimeBytes';
import { parseTimestampIn } from '../../src/core/time/parseTimestamp';

/**
 * IsoTimeBytes (the common ISO shape read from a chunk's aligned bytes)
 * against parseTimestampIn on the decoded text: over sequences of timestamps
 * read in order by one reader (so its remembered day is used and replaced),
 * in the common shape with every part in and out of range and near misses of
 * it (zones, no seconds, junk, other characters, invalid bytes), every answer
 * it gives (not undefined) is parseTimestampIn's, and every text in the
 * common shape gets an answer.
 */

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** A text in the common shape `YYYY-MM-DD(T|t| )hh:mm:ss[(.|,)f{1,12}][Z|z]`, parts in range or not. */
interface Shape {
  text: string;
  /** Whether the shape is the common one (IsoTimeBytes must answer it). */
  common: boolean;
}

const yearArb = fc.constantFrom(2026, 2026, 2024, 2025, 2000, 1900, 2100, 1970, 1969, 0, 9999);
const monthArb = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(2, 3, 4) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 12 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 13, 99) });
const dayArb = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(14, 28, 29, 30, 31) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 31 }) }, { weight: 1, arbitrary: fc.constantFrom(0, 32, 99) });
const hourArb = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 23 }) }, { weight: 1, arbitrary: fc.constantFrom(24, 25, 99) });
const minuteArb = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 59 }) }, { weight: 1, arbitrary: fc.constantFrom(60, 99) });
const secondArb = fc.oneof({ weight: 4, arbitrary: fc.integer({ min: 0, max: 59 }) }, { weight: 1, arbitrary: fc.constantFrom(60, 61, 99) });
const fractionArb = fc.oneof(
  { weight: 2, arbitrary: fc.constant('') },
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom('.', ','), fc.stringMatching(/^\d{1,12}$/)).map(([d, f]) => d + f) },
);

const commonArb: fc.Arbitrary<Shape> = fc
  .tuple(yearArb, monthArb, dayArb, hourArb, minuteArb, secondArb, fc.constantFrom('-', '/'), fc.constantFrom('T', 'T', 't', ' '), fractionArb, fc.constantFrom('Z', 'Z', 'z', ''))
  .map(([y, mo, d, h, mi, s, ds, ts, f, z]) => ({ text: `${pad(y, 4)}${ds}${pad(mo, 2)}${ds}${pad(d, 2)}${ts}${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}${f}${z}`, common: true }));

/** The common shape changed: a zone, no seconds, junk, a character or an invalid byte in place of another. */
const nearMissArb: fc.Arbitrary<Shape> = fc
  .tuple(
    commonArb,
    fc.nat({ max: 6 }),
    fc.constantFrom('+01:00', '-0530', '+01', '-23:59', ' UTC', ' GMT', ' Z', 'Z ', 'x', '0', '.', ',', ':00', '\ufffd', ' '),
    fc.nat(),
    fc.constantFrom('a', ' ', ':', '-', '/', '.', '+', 'Z', '\ufffd', '\u0660'),
  )
  .map(([{ text }, how, junk, at, ch]) => {
    const bare = text.replace(/[Zz]$/, '');
    const i = at % text.length;
    switch (how) {
      case 0:
        return { text: bare + junk, common: false };
      case 1:
        return { text: text.slice(0, 16), common: false };
      case 2:
        return { text: text + junk, common: false };
      case 3:
        return { text: text.slice(0, i) + ch + text.slice(i + 1), common: false };
      case 4:
        return { text: junk + text, common: false };
      case 5:
        return { text: text.slice(0, 19) + '.' + (text.endsWith('Z') ? 'Z' : ''), common: false };
      default:
        return { text: text.slice(0, i) + text.slice(i + 1), common: false };
    }
  });

const otherArb: fc.Arbitrary<Shape> = fc.constantFrom('', '1773480416', '1773480416.5', 'soon', '2026-03-14', '2026-03-14T09:26', '2026-03-14T09:26:5', '\ufffd').map((text) => ({ text, common: false }));

const timeTextArb = fc.oneof({ weight: 5, arbitrary: commonArb }, { weight: 3, arbitrary: nearMissArb }, { weight: 1, arbitrary: otherArb });

/**
 * Bytes for text: U+FFFD as a lone invalid byte, other characters past
 * ASCII as one byte each too (0x80-0xFF are what such a byte decodes from:
 * U+FFFD), so the bytes stay aligned with the decoded text.
 */
function bytesOf(text: string, invalid: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out.push(c < 0x80 ? c : invalid);
  }
  return out;
}

const copy = (t: WallTime | null | undefined) => (t == null ? t : { ms: t.ms, ns: t.ns, digits: t.digits });

describe('IsoTimeBytes', () => {
  it('answers, read in order, exactly as parseTimestampIn does, and answers every text in the common shape', () => {
    let answered = 0;
    let times = 0;
    let nulls = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(timeTextArb, fc.constantFrom('"', '{"ts":"', ' ', ''), fc.constantFrom('"', '",', '5Z"', '.123', '\n', ''), fc.boolean()), { minLength: 1, maxLength: 12 }),
        fc.constantFrom(0x80, 0xbf, 0xc0, 0xe9, 0xff),
        (generated, invalid) => {
          // Lines of a log share their day: a text may take the date of the last one in the common shape.
          let day = '';
          const items = generated.map(([shape, before, after, sameDay]) => {
            const text = sameDay && day !== '' && shape.text.length >= 10 ? day + shape.text.slice(10) : shape.text;
            if (shape.common) day = text.slice(0, 10);
            return [{ text, common: shape.common }, before, after] as const;
          });
          // All texts in one buffer, each with what a chunk puts around it (digits may follow it: the reader stops at `to`).
          const bytes: number[] = [];
          const at: [number, number][] = [];
          for (const [{ text }, before, after] of items) {
            bytes.push(...bytesOf(before, invalid));
            const from = bytes.length;
            bytes.push(...bytesOf(text, invalid));
            at.push([from, bytes.length]);
            bytes.push(...bytesOf(after, invalid));
          }
          bytes.push(0x0a);
          const u = Uint8Array.from(bytes);
          const s = new TextDecoder().decode(u);
          expect(s.length).toBe(u.length);
          const reader = new IsoTimeBytes();
          items.forEach(([{ text, common }], k) => {
            const [from, to] = at[k]!;
            expect(s.slice(from, to)).toBe(text.replace(/[^\u0000-\u007f]/g, '\ufffd'));
            const got = copy(reader.read(u, from, to));
            if (common) expect(got).not.toBeUndefined();
            if (got === undefined) return;
            answered++;
            if (got === null) nulls++;
            else times++;
            expect(got).toEqual(copy(parseTimestampIn(s, from, to)));
          });
        },
      ),
      { numRuns: 1500 },
    );
    // Not vacuous: many texts read to a time, and many to null (a valid shape, not a valid time).
    expect(times).toBeGreaterThan(1000);
    expect(nulls).toBeGreaterThan(500);
  });

  it('checks the day of the month against the month and year, also right after a valid day was read', () => {
    const reader = new IsoTimeBytes();
    const read = (t: string) => {
      const u = new TextEncoder().encode(t);
      return copy(reader.read(u, 0, u.length));
    };
    for (const [t, ok] of [
      ['2024-02-29T00:00:00Z', true],
      ['2026-02-29T00:00:00Z', false],
      ['2026-02-28T23:59:60Z', true],
      ['2100-02-29T00:00:00Z', false],
      ['2000-02-29T00:00:00Z', true],
      ['2026-04-31T12:00:00Z', false],
      ['2026-04-30T12:00:00Z', true],
      ['2026-04-31T12:00:00Z', false],
      ['2026-04-30T24:00:00Z', false],
      ['2026-04-30T23:60:00Z', false],
      ['2026-04-30T23:59:61Z', false],
      ['2026-04-30T23:59:59.123456789012Z', true],
    ] as const) {
      const got = read(t);
      expect(got === null ? null : got === undefined ? 'undefined' : 'time').toBe(ok ? 'time' : null);
      expect(got).toEqual(copy(parseTimestampIn(t, 0, t.length)));
    }
  });

  it('leaves shapes other than the common one to parseTimestampIn', () => {
    const reader = new IsoTimeBytes();
    for (const t of ['2026-03-14T09:26:53+01:00', '2026-03-14 09:26:53 UTC', '2026-03-14T09:26', '2026-03-14T09:26:53.', '2026-03-14T09:26:53Zx', ' 2026-03-14T09:26:53Z', '2026-03/14T09:26:53Z', '1773480416']) {
      const u = new TextEncoder().encode(t);
      expect(reader.read(u, 0, u.length)).toBeUndefined();
    }
  });
});
