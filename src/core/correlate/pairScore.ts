/**
 * How a candidate pair s → r measures up, for choosing among pairs. Its
 * delay is the raw difference of the two stamps corrected by the offset the
 * bounds make likeliest (offsetReference), never the raw difference of two
 * hosts' clocks alone; a pair the bounds rule out, beyond the stamps'
 * resolution (precision), costs more than any delay.
 */
import { hasTime, type Execution } from '../model/execution';
import { diffMs } from '../model/eventTime';
import type { PairBounds } from './pairBounds';

/** pairScore's cost of a pair between unbounded clocks: above any delay, below a ruled-out pair. */
const UNBOUNDED_PAIR = 1e12;

/**
 * How unlikely the pair s → r is: a differing attempt costs most, then a delay the offset
 * bounds rule out, then a pair between clocks nothing bounds (its delay says nothing: any
 * offset fits it), then the delay itself, corrected by the offset the bounds make likeliest.
 */
export function pairScore(x: Execution, attempt: Int32Array, s: number, r: number, bounds: PairBounds): number {
  let score = 0;
  if (attempt[r]! >= 0 && attempt[s]! >= 0 && attempt[r] !== attempt[s]) score += 2e15;
  if (hasTime(x, s) && hasTime(x, r)) {
    const a = x.processDomain[x.eventProc[s]!]!;
    const b = x.processDomain[x.eventProc[r]!]!;
    const { low, high } = bounds.offsetRange(a, b);
    const delay = diffMs(x.timeMs[r]!, x.timeNs[r]!, x.timeMs[s]!, x.timeNs[s]!) - offsetReference(bounds, a, b);
    if (bounds.slack(s, r) < -Math.max(precision(x, s), precision(x, r))) score += 1e15;
    else score += (low === -Infinity && high === Infinity ? UNBOUNDED_PAIR : 0) + Math.abs(delay);
  }
  return score;
}

/**
 * The offset off(b) − off(a) a pair's delay is measured against: the middle of the bounds, the
 * one bound there is (the offset the known pairs allow that gives them the smallest delays),
 * or 0 where nothing bounds the two clocks.
 */
export function offsetReference(bounds: PairBounds, a: number, b: number): number {
  const { low, high } = bounds.offsetRange(a, b);
  return low > -Infinity && high < Infinity ? (low + high) / 2 : low > -Infinity ? low : high < Infinity ? high : 0;
}

/** The resolution of e's stamp in ms (0 when untimed). */
export function precision(x: Execution, e: number): number {
  return hasTime(x, e) ? 10 ** (3 - x.timeDigits[e]!) : 0;
}
