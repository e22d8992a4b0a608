/**
 * The findings of one execution as the page lists them (groupFindings.ts, the
 * same list the analysis document and the CLI report give): one sentence
 * each, most severe first, with the anomaly ids of the document beneath them
 * (numbered as analysisDocument.ts and anomalyIndex.ts number them), the
 * events to bring into view, and the axis that shows them best: raw time for
 * what the clocks get wrong, corrected time for a node failure's timeline
 * (its steps are seconds and minutes apart on several clocks), the logical
 * axis for the rest (what happened before what). A finding's events are
 * capped at MAX_EVENTS for the page; eventCount keeps the full count.
 */
import type { ExecutionResult } from '../analysis/analyze';
import { groupFindings } from '../findings/groupFindings';
import type { FindingKind } from '../findings/finding';
import type { AnomalySeverity } from '../anomalies/anomaly';
import type { AxisMode } from '../view/axisPositions';
import { eventId } from '../model/execution';

export const MAX_EVENTS = 5000;

export interface FindingItem {
  id: string;
  kind: FindingKind;
  severity: AnomalySeverity;
  summary: string;
  /** Ids of its anomalies, as in the JSON export (`clock-skew-3`). */
  anomalyIds: string[];
  /** Event indices (the first MAX_EVENTS). */
  events: number[];
  eventCount: number;
  /** A node failure's steps: label and events. */
  timeline: { step: string; events: number[]; eventIds: string[] }[];
  axis: AxisMode;
}

const CLOCK_KINDS = new Set<FindingKind>(['clock-skew', 'clock-regression', 'same-clock-inversion', 'recorded-after-effect']);

export function axisFor(kind: FindingKind): AxisMode {
  return CLOCK_KINDS.has(kind) ? 'raw' : kind === 'node-failure' ? 'corrected' : 'logical';
}

export function listFindings(r: ExecutionResult): FindingItem[] {
  const x = r.execution;
  const ids = anomalyIdsOf(r);
  return groupFindings(r).map((f) => ({
    id: f.id,
    kind: f.kind,
    severity: f.severity,
    summary: f.summary,
    anomalyIds: f.anomalies.map((i) => ids[i]!),
    events: f.events.slice(0, MAX_EVENTS),
    eventCount: f.events.length,
    timeline: (f.timeline ?? []).map((s) => ({ step: s.step, events: s.events, eventIds: s.events.map((e) => eventId(x, e)) })),
    axis: axisFor(f.kind),
  }));
}

/** Per anomaly index, its id in the document: numbered per kind in causal order of the first event. */
function anomalyIdsOf(r: ExecutionResult): string[] {
  const position = new Uint32Array(r.execution.eventCount);
  r.clocks.order.forEach((e, i) => (position[e] = i));
  const first = (events: number[]) => events.reduce((m, e) => Math.min(m, position[e]!), Infinity);
  const out: string[] = new Array<string>(r.anomalies.length);
  const perKind = new Map<string, number>();
  [...r.anomalies.keys()]
    .sort((i, j) => {
      const p = r.anomalies[i]!;
      const q = r.anomalies[j]!;
      return (p.kind < q.kind ? -1 : p.kind > q.kind ? 1 : 0) || first(p.events) - first(q.events);
    })
    .forEach((i) => {
      const kind = r.anomalies[i]!.kind;
      const n = (perKind.get(kind) ?? 0) + 1;
      perKind.set(kind, n);
      out[i] = `${kind}-${n}`;
    });
  return out;
}
