/** One clock domain's offset bounds, relative to its reference domain (domainOffsets.ts). Types only. */
export interface DomainOffset {
  /** The domain these bounds are relative to (its own name for a reference). */
  reference: string;
  low: number | null;
  high: number | null;
  estimate: number | null;
}
