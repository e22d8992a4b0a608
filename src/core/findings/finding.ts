/** A finding: one thing that happened, told in a sentence, with the anomalies that show it (groupFindings.ts). Types only. */
import type { AnomalyKind, AnomalySeverity } from '../anomalies/anomaly';

export interface Finding {
  /** `finding-1`, in the findings' order (most severe first). */
  id: string;
  kind: AnomalyKind;
  /** The worst severity of its anomalies. */
  severity: AnomalySeverity;
  summary: string;
  /** Indices into the execution result's anomalies. */
  anomalies: number[];
  /** Every event its anomalies name, in event order. */
  events: number[];
}
