import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rangeMs, roundMs, signedMs } from '../../src/core/findings/roundMs';

/** The number of ms a rounded text says. */
function parse(text: string): number {
  const m = /^([−+]?)([\d.]+) (s|ms|µs)$/.exec(text)!;
  const v = Number(m[2]) * (m[3] === 's' ? 1000 : m[3] === 'ms' ? 1 : 0.001);
  return m[1] === '−' ? -v : v;
}

describe('roundMs', () => {
  it('says three significant digits in the unit a person would use', () => {
    expect(roundMs(1999.561)).toBe('2 s');
    expect(roundMs(49.82)).toBe('49.8 ms');
    expect(roundMs(0.351435)).toBe('351 µs');
    expect(roundMs(1234567)).toBe('1230 s');
  });

  it('rounds a lower bound down and an upper bound up, never past the value', () => {
    expect(roundMs(1999.561, 'down')).toBe('1.99 s');
    expect(roundMs(1999.561, 'up')).toBe('2 s');
    expect(signedMs(-1999.561, 'down')).toBe('−2 s');
    expect(signedMs(-1999.561, 'up')).toBe('−1.99 s');
    fc.assert(
      fc.property(fc.double({ min: -1e9, max: 1e9, noNaN: true }).filter((v) => Math.abs(v) > 1e-6), (v) => {
        const tol = 1e-12 * Math.abs(v) + 1e-9;
        expect(parse(signedMs(v, 'down'))).toBeLessThanOrEqual(v + tol);
        expect(parse(signedMs(v, 'up'))).toBeGreaterThanOrEqual(v - tol);
      }),
    );
  });

  it('writes a range with enough digits that two different bounds never read the same, and holds both', () => {
    expect(rangeMs(1999.561, 2000.696)).toBe('between +1.999 s and +2.001 s');
    fc.assert(
      fc.property(fc.double({ min: -1e7, max: 1e7, noNaN: true }), fc.double({ min: 1e-3, max: 1e6, noNaN: true }), (low, width) => {
        const high = low + width;
        const m = /^between (\S+ \S+) and (\S+ \S+)$/.exec(rangeMs(low, high))!;
        expect(parse(m[1]!)).toBeLessThanOrEqual(low + 1e-12 * Math.abs(low) + 1e-9);
        expect(parse(m[2]!)).toBeGreaterThanOrEqual(high - 1e-12 * Math.abs(high) - 1e-9);
      }),
    );
  });
});
