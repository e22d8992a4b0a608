/**
 * User correlation rules, schema `causeway.rules/1` (docs/rules.md). A rule
 * says how to pull fields out of a line (a regex with named groups), which
 * process and clock domain the line belongs to, which field is the
 * correlation key, and what marks a send or a receive. compileRules checks
 * every rule and returns the usable ones plus a message per problem, naming
 * the rule; a bad rule never throws.
 */
import { err, ok, type Result } from '../base/result';
export const RULES_SCHEMA = 'causeway.rules/1';

/** Which events are sends or receives: a field's value, or a regex on the text. */
export interface RolePredicate {
  field?: string;
  values?: string[];
  /** Regex tested against the event text. */
  text?: string;
  /** Glob (`*`, `?`) on the event's process name. */
  process?: string;
}

export interface RuleSpec {
  name: string;
  /** Glob on input names (`*` and `?`); all inputs when absent. */
  inputs?: string;
  /** Regex with named groups, tried on each line; a matching line becomes an event. */
  pattern?: string;
  /** Field holding the timestamp. */
  time?: string;
  /** Templates: `${field}` is replaced by the field's value. */
  process?: string;
  clockDomain?: string;
  message?: string;
  /** Template of the correlation key; an event without all its fields has no key. */
  key?: string;
  /**
   * Regex tried on each event's text (any format) for keyed rules: its named groups are fields for
   * `key`, `send`, `receive` and `peer`, beside the event's own (which win). Ids only in the text.
   */
  keyText?: string;
  send?: RolePredicate;
  receive?: RolePredicate;
  /** Field naming the peer process (for sends: the receiver; for receives: the sender). */
  peer?: string;
}

export interface RuleSetSpec {
  schema?: string;
  rules: RuleSpec[];
}

export interface CompiledPredicate {
  field: string | undefined;
  values: Set<string> | undefined;
  text: RegExp | undefined;
  process: RegExp | undefined;
}

export interface CompiledRule {
  index: number;
  name: string;
  spec: RuleSpec;
  inputs: RegExp | undefined;
  pattern: RegExp | undefined;
  keyText: RegExp | undefined;
  send: CompiledPredicate | undefined;
  receive: CompiledPredicate | undefined;
}

export interface RuleProblem {
  rule: number;
  name: string;
  message: string;
}

export interface CompiledRules {
  rules: CompiledRule[];
  problems: RuleProblem[];
}

export function parseRulesJson(text: string): Result<RuleSetSpec, string> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return err(`rules are not valid JSON: ${(e as Error).message}`);
  }
  const rules = Array.isArray(raw) ? raw : isObject(raw) ? raw['rules'] : undefined;
  if (!Array.isArray(rules)) return err('rules must be a JSON object with a "rules" array (or the array itself)');
  if (isObject(raw) && raw['schema'] !== undefined && raw['schema'] !== RULES_SCHEMA)
    return err(`unknown rules schema ${JSON.stringify(raw['schema'])}; expected "${RULES_SCHEMA}"`);
  return ok({ schema: RULES_SCHEMA, rules: rules as RuleSpec[] });
}

