/**
 * What a corrected time subtracts from a raw time: per clock domain, the
 * feasible correction where the offsets were solved, else the estimate, else
 * nothing; where a domain's clock stepped, per epoch (clockEpochs.ts). One
 * definition, so the analysis document, the inversion count and the
 * diagram's corrected axis agree on every event.
 */
import type { Execution } from '../model/execution';
import type { OffsetResult } from './domainOffsets';

/** Domain d's correction; for a stepped domain, its last epoch's. */
export function domainCorrectionMs(offsets: OffsetResult, d: number): number {
  return offsets.correctionMs?.[d] ?? offsets.offsets[d]?.estimate ?? 0;
}

/** Per slot (a domain, or an epoch of a stepped one), what its events' corrected times subtract. */
export function slotCorrectionsMs(offsets: OffsetResult, x: Execution): Float64Array {
  if (offsets.epochs) return offsets.epochs.correctionMs;
  return Float64Array.from(x.domainNames, (_, d) => domainCorrectionMs(offsets, d));
}

/** Per event, its slot in slotCorrectionsMs; null where no clock stepped (the slot is then the event's domain). */
export function eventSlots(offsets: OffsetResult): Int32Array | null {
  return offsets.epochs?.epochs.eventSlot ?? null;
}

/** The slot of event e: its epoch where its domain stepped, else its domain. */
export function slotOfEvent(offsets: OffsetResult, x: Execution, e: number): number {
  return offsets.epochs ? offsets.epochs.epochs.eventSlot[e]! : x.processDomain[x.eventProc[e]!]!;
}

/** What event e's corrected time subtracts. */
export function eventCorrectionMs(offsets: OffsetResult, x: Execution, e: number): number {
  if (offsets.epochs) return offsets.epochs.correctionMs[offsets.epochs.epochs.eventSlot[e]!]!;
  return domainCorrectionMs(offsets, x.processDomain[x.eventProc[e]!]!);
}
