/**
 * The anomalies of one execution as the page lists them: numbered exactly as
 * the analysis document numbers them (per kind, in causal order of their
 * first event), grouped by kind (and a retry's outcome: one group never holds
 * a retry that ran twice beside one that ran once) with counts per severity, and indexed by
 * event so the merged log can mark each row with the anomalies that name it.
 * Groups carry at most MAX_LISTED items: the summaries are small objects, but
 * a log with 100,000 unmatched sends must not clone 100,000 of them.
 */
import type { ExecutionResult } from '../analysis/analyze';
import type { AnomalyKind, AnomalySeverity } from '../anomalies/anomaly';
import { eventId } from '../model/execution';

export const MAX_LISTED = 200;

export interface AnomalyItem {
  /** As in the JSON export: `clock-skew-1`. */
  id: string;
  kind: AnomalyKind;
  severity: AnomalySeverity;
  summary: string;
  /** Event indices, for focusing the diagram and the log. */
  events: number[];
  /** Event ids ("process:seq"), for the reader. */
  eventIds: string[];
  /** A retry's outcome (executed-twice, deduplicated, unknown); absent for other kinds. */
  outcome?: string;
}

export interface AnomalyGroup {
  kind: AnomalyKind;
  /** The outcome all its items share, for retries. */
  outcome?: string;
  count: number;
  /** The worst severity in the group, for sorting and colour. */
  severity: AnomalySeverity;
  bySeverity: Record<AnomalySeverity, number>;
  /** The first MAX_LISTED, in id order. */
  items: AnomalyItem[];
}

export interface AnomalyIndex {
  items: AnomalyItem[];
  /** Per event: the ids of the anomalies naming it. */
  ofEvent(e: number): string[];
  /** Per event: 1 where some anomaly names it. */
  marks: Uint8Array;
}

const RANK: Record<AnomalySeverity, number> = { critical: 0, warning: 1, info: 2 };

export function buildAnomalyIndex(r: ExecutionResult): AnomalyIndex {
  const x = r.execution;
  const position = new Uint32Array(x.eventCount);
  r.clocks.order.forEach((e, i) => (position[e] = i));
  const first = (events: number[]) => events.reduce((m, e) => Math.min(m, position[e]!), Infinity);
  const perKind = new Map<string, number>();
  // Same sort and numbering as analysisDocument.ts, so ids agree with the export.
  const items = [...r.anomalies]
    .sort((p, q) => (p.kind < q.kind ? -1 : p.kind > q.kind ? 1 : 0) || first(p.events) - first(q.events))
    .map((an): AnomalyItem => {
      const n = (perKind.get(an.kind) ?? 0) + 1;
      perKind.set(an.kind, n);
      return {
        id: `${an.kind}-${n}`,
        kind: an.kind,
        severity: an.severity,
        summary: an.summary,
        events: [...an.events],
        eventIds: an.events.map((e) => eventId(x, e)),
        ...(typeof an.detail['outcome'] === 'string' && { outcome: an.detail['outcome'] }),
      };
    });
  const byEvent = new Map<number, string[]>();
  const marks = new Uint8Array(x.eventCount);
  for (const it of items) {
    for (const e of new Set(it.events)) {
      marks[e] = 1;
      const list = byEvent.get(e);
      if (list) list.push(it.id);
      else byEvent.set(e, [it.id]);
    }
  }
  return { items, marks, ofEvent: (e) => byEvent.get(e) ?? [] };
}

/** Groups by kind and outcome, worst severity first, then by count. */
export function groupAnomalies(index: AnomalyIndex): AnomalyGroup[] {
  const groups = new Map<string, AnomalyGroup>();
  for (const it of index.items) {
    const key = it.outcome === undefined ? it.kind : `${it.kind} ${it.outcome}`;
    let g = groups.get(key);
    if (!g) {
      g = { kind: it.kind, ...(it.outcome !== undefined && { outcome: it.outcome }), count: 0, severity: it.severity, bySeverity: { critical: 0, warning: 0, info: 0 }, items: [] };
      groups.set(key, g);
    }
    g.count++;
    g.bySeverity[it.severity]++;
    if (RANK[it.severity] < RANK[g.severity]) g.severity = it.severity;
    if (g.items.length < MAX_LISTED) g.items.push(it);
  }
  const name = (g: AnomalyGroup) => `${g.kind} ${g.outcome ?? ''}`;
  return [...groups.values()].sort((a, b) => RANK[a.severity] - RANK[b.severity] || b.count - a.count || (name(a) < name(b) ? -1 : 1));
}
