/**
 * Edges from user rules with a correlation key (stub: filled in with the
 * message-endpoint pairing).
 */
import type { DiagnosticSink } from '../model/diagnostic';
import type { Execution } from '../model/execution';
import type { EdgeSpec } from '../correlate/withEdges';
import type { CompiledRules } from './ruleSet';

export function ruleEdges(_x: Execution, _rules: CompiledRules, _diagnostics: DiagnosticSink): EdgeSpec[] {
  return [];
}
