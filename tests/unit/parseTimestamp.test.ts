import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysFromCivil } from '../../src/core/time/daysFromCivil';
import { parseTimestamp } from '../../src/core/time/parseTimestamp';

const base = Date.UTC(2026, 2, 14, 9, 26, 53);

describe('parseTimestamp: ISO-8601 / RFC 3339', () => {
  it('reads a UTC instant with Z', () => {
    expect(parseTimestamp('2026-03-14T09:26:53Z')).toEqual({ ms: base, ns: 0, digits: 0 });
  });

  it('keeps all nine fractional digits as ms + ns', () => {
    expect(parseTimestamp('2026-03-14T09:26:53.123456789Z')).toEqual({ ms: base + 123, ns: 456789, digits: 9 });
  });

  it('records how many fractional digits were written', () => {
    expect(parseTimestamp('2026-03-14T09:26:53.1Z')).toEqual({ ms: base + 100, ns: 0, digits: 1 });
    expect(parseTimestamp('2026-03-14T09:26:53.123456Z')).toEqual({ ms: base + 123, ns: 456000, digits: 6 });
  });

  it('keeps only nanoseconds of a longer fraction', () => {
    expect(parseTimestamp('2026-03-14T09:26:53.1234567891Z')).toEqual({ ms: base + 123, ns: 456789, digits: 9 });
  });

  it('applies positive and negative offsets, with or without a colon', () => {
    expect(parseTimestamp('2026-03-14T11:26:53+02:00')!.ms).toBe(base);
    expect(parseTimestamp('2026-03-14T11:26:53+0200')!.ms).toBe(base);
    expect(parseTimestamp('2026-03-14T11:26:53+02')!.ms).toBe(base);
    expect(parseTimestamp('2026-03-14T04:56:53.5-04:30')).toEqual({ ms: base + 500, ns: 0, digits: 1 });
  });

  it('takes a time without a zone as UTC', () => {
    expect(parseTimestamp('2026-03-14T09:26:53')!.ms).toBe(base);
    expect(parseTimestamp('2026-03-14 09:26:53.250')!.ms).toBe(base + 250);
  });

  it('accepts a space separator and the comma decimal of Python and Java logs', () => {
    expect(parseTimestamp('2026-03-14 09:26:53,123')).toEqual({ ms: base + 123, ns: 0, digits: 3 });
  });

  it('accepts lower-case t and z, a UTC suffix, and a space before the zone', () => {
    expect(parseTimestamp('2026-03-14t09:26:53z')!.ms).toBe(base);
    expect(parseTimestamp('2026-03-14 09:26:53 UTC')!.ms).toBe(base);
    expect(parseTimestamp('2026-03-14 09:26:53 +00:00')!.ms).toBe(base);
  });

  it('accepts a time without seconds', () => {
    expect(parseTimestamp('2026-03-14T09:26Z')!.ms).toBe(Date.UTC(2026, 2, 14, 9, 26));
  });

  it('crosses day, month and year boundaries when removing an offset', () => {
    expect(parseTimestamp('2026-01-01T00:30:00+01:00')!.ms).toBe(Date.UTC(2025, 11, 31, 23, 30));
  });

  it('rejects impossible dates and malformed text', () => {
    for (const bad of [
      '2026-02-29T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '2026-03-14T24:00:00Z',
      '2026-03-14T09:61:00Z',
      '2026-03-14T09:26:53.Z',
      '2026-03-14T09:26:53+2:00',
      '2026-03-14T09:26:53Q',
      '2026/03-14 09:26:53',
      'yesterday',
      '',
    ]) {
      expect(parseTimestamp(bad), bad).toBeNull();
    }
  });

  it('accepts the slashed dates of Go and nginx logs', () => {
    expect(parseTimestamp('2026/03/14 09:26:53.25')).toEqual({ ms: Date.UTC(2026, 2, 14, 9, 26, 53, 250), ns: 0, digits: 2 });
  });

  it('accepts 29 February in a leap year', () => {
    expect(parseTimestamp('2024-02-29T12:00:00Z')!.ms).toBe(Date.UTC(2024, 1, 29, 12));
  });
});

