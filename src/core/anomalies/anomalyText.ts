/** Wording shared by the anomaly summaries: durations, possessives, time stamps. */
import { formatIso } from '../model/eventTime';
import type { Execution } from '../model/execution';

export function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/** 0.1 µs, 78 ms, 1.5 s: the unit a person would say. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${round6(ms / 1000)} s`;
  if (ms >= 1) return `${round6(ms)} ms`;
  return `${round6(ms * 1000)} µs`;
}

/** payments → payments', ledger → ledger's. */
export function possessive(name: string): string {
  return name.endsWith('s') ? `${name}'` : `${name}'s`;
}

/** The raw time of e at the input's precision (callers check hasTime). */
export function timeText(x: Execution, e: number): string {
  return formatIso(x.timeMs[e]!, x.timeNs[e]!, x.timeDigits[e]!);
}

/** The resolution of e's stamp in ms: 1 for milliseconds, 0.001 for microseconds. */
export function precisionMs(x: Execution, e: number): number {
  const d = x.timeDigits[e]!;
  return PRECISION_MS[d] ?? 10 ** (3 - d);
}

/** 10 ** (3 − digits), computed once (a power per event cost a fifth of a second over a million). */
const PRECISION_MS = Array.from({ length: 10 }, (_, d) => 10 ** (3 - d));
