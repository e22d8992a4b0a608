/**
 * Tick steps a reader of clocks expects. Below a second they go 1, 2, 5 per
 * decade (0.001 ms … 500 ms: milliseconds are decimal); from a second up
 * they follow the clock: 1, 2, 5, 10, 15 and 30 s, the same in minutes,
 * then 1, 2, 3, 6 and 12 h, then 1, 2, 5 per decade of days. Never 20 s,
 * 50 s or 2,000 s. Neighbouring steps are at most 2.5 times apart, so
 * choosing the smallest step that leaves at most `maxTicks` ticks always
 * leaves more than (maxTicks - 1) / 2.5 of them: 4 to 12 by default.
 *
 * Ticks fall on whole multiples of the step in absolute (UTC epoch) time.
 * Positions are axis units (ms since `originMs`, an integer ms); the
 * remainder of the origin is taken apart from its whole milliseconds, so
 * sub-millisecond steps stay exact where epoch-sized floats would not.
 */
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function steps(): number[] {
  const out: number[] = [];
  for (let exp = -6; exp <= 2; exp++) for (const m of [1, 2, 5]) out.push(Number((m * 10 ** exp).toPrecision(1)));
  for (const unit of [SECOND, MINUTE]) for (const m of [1, 2, 5, 10, 15, 30]) out.push(m * unit);
  for (const m of [1, 2, 3, 6, 12]) out.push(m * HOUR);
  for (let exp = 0; exp <= 6; exp++) for (const m of [1, 2, 5]) out.push(m * 10 ** exp * DAY);
  return out;
}

/** Every step the axis may use, in ms, ascending. */
export const CLOCK_STEPS_MS: readonly number[] = steps();

/** The smallest clock step of at least `minMs` (the largest one past the end). */
export function clockStep(minMs: number): number {
  if (!(minMs > 0)) return CLOCK_STEPS_MS[0]!;
  for (const s of CLOCK_STEPS_MS) if (s >= minMs * (1 - 1e-12)) return s;
  return CLOCK_STEPS_MS[CLOCK_STEPS_MS.length - 1]!;
}

export interface ClockTicks {
  stepMs: number;
  /** Axis units (ms since the origin) of each tick, ascending. */
  at: number[];
}

/**
 * Ticks in [lo, hi] (axis units, ms since `originMs`) at a clock step at
 * least `minGapMs` apart and at most `maxTicks` of them (more only when
 * `minGapMs` alone allows fewer).
 */
export function clockTicks(originMs: number, lo: number, hi: number, minGapMs = 0, maxTicks = 12): ClockTicks {
  const span = Math.max(0, hi - lo);
  const step = clockStep(Math.max(minGapMs, span / Math.max(1, maxTicks - 1)));
  // Origin = whole ms + a fraction: its remainder by the step, exactly.
  const whole = Math.floor(originMs);
  const frac = originMs - whole;
  const rem = step >= 1 ? (whole % step) + frac : (frac % step);
  // The tick at or after lo: k * step - rem for integer k.
  const k0 = Math.ceil((lo + rem) / step - 1e-9);
  const at: number[] = [];
  for (let k = k0; at.length <= maxTicks * 4; k++) {
    const u = k * step - rem + 0; // + 0: no -0
    if (u > hi + 1e-9 * step) break;
    at.push(u);
  }
  return { stepMs: step, at };
}
