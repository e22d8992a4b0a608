/** A finding: one thing that happened, told in a sentence, with the anomalies that show it (groupFindings.ts). Types only. */
import type { AnomalyKind, AnomalySeverity } from '../anomalies/anomaly';
import type { TimelineStep } from './nodeFailures';

/** An anomaly's kind, or a finding read from events rather than anomalies (a Kubernetes node failure). */
export type FindingKind = AnomalyKind | 'node-failure';

export interface Finding {
  /** `finding-1`, in the findings' order (most severe first). */
  id: string;
  kind: FindingKind;
  /** The worst severity of its anomalies. */
  severity: AnomalySeverity;
  summary: string;
  /** Indices into the execution result's anomalies. */
  anomalies: number[];
  /** Every event its anomalies (or timeline) name, in event order. */
  events: number[];
  /** A node failure's steps in the order they happen. */
  timeline?: TimelineStep[];
}
