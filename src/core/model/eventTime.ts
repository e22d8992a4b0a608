/**
 * Wall-clock times are kept as two numbers: whole milliseconds since the Unix
 * epoch (a float64, exact for integers) and the nanoseconds inside that
 * millisecond. One float64 of ms would lose nanoseconds, which TSViz logs and
 * Kubernetes event names carry. `digits` is how many fractional-second digits
 * the input wrote (0, 3, 6, 9...), so output keeps the input's precision.
 */
export interface WallTime {
  ms: number;
  ns: number;
  digits: number;
}

/** No time: stored as NaN ms in the columns. */
export const NO_TIME = NaN;

/** Splits a nanosecond epoch string ("1457563200123456789") without BigInt. */
export function wallTimeFromEpochNanos(text: string): WallTime | null {
  if (!/^\d{1,22}$/.test(text)) return null;
  const padded = text.padStart(7, '0');
  const ms = Number(padded.slice(0, -6));
  const ns = Number(padded.slice(-6));
  return { ms, ns, digits: 9 };
}

/** Milliseconds as a float, for differences (offsets, skew), not for identity. */
export function toFloatMs(ms: number, ns: number): number {
  return ms + ns / 1e6;
}

/**
 * a − b in float ms, exact to the nanosecond: whole ms and ns are subtracted
 * apart, since toFloatMs of an epoch time (~1.7e12) keeps only ~0.24 µs.
 */
export function diffMs(aMs: number, aNs: number, bMs: number, bNs: number): number {
  return aMs - bMs + (aNs - bNs) / 1e6;
}

let lastSecMs = NaN;
let lastSecIso = '';

/**
 * ISO-8601 UTC at the given fractional precision. Date is used only for the
 * calendar part of whole seconds; the fraction is formatted from integers.
 */
export function formatIso(ms: number, ns: number, digits: number): string {
  const wholeSecMs = Math.floor(ms / 1000) * 1000;
  // Times come in runs within one second (an export in causal order): the calendar part is made once per second.
  if (wholeSecMs !== lastSecMs) {
    lastSecMs = wholeSecMs;
    lastSecIso = new Date(wholeSecMs).toISOString().slice(0, 19);
  }
  const base = lastSecIso;
  if (digits <= 0) return `${base}Z`;
  const fracNs = (ms - wholeSecMs) * 1e6 + ns; // 0 .. 999_999_999
  const frac = String(Math.round(fracNs)).padStart(9, '0').slice(0, Math.min(digits, 9));
  return `${base}.${frac}Z`;
}

/** A time as whole ms since the epoch, ns within that ms, and the fraction digits to show. */
export interface RoundedTime {
  ms: number;
  ns: number;
  digits: number;
}

/**
 * A float-ms time (corrected times) rounded to `digits` fraction digits (0 to
 * 9), in integer nanoseconds within its second, so the rounding carries into
 * the second exactly. Written into `out` (writers reuse one: no object per row).
 */
export function roundFloatTime(floatMs: number, digits: number, out: RoundedTime = { ms: 0, ns: 0, digits: 0 }): RoundedTime {
  const d = Math.min(Math.max(digits, 0), 9);
  const unitNs = 10 ** (9 - d);
  const wholeMs = Math.floor(floatMs);
  let ns = Math.round((floatMs - wholeMs) * 1e6);
  let msPart = wholeMs;
  if (ns >= 1e6) {
    msPart += 1;
    ns -= 1e6;
  }
  const secMs = Math.floor(msPart / 1000) * 1000;
  let inSecNs = (msPart - secMs) * 1e6 + ns;
  inSecNs = Math.round(inSecNs / unitNs) * unitNs;
  const carrySec = inSecNs >= 1e9 ? 1 : 0;
  inSecNs -= carrySec * 1e9;
  out.ms = secMs + carrySec * 1000 + Math.floor(inSecNs / 1e6);
  out.ns = inSecNs % 1e6;
  out.digits = d;
  return out;
}

/** ISO of a float-ms time (corrected times), rounded to the given digits. */
export function formatIsoFloat(floatMs: number, digits: number): string {
  const r = roundFloatTime(floatMs, digits);
  return formatIso(r.ms, r.ns, r.digits);
}
