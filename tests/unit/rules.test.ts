import { describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../../src/core/analysis/analyze';
import { buildAnalysisDocument } from '../../src/core/document/analysisDocument';
import { eventId, fieldsOf, EventKind, type Execution, textOf } from '../../src/core/model/execution';
import { compileRules, parseRulesJson, RULES_SCHEMA, type RuleSpec } from '../../src/core/rules/ruleSet';

function run(files: Record<string, string>, rules: RuleSpec[]): Promise<Analysis> {
  return analyze(
    Object.entries(files).map(([name, text]) => ({ name, bytes: new TextEncoder().encode(text) })),
    { rules: { schema: RULES_SCHEMA, rules } },
  );
}

function edgeList(x: Execution): string[] {
  const out: string[] = [];
  for (let k = 0; k < x.edgeCount; k++)
    out.push(`${eventId(x, x.edgeFrom[k]!)} -> ${eventId(x, x.edgeTo[k]!)} ${x.strings.get(x.edgeRule[k]!)} ${x.strings.get(x.edgeKey[k]!)}`);
  return out;
}

const warnings = (a: Analysis) => a.diagnostics.filter((d) => d.input === 'rules' && d.severity === 'warning').map((d) => d.message);

/** Text logs of two services; the ledger host's clock is two seconds behind. */
const TEXT_LOGS = {
  'gateway.log': [
    '2026-03-14T09:00:00.000Z gateway@gw1 send txn=t1 paying 10 to ledger',
    '2026-03-14T09:00:00.100Z gateway@gw1 log txn=t1 waiting',
    '2026-03-14T09:00:01.000Z gateway@gw1 recv txn=t1 confirmed',
  ].join('\n'),
  'ledger.log': [
    '=== ledger 1.4 starting ===',
    '2026-03-14T08:59:58.200Z ledger@db1 recv txn=t1 applying',
    'Error: lock timeout',
    '    at Ledger.apply (ledger.js:10:3)',
    '2026-03-14T08:59:58.300Z ledger@db1 send txn=t1 applied',
  ].join('\n'),
};

const TEXT_RULE: RuleSpec = {
  name: 'txn lines',
  inputs: '*.log',
  pattern: '^(?<ts>\\S+) (?<svc>\\w+)@(?<host>\\S+) (?<dir>send|recv|log) txn=(?<txn>\\w+) (?<text>.*)$',
  time: 'ts',
  process: '${svc}',
  clockDomain: '${host}',
  message: '${svc}: ${text}',
  key: 'txn=${txn}',
  send: { field: 'dir', values: ['send'] },
  receive: { field: 'dir', values: ['recv'] },
};

describe('rule problems', () => {
  it('reports invalid JSON', () => {
    const r = parseRulesJson('{"rules": [');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toMatch(/^rules are not valid JSON/);
  });

  it('reports an unknown schema', () => {
    const r = parseRulesJson('{"schema": "causeway.rules/9", "rules": []}');
    expect(!r.ok && r.error).toBe('unknown rules schema "causeway.rules/9"; expected "causeway.rules/1"');
  });

  it('names the rule with an invalid regex, a pattern without named groups, or a key without send/receive', () => {
    const { rules, problems } = compileRules({
      rules: [
        { name: 'broken', pattern: '(?<ts>\\S+' },
        { name: 'no groups', pattern: '^\\S+ (send|recv)$' },
        { name: 'keyed only', key: '${txn}' },
        { name: 'bad text', key: '${txn}', send: { text: '[' } },
        { name: 'fine', key: '${txn}', send: { field: 'dir' } },
      ],
    });
    expect(rules.map((r) => r.name)).toEqual(['fine']);
    expect(problems.map((p) => [p.rule, p.name])).toEqual([
      [0, 'broken'],
      [1, 'no groups'],
      [2, 'keyed only'],
      [3, 'bad text'],
    ]);
    expect(problems[0]!.message).toMatch(/^"pattern" is not a valid regular expression/);
    expect(problems[1]!.message).toContain('no named groups');
    expect(problems[2]!.message).toContain('needs "send" or "receive"');
    expect(problems[3]!.message).toMatch(/^"send.text" is not a valid regular expression/);
  });

  it('puts rule problems in the analysis as errors naming the rule, without stopping it', async () => {
    const a = await run({ 'a.jsonl': '{"msg":"x"}\n' }, [{ name: 'broken', pattern: '(' }]);
    expect(a.diagnostics).toContainEqual(
      expect.objectContaining({ input: 'rules', line: 0, severity: 'error', message: expect.stringMatching(/^rule "broken" \(#1\): "pattern" is not a valid/) }),
    );
    expect(a.executions[0]!.execution.eventCount).toBe(1);
  });
});

describe('rules reading text lines', () => {
  it('turns matching lines into events with process, clock domain, time, message and fields from the rule', async () => {
    const a = await run(TEXT_LOGS, [TEXT_RULE]);
    expect(a.inputs.map((i) => [i.name, i.format, i.events])).toEqual([
      ['gateway.log', 'rules', 3],
      ['ledger.log', 'rules', 2],
    ]);
    const x = a.executions[0]!.execution;
    expect(x.processNames).toEqual(['gateway', 'ledger']);
    expect(x.processNames.map((_, p) => x.domainNames[x.processDomain[p]!])).toEqual(['gw1', 'db1']);
    const ledger1 = x.procStart[1]!;
    expect(new Date(x.timeMs[ledger1]!).toISOString()).toBe('2026-03-14T08:59:58.200Z');
    expect(fieldsOf(x, ledger1)).toEqual({ ts: '2026-03-14T08:59:58.200Z', svc: 'ledger', host: 'db1', dir: 'recv', txn: 't1', text: 'applying' });
    expect(textOf(x, 0)).toBe('gateway: paying 10 to ledger');
    expect(a.ruleStats).toEqual([{ rule: 0, name: 'txn lines', lines: 5, keyed: 5, edges: 2 }]);
  });

  it('appends lines no rule matches to the record before them', async () => {
    const x = (await run(TEXT_LOGS, [TEXT_RULE])).executions[0]!.execution;
    expect(textOf(x, x.procStart[1]!)).toBe('ledger: applying\nError: lock timeout\n    at Ledger.apply (ledger.js:10:3)');
    expect(x.eventLine[x.procStart[1]! + 1]).toBe(5);
  });

  it('skips and reports a line before any record', async () => {
    const a = await run(TEXT_LOGS, [TEXT_RULE]);
    expect(a.inputs.find((i) => i.name === 'ledger.log')!.skipped).toBe(1);
    expect(a.diagnostics).toContainEqual(expect.objectContaining({ input: 'ledger.log', line: 1, severity: 'warning' }));
  });

  it('warns about a pattern that matched no line', async () => {
    const a = await run({ 'a.jsonl': '{"msg":"x"}\n' }, [{ name: 'never', pattern: '^(?<x>NEVER)$' }]);
    expect(warnings(a)).toEqual(['rule "never": its pattern matched no line of any input']);
    expect(a.ruleStats).toEqual([{ rule: 0, name: 'never', lines: 0, keyed: 0, edges: 0 }]);
  });
});

describe('rule edges', () => {
  it('pairs sends and receives of the same key by field, across skewed clocks, named rule:<name> with the key', async () => {
    const a = await run(TEXT_LOGS, [TEXT_RULE]);
    const x = a.executions[0]!.execution;
    expect(edgeList(x)).toEqual([
      'gateway:1 -> ledger:1 rule:txn lines txn=t1',
      'ledger:2 -> gateway:3 rule:txn lines txn=t1',
    ]);
    expect(x.eventKind[0]).toBe(EventKind.Send);
    expect(x.eventKind[x.procStart[1]!]).toBe(EventKind.Receive);
    expect(warnings(a)).toEqual([]);
    // The edges are not overruled by the clocks: the ledger's receive reads earlier than the send.
    expect(a.executions[0]!.clocks.edgeIgnored.every((v) => !v)).toBe(true);
  });

  it('carries rule and key into the analysis document', async () => {
    const doc = buildAnalysisDocument(await run(TEXT_LOGS, [TEXT_RULE]));
    expect(doc.executions[0]!.edges).toContainEqual({ from: 'gateway:1', to: 'ledger:1', rule: 'rule:txn lines', key: 'txn=t1' });
  });

  it('tells sends from receives by a regex on the event text', async () => {
    const a = await run(
      {
        'shop.log': 'shop order=o1 sending order\nshop order=o2 sending order\n',
        'stock.log': 'stock order=o2 got order\nstock order=o1 got order\n',
      },
      [{ name: 'orders', pattern: '^(?<svc>\\w+) order=(?<order>\\w+) (?<text>.*)$', process: '${svc}', key: '${order}', send: { text: '^sending' }, receive: { text: '^got' }, message: '${text}' }],
    );
    expect(edgeList(a.executions[0]!.execution)).toEqual(['shop:1 -> stock:2 rule:orders o1', 'shop:2 -> stock:1 rule:orders o2']);
  });

  it('pairs a send only with receives on the process its peer field names', async () => {
    const a = await run(
      {
        'api.log': 'api send id=1 peer=db\n',
        'db.log': 'db recv id=1 peer=api\n',
        'cache.log': 'cache recv id=1 peer=api\n',
      },
      [{ name: 'calls', pattern: '^(?<svc>\\w+) (?<dir>\\w+) id=(?<id>\\d+) peer=(?<peer>\\w+)$', process: '${svc}', key: 'id=${id}', peer: 'peer', send: { field: 'dir', values: ['send'] }, receive: { field: 'dir', values: ['recv'] } }],
    );
    expect(edgeList(a.executions[0]!.execution)).toEqual(['api:1 -> db:1 rule:calls id=1']);
  });

  it('pairs a repeated key (retries) in program order, and multicasts to each receiving process', async () => {
    const a = await run(
      {
        'a.log': 'a send k\na send k\na send m\n',
        'b.log': 'b recv k\nb recv k\nb recv m\n',
        'c.log': 'c recv m\n',
      },
      [{ name: 'r', pattern: '^(?<svc>\\w) (?<dir>\\w+) (?<k>\\w)$', process: '${svc}', key: '${k}', send: { field: 'dir', values: ['send'] }, receive: { field: 'dir', values: ['recv'] } }],
    );
    expect(edgeList(a.executions[0]!.execution)).toEqual(['a:1 -> b:1 rule:r k', 'a:2 -> b:2 rule:r k', 'a:3 -> b:3 rule:r m', 'a:3 -> c:1 rule:r m']);
  });

  it('takes an event matched as both send and receive as a send and says so once', async () => {
    const a = await run(
      { 'a.log': 'a hop k\na hop k\n', 'b.log': 'b recv k\n' },
      [{ name: 'hops', pattern: '^(?<svc>\\w) (?<dir>\\w+) (?<k>\\w)$', process: '${svc}', key: '${k}', send: { field: 'dir', values: ['hop'] }, receive: { text: '' } }],
    );
    expect(edgeList(a.executions[0]!.execution)).toEqual(['a:1 -> b:1 rule:hops k']);
    expect(warnings(a)).toEqual(['rule "hops": 2 events matched both "send" and "receive" (first at a.log:1); they were taken as sends']);
  });

  it('gives a keyed rule that made no edge one warning saying why', async () => {
    const files = { 'a.log': 'a send k\na recv k\n', 'b.log': 'b send j\n' };
    const pattern = '^(?<svc>\\w) (?<dir>\\w+) (?<k>\\w)$';
    const a = await run(files, [
      { name: 'reader', pattern, process: '${svc}' },
      { name: 'unfilled', key: '${nope}', send: { field: 'dir', values: ['send'] } },
      { name: 'sends only', key: '${k}', send: { field: 'dir', values: ['send'] } },
      { name: 'no receives', key: '${k}', send: { field: 'dir', values: ['send'] }, receive: { field: 'dir', values: ['in'] } },
      { name: 'same process', key: '${k}', send: { field: 'dir', values: ['send'] }, receive: { field: 'dir', values: ['recv'] } },
    ]);
    expect(edgeList(a.executions[0]!.execution)).toEqual([]);
    expect(warnings(a)).toEqual([
      'rule "unfilled": made no edge: no event has all the fields its key "${nope}" needs',
      'rule "sends only": made no edge: it has no "receive", so there are no receives to pair',
      'rule "no receives": made no edge: 3 events filled its key, but none matched "receive"',
      'rule "same process": made no edge: its 2 sends and 1 receives share keys only on the same process',
    ]);
    expect(a.ruleStats!.map((s) => [s.name, s.lines, s.keyed, s.edges])).toEqual([
      ['reader', 3, 0, 0],
      ['unfilled', 0, 0, 0],
      ['sends only', 0, 3, 0],
      ['no receives', 0, 3, 0],
      ['same process', 0, 3, 0],
    ]);
  });
});

describe('rule edges on JSON lines', () => {
  const JSONL = {
    'orders.jsonl': [
      '{"ts":"2026-03-14T09:00:00Z","service":"orders","msg":"reserve","order":"o1","op":"out"}',
      '{"ts":"2026-03-14T09:00:01Z","service":"orders","msg":"reserve","order":"o2","op":"out"}',
    ].join('\n'),
    'stock.jsonl': [
      '{"ts":"2026-03-14T08:00:00Z","service":"stock","msg":"reserved","order":"o1","op":"in"}',
      '{"ts":"2026-03-14T08:00:01Z","service":"stock","msg":"reserved","order":"o2","op":"in"}',
    ].join('\n'),
  };

  it('keys events of any format with a rule that has no pattern', async () => {
    const a = await run(JSONL, [{ name: 'orders', key: 'order=${order}', send: { field: 'op', values: ['out'] }, receive: { field: 'op', values: ['in'] } }]);
    expect(a.inputs.map((i) => i.format)).toEqual(['jsonl', 'jsonl']);
    expect(edgeList(a.executions[0]!.execution)).toEqual(['orders:1 -> stock:1 rule:orders order=o1', 'orders:2 -> stock:2 rule:orders order=o2']);
    expect(a.ruleStats).toEqual([{ rule: 0, name: 'orders', lines: 0, keyed: 4, edges: 2 }]);
    // With rule edges there is nothing to explain about missing message ids.
    expect(a.diagnostics).toEqual([]);
  });

  it('keys only events of inputs matching the rule\'s glob', async () => {
    const a = await run(JSONL, [{ name: 'stock only', inputs: 'stock.*', key: '${order}', send: { field: 'op', values: ['out'] }, receive: { field: 'op', values: ['in'] } }]);
    expect(edgeList(a.executions[0]!.execution)).toEqual([]);
    expect(a.ruleStats![0]!.keyed).toBe(2);
    expect(warnings(a)).toEqual(['rule "stock only": made no edge: 2 events filled its key, but none matched "send"']);
  });

  it('wins over the message-id conventions for the same pair', async () => {
    const a = await run(
      { 'a.jsonl': '{"service":"a","msg_id":"m","dir":"send"}\n', 'b.jsonl': '{"service":"b","msg_id":"m","dir":"recv"}\n' },
      [{ name: 'ids', key: '${msg_id}', send: { field: 'dir', values: ['send'] }, receive: { field: 'dir', values: ['recv'] } }],
    );
    expect(edgeList(a.executions[0]!.execution)).toEqual(['a:1 -> b:1 rule:ids m']);
  });
});

describe('rule keys and placeholder ids', () => {
  it('does not join events whose key field is a placeholder such as "-"', async () => {
    const { analyze } = await import('../../src/core/analysis/analyze');
    const enc = (s: string) => new TextEncoder().encode(s);
    const a = enc('{"service":"a","txn":"-","op":"out","msg":"send"}\n{"service":"a","txn":"t1","op":"out","msg":"send"}\n');
    const b = enc('{"service":"b","txn":"-","op":"in","msg":"recv"}\n{"service":"b","txn":"t1","op":"in","msg":"recv"}\n');
    const rules = {
      rules: [{ name: 'txn', key: 'txn=${txn}', send: { field: 'op', values: ['out'] }, receive: { field: 'op', values: ['in'] } }],
    };
    const r = await analyze([{ name: 'a.jsonl', bytes: a }, { name: 'b.jsonl', bytes: b }], { rules });
    const x = r.executions[0]!.execution;
    const keys = [...x.edgeKey].map((k) => x.strings.get(k));
    expect(keys).toEqual(['txn=t1']);
  });
});
