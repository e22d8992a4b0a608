/**
 * From the editor's settings to the options an analysis runs with, and the
 * problems to show at each rule before any analysis: invalid JSON, an invalid
 * regex, a rule that says nothing usable (compileRules in the core). Only
 * compiling happens here, in the page; no user regex runs outside the worker.
 */
import type { AnalyzeOptions } from '../../core/analysis/analyzeOptions';
import { compileRules, parseRulesJson, type RuleProblem, type RuleSpec } from '../../core/rules/ruleSet';
import type { Settings } from './settingsStore';

/** Format ids a user may force (src/core/input/formats.ts; a unit test keeps the two in step). */
export const FORMAT_CHOICES = ['rules', 'shiviz', 'k8s', 'k8s-table', 'otlp', 'jaeger', 'cri', 'jsonl', 'csv', 'logfmt', 'text'] as const;

export interface RulesCheck {
  /** The whole text's problem (not JSON, wrong shape), else null. */
  error: string | null;
  /** The rules as written, for listing with their counts. */
  rules: RuleSpec[];
  problems: RuleProblem[];
}

export function checkRules(text: string): RulesCheck {
  if (!text.trim()) return { error: null, rules: [], problems: [] };
  const parsed = parseRulesJson(text);
  if (!parsed.ok) return { error: parsed.error, rules: [], problems: [] };
  return { error: null, rules: parsed.value.rules, problems: compileRules(parsed.value).problems };
}

/** The options for an analysis; invalid rules JSON leaves rules out (the editor shows why). */
export function optionsOf(s: Settings): AnalyzeOptions {
  const out: AnalyzeOptions = {};
  if (s.regex.trim()) out.regex = s.regex;
  if (s.delimiter.trim()) out.delimiter = s.delimiter;
  if (s.format) out.format = s.format;
  if (s.csvColumns && Object.keys(s.csvColumns).length > 0) out.csvColumns = { ...s.csvColumns };
  if (s.rulesText.trim()) {
    const parsed = parseRulesJson(s.rulesText);
    if (parsed.ok && parsed.value.rules.length > 0) out.rules = parsed.value;
  }
  return out;
}
