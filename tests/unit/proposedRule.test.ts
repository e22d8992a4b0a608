/**
 * A proposed rule into the rules editor's text (ui/state/proposedRule.ts):
 * appended to an object or array rules file, a new file for an empty text,
 * an unreadable text left alone; and the rule the other way round.
 */
import { describe, expect, it } from 'vitest';
import { checkRules } from '../../src/ui/state/analysisOptions';
import { reversedRule, withRule } from '../../src/ui/state/proposedRule';
import { RULES_SCHEMA, type RuleSpec } from '../../src/core/rules/ruleSet';

const RULE: RuleSpec = {
  name: 'nova-api → nova-compute by request id (direction not shown by the logs: swap send and receive if needed)',
  keyText: '(?<id>req-[0-9a-f-]{36})',
  key: '${id}',
  send: { process: 'nova-api', text: '^POST' },
  receive: { process: 'nova-compute', text: '^Starting' },
};

describe('a proposed rule in the rules text', () => {
  it('starts a rules file, or appends to the rules there, keeping what else the file says', () => {
    const fresh = withRule('  \n', RULE)!;
    expect(JSON.parse(fresh)).toEqual({ schema: RULES_SCHEMA, rules: [RULE] });
    expect(checkRules(fresh)).toMatchObject({ error: null, problems: [] });
    const mine = { name: 'mine', key: '${order}', send: { field: 'dir', values: ['out'] } };
    const obj = withRule(JSON.stringify({ schema: RULES_SCHEMA, note: 'kept', rules: [mine] }), RULE)!;
    expect(JSON.parse(obj)).toEqual({ schema: RULES_SCHEMA, note: 'kept', rules: [mine, RULE] });
    expect(JSON.parse(withRule(JSON.stringify([mine]), RULE)!)).toEqual([mine, RULE]);
  });

  it('leaves a text it cannot read alone', () => {
    expect(withRule('{"rules": [', RULE)).toBeNull();
    expect(withRule('{"schema": "causeway.rules/1"}', RULE)).toBeNull();
    expect(withRule('42', RULE)).toBeNull();
  });

  it('turns a rule round: the receive wording sends, the name says the new direction', () => {
    const r = reversedRule(RULE);
    expect(r).toEqual({
      name: 'nova-compute → nova-api by request id',
      keyText: RULE.keyText,
      key: RULE.key,
      send: RULE.receive,
      receive: RULE.send,
    });
    expect(reversedRule({ name: 'plain', key: '${k}', send: { text: 'a' } })).toEqual({ name: 'plain (reversed)', key: '${k}', receive: { text: 'a' } });
  });
});
