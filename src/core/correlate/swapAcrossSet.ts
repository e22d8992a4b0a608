/**
 * Sends to a set (a service's instances) are split over its members'
 * channels, each aligned on its own, so a channel aligned later may be left
 * only sends that fit it badly: a lone receive given the one attempt no other
 * member took, stamped 200 ms before it was sent, while the attempt that fits
 * it went to another member where a later one fits as well. Two such pairs of
 * one sender and key on two members swap their sends where both members'
 * program order still holds, the bounds allow both new pairs, and fewer
 * receives come before their sends, or by less (delays corrected as alignment
 * corrects them): a skew finding must not come from an assignment the logs
 * did not make. Pairs decided by attempt stay. Quadratic per sender and key,
 * so only up to MAX_SWAP_PAIRS pairs of one.
 */
import { hasTime, type Execution } from '../model/execution';
import { diffMs } from '../model/eventTime';
import { MAX_ALTERNATIVES, type DecidedPairs } from './decidedPairs';
import { pairBounds, type PairBounds } from './pairBounds';
import type { Endpoints } from './endpoints';
import { precision } from './pairScore';

/** Largest number of pairs of one sender and key to a set that swapAcrossSet compares (quadratic). */
const MAX_SWAP_PAIRS = 64;

export function swapAcrossSet(x: Execution, ends: Endpoints, decided: DecidedPairs): void {
  const P = x.processNames.length;
  const { toProc, peerProc } = ends;
  const { pairs, evidence: pairEvidence } = decided;
  const pairGroup = decided.group;
  const K0 = decided.count;
  const byOrigin = new Map<number, number[]>();
  // How many pairs each send to a set has (only those are looked at).
  const uses = new Map<number, number>();
  const toSet = (e: number) => (toProc[e]! >= 0 ? toProc[e]! : peerProc[e]!) >= P;
  for (let k = 0; k < K0; k++) if (toSet(pairs[2 * k]!)) uses.set(pairs[2 * k]!, (uses.get(pairs[2 * k]!) ?? 0) + 1);
  for (let k = 0; k < K0; k++) {
    const e = pairs[2 * k]!;
    if (!toSet(e) || pairEvidence.get(k)?.by === 'attempt' || uses.get(e)! > 1 || !hasTime(x, e) || !hasTime(x, pairs[2 * k + 1]!)) continue;
    const origin = pairGroup[k]! * P + x.eventProc[e]!;
    const list = byOrigin.get(origin);
    if (list) list.push(k);
    else byOrigin.set(origin, [k]);
  }
  let bounds: PairBounds | null = null;
  for (const ks of byOrigin.values()) {
    if (ks.length < 2 || ks.length > MAX_SWAP_PAIRS) continue;
    const recvProc = (k: number) => x.eventProc[pairs[2 * k + 1]!]!;
    if (ks.every((k) => recvProc(k) === recvProc(ks[0]!))) continue;
    // Bounds from the other pairs only, and none whose receive another sender also claims (a
    // reply from a set, before oneSenderPerReceive): the pairs in question would vouch for themselves.
    bounds ??= pairBounds(x, decided.settledBut(byOrigin));
    const b = bounds;
    // How far the receive comes before its send: under every offset the bounds allow, or, where
    // they leave that side open, as stamped (the pair alone would then set the offset, and a skew).
    const past = (s: number, r: number) => {
      const tol = Math.max(precision(x, s), precision(x, r));
      const slack = b.slack(s, r);
      const d = slack < Infinity ? slack : diffMs(x.timeMs[r]!, x.timeNs[r]!, x.timeMs[s]!, x.timeNs[s]!);
      return d < -tol ? -d : 0;
    };
    const ordered = (k: number, send: number, except: number) => {
      const r = pairs[2 * k + 1]!;
      for (const o of ks) {
        if (o === k || o === except || recvProc(o) !== recvProc(k)) continue;
        if (pairs[2 * o]! < send !== pairs[2 * o + 1]! < r) return false;
      }
      return true;
    };
    for (let changed = true, rounds = 0; changed && rounds < ks.length; rounds++) {
      changed = false;
      for (const a of ks)
        for (const c of ks) {
          if (a >= c || recvProc(a) === recvProc(c)) continue;
          const sa = pairs[2 * a]!;
          const ra = pairs[2 * a + 1]!;
          const sc = pairs[2 * c]!;
          const rc = pairs[2 * c + 1]!;
          const tol = (s: number, r: number) => -Math.max(precision(x, s), precision(x, r));
          if (b.slack(sc, ra) < tol(sc, ra) || b.slack(sa, rc) < tol(sa, rc)) continue;
          if (!ordered(a, sc, c) || !ordered(c, sa, a)) continue;
          const before = [past(sa, ra), past(sc, rc)];
          const after = [past(sc, ra), past(sa, rc)];
          const inverted = (v: number[]) => (v[0]! > 0 ? 1 : 0) + (v[1]! > 0 ? 1 : 0);
          const better = inverted(after) < inverted(before) || (inverted(after) === inverted(before) && after[0]! + after[1]! < before[0]! + before[1]! - 1e-9);
          if (!better) continue;
          pairs[2 * a] = sc;
          pairs[2 * c] = sa;
          const alternatives = (k: number, now: number, was: number) =>
            [...new Set([was, ...(pairEvidence.get(k)?.alternatives ?? [])])].filter((f) => f !== now).slice(0, MAX_ALTERNATIVES);
          pairEvidence.set(a, { by: 'delay', alternatives: alternatives(a, sc, sa) });
          pairEvidence.set(c, { by: 'delay', alternatives: alternatives(c, sa, sc) });
          changed = true;
        }
    }
  }
}
