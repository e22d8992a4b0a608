/**
 * How many happened-before pairs a plain timestamp sort puts in the wrong
 * order, before and after offset correction.
 *
 * The pairs counted are the ones that carry happened-before directly, so the
 * count is O(events + edges): every message edge (not set aside for a cycle)
 * and every pair of consecutive timed events of one process (untimed events
 * between them are skipped over). A pair is inverted when the effect's time
 * is strictly earlier than the cause's; equal times are not counted, as a
 * sort may keep either order. Corrected times subtract each domain's
 * correction (its epoch's where its clock stepped); program-order pairs share
 * a domain, so correction leaves them as they were, but across a clock step.
 * Pairs with an untimed end are not checked.
 */
import type { Clocks } from '../clocks/clockEngine';
import { hasTime, type Execution } from '../model/execution';
import { diffMs } from '../model/eventTime';
import type { OffsetResult } from './domainOffsets';
import { slotCorrectionsMs, slotOfEvent } from './domainCorrection';

export interface InversionCount {
  raw: number;
  corrected: number;
  pairsChecked: number;
}

/** Float noise of the correction must not count as an inversion: 1 ns. */
const EPS_MS = 1e-6;

export function countInversions(x: Execution, clocks: Clocks, offsets: OffsetResult): InversionCount {
  const out: InversionCount = { raw: 0, corrected: 0, pairsChecked: 0 };
  const correction = slotCorrectionsMs(offsets, x);
  for (let k = 0; k < x.edgeCount; k++) {
    if (clocks.edgeIgnored[k]) continue;
    const s = x.edgeFrom[k]!;
    const r = x.edgeTo[k]!;
    if (!hasTime(x, s) || !hasTime(x, r)) continue;
    out.pairsChecked++;
    const d = diffMs(x.timeMs[r]!, x.timeNs[r]!, x.timeMs[s]!, x.timeNs[s]!);
    if (d < 0) out.raw++;
    const ds = slotOfEvent(offsets, x, s);
    const dr = slotOfEvent(offsets, x, r);
    if (d - (correction[dr]! - correction[ds]!) < (ds === dr ? 0 : -EPS_MS)) out.corrected++;
  }
  for (let p = 0; p < x.processNames.length; p++) {
    let prev = -1;
    for (let e = x.procStart[p]!; e < x.procStart[p + 1]!; e++) {
      if (!hasTime(x, e)) continue;
      if (prev >= 0) {
        out.pairsChecked++;
        const step = diffMs(x.timeMs[e]!, x.timeNs[e]!, x.timeMs[prev]!, x.timeNs[prev]!);
        if (step < 0) out.raw++;
        // Across a clock step the two epochs' corrections differ, and may put the later event after.
        const a = slotOfEvent(offsets, x, prev);
        const b = slotOfEvent(offsets, x, e);
        if (step - (correction[b]! - correction[a]!) < (a === b ? 0 : -EPS_MS)) out.corrected++;
      }
      prev = e;
    }
  }
  return out;
}
