/**
 * The rules language's keyText (ids written only in the text) and a
 * predicate's process glob: checked at compile time, and keyed edges made
 * from text on events of a format the rule did not read.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import { compileRules } from '../../src/core/rules/ruleSet';
import { textOf } from '../../src/core/model/execution';

const enc = (name: string, lines: string[]) => ({ name, bytes: new TextEncoder().encode(lines.join('\n') + '\n') });

describe('keyText and process globs in rules', () => {
  it('reports a keyText without a key or without named groups, and a process that is not a string', () => {
    const { rules, problems } = compileRules({
      rules: [
        { name: 'no key', keyText: '(?<id>x)', send: { text: 'a' } },
        { name: 'no groups', keyText: 'x+', key: '${id}', send: { text: 'a' } },
        { name: 'bad process', key: '${id}', send: { text: 'a', process: 3 as unknown as string } },
        { name: 'fine', keyText: '(?<id>T-\\d+)', key: '${id}', send: { text: 'a', process: 'web-*' } },
      ],
    });
    expect(problems.map((p) => [p.name, p.message])).toEqual([
      ['no key', 'a rule needs a "pattern" (to read lines), a "key" (to correlate), or both'],
      ['no groups', '"keyText" has no named groups (?<name>...), so it gives the key nothing'],
      ['bad process', '"send.process" must be a string (a glob on process names)'],
    ]);
    expect(rules.map((r) => r.name)).toEqual(['fine']);
    expect(rules[0]!.send!.process!.test('web-12')).toBe(true);
    expect(rules[0]!.send!.process!.test('xweb-12')).toBe(false);
  });

  it('keys plain text log events by an id in their text, sends and receives told apart by process glob', async () => {
    const a = await analyze(
      [
        enc('web-1.log', ['2026-01-01T00:00:00Z placing T-17 now', '2026-01-01T00:00:01Z placing T-18 now']),
        enc('web-2.log', ['2026-01-01T00:00:02Z placing T-19 now']),
        enc('worker.log', ['2026-01-01T00:00:03Z placing T-17 now', '2026-01-01T00:00:04Z placing T-19 now', '2026-01-01T00:00:05Z placing T-20 now']),
      ],
      { rules: { rules: [{ name: 'tickets', keyText: '(?<ticket>T-\\d+)', key: '${ticket}', send: { text: 'placing', process: 'web-*' }, receive: { text: 'placing', process: 'worker' } }] } },
    );
    const x = a.executions[0]!.execution;
    const edges = Array.from({ length: x.edgeCount }, (_, k) => [x.processNames[x.eventProc[x.edgeFrom[k]!]!], x.processNames[x.eventProc[x.edgeTo[k]!]!], x.strings.get(x.edgeKey[k]!), textOf(x, x.edgeTo[k]!)]);
    expect(edges).toEqual([
      ['web-1', 'worker', 'T-17', 'placing T-17 now'],
      ['web-2', 'worker', 'T-19', 'placing T-19 now'],
    ]);
    expect(a.ruleStats).toEqual([{ rule: 0, name: 'tickets', lines: 0, keyed: 6, edges: 2 }]);
  });
});