describe('parseTimestamp: epoch numbers', () => {
  it('tells seconds, ms, µs and ns apart by magnitude', () => {
    expect(parseTimestamp('1773480413')).toEqual({ ms: base, ns: 0, digits: 0 });
    expect(parseTimestamp('1773480413123')).toEqual({ ms: base + 123, ns: 0, digits: 3 });
    expect(parseTimestamp('1773480413123456')).toEqual({ ms: base + 123, ns: 456000, digits: 6 });
    expect(parseTimestamp('1773480413123456789')).toEqual({ ms: base + 123, ns: 456789, digits: 9 });
  });

  it('keeps the fraction of fractional epoch seconds exactly', () => {
    expect(parseTimestamp('1773480413.123456789')).toEqual({ ms: base + 123, ns: 456789, digits: 9 });
    expect(parseTimestamp('1773480413123.5')).toEqual({ ms: base + 123, ns: 500000, digits: 4 });
  });

  it('reads JSON numbers the same way', () => {
    expect(parseTimestamp(1773480413)).toEqual({ ms: base, ns: 0, digits: 0 });
    expect(parseTimestamp(1773480413.25)).toEqual({ ms: base + 250, ns: 0, digits: 2 });
    expect(parseTimestamp(1773480413123)).toEqual({ ms: base + 123, ns: 0, digits: 3 });
  });

  it('rejects negative, non-finite and non-numeric values', () => {
    expect(parseTimestamp(-5)).toBeNull();
    expect(parseTimestamp(Number.NaN)).toBeNull();
    expect(parseTimestamp('12a')).toBeNull();
    expect(parseTimestamp('-1')).toBeNull();
  });
});

describe('daysFromCivil', () => {
  it('agrees with Date.UTC across eras, including before 1970 and year 0', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2000, max: 12000 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }), (y, m, d) => {
        const viaDate = new Date(0);
        viaDate.setUTCFullYear(y, m - 1, d);
        viaDate.setUTCHours(0, 0, 0, 0);
        expect(daysFromCivil(y, m, d) * 86_400_000).toBe(viaDate.getTime());
      }),
    );
  });
});

describe('parseTimestamp properties', () => {
  // Years 0001–9999, where toISOString writes plain four-digit years.
  const instant = fc.integer({ min: Date.UTC(1, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) });

  it('agrees with Date for random instants at ms precision', () => {
    fc.assert(
      fc.property(instant, (ms) => {
        const iso = new Date(ms).toISOString();
        expect(parseTimestamp(iso)).toEqual({ ms, ns: 0, digits: 3 });
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with Date.UTC for random offsets, separators and decimal marks', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: -14 * 60, max: 14 * 60 }),
        fc.constantFrom('T', ' '),
        fc.constantFrom('.', ','),
        (ms, offsetMin, sep, mark) => {
          // The wall-clock reading at that offset, written with the offset.
          const local = new Date(ms + offsetMin * 60_000);
          const y = local.getUTCFullYear();
          // Date.UTC maps years 0–99 to 1900–1999, so it cannot check those.
          if (y < 100 || y > 9999) return;
          const p2 = (v: number) => String(v).padStart(2, '0');
          const sign = offsetMin < 0 ? '-' : '+';
          const off = Math.abs(offsetMin);
          const text =
            `${String(y).padStart(4, '0')}-${p2(local.getUTCMonth() + 1)}-${p2(local.getUTCDate())}${sep}` +
            `${p2(local.getUTCHours())}:${p2(local.getUTCMinutes())}:${p2(local.getUTCSeconds())}${mark}` +
            `${String(local.getUTCMilliseconds()).padStart(3, '0')}${sign}${p2(Math.floor(off / 60))}:${p2(off % 60)}`;
          const expected = Date.UTC(
            y,
            local.getUTCMonth(),
            local.getUTCDate(),
            local.getUTCHours(),
            local.getUTCMinutes() - offsetMin,
            local.getUTCSeconds(),
            local.getUTCMilliseconds(),
          );
          expect(parseTimestamp(text)!.ms).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('preserves nanosecond digits exactly', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 999_999 }), (ms, ns) => {
        const iso = new Date(ms).toISOString().slice(0, 23) + String(ns).padStart(6, '0') + 'Z';
        expect(parseTimestamp(iso)).toEqual({ ms, ns, digits: 9 });
        const epochNs = String(ms) + String(ns).padStart(6, '0');
        if (ms >= 1e11) expect(parseTimestamp(epochNs)).toEqual({ ms, ns, digits: 9 });
      }),
      { numRuns: 1000 },
    );
  });
});
