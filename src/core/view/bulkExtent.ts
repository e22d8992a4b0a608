/**
 * Where most events lie on a time axis. A log can hold a few lines far from
 * the rest (a time daemon's line from half an hour before the incident): fit
 * to the whole span, the incident's seconds crush into a few pixels at one
 * edge. The bulk is the narrowest window that holds all but BULK_LEFT_OUT of
 * the timed events (the share, at least one event), widened to the events
 * next to it that are close; the diagram opens on it
 * when it is less than a BULK_RATIO-th of the whole span, and says how many
 * events lie outside. Fit still shows everything. O(n log n) over the timed
 * positions (a typed-array sort), once per axis.
 */
export interface BulkExtent {
  min: number;
  max: number;
  /** Timed events outside [min, max]. */
  outside: number;
}

export const BULK_LEFT_OUT = 0.05;
export const BULK_RATIO = 20;

/** The bulk of the timed positions (NaN = untimed), or null where the whole span is not much wider. */
export function bulkExtent(pos: Float64Array): BulkExtent | null {
  let n = 0;
  for (let i = 0; i < pos.length; i++) if (!Number.isNaN(pos[i]!)) n++;
  if (n < 20) return null;
  const sorted = new Float64Array(n);
  n = 0;
  for (let i = 0; i < pos.length; i++) if (!Number.isNaN(pos[i]!)) sorted[n++] = pos[i]!;
  sorted.sort();
  const keep = n - Math.max(1, Math.floor(n * BULK_LEFT_OUT));
  let best = 0;
  for (let i = 1; i + keep <= n; i++) if (sorted[i + keep - 1]! - sorted[i]! < sorted[best + keep - 1]! - sorted[best]!) best = i;
  // Then out to the neighbours close by (within half the window), so the bulk cuts no run of events short.
  let lo = best;
  let hi = best + keep - 1;
  const reach = (sorted[hi]! - sorted[lo]!) / 2;
  while (lo > 0 && sorted[lo]! - sorted[lo - 1]! <= reach) lo--;
  while (hi < n - 1 && sorted[hi + 1]! - sorted[hi]! <= reach) hi++;
  const min = sorted[lo]!;
  const max = sorted[hi]!;
  const whole = sorted[n - 1]! - sorted[0]!;
  if (!(max > min) || (max - min) * BULK_RATIO > whole) return null;
  let outside = 0;
  for (let i = 0; i < n; i++) if (sorted[i]! < min || sorted[i]! > max) outside++;
  return { min, max, outside };
}