export function compileRules(set: RuleSetSpec): CompiledRules {
  const rules: CompiledRule[] = [];
  const problems: RuleProblem[] = [];
  set.rules.forEach((spec, index) => {
    const name = isObject(spec) && typeof spec.name === 'string' && spec.name ? spec.name : `rule ${index + 1}`;
    const bad = (message: string) => problems.push({ rule: index, name, message });
    if (!isObject(spec)) return bad('a rule must be a JSON object');
    for (const k of ['inputs', 'pattern', 'time', 'process', 'clockDomain', 'message', 'key', 'keyText', 'peer'] as const) {
      if (spec[k] !== undefined && typeof spec[k] !== 'string') return bad(`"${k}" must be a string`);
    }
    const pattern = spec.pattern === undefined ? undefined : regex(spec.pattern, 'pattern', bad);
    if (pattern === null) return;
    if (pattern && !/\(\?<\w+>/.test(spec.pattern!)) return bad('"pattern" has no named groups (?<name>...), so it extracts nothing');
    if (!pattern && spec.key === undefined) return bad('a rule needs a "pattern" (to read lines), a "key" (to correlate), or both');
    const keyText = spec.keyText === undefined ? undefined : regex(spec.keyText, 'keyText', bad);
    if (keyText === null) return;
    if (keyText && spec.key === undefined) return bad('"keyText" gives fields to a "key": the rule needs one');
    if (keyText && !/\(\?<\w+>/.test(spec.keyText!)) return bad('"keyText" has no named groups (?<name>...), so it gives the key nothing');
    const send = predicate(spec.send, 'send', bad);
    const receive = predicate(spec.receive, 'receive', bad);
    if (send === null || receive === null) return;
    if (spec.key !== undefined && !send && !receive) return bad('a rule with a "key" needs "send" or "receive" to say which events are which');
    rules.push({ index, name, spec, inputs: spec.inputs === undefined ? undefined : glob(spec.inputs), pattern, keyText, send, receive });
  });
  return { rules, problems };
}

function predicate(p: RolePredicate | undefined, what: string, bad: (m: string) => void): CompiledPredicate | undefined | null {
  if (p === undefined) return undefined;
  if (!isObject(p)) {
    bad(`"${what}" must be an object such as {"field": "dir", "values": ["out"]} or {"text": "sent to"}`);
    return null;
  }
  if (p.field !== undefined && typeof p.field !== 'string') {
    bad(`"${what}.field" must be a string`);
    return null;
  }
  if (p.values !== undefined && !(Array.isArray(p.values) && p.values.every((v) => typeof v === 'string'))) {
    bad(`"${what}.values" must be an array of strings`);
    return null;
  }
  if (p.process !== undefined && typeof p.process !== 'string') {
    bad(`"${what}.process" must be a string (a glob on process names)`);
    return null;
  }
  if (p.field === undefined && p.text === undefined) {
    bad(`"${what}" needs a "field" or a "text" regex`);
    return null;
  }
  const text = p.text === undefined ? undefined : regex(p.text, `${what}.text`, bad);
  if (text === null) return null;
  const process = p.process === undefined ? undefined : new RegExp(`^${globBody(p.process)}$`);
  return { field: p.field, values: p.values ? new Set(p.values) : undefined, text, process };
}

function regex(source: unknown, what: string, bad: (m: string) => void): RegExp | null {
  if (typeof source !== 'string') {
    bad(`"${what}" must be a string`);
    return null;
  }
  try {
    return new RegExp(source);
  } catch (e) {
    bad(`"${what}" is not a valid regular expression: ${(e as Error).message}`);
    return null;
  }
}

function glob(pattern: string): RegExp {
  return new RegExp(`(^|/)${globBody(pattern)}$`);
}

function globBody(pattern: string): string {
  return pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
}

function isObject(v: unknown): v is Record<string, any> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** `${name}` replaced from fields; null when a named field is missing. */
export function fillTemplate(template: string, get: (field: string) => string | undefined): string | null {
  let missing = false;
  const out = template.replace(/\$\{([^}]+)\}/g, (_, name: string) => {
    const v = get(name);
    if (v === undefined) missing = true;
    return v ?? '';
  });
  return missing ? null : out;
}

/** `process`: the event's process name, for a predicate's `process` glob (any process when not given). */
export function predicateHolds(p: CompiledPredicate, text: string, get: (field: string) => string | undefined, process?: string): boolean {
  if (p.process && process !== undefined && !p.process.test(process)) return false;
  if (p.field !== undefined) {
    const v = get(p.field);
    if (v === undefined) return false;
    if (p.values && !p.values.has(v)) return false;
  }
  if (p.text && !p.text.test(text)) return false;
  return true;
}
