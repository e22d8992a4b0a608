/**
 * Edge inference over a built execution: every convention that can link a
 * send to its receive without configuration. Each edge names its rule and key.
 * When an execution of several processes ends up with no edge at all, one
 * info diagnostic says why and what field might serve. `collect`, when
 * given, receives the endpoints as paired, for the anomaly detectors.
 */
import type { DiagnosticSink } from '../model/diagnostic';
import type { Execution } from '../model/execution';
import { explainNoEdges } from './explainNoEdges';
import type { MessageEndsBuilder } from './messageEnds';
import { inferMessageIdEdges } from './messageIds';
import type { EdgeList } from './edgeList';

/** The edges in columns (edgeList.ts), for withEdges. */
export function inferEdges(x: Execution, diagnostics: DiagnosticSink, collect?: MessageEndsBuilder): EdgeList {
  const byId = inferMessageIdEdges(x, diagnostics);
  if (collect && byId.endpoints && byId.role) collect.add(byId.endpoints, byId.role, byId.list);
  const edges = byId.list;
  if (edges.length === 0 && x.edgeCount === 0 && x.processNames.length >= 2) {
    diagnostics.add(x.inputs[0] ?? x.name, 0, 'info', explainNoEdges(x, byId));
  }
  return edges;
}
