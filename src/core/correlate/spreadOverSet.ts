/**
 * A send whose `to` names a set (a service's instances, a group) went to one
 * of them. Each member's channel is paired on its own, so one send may have
 * taken a receive on two members while another send of the same process, key
 * and peer took none (a retry that reached the other instance). There the
 * likeliest of its pairs (pairScore.ts) stays, and each other receive moves
 * to the likeliest unpaired such send the bounds allow; the bounds come from
 * the other pairs only, as a pair in question would vouch for itself.
 * Without a spare send both pairs stay: one publish delivered to two members
 * (a redelivery).
 */
import type { Execution } from '../model/execution';
import type { DecidedPairs } from './decidedPairs';
import { M } from './groupMembers';
import { MessageRole } from './messageConventions';
import { pairBounds, type PairBounds } from './pairBounds';
import type { Endpoints } from './endpoints';
import { pairScore } from './pairScore';

export function spreadOverSet(x: Execution, ends: Endpoints, decided: DecidedPairs, start: Uint32Array, mem: Int32Array, resolved: Uint8Array): void {
  const n = x.eventCount;
  const P = x.processNames.length;
  const { group, toProc, fromProc, peerProc, attempt } = ends;
  const pairs = decided.pairs;
  const K0 = decided.count;
  const bySend = new Map<number, number[]>();
  for (let k = 0; k < K0; k++) {
    const e = pairs[2 * k]!;
    const ref = toProc[e]! >= 0 ? toProc[e]! : peerProc[e]!;
    if (ref < P) continue;
    const list = bySend.get(e);
    if (list) list.push(k);
    else bySend.set(e, [k]);
  }
  let paired: Uint8Array | null = null;
  let bounds: PairBounds | null = null;
  for (const [e, ks] of bySend) {
    if (ks.length < 2) continue;
    const proc = x.eventProc[e]!;
    const ref = toProc[e]! >= 0 ? toProc[e]! : peerProc[e]!;
    const g = group[e]!;
    // Unpaired sends of the same process, key and peer: the spares.
    if (!paired) {
      paired = new Uint8Array(n);
      for (let k = 0; k < K0; k++) paired[pairs[2 * k]!] = 1;
    }
    const spares: number[] = [];
    for (let i = start[g]!; i < start[g + 1]!; i++) {
      const f = mem[i * M]!;
      if (f !== e && !paired[f] && x.eventProc[f] === proc && resolved[f] === MessageRole.Send && (toProc[f]! >= 0 ? toProc[f]! : peerProc[f]!) === ref) spares.push(f);
    }
    if (spares.length === 0) continue;
    bounds ??= pairBounds(x, decided.pairsBut(bySend));
    let keep = ks[0]!;
    for (const k of ks) if (pairScore(x, attempt, e, pairs[2 * k + 1]!, bounds) < pairScore(x, attempt, e, pairs[2 * keep + 1]!, bounds)) keep = k;
    for (const k of ks) {
      if (k === keep || spares.length === 0) continue;
      const r = pairs[2 * k + 1]!;
      let best = -1;
      let bestScore = 1e15;
      const from = fromProc[r]! >= 0 ? fromProc[r]! : peerProc[r]!;
      spares.forEach((f, i) => {
        const score = ends.accepts(from, proc) ? pairScore(x, attempt, f, r, bounds!) : Infinity;
        if (score < bestScore) {
          bestScore = score;
          best = i;
        }
      });
      if (best < 0) continue;
      const f = spares.splice(best, 1)[0]!;
      pairs[2 * k] = f;
      paired[f] = 1;
      decided.evidence.set(k, { by: 'delay', alternatives: [e] });
    }
  }
}
