/**
 * Numeric epoch times, unit by magnitude: below 1e11 seconds (up to the year
 * 5138), below 1e14 milliseconds, below 1e17 microseconds, else nanoseconds.
 * Digits are moved as text, never through a float product, so
 * "1710408413.123456789" keeps its nanoseconds and a 19-digit nanosecond
 * epoch is split into ms and ns exactly.
 */
import type { WallTime } from '../model/eventTime';

const EPOCH_TEXT = /^(\d{1,22})(?:\.(\d+))?$/;

/** A non-negative decimal epoch written as text, or null. */
export function parseEpochText(text: string): WallTime | null {
  const m = EPOCH_TEXT.exec(text);
  if (!m) return null;
  const whole = m[1]!.replace(/^0+(?=\d)/, '');
  const frac = m[2] ?? '';
  // Decimal exponent of one unit of the integer part relative to a second.
  const unit = whole.length <= 11 ? 0 : whole.length <= 14 ? 3 : whole.length <= 17 ? 6 : 9;
  const nanoDigits = 9 - unit; // fraction digits that still fit in nanoseconds
  const nanos = (whole + frac.slice(0, nanoDigits).padEnd(nanoDigits, '0')).padStart(7, '0');
  return {
    ms: Number(nanos.slice(0, -6)),
    ns: Number(nanos.slice(-6)),
    digits: Math.min(9, unit + frac.length),
  };
}

/**
 * A JSON number as an epoch. Its shortest round-trip text is what the writer
 * most likely wrote, so it goes through parseEpochText; integers past 2^53
 * (nanosecond epochs) were already rounded by JSON.parse — callers that still
 * have the raw text should pass that instead.
 */
export function parseEpochNumber(value: number): WallTime | null {
  if (!Number.isFinite(value) || value < 0) return null;
  let text = String(value);
  if (text.includes('e')) {
    if (value >= 1e21 || value < 1e-9) return null;
    text = value.toFixed(9);
  }
  return parseEpochText(text);
}
