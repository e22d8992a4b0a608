/**
 * What the per-event exports (NDJSON, CSV) add to each event of the analysis
 * document: the anomalies that name it and the message edges that arrive at
 * it. Both are looked up by event id in maps built once per execution from the
 * document itself, so anomaly ids and edges are exactly those of the JSON
 * export (same numbering, cycle-breaking edges left out the same way).
 */
import type { DocEdge, DocExecution } from '../document/analysisDocument';

export interface AnomalyRef {
  id: string;
  kind: string;
}

export interface IncomingEdge {
  from: string;
  rule: string;
  key: string;
}

export interface EventAnnotations {
  anomalies(eventId: string): AnomalyRef[];
  incoming(eventId: string): IncomingEdge[];
}

const NONE: never[] = [];

export function eventAnnotations(x: DocExecution): EventAnnotations {
  const anomalies = new Map<string, AnomalyRef[]>();
  for (const an of x.anomalies) {
    // An anomaly may name an event twice (e.g. both ends on one process); list it once per event.
    for (const id of new Set(an.events)) push(anomalies, id, { id: an.id, kind: an.kind });
  }
  const incoming = new Map<string, IncomingEdge[]>();
  for (const edge of x.edges) push(incoming, edge.to, incomingOf(edge));
  return {
    anomalies: (id) => anomalies.get(id) ?? NONE,
    incoming: (id) => incoming.get(id) ?? NONE,
  };
}

function incomingOf(edge: DocEdge): IncomingEdge {
  return { from: edge.from, rule: edge.rule, key: edge.key };
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
