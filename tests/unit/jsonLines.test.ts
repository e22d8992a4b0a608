import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import { DEFAULT_EXECUTION, type ParseContext } from '../../src/core/input/formatParser';
import { formatById, FORMATS } from '../../src/core/input/formats';
import { jsonLinesFormat, looksLikeJsonLines } from '../../src/core/input/jsonLines/jsonLinesFormat';
import { JsonLinesParser } from '../../src/core/input/jsonLines/jsonLinesParser';
import { DiagnosticSink } from '../../src/core/model/diagnostic';
import { fieldsOf, type Execution, textOf, textsOf } from '../../src/core/model/execution';
import { ExecutionBuilder } from '../../src/core/model/executionBuilder';

function parse(name: string, text: string): { x: Execution; sink: DiagnosticSink } {
  const sink = new DiagnosticSink();
  const builders = new Map<string, ExecutionBuilder>();
  const ctx: ParseContext = {
    diagnostics: sink,
    options: {},
    execution(n) {
      let b = builders.get(n);
      if (!b) builders.set(n, (b = new ExecutionBuilder(n)));
      return b;
    },
  };
  new JsonLinesParser().parse(name, text, ctx);
  const b = builders.get(DEFAULT_EXECUTION) ?? new ExecutionBuilder(DEFAULT_EXECUTION);
  return { x: b.build(), sink };
}

const enc = (s: string) => new TextEncoder().encode(s);

describe('JSON lines format registration and detection', () => {
  it('is registered as jsonl', () => {
    expect(formatById('jsonl')).toBe(jsonLinesFormat);
    expect(jsonLinesFormat.label).toBe('JSON lines');
    expect(FORMATS).toContain(jsonLinesFormat);
  });

  it('accepts inputs whose first non-empty lines are JSON objects', () => {
    expect(looksLikeJsonLines('\n{"a":1}\n{"b":2}\n')).toBe(true);
    expect(looksLikeJsonLines('\ufeff{"a":1}\r\n')).toBe(true);
  });

  it('rejects plain text, JSON arrays and pretty-printed JSON', () => {
    expect(looksLikeJsonLines('hello world\n{"a":1}\n')).toBe(false);
    expect(looksLikeJsonLines('[1,2,3]\n')).toBe(false);
    expect(looksLikeJsonLines('{\n  "a": 1\n}\n')).toBe(false);
    expect(looksLikeJsonLines('')).toBe(false);
  });

  it('tolerates one bad line among the first few', () => {
    expect(looksLikeJsonLines('{"a":1}\n{"a":2}\n{"a":\n{"a":4}\n')).toBe(true);
  });

  it('ignores a last line cut off by the detection window', () => {
    expect(looksLikeJsonLines('{"a":1}\n{"a":2}\n{"a":3, "b": "tru')).toBe(true);
  });
});

