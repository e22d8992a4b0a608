import { describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../../src/core/analysis/analyze';
import type { AnalyzeOptions } from '../../src/core/analysis/analyzeOptions';
import { checkLoggedClocks, readLoggedClocks } from '../../src/core/input/shiviz/loggedClockCheck';
import { shivizFormat } from '../../src/core/input/shiviz/shivizFormat';
import { eventId, fieldsOf, type Execution, textOf, textsOf } from '../../src/core/model/execution';

const enc = new TextEncoder();

function run(files: Record<string, string>, options: AnalyzeOptions = {}): Promise<Analysis> {
  return analyze(
    Object.entries(files).map(([name, text]) => ({ name, bytes: enc.encode(text) })),
    options,
  );
}

const lines = (...ls: string[]) => ls.join('\n') + '\n';
const errors = (a: Analysis) => a.diagnostics.filter((d) => d.severity === 'error');

function only(a: Analysis): Execution {
  expect(a.executions).toHaveLength(1);
  return a.executions[0]!.execution;
}

function named(a: Analysis, name: string): Execution {
  const r = a.executions.find((e) => e.execution.name === name);
  if (!r) throw new Error(`no execution ${name}; have ${a.executions.map((e) => e.execution.name).join(', ')}`);
  return r.execution;
}

/** Index of the seq-th event (1-based) of host. */
function ev(x: Execution, host: string, seq: number): number {
  const p = x.processNames.indexOf(host);
  expect(p).toBeGreaterThanOrEqual(0);
  return x.procStart[p]! + seq - 1;
}

function edgeList(x: Execution): string[] {
  const out: string[] = [];
  for (let k = 0; k < x.edgeCount; k++) {
    out.push(`${eventId(x, x.edgeFrom[k]!)} -> ${eventId(x, x.edgeTo[k]!)} [${x.strings.get(x.edgeRule[k]!)} ${x.strings.get(x.edgeKey[k]!)}]`);
  }
  return out.sort();
}

/** The engine's clock of event e as {host: entry}, zero entries left out. */
function engineClock(a: Analysis, x: Execution, e: number): Record<string, number> {
  const r = a.executions.find((y) => y.execution === x)!;
  const out: Record<string, number> = {};
  x.processNames.forEach((name, q) => {
    const v = r.clocks.vc.entry(e, q);
    if (v > 0) out[name] = v;
  });
  return out;
}

const EXCHANGE = lines(
  'client {"client":1}',
  'Initialization Complete',
  'client {"client":2}',
  'Sending request',
  'server {"server":1}',
  'Initialization Complete',
  'server {"client":2, "server":2}',
  'Received request',
  'server {"client":2, "server":3}',
  'Sending reply',
  'client {"client":3, "server":3}',
  'Received reply',
);

describe('GoVector output', () => {
  it('reads a two-process request/reply with one edge each way derived from the clocks', async () => {
    const a = await run({ 'exchange.log': EXCHANGE });
    expect(a.inputs[0]!.format).toBe('shiviz');
    expect(errors(a)).toEqual([]);
    const x = only(a);
    expect(x.processNames).toEqual(['client', 'server']);
    expect(x.eventCount).toBe(6);
    expect(edgeList(x)).toEqual(['client:2 -> server:2 [vector-clock client:2]', 'server:3 -> client:3 [vector-clock server:3]']);
    expect(textOf(x, ev(x, 'server', 2))).toBe('Received request');
    expect(x.eventLine[ev(x, 'server', 2)]).toBe(7);
    expect(x.eventLine[ev(x, 'client', 3)]).toBe(11);
    expect(engineClock(a, x, ev(x, 'client', 3))).toEqual({ client: 3, server: 3 });
    expect(fieldsOf(x, ev(x, 'server', 2))).toEqual({ clock: '{"client":2, "server":2}' });
  });

  it('orders a host by its own clock entry, not by where its records are in the file', async () => {
    const shuffled = lines(
      'server {"client":2, "server":2}',
      'Received request',
      'client {"client":3, "server":3}',
      'Received reply',
      'client {"client":1}',
      'start',
      'server {"server":1}',
      'start',
      'client {"client":2}',
      'Sending request',
      'server {"client":2, "server":3}',
      'Sending reply',
    );
    const a = await run({ 'shuffled.log': shuffled });
    expect(errors(a)).toEqual([]);
    const x = only(a);
    expect(textsOf(x).slice(x.procStart[0], x.procStart[1])).toEqual(['start', 'Sending request', 'Received reply']);
    expect(x.eventLine[ev(x, 'client', 3)]).toBe(3);
    expect(edgeList(x)).toEqual(['client:2 -> server:2 [vector-clock client:2]', 'server:3 -> client:3 [vector-clock server:3]']);
  });

  it('keeps only the direct sender when a clock also carries what the sender had learned', async () => {
    // a → b → c: c learns a:1 through b, so a:1 is not a direct sender of c:1.
    const chain = lines(
      'a {"a":1}',
      'to b',
      'b {"a":1, "b":1}',
      'from a, to c',
      'c {"a":1, "b":1, "c":1}',
      'from b',
    );
    const a = await run({ 'chain.log': chain });
    expect(errors(a)).toEqual([]);
    expect(edgeList(only(a))).toEqual(['a:1 -> b:1 [vector-clock a:1]', 'b:1 -> c:1 [vector-clock b:1]']);
  });

  it('merges a set of one-file-per-process logs into one execution', async () => {
    const client = lines('client {"client":1}', 'Sending request', 'client {"client":2, "server":2}', 'Received reply');
    const server = lines('server {"client":1, "server":1}', 'Received request', 'server {"client":1, "server":2}', 'Sending reply');
    const a = await run({ 'server-Log.txt': server, 'client-Log.txt': client });
    expect(a.inputs.map((i) => [i.name, i.format, i.events])).toEqual([
      ['client-Log.txt', 'shiviz', 2],
      ['server-Log.txt', 'shiviz', 2],
    ]);
    expect(errors(a)).toEqual([]);
    const x = only(a);
    expect(x.processNames).toEqual(['client', 'server']);
    expect(edgeList(x)).toEqual(['client:1 -> server:1 [vector-clock client:1]', 'server:2 -> client:2 [vector-clock server:2]']);
    const recv = ev(x, 'client', 2);
    expect(x.inputs[x.eventInput[recv]!]).toBe('client-Log.txt');
    expect(x.eventLine[recv]).toBe(3);
  });

  it('accepts sparse clocks, explicit zeros and clocks with escaped quotes', async () => {
    const log = lines('p {\\"p\\":1}', 'start', 'q {"q":1, "p":0}', 'idle', 'q {\\"p\\":1,\\"q\\":2}', 'got it');
    const a = await run({ 'sparse.log': log });
    expect(errors(a)).toEqual([]);
    const x = only(a);
    expect(x.eventCount).toBe(3);
    expect(edgeList(x)).toEqual(['p:1 -> q:2 [vector-clock p:1]']);
    expect(engineClock(a, x, ev(x, 'q', 1))).toEqual({ q: 1 });
  });

  it('reads CRLF files with the same line numbers', async () => {
    const a = await run({ 'crlf.log': EXCHANGE.replace(/\n/g, '\r\n') });
    expect(errors(a)).toEqual([]);
    const x = only(a);
    expect(textOf(x, ev(x, 'client', 3))).toBe('Received reply');
    expect(x.eventLine[ev(x, 'client', 3)]).toBe(11);
  });
});

describe("ShiViz's default regex", () => {
  it('reads message-first records and numbers each event by its message line', async () => {
    const log = lines('Starting up', 'alpha {"alpha":1}', 'Sending ping', 'alpha {"alpha":2}', 'Got ping', 'beta {"alpha":2,"beta":1}');
    const a = await run({ 'default.log': log });
    expect(a.inputs[0]!.format).toBe('shiviz');
    expect(errors(a)).toEqual([]);
    const x = only(a);
    expect([...x.eventLine]).toEqual([1, 3, 5]);
    expect(textsOf(x)).toEqual(['Starting up', 'Sending ping', 'Got ping']);
    expect(edgeList(x)).toEqual(['alpha:2 -> beta:1 [vector-clock alpha:2]']);
  });
});

describe('user regex and fields', () => {
  it('turns every other named group into a field and reads TSViz nanosecond timestamps', async () => {
    const log = lines('1457563200123456789 wrote x', 't1 {"t1":1}', '1457563200123999000 read x', 't2 {"t1":1,"t2":1}');
    const a = await run({ 'ts.log': log }, { regex: String.raw`(?<timestamp>\d+) (?<event>.*)\n(?<host>\w*) (?<clock>.*)` });
    expect(errors(a)).toEqual([]);
    const x = only(a);
    const e = ev(x, 't1', 1);
    expect([x.timeMs[e], x.timeNs[e], x.timeDigits[e]]).toEqual([1457563200123, 456789, 9]);
    expect(fieldsOf(x, e)).toEqual({ timestamp: '1457563200123456789', clock: '{"t1":1}' });
    expect(textOf(x, e)).toBe('wrote x');
  });

  it('reads a date group as UTC, keeping its fraction digits, and keeps the raw date as a field', async () => {
    const log = lines('[2013-05-24 23:28:00,637 store.Meta] INFO init', 'main {"main":1}', '[5/27/2013 10:53:39 PM web] INFO hi', 'main {"main":2}');
    const regex = String.raw`\[(?<date>.+) (?<path>\S*)\] (?<priority>\w+) (?<event>.*)\n(?<host>\S*) (?<clock>{.*})`;
    const a = await run({ 'dates.log': log }, { regex });
    expect(errors(a)).toEqual([]);
    const x = only(a);
    expect([x.timeMs[0], x.timeNs[0], x.timeDigits[0]]).toEqual([Date.UTC(2013, 4, 24, 23, 28, 0) + 637, 0, 3]);
    expect([x.timeMs[1], x.timeDigits[1]]).toEqual([Date.UTC(2013, 4, 27, 22, 53, 39), 0]);
    expect(fieldsOf(x, 0)).toEqual({ date: '2013-05-24 23:28:00,637', path: 'store.Meta', priority: 'INFO', clock: '{"main":1}' });
  });

  it('reports a regex that does not compile or lacks host/clock instead of throwing', async () => {
    const bad = await run({ 'a.log': EXCHANGE }, { regex: '(?<host>\\S*' });
    expect(errors(bad).map((d) => d.message).join('\n')).toMatch(/does not compile/);
    expect(bad.executions).toEqual([]);
    const noClock = await run({ 'a.log': EXCHANGE }, { regex: '(?<host>\\S*) (?<event>.*)' });
    expect(errors(noClock).map((d) => d.message).join('\n')).toMatch(/\(\?<clock>/);
  });
});

describe('upload format and execution delimiters', () => {
  it('takes the regex from line 1 and the delimiter from line 2, naming executions by trace', async () => {
    const upload = lines(
      String.raw`(?<host>\S*) (?<clock>{.*})\n(?<event>.*)`,
      '^--- (?<trace>.*) ---$',
      '--- first run ---',
      'a {"a":1}',
      'hello',
      '--- second run ---',
      'a {"a":1}',
      'ping',
      'b {"a":1,"b":1}',
      'pong',
    );
    const a = await run({ 'upload.txt': upload });
    expect(a.inputs[0]!.format).toBe('shiviz');
    expect(errors(a)).toEqual([]);
    expect(a.executions.map((e) => e.execution.name)).toEqual(['first run', 'second run']);
    const first = named(a, 'first run');
    expect(first.eventCount).toBe(1);
    expect([...first.eventLine]).toEqual([4]);
    const second = named(a, 'second run');
    expect([...second.eventLine]).toEqual([7, 9]);
    expect(edgeList(second)).toEqual(['a:1 -> b:1 [vector-clock a:1]']);
  });

  it('keeps two sections with the same trace name apart', async () => {
    const log = lines('=== run ===', 'a {"a":1}', 'x', '=== run ===', 'a {"a":1}', 'y');
    const a = await run({ 'twice.log': log }, { delimiter: '^=== (?<trace>.*) ===$' });
    expect(errors(a)).toEqual([]);
    expect(a.executions.map((e) => [e.execution.name, e.execution.eventCount])).toEqual([
      ['run', 1],
      ['run (2)', 1],
    ]);
  });

  it('reads the upload format with an empty delimiter line as one execution', async () => {
    const upload = lines(String.raw`(?<host>\S*) (?<clock>{.*})\n(?<event>.*)`, '', '', 'a {"a":1}', 'x', 'a {"a":2}', 'y');
    const a = await run({ 'rpc.log': upload });
    expect(errors(a)).toEqual([]);
    const x = only(a);
    expect(x.name).toBe('default');
    expect([...x.eventLine]).toEqual([4, 6]);
  });

  it('numbers executions without a trace group and splits on delimiter lines from the options', async () => {
    const log = lines('###', 'a {"a":1}', 'x', '###', '', '###', 'a {"a":1}', 'y');
    const a = await run({ 'runs.log': log }, { regex: String.raw`(?<host>\S*) (?<clock>{.*})\n(?<event>.*)`, delimiter: '^###$' });
    expect(errors(a)).toEqual([]);
    expect(a.executions.map((e) => [e.execution.name, textOf(e.execution, 0), e.execution.eventLine[0]])).toEqual([
      ['execution 1', 'x', 2],
      ['execution 2', 'y', 7],
    ]);
  });
});

describe('what does not fit is reported, never dropped silently', () => {
  it('reports a line between records as skipped, with its line number', async () => {
    const log = lines('a {"a":1}', 'one', 'garbage that is no record', 'a {"a":2}', 'two');
    const a = await run({ 'junk.log': log });
    const x = only(a);
    expect(x.eventCount).toBe(2);
    expect(a.inputs[0]!.skipped).toBe(1);
    const d = a.diagnostics.filter((d) => d.line === 3);
    expect(d).toHaveLength(1);
    expect(d[0]!.message).toMatch(/garbage that is no record/);
  });

  it('warns about text a record leaves on its line without counting the line as skipped', async () => {
    // As in ShiViz, a user regex is not anchored: the record starts after the stray dot.
    const log = lines('[x] first', 'h {"h":1}', '.[y] second', 'h {"h":2}');
    const a = await run({ 'dot.log': log }, { regex: String.raw`\[(?<tag>\w)\] (?<event>.*)\n(?<host>\S*) (?<clock>{.*})` });
    expect(textsOf(only(a))).toEqual(['first', 'second']);
    expect(a.inputs[0]!.skipped).toBe(0);
    expect(a.diagnostics.map((d) => [d.line, d.severity])).toEqual([[3, 'warning']]);
    expect(a.diagnostics[0]!.message).toMatch(/"\."/);
  });

  it('says so when the regex matches no record at all', async () => {
    const a = await run({ 'none.log': lines('nothing here', 'at all') }, { format: 'shiviz' });
    expect(a.executions).toEqual([]);
    expect(a.inputs[0]!.skipped).toBe(2);
    expect(errors(a).map((d) => [d.line, /matched no record/.test(d.message)])).toEqual([[0, true]]);
  });

  it('skips a clock that is not JSON, with its line, and reads the rest', async () => {
    const log = lines('a {"a":1}', 'one', 'b {"b":1,}', 'broken', 'b {"b":1}', 'fine');
    const a = await run({ 'badjson.log': log });
    const errs = errors(a);
    expect(errs.map((e) => [e.input, e.line])).toEqual([['badjson.log', 3]]);
    expect(errs[0]!.message).toMatch(/not valid JSON/);
    expect(a.inputs[0]!.skipped).toBe(1);
    expect(only(a).eventCount).toBe(2);
  });

  it('skips a clock whose counts are not non-negative integers', async () => {
    const log = lines('a {"a":1}', 'one', 'a {"a":2, "b":-1}', 'neg', 'b {"b":1.5}', 'frac', 'b {"b":"1"}', 'text');
    const a = await run({ 'counts.log': log });
    expect(errors(a).map((e) => e.line)).toEqual([3, 5, 7]);
    expect(errors(a).every((e) => /not a non-negative integer/.test(e.message))).toBe(true);
    expect(only(a).eventCount).toBe(1);
  });

  it('reports a gap in a host own entry once, at the event after the gap', async () => {
    const log = lines('a {"a":1}', 'one', 'a {"a":3}', 'three', 'a {"a":4}', 'four', 'b {"b":1, "a":4}', 'bee');
    const a = await run({ 'gap.log': log });
    const errs = errors(a);
    expect(errs.map((e) => e.line)).toEqual([3]);
    expect(errs[0]!.message).toMatch(/"a".*jumps from 1 .* to 3/);
    expect(only(a).eventCount).toBe(4);
  });

  it('reports a host whose own entry does not start at 1', async () => {
    const log = lines('a {"a":2}', 'late start');
    const errs = errors(await run({ 'start.log': log }));
    expect(errs.map((e) => e.line)).toEqual([1]);
    expect(errs[0]!.message).toMatch(/must start at 1/);
  });

  it('reports a clock naming a host with no events, once, where it first appears', async () => {
    const log = lines('a {"a":1}', 'one', 'a {"a":2, "ghost":2}', 'two', 'a {"a":3, "ghost":2}', 'three', 'b {"b":1}', 'bee');
    const a = await run({ 'ghost.log': log });
    const errs = errors(a);
    expect(errs.map((e) => e.line)).toEqual([3]);
    expect(errs[0]!.message).toMatch(/"ghost".*no events/);
    expect(only(a).eventCount).toBe(4);
  });

  it('reports a count beyond the events its host has', async () => {
    const log = lines('a {"a":1}', 'one', 'a {"a":2}', 'two', 'b {"b":1, "a":5}', 'bee');
    const errs = errors(await run({ 'beyond.log': log }));
    expect(errs.map((e) => e.line)).toEqual([5]);
    expect(errs[0]!.message).toMatch(/"a": 5.*only 2 events/);
  });

  it('reports a clock that is not the merge of its predecessors, naming the entry, once', async () => {
    // b:3 and b:4 forget a:1, which b learned at b:2.
    const log = lines(
      'a {"a":1}',
      'send',
      'b {"b":1}',
      'local',
      'b {"b":2, "a":1}',
      'receive',
      'b {"b":3}',
      'forgot',
      'b {"b":4}',
      'still forgot',
    );
    const a = await run({ 'merge.log': log });
    const errs = errors(a);
    expect(errs.map((e) => [e.input, e.line])).toEqual([['merge.log', 7]]);
    expect(errs[0]!.message).toMatch(/not the merge.*entry "a" is 0 in the log but 1/);
    expect(only(a).eventCount).toBe(5);
  });
});

describe('checkLoggedClocks', () => {
  it('finds nothing on a consistent log and the forgotten entry on an inconsistent one', async () => {
    const good = await run({ 'exchange.log': EXCHANGE });
    const r = good.executions[0]!;
    expect(checkLoggedClocks(r.execution, r.clocks, readLoggedClocks(r.execution))).toEqual([]);

    const bad = await run({ 'bad.log': lines('a {"a":1}', 's', 'b {"a":1, "b":1}', 'r', 'b {"b":2}', 'f', 'b {"b":3}', 'g') });
    const y = bad.executions[0]!;
    const found = checkLoggedClocks(y.execution, y.clocks, readLoggedClocks(y.execution));
    expect(found.map((m) => [eventId(y.execution, m.event), m.entry, m.logged, m.computed, m.kind, m.inherited])).toEqual([
      ['b:2', 'a', 0, 1, 'not-merge', false],
      ['b:3', 'a', 0, 1, 'not-merge', true],
    ]);
  });
});

describe('detection', () => {
  const none = {};
  it('accepts GoVector output, the upload format, default-regex logs and any input when a regex is given', () => {
    expect(shivizFormat.detect('x.log', EXCHANGE, none)).toBe(true);
    expect(shivizFormat.detect('node-Log.txt', '', none)).toBe(true);
    expect(shivizFormat.detect('u.txt', lines(String.raw`(?<host>\S*) (?<clock>{.*})\n(?<event>.*)`, ''), none)).toBe(true);
    expect(shivizFormat.detect('d.log', lines('hello', 'h {"h":1}'), none)).toBe(true);
    expect(shivizFormat.detect('any.txt', 'whatever', { regex: '(?<host>x)(?<clock>y)' })).toBe(true);
  });

  it('rejects JSON lines and plain text', () => {
    expect(shivizFormat.detect('a.jsonl', lines('{"host":"a","msg":"x"}', '{"host":"b","msg":"y"}'), none)).toBe(false);
    expect(shivizFormat.detect('a.log', lines('2024-01-01 INFO started', '2024-01-01 INFO {"k":1}'), none)).toBe(false);
  });
});
