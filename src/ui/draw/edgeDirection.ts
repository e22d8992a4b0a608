/**
 * Which messages arrive "before" they were sent on the current axis: the
 * receive is placed left of the send. On the raw wall-clock axis that is the
 * clock-skew story (the receiver's clock is behind); after correction there
 * should be none unless the offsets contradict; on the logical axis there are
 * none by construction. Edges with an untimed end are never called backward:
 * their place is a guess.
 */
import type { LaneData } from '../../core/view/laneData';
import type { AxisPositions } from '../../core/view/axisPositions';

export const EDGE_FORWARD = 0;
export const EDGE_BACKWARD = 1;
/** Set aside to break a causal cycle: not part of happened-before. */
export const EDGE_IGNORED = 2;

export function classifyEdges(d: LaneData, a: AxisPositions): Uint8Array {
  const m = d.edgeFrom.length;
  const out = new Uint8Array(m);
  for (let k = 0; k < m; k++) {
    if (d.edgeIgnored[k]) {
      out[k] = EDGE_IGNORED;
      continue;
    }
    const s = d.edgeFrom[k]!;
    const r = d.edgeTo[k]!;
    if (a.mode !== 'logical' && !a.untimed[s] && !a.untimed[r] && a.pos[r]! < a.pos[s]!) out[k] = EDGE_BACKWARD;
  }
  return out;
}

export function countBackward(classes: Uint8Array): number {
  let c = 0;
  for (let k = 0; k < classes.length; k++) if (classes[k] === EDGE_BACKWARD) c++;
  return c;
}
