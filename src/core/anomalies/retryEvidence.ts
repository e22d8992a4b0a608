/**
 * Where a repeated request was recognized as one: the event that says so,
 * per reported unit. First the handlers of the later deliveries, in delivery
 * order (the first repeat recognized, however the lanes are named); then, for
 * the units still without one, one pass over every event for an event under
 * the unit's key (its idempotency key, else its message key's group), not one
 * of its attempts, worded as deduplicated (retryOutcome.ts). The pass reads a
 * byte per group before any map, as most events' groups hold no reported unit.
 */
import type { RetryOutcomes } from './retryOutcome';
import type { RetryUnit } from './retryUnits';

/** Per unit (in `found`'s order), the event that recognized its repeat, or -1. */
export function recognizedRepeats(
  n: number,
  G: number,
  idem: Int32Array | null,
  group: Int32Array,
  found: readonly { u: RetryUnit }[],
  outcomes: RetryOutcomes,
): Int32Array {
  const evidence = new Int32Array(found.length).fill(-1);
  found.forEach(({ u }, i) => {
    for (let j = 1; j < u.recvs.length && evidence[i]! < 0; j++) evidence[i] = outcomes.dedupInHandler(u.recvs[j]!);
  });
  const byGroup = new Int32Array(G).fill(-1);
  /** 1 for a group some reported unit holds: most events' groups are not, and this is read for every event. */
  const reported = new Uint8Array(G);
  const byIdem = new Map<number, number>();
  const isAttempt = new Int32Array(n).fill(-1);
  found.forEach(({ u }, i) => {
    for (let k = 0, m = u.sends.length + u.recvs.length; k < m; k++) {
      const e = k < u.sends.length ? u.sends[k]! : u.recvs[k - u.sends.length]!;
      if (group[e]! >= 0 && byGroup[group[e]!]! < 0) {
        byGroup[group[e]!] = i;
        reported[group[e]!] = 1;
      }
      if (idem !== null && idem[e]! >= 0 && !byIdem.has(idem[e]!)) byIdem.set(idem[e]!, i);
    }
    for (const e of u.sends) isAttempt[e] = i;
  });
  if (evidence.includes(-1)) recognizedUnderKeys(n, idem, group, byIdem, byGroup, reported, isAttempt, evidence, outcomes);
  return evidence;
}

/** For each reported key still without evidence: the first event under it, not one of its attempts, that says deduplicated. */
function recognizedUnderKeys(
  n: number,
  idem: Int32Array | null,
  group: Int32Array,
  byIdem: ReadonlyMap<number, number>,
  byGroup: Int32Array,
  reported: Uint8Array,
  isAttempt: Int32Array,
  evidence: Int32Array,
  outcomes: RetryOutcomes,
): void {
  for (let e = 0; e < n; e++) {
    let i = idem !== null && idem[e]! >= 0 ? (byIdem.get(idem[e]!) ?? -1) : -1;
    if (i < 0 && group[e]! >= 0 && reported[group[e]!] === 1) i = byGroup[group[e]!]!;
    if (i < 0 || evidence[i]! >= 0 || isAttempt[e] === i) continue;
    if (outcomes.saysDeduplicated(e)) evidence[i] = e;
  }
}
