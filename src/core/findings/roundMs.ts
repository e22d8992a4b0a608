/**
 * A duration as a person reads it in a sentence: three significant digits at
 * most (1.23 s, 49.8 ms, 850 µs). Anomalies keep exact values (formatMs) as
 * evidence; findings and reports round, and a bound rounds the safe way: a
 * lower bound down (at least 1.99 s, not 2 s, for 1.9996 s), an upper bound up.
 */
export type Rounding = 'nearest' | 'down' | 'up';

export function roundMs(ms: number, rounding: Rounding = 'nearest', digits = 3): string {
  const a = Math.abs(ms);
  // Below a nanosecond no clock says anything: zero, or the smallest step up.
  if (a < 1e-6) return rounding === 'up' && ms > 0 ? '0.001 µs' : rounding === 'down' && ms < 0 ? '-0.001 µs' : '0 µs';
  if (a >= 1000) return `${trim(ms / 1000, rounding, digits)} s`;
  if (a >= 1) return `${trim(ms, rounding, digits)} ms`;
  return `${trim(ms * 1000, rounding, digits)} µs`;
}

/** A signed duration: +1.2 s, −49.8 ms, 0 ms. */
export function signedMs(ms: number, rounding: Rounding = 'nearest', digits = 3): string {
  if (ms === 0) return '0 ms';
  // A bound on a negative value rounds its magnitude the other way.
  const flipped: Rounding = rounding === 'down' ? 'up' : rounding === 'up' ? 'down' : 'nearest';
  return ms < 0 ? `−${roundMs(-ms, flipped, digits)}` : `+${roundMs(ms, rounding, digits)}`;
}

/**
 * "between −2.01 s and −1.99 s": the bounds rounded outwards, with as many
 * digits as it takes for the rounding not to more than double the width
 * (two different bounds then never read the same).
 */
export function rangeMs(low: number, high: number): string {
  let digits = 3;
  const wide = (d: number) => parseMs(signedMs(high, 'up', d)) - parseMs(signedMs(low, 'down', d)) > 2 * (high - low);
  while (digits < 9 && wide(digits)) digits++;
  return `between ${signedMs(low, 'down', digits)} and ${signedMs(high, 'up', digits)}`;
}

/** The ms a signedMs/roundMs text says. */
function parseMs(text: string): number {
  const m = /^([−+]?)([\d.]+) (s|ms|µs)$/.exec(text);
  if (!m) return 0;
  const v = Number(m[2]) * (m[3] === 's' ? 1000 : m[3] === 'ms' ? 1 : 0.001);
  return m[1] === '−' ? -v : v;
}

function trim(v: number, rounding: Rounding, digits: number): string {
  if (v === 0) return '0';
  const scale = 10 ** (digits - 1 - Math.floor(Math.log10(Math.abs(v))));
  const r = rounding === 'down' ? Math.floor(v * scale + 1e-11) : rounding === 'up' ? Math.ceil(v * scale - 1e-11) : Math.round(v * scale);
  return String(Number((r / scale).toPrecision(Math.max(digits, 1) + 1)));
}
