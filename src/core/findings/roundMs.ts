/**
 * A duration as a person reads it in a sentence: three significant digits at
 * most (1.23 s, 49.8 ms, 850 µs). Anomalies keep exact values (formatMs) as
 * evidence; findings and reports round.
 */
export function roundMs(ms: number): string {
  const a = Math.abs(ms);
  if (a >= 1000) return `${trim(ms / 1000)} s`;
  if (a >= 1) return `${trim(ms)} ms`;
  return `${trim(ms * 1000)} µs`;
}

function trim(v: number): string {
  return String(Number(v.toPrecision(3)));
}