describe('JSON lines field conventions', () => {
  it('takes time, process and text from the well-known fields and keeps the rest as fields', () => {
    const { x } = parse(
      'app.jsonl',
      '{"ts":"2026-03-14T09:26:53.5Z","service":"api","msg":"started","level":"info","n":3,"ok":true,"nil":null,"ctx":{"a":[1,2]}}\n',
    );
    expect(x.processNames).toEqual(['api']);
    expect(x.timeMs[0]).toBe(Date.UTC(2026, 2, 14, 9, 26, 53, 500));
    expect(x.timeDigits[0]).toBe(1);
    expect(textOf(x, 0)).toBe('started');
    expect(fieldsOf(x, 0)).toEqual({ level: 'info', n: '3', ok: 'true', nil: 'null', ctx: '{"a":[1,2]}' });
    expect(x.eventLine[0]).toBe(1);
    expect(x.inputs).toEqual(['app.jsonl']);
  });

  it('tries the time keys ts, time, timestamp, @timestamp and t', () => {
    const { x } = parse(
      'a.jsonl',
      [
        '{"time":"2026-03-14T09:26:53Z"}',
        '{"timestamp":"2026-03-14 09:26:54,250"}',
        '{"@timestamp":"2026-03-14T11:26:55+02:00"}',
        '{"t":1773480416}',
        '{"ts":1773480417123456789}',
      ].join('\n'),
    );
    const base = Date.UTC(2026, 2, 14, 9, 26, 53);
    expect(Array.from(x.timeMs)).toEqual([base, base + 1250, base + 2000, base + 3000, base + 4123]);
    // A nanosecond epoch written as a JSON number keeps its digits.
    expect(x.timeNs[4]).toBe(456789);
    expect(x.timeDigits[4]).toBe(9);
  });

  it('reads a MongoDB Extended JSON date under a time key (relaxed, canonical and legacy), and no other object', () => {
    const { x, sink } = parse(
      'mongod.log',
      [
        '{"t":{"$date":"2026-03-14T10:26:53.123+01:00"},"s":"I","c":"NETWORK","msg":"Listening on","attr":{"port":27017}}',
        '{"t":{"$date":{"$numberLong":"1773480414500"}},"msg":"canonical"}',
        '{"t":{"$date":1773480415000},"msg":"legacy"}',
        '{"t":{"date":"2026-03-14T09:26:56Z"},"msg":"not Extended JSON"}',
      ].join('\n'),
    );
    const base = Date.UTC(2026, 2, 14, 9, 26, 53);
    expect(Array.from(x.timeMs).slice(0, 3)).toEqual([base + 123, base + 1500, base + 2000]);
    expect(x.timeDigits[0]).toBe(3);
    expect(Number.isNaN(x.timeMs[3])).toBe(true);
    expect(textsOf(x)).toEqual(['Listening on', 'canonical', 'legacy', 'not Extended JSON']);
    // The time field is the event's time, not one of its fields; the one object that is no date stays a field, with a warning.
    expect(fieldsOf(x, 0)).not.toHaveProperty('t');
    expect(fieldsOf(x, 3)).toHaveProperty('t');
    expect(sink.items.map((d) => d.line)).toEqual([4]);
  });

  it('leaves events without a time field untimed and says nothing', () => {
    const { x, sink } = parse('a.jsonl', '{"msg":"no clock here"}\n');
    expect(Number.isNaN(x.timeMs[0])).toBe(true);
    expect(sink.items).toEqual([]);
  });

  it('keeps an unreadable time as a field and warns once per input', () => {
    const { x, sink } = parse('a.jsonl', '{"msg":"a"}\n{"time":"soon","msg":"b"}\n{"time":"later","msg":"c"}\n');
    expect(Number.isNaN(x.timeMs[1])).toBe(true);
    expect(fieldsOf(x, 1)).toEqual({ time: 'soon' });
    expect(sink.items).toHaveLength(1);
    expect(sink.items[0]).toMatchObject({ input: 'a.jsonl', line: 2, severity: 'warning' });
    expect(sink.items[0]!.message).toContain('2 lines');
  });

  it('picks the process from a service, app, component, container or pod field before a host field', () => {
    const { x } = parse(
      'x.jsonl',
      [
        '{"component":"c1","process":"p1"}',
        '{"pod":"pod-1","component":"c2"}',
        '{"hostname":"h1","pod":"pod-2"}',
        '{"host":"h2","hostname":"h3"}',
        '{"service":"svc","host":"h4"}',
      ].join('\n'),
    );
    expect(x.processNames).toEqual(['c1', 'c2', 'h2', 'pod-2', 'svc']);
    const domainOf = (p: string) => x.domainNames[x.processDomain[x.processNames.indexOf(p)]!];
    expect(domainOf('pod-2')).toBe('h1');
    expect(domainOf('svc')).toBe('h4');
  });

  it('names the process after the file when no field names it', () => {
    const { x } = parse('logs/worker-3.jsonl', '{"msg":"hi"}\n');
    expect(x.processNames).toEqual(['worker-3']);
  });

  it('puts a service in the clock domain of the host beside it', () => {
    const { x } = parse(
      'x.jsonl',
      ['{"service":"api","host":"m1"}', '{"service":"db","host":"m1"}', '{"pod":"web","node":"n2"}', '{"host":"m3"}'].join('\n'),
    );
    expect(x.processNames).toEqual(['api', 'db', 'm3', 'web']);
    const domainOf = (p: string) => x.domainNames[x.processDomain[x.processNames.indexOf(p)]!];
    expect(domainOf('api')).toBe('m1');
    expect(domainOf('db')).toBe('m1');
    expect(domainOf('web')).toBe('n2');
    expect(domainOf('m3')).toBe('m3');
  });

  it('takes the text from msg, message, event or log, else the whole line', () => {
    const { x } = parse(
      'a.jsonl',
      ['{"message":"m"}', '{"event":"e","log":"l"}', '{"log":{"k":1}}', '{"level":"debug"}'].join('\n'),
    );
    expect(textsOf(x)).toEqual(['m', 'e', '{"k":1}', '{"level":"debug"}']);
    expect(fieldsOf(x, 1)).toEqual({ log: 'l' });
  });

  it('keeps the digits of integer ids too large for a double', () => {
    const { x } = parse('a.jsonl', '{"msg_id": 12345678901234567891}\n{"msg_id":12345678901234567892}\n');
    expect(fieldsOf(x, 0).msg_id).toBe('12345678901234567891');
    expect(fieldsOf(x, 1).msg_id).toBe('12345678901234567892');
  });
});

