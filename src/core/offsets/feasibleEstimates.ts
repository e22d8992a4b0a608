/**
 * Chooses offset estimates that, subtracted from raw times, keep every
 * message forward: est(B) − est(A) ≤ w(A→B) for every constraint.
 *
 * Intervals come from shortest paths to and from the reference R:
 * high = dist(R→D) and low = −dist(D→R). Both are feasible solutions, and so
 * is their midpoint (a convex combination), so bounded domains keep the
 * midpoint. The others cannot spoil it, because of how paths run:
 *  - a domain with no upper bound (R does not reach it) only has incoming
 *    constraints from domains R does not reach either, so raising it, which
 *    can only break an incoming constraint, stays among those domains;
 *  - a domain with an upper bound but no lower one (it does not reach R) only
 *    has outgoing constraints to domains like itself, so lowering it stays
 *    among those.
 * So phase 1 raises the unreached domains from max(0, low) (or 0) as far as
 * their outgoing constraints need, phase 2 lowers the half-bounded reached
 * ones from min(0, high): Bellman–Ford in each direction, and both stay
 * inside [low, high] by the triangle inequality. Unconstrained domains keep
 * estimate null but still get a correction. Each sweep visits only the pairs
 * of the domains it may move (sparse lists, offsetConstraints.ts), in the
 * order a sweep over a domain × domain table did.
 *
 * Domains marked in `skip` (a connected set whose constraints contradict
 * each other) keep 0 and move nothing: no pair leaves their set.
 */
import { PATH_EPS as EPS } from './constraintPaths';
import type { DomainOffset } from './domainOffset';
import type { ConstraintGraph } from './offsetConstraints';

export function feasibleEstimates(g: ConstraintGraph, offsets: DomainOffset[], skip?: Uint8Array): Float64Array {
  const D = g.D;
  const est = new Float64Array(D);
  const unreached: number[] = []; // high === null, ascending
  const lowerOnly: number[] = []; // high set, low null, ascending
  for (let d = 0; d < D; d++) {
    if (skip?.[d]) continue;
    const o = offsets[d]!;
    if (o.high === null) {
      if (g.outStart[d + 1]! > g.outStart[d]!) unreached.push(d);
      est[d] = o.low === null ? 0 : Math.max(0, o.low);
    } else if (o.low === null) {
      if (g.inStart[d + 1]! > g.inStart[d]!) lowerOnly.push(d);
      est[d] = Math.min(0, o.high);
    } else est[d] = (o.low + o.high) / 2;
  }
  // Phase 1: raise unreached a until est(a) ≥ est(b) − w(a→b).
  for (let round = 0; round <= D; round++) {
    let changed = false;
    for (const a of unreached) {
      for (let i = g.outStart[a]!; i < g.outStart[a + 1]!; i++) {
        const b = g.outTo[i]!;
        const c = g.outW[i]!;
        if (est[a]! < est[b]! - c - EPS) {
          est[a] = est[b]! - c;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  // Phase 2: lower half-bounded b until est(b) ≤ est(a) + w(a→b).
  for (let round = 0; round <= D; round++) {
    let changed = false;
    for (const b of lowerOnly) {
      for (let i = g.inStart[b]!; i < g.inStart[b + 1]!; i++) {
        const a = g.inFrom[i]!;
        const c = g.inW[i]!;
        if (est[b]! > est[a]! + c + EPS) {
          est[b] = est[a]! + c;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  for (let d = 0; d < D; d++) {
    const o = offsets[d]!;
    if (o.low !== null || o.high !== null) o.estimate = est[d]!;
  }
  return est;
}
