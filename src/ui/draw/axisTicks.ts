/**
 * Tick marks and labels for the visible window. Logical ticks fall on whole
 * ranks and are labelled with the Lamport timestamp of that rank; wall-clock
 * ticks fall on clock steps (clockSteps.ts: 1, 2, 5, 10, 15, 30 s and min,
 * hours, days) and are labelled with the UTC time of day at just the
 * precision the step needs, or the date for steps of days. Both keep to at
 * most `maxTicks` ticks across the window.
 */
import type { AxisPositions } from '../../core/view/axisPositions';
import { clockTicks } from './clockSteps';

export interface Tick {
  /** Axis units. */
  u: number;
  label: string;
}

/** 1, 2, 5, 10, 20, 50… times 10^k: the smallest at least `min` (min > 0). */
export function niceStep(min: number): number {
  if (!(min > 0) || !Number.isFinite(min)) return 1;
  const pow = 10 ** Math.floor(Math.log10(min));
  for (const m of [1, 2, 5, 10]) if (pow * m >= min * (1 - 1e-12)) return pow * m;
  return pow * 10;
}

/** Ticks in [lo, hi] at least `minGapUnits` apart; at most `maxTicks` of them where that allows. */
export function axisTicks(a: AxisPositions, lo: number, hi: number, minGapUnits: number, maxTicks = 12): Tick[] {
  const ticks: Tick[] = [];
  const cap = maxTicks * 4;
  if (a.mode === 'logical') {
    const step = Math.max(1, niceStep(Math.max(minGapUnits, (hi - lo) / Math.max(1, maxTicks - 1))));
    const last = Math.min(hi, a.lamportOfRank.length - 1);
    for (let u = Math.max(0, Math.ceil(lo / step) * step); u <= last && ticks.length < cap; u += step) {
      ticks.push({ u, label: String(a.lamportOfRank[u]) });
    }
    return ticks;
  }
  // Tick on round absolute times, not round offsets from the first event.
  const { stepMs, at } = clockTicks(a.originMs, lo, hi, minGapUnits, maxTicks);
  for (const u of at.slice(0, cap)) ticks.push({ u, label: tickLabel(a.originMs + u, stepMs) });
  return ticks;
}

/** A tick's label: the date for steps of days, hours and minutes for steps of minutes, else clockLabel. */
export function tickLabel(epochMs: number, stepMs: number): string {
  if (stepMs >= 86_400_000) return new Date(Math.round(epochMs)).toISOString().slice(0, 10);
  if (stepMs >= 60_000) return new Date(Math.round(epochMs)).toISOString().slice(11, 16);
  return clockLabel(epochMs, stepMs);
}

/** "HH:MM:SS" plus as many fractional digits as `stepMs` needs (up to 6). */
export function clockLabel(epochMs: number, stepMs: number): string {
  const digits = stepMs >= 1000 ? 0 : Math.min(6, Math.max(0, Math.ceil(-Math.log10(stepMs) + 3 - 1e-9)));
  // Count in units of the last digit shown, as an integer (exact below 2^53),
  // so rounding never prints 12:00:00.1000.
  const perSec = 10 ** digits;
  const units = Math.round((epochMs / 1000) * perSec);
  const sec = Math.floor(units / perSec);
  const d = new Date(sec * 1000);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  const ss = String(d.getUTCSeconds()).padStart(2, '0');
  if (digits === 0) return `${hh}:${mm}:${ss}`;
  return `${hh}:${mm}:${ss}.${String(units - sec * perSec).padStart(digits, '0')}`;
}

/** The date of the axis origin, for the axis caption ("2024-03-01 UTC"). */
export function originDate(a: AxisPositions): string {
  if (a.mode === 'logical') return '';
  return `${new Date(Math.floor(a.originMs)).toISOString().slice(0, 10)} UTC`;
}
