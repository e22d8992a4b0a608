/**
 * An execution's edges as DocEdges, the ones the clocks set aside (a cycle
 * broken) left out; where the matcher had a choice, how it chose and the
 * other sends it could have paired. The JSON document writes its edges from
 * the columns instead (edgeBytes.ts).
 */
import type { ExecutionResult } from '../analysis/analyze';
import { eventId } from '../model/execution';
import type { DocEdge } from './analysisDocumentTypes';

export function docEdges(r: ExecutionResult): DocEdge[] {
  const x = r.execution;
  const ids = (e: number) => eventId(x, e);
  const edges: DocEdge[] = [];
  for (let k = 0; k < x.edgeCount; k++) {
    if (r.clocks.edgeIgnored[k]) continue;
    const edge: DocEdge = { from: ids(x.edgeFrom[k]!), to: ids(x.edgeTo[k]!), rule: x.strings.get(x.edgeRule[k]!), key: x.strings.get(x.edgeKey[k]!) };
    const ev = r.messages?.evidence(x.edgeFrom[k]!, x.edgeTo[k]!);
    if (ev && (ev.alternatives.length > 0 || ev.by === 'redelivery')) edge.match = { by: ev.by, alternatives: ev.alternatives.map(ids) };
    edges.push(edge);
  }
  return edges;
}
