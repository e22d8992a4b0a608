/**
 * A proposed rule into the rules editor's text: appended to the text's rules
 * (a new rules file when the text is empty), the text kept valid JSON; null
 * when the text cannot be read, which is then left as the user wrote it. A
 * rule whose direction the logs do not show can go in the other way round.
 */
import { RULES_SCHEMA, type RuleSpec } from '../../core/rules/ruleSet';

/** The rule the other way round: the receive's wording sends, the send's receives. */
export function reversedRule(rule: RuleSpec): RuleSpec {
  const { send, receive, name, ...rest } = rule;
  const m = /^(.+?) → (.+?) by (.+?)(?: \(direction not shown.*\))?$/.exec(name);
  return {
    name: m ? `${m[2]} → ${m[1]} by ${m[3]}` : `${name} (reversed)`,
    ...rest,
    ...(receive && { send: receive }),
    ...(send && { receive: send }),
  };
}

/** The rules text with `rule` appended to its rules (a new rules file when empty); null when the text cannot be read. */
export function withRule(text: string, rule: RuleSpec): string | null {
  if (!text.trim()) return JSON.stringify({ schema: RULES_SCHEMA, rules: [rule] }, null, 2);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (Array.isArray(parsed)) return JSON.stringify([...parsed, rule], null, 2);
  if (parsed && typeof parsed === 'object' && Array.isArray((parsed as { rules?: unknown }).rules)) {
    const o = parsed as { rules: unknown[] };
    return JSON.stringify({ ...o, rules: [...o.rules, rule] }, null, 2);
  }
  return null;
}
