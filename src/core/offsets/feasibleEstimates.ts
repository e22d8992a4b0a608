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
 * estimate null but still get a correction.
 */
import type { DomainOffset } from './domainOffset';

/** Same tolerance as the solver: float noise must not count as a violation. */
const EPS = 1e-9;

export function feasibleEstimates(D: number, w: Float64Array, offsets: DomainOffset[]): Float64Array {
  const est = new Float64Array(D);
  const unreached = new Uint8Array(D); // high === null
  const lowerOnly = new Uint8Array(D); // high set, low null
  for (let d = 0; d < D; d++) {
    const o = offsets[d]!;
    if (o.high === null) {
      unreached[d] = 1;
      est[d] = o.low === null ? 0 : Math.max(0, o.low);
    } else if (o.low === null) {
      lowerOnly[d] = 1;
      est[d] = Math.min(0, o.high);
    } else est[d] = (o.low + o.high) / 2;
  }
  // Phase 1: raise unreached a until est(a) ≥ est(b) − w(a→b).
  for (let round = 0; round <= D; round++) {
    let changed = false;
    for (let a = 0; a < D; a++) {
      if (!unreached[a]) continue;
      for (let b = 0; b < D; b++) {
        const c = w[a * D + b]!;
        if (c === Infinity) continue;
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
    for (let b = 0; b < D; b++) {
      if (!lowerOnly[b]) continue;
      for (let a = 0; a < D; a++) {
        const c = w[a * D + b]!;
        if (c === Infinity) continue;
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
