/**
 * What a corrected time subtracts from a raw time of clock domain d: the
 * feasible correction where the offsets were solved, else the estimate, else
 * nothing. One definition, so the analysis document, the inversion count and
 * the diagram's corrected axis agree on every event.
 */
import type { OffsetResult } from './domainOffsets';

export function domainCorrectionMs(offsets: OffsetResult, d: number): number {
  return offsets.correctionMs?.[d] ?? offsets.offsets[d]?.estimate ?? 0;
}
