/**
 * A channel between two clocks nothing bounds: whatever the offset θ, the
 * pairs' delays are raw − θ, and the smallest total of them is
 * Σ raw − m·min raw (θ as large as the pairs allow), which depends on the
 * assignment alone. Minimized exactly by trying each pair's raw difference as
 * the floor τ (pairs below it left out) and keeping the best full alignment;
 * quadratic in the channel's cells, so only for small channels (the caller's
 * MAX_FREE_CELLS). An assignment choice among pairs the logs cannot tell
 * apart, never a claim from comparing the two clocks.
 */
import { hasTime, type Execution } from '../model/execution';
import { diffMs } from '../model/eventTime';
import { alignChannel } from './alignChannel';

export function alignFree(x: Execution, out: number[], inn: number[], feasible: (i: number, j: number) => boolean): Int32Array {
  const raw = (i: number, j: number) => {
    const s = out[i]!;
    const r = inn[j]!;
    return hasTime(x, s) && hasTime(x, r) ? diffMs(x.timeMs[r]!, x.timeNs[r]!, x.timeMs[s]!, x.timeNs[s]!) : NaN;
  };
  const floors = new Set<number>();
  for (let i = 0; i < out.length; i++) for (let j = 0; j < inn.length; j++) if (!Number.isNaN(raw(i, j))) floors.add(raw(i, j));
  let best: Int32Array | null = null;
  let bestCount = -1;
  let bestCost = Infinity;
  let bestNear = Infinity;
  let bestInverted = Infinity;
  for (const tau of [...floors].sort((p, q) => q - p)) {
    const ok = (i: number, j: number) => feasible(i, j) && !(raw(i, j) < tau);
    const match = alignChannel(out.length, inn.length, { delay: raw, allowed: ok });
    let count = 0;
    let cost = 0;
    let near = 0;
    let inverted = 0;
    for (let j = 0; j < inn.length; j++) {
      const i = match[j]!;
      if (i < 0) continue;
      count++;
      const d = raw(i, j);
      if (!Number.isNaN(d)) {
        cost += d - tau;
        near += Math.abs(d);
        if (d < 0) inverted++;
      }
    }
    // Equal spreads (always so for one pair): the logs cannot tell them apart. The pairing that
    // needs no clock skew to explain (fewest receives stamped before their sends), then the
    // smallest raw differences, choose; the edge's evidence lists the others. A skew finding
    // must not come from a choice the logs did not make.
    const tie = Math.abs(cost - bestCost) <= 1e-9;
    if (count > bestCount || (count === bestCount && (cost < bestCost - 1e-9 || (tie && (inverted < bestInverted || (inverted === bestInverted && near < bestNear - 1e-9)))))) {
      best = match;
      bestCount = count;
      bestCost = cost;
      bestNear = near;
      bestInverted = inverted;
    }
  }
  return best ?? alignChannel(out.length, inn.length, { delay: raw, allowed: feasible });
}