describe('JSON lines bad input', () => {
  it('reports bad lines with their line numbers and reads the rest', () => {
    const text = ['{"msg":"one"}', 'not json', '', '{"msg": "broken"', '[1,2]', '"str"', '{"msg":"six"}', '   ', '{"msg":"eight"}'].join('\n');
    const { x, sink } = parse('a.jsonl', text);
    expect(textsOf(x)).toEqual(['one', 'six', 'eight']);
    expect(Array.from(x.eventLine)).toEqual([1, 7, 9]);
    expect(sink.items.map((d) => [d.line, d.severity])).toEqual([
      [2, 'warning'],
      [4, 'warning'],
      [5, 'warning'],
      [6, 'warning'],
    ]);
    expect(sink.items[1]!.message).toMatch(/not valid JSON/);
    expect(sink.items[2]!.message).toMatch(/array/);
    expect(sink.skipped('a.jsonl')).toBe(4);
  });

  it('reads CRLF line endings without keeping the CR', () => {
    const { x, sink } = parse('a.jsonl', '{"msg":"a","k":"v"}\r\n{"msg":"b"}\r\n');
    expect(sink.items).toEqual([]);
    expect(textsOf(x)).toEqual(['a', 'b']);
    expect(fieldsOf(x, 0)).toEqual({ k: 'v' });
    expect(Array.from(x.eventLine)).toEqual([1, 2]);
  });

  it('reads a text that still starts with a byte-order mark', () => {
    const { x, sink } = parse('a.jsonl', '\ufeff{"msg":"a"}\n');
    expect(sink.items).toEqual([]);
    expect(textsOf(x)).toEqual(['a']);
  });

  it('is detected and read through analyze(), BOM and CRLF included', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...enc('{"service":"s","msg":"a"}\r\n{"service":"s","msg":"b"}\r\n')]);
    const result = await analyze([{ name: 's.jsonl', bytes }]);
    expect(result.inputs[0]).toMatchObject({ name: 's.jsonl', format: 'jsonl', events: 2, skipped: 0 });
    expect(textsOf(result.executions[0]!.execution)).toEqual(['a', 'b']);
    expect(result.diagnostics).toEqual([]);
  });
});
