/** A finding: something the timestamps get wrong, or a retry that did damage. */
export type AnomalyKind =
  | 'clock-skew'
  | 'clock-regression'
  | 'same-clock-inversion'
  | 'recorded-after-effect'
  | 'non-idempotent-retry'
  | 'idempotent-retry'
  | 'unmatched-send'
  | 'unmatched-receive'
  | 'concurrent-writes';

export type AnomalySeverity = 'critical' | 'warning' | 'info';

export interface Anomaly {
  kind: AnomalyKind;
  severity: AnomalySeverity;
  /** Event indices in the execution. */
  events: number[];
  summary: string;
  detail: Record<string, unknown>;
}
