/**
 * An execution's anomalies and findings as the document lists them. The
 * anomalies are ordered by kind, then by the causal order of their first
 * event, and numbered per kind (`kind-n`), so a new finding of one kind does
 * not renumber the others; a finding names its anomalies by those ids. Both
 * lists are generators: the JSON writer takes them an item at a time, each
 * summary written as it is read (LazyAnomaly).
 */
import type { ExecutionResult } from '../analysis/analyze';
import { groupFindings } from '../findings/groupFindings';
import type { DocAnomaly, DocFinding } from './analysisDocumentTypes';

/** The anomalies in the document's order (by kind, then the causal order of their first event) and each one's id (`kind-n`, numbered per kind). */
export interface AnomalyNumbers {
  order: number[];
  /** Per anomaly index. */
  ids: string[];
}

export function numberAnomalies(r: ExecutionResult): AnomalyNumbers {
  const x = r.execution;
  const position = new Uint32Array(x.eventCount);
  r.clocks.order.forEach((e, i) => (position[e] = i));
  const order = [...r.anomalies.keys()].sort((i, j) => {
    const p = r.anomalies[i]!;
    const q = r.anomalies[j]!;
    return cmpStr(p.kind, q.kind) || firstPos(p.events, position) - firstPos(q.events, position);
  });
  // Ids are numbered per kind, so a new finding of one kind does not renumber the others.
  const perKind = new Map<string, number>();
  const ids: string[] = new Array<string>(r.anomalies.length);
  for (const i of order) {
    const kind = r.anomalies[i]!.kind;
    const n = (perKind.get(kind) ?? 0) + 1;
    perKind.set(kind, n);
    ids[i] = `${kind}-${n}`;
  }
  return { order, ids };
}

export function* docAnomalies(r: ExecutionResult, numbers: AnomalyNumbers, ids: (e: number) => string): Generator<DocAnomaly> {
  for (const i of numbers.order) {
    const an = r.anomalies[i]!;
    yield { id: numbers.ids[i]!, kind: an.kind, severity: an.severity, events: an.events.map(ids), summary: an.summary, detail: an.detail };
  }
}

export function* docFindings(r: ExecutionResult, numbers: AnomalyNumbers, ids: (e: number) => string): Generator<DocFinding> {
  for (const f of groupFindings(r)) {
    const doc: DocFinding = { id: f.id, kind: f.kind, severity: f.severity, summary: f.summary, anomalies: f.anomalies.map((i) => numbers.ids[i]!), events: f.events.map(ids) };
    if (f.timeline) doc.timeline = f.timeline.map((s) => ({ step: s.step, events: s.events.map(ids) }));
    yield doc;
  }
}

function firstPos(events: number[], position: Uint32Array): number {
  let m = Infinity;
  for (const e of events) m = Math.min(m, position[e]!);
  return m;
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
