/**
 * Edge inference over a built execution: every convention that can link a
 * send to its receive without configuration. Each edge names its rule and key.
 */
import type { DiagnosticSink } from '../model/diagnostic';
import type { Execution } from '../model/execution';
import type { EdgeSpec } from './withEdges';

export function inferEdges(_x: Execution, _diagnostics: DiagnosticSink): EdgeSpec[] {
  return [];
}
