/**
 * A receive whose `from` names a set (a service's instances, a group) came
 * from one of them: where channels from several members each paired it, the
 * one whose attempt matches, else the smallest delay the offset bounds allow
 * (corrected by the middle of the bounds, pairScore.ts), else the first,
 * keeps it; the others become its evidence's alternatives. A receive naming
 * no peer keeps every sender (a join). Receives are looked at in pair order,
 * so the result does not depend on a map's. Returns, per pair, 1 to drop it.
 */
import { hasTime, type Execution } from '../model/execution';
import { MAX_ALTERNATIVES, type DecidedPairs } from './decidedPairs';
import { pairBounds, type PairBounds } from './pairBounds';
import type { Endpoints } from './endpoints';
import { pairScore } from './pairScore';

export function oneSenderPerReceive(x: Execution, ends: Endpoints, decided: DecidedPairs): Uint8Array {
  const P = x.processNames.length;
  const { fromProc, peerProc, attempt } = ends;
  const { pairs, count: K, evidence: pairEvidence } = decided;
  const drop = new Uint8Array(K);
  const byRecv = new Map<number, number[]>();
  for (let k = 0; k < K; k++) {
    const r = pairs[2 * k + 1]!;
    const ref = fromProc[r]! >= 0 ? fromProc[r]! : peerProc[r]!;
    if (ref < P) continue;
    const list = byRecv.get(r);
    if (list) list.push(k);
    else byRecv.set(r, [k]);
  }
  let bounds: PairBounds | null = null;
  for (const [r, ks] of byRecv) {
    if (ks.length < 2) continue;
    bounds ??= pairBounds(x, decided.pairsBut(byRecv));
    let best = -1;
    let bestScore = Infinity;
    let byAttempt = false;
    let timed = false;
    for (const k of ks) {
      const s = pairs[2 * k]!;
      if (attempt[r]! >= 0 && attempt[s]! >= 0 && attempt[r] !== attempt[s]) byAttempt = true;
      if (hasTime(x, s) && hasTime(x, r)) timed = true;
      const score = pairScore(x, attempt, s, r, bounds);
      if (score < bestScore) {
        bestScore = score;
        best = k;
      }
    }
    const alternatives: number[] = [];
    for (const k of ks) {
      if (k === best) continue;
      drop[k] = 1;
      if (alternatives.length < MAX_ALTERNATIVES) alternatives.push(pairs[2 * k]!);
    }
    const had = pairEvidence.get(best);
    pairEvidence.set(best, {
      by: had && had.by !== 'only' ? had.by : byAttempt ? 'attempt' : timed ? 'delay' : 'order',
      alternatives: [...(had?.alternatives ?? []), ...alternatives].slice(0, MAX_ALTERNATIVES),
    });
  }
  return drop;
}
