import { describe, expect, it } from 'vitest';
import type { Analysis } from '../../src/core/analysis/analyze';
import type { Execution } from '../../src/core/model/execution';
import { eventId, textsOf } from '../../src/core/model/execution';
import { fieldsOf, formatIsoOf, runText } from './eventHelpers';

const attr = (key: string, value: string) => ({ key, value: { stringValue: value } });

function otlpSpan(id: string, parent: string, name: string, startNs: string, endNs: string, kind = 1) {
  return { traceId: 't1', spanId: id, parentSpanId: parent, name, kind, startTimeUnixNano: startNs, endTimeUnixNano: endNs, attributes: [attr('http.route', `/${name}`)] };
}

const OTLP = {
  resourceSpans: [
    {
      resource: { attributes: [attr('service.name', 'frontend'), attr('host.name', 'web1')] },
      scopeSpans: [
        {
          spans: [
            otlpSpan('a', '', 'checkout', '1773480413000000001', '1773480413900000000', 2),
            otlpSpan('b', 'a', 'pay', '1773480413100000000', '1773480413800000000', 3),
          ],
        },
      ],
    },
    {
      resource: { attributes: [attr('service.name', 'payments')] },
      scopeSpans: [{ spans: [otlpSpan('c', 'b', 'charge', '1773480413200000000', '1773480413700000000', 2), otlpSpan('d', 'zz', 'orphan', '1773480413300000000', '1773480413400000000')] }],
    },
  ],
};

function edges(x: Execution): string[] {
  return Array.from({ length: x.edgeCount }, (_, i) => `${eventId(x, x.edgeFrom[i]!)}->${eventId(x, x.edgeTo[i]!)} ${x.strings.get(x.edgeRule[i]!)} ${x.strings.get(x.edgeKey[i]!)}`);
}

function only(a: Analysis): Execution {
  expect(a.executions).toHaveLength(1);
  return a.executions[0]!.execution;
}

describe('OTLP JSON traces', () => {
  it('turns each span into start and end events on its service, in time order, with nanoseconds', async () => {
    const a = await runText({ 'trace.json': JSON.stringify(OTLP, null, 2) });
    expect(a.inputs[0]!.format).toBe('otlp');
    const x = only(a);
    expect(x.processNames).toEqual(['frontend', 'payments']);
    expect(x.domainNames).toEqual(['payments', 'web1']);
    expect(textsOf(x).slice(0, 4)).toEqual(['start checkout', 'start pay', 'end pay', 'end checkout']);
    expect(formatIsoOf(x, 0)).toBe('2026-03-14T09:26:53.000000001Z');
    expect(fieldsOf(x, 1)).toMatchObject({ traceId: 't1', spanId: 'b', parentSpanId: 'a', spanKind: 'client', 'http.route': '/pay' });
    expect(x.eventLine[0]).toBeGreaterThan(1);
  });

  it('links a parent to a child on another service only, and counts parents not in the input', async () => {
    const a = await runText({ 'trace.json': JSON.stringify(OTLP) });
    const x = only(a);
    expect(edges(x)).toEqual(['frontend:2->payments:1 span-parent span=b']);
    expect(a.diagnostics.some((d) => d.message.includes('1 span names a parent not in the inputs'))).toBe(true);
  });

  it('reads the file exporter layout, one document per line, and reports a bad line', async () => {
    const [first, second] = OTLP.resourceSpans;
    const text = `${JSON.stringify({ resourceSpans: [first] })}\nnot json\n${JSON.stringify({ resourceSpans: [second] })}\n`;
    const a = await runText({ 'otel.jsonl': text });
    expect(a.inputs[0]!.format).toBe('otlp');
    expect(edges(only(a))).toHaveLength(1);
    expect(a.inputs[0]!.skipped).toBe(1);
  });
});

describe('Jaeger JSON traces', () => {
  const JAEGER = {
    data: [
      {
        traceID: 'tr',
        spans: [
          { traceID: 'tr', spanID: 's1', operationName: 'GET /order', references: [], startTime: 1773480413000000, duration: 500000, tags: [{ key: 'span.kind', type: 'string', value: 'server' }], logs: [], processID: 'p1' },
          {
            traceID: 'tr', spanID: 's2', operationName: 'reserve', references: [{ refType: 'CHILD_OF', traceID: 'tr', spanID: 's1' }],
            startTime: 1773480413100000, duration: 200000, tags: [], logs: [{ timestamp: 1773480413150000, fields: [{ key: 'event', type: 'string', value: 'reserved' }] }], processID: 'p2',
          },
          { traceID: 'tr', spanID: 's3', operationName: 'cache', references: [{ refType: 'CHILD_OF', traceID: 'tr', spanID: 's1' }], startTime: 1773480413050000, duration: 10, tags: [], logs: [], processID: 'p1' },
        ],
        processes: { p1: { serviceName: 'orders', tags: [{ key: 'hostname', type: 'string', value: 'node-a' }] }, p2: { serviceName: 'stock', tags: [] } },
      },
    ],
  };

  it('places spans and span logs on their services with microsecond times', async () => {
    const a = await runText({ 'jaeger.json': JSON.stringify(JAEGER, null, 1) });
    expect(a.inputs[0]!.format).toBe('jaeger');
    const x = only(a);
    expect(x.processNames).toEqual(['orders', 'stock']);
    expect(x.domainNames).toEqual(['node-a', 'stock']);
    expect(textsOf(x)).toEqual(['start GET /order', 'start cache', 'end cache', 'end GET /order', 'start reserve', 'reserved', 'end reserve']);
    expect(formatIsoOf(x, 2)).toBe('2026-03-14T09:26:53.050010Z');
    expect(fieldsOf(x, 0)).toMatchObject({ spanKind: 'server' });
  });

  it('adds parent → child edges across services, not within one', async () => {
    const x = only(await runText({ 'jaeger.json': JSON.stringify(JAEGER) }));
    expect(edges(x)).toEqual(['orders:1->stock:1 span-parent span=s1']);
  });

  it('reports a span without a start time and invalid JSON', async () => {
    const bad = structuredClone(JAEGER);
    delete (bad.data[0]!.spans[2] as { startTime?: number }).startTime;
    const a = await runText({ 'jaeger.json': JSON.stringify(bad), 'broken.json': '{"data": [{"spans": [' }, { format: 'jaeger' });
    expect(a.diagnostics.some((d) => d.input === 'jaeger.json' && d.message.includes('s3 lacks'))).toBe(true);
    expect(a.diagnostics.some((d) => d.input === 'broken.json' && d.message.includes('not valid JSON'))).toBe(true);
  });
});

describe('several executions', () => {
  it('keeps inputs mapped to different executions apart', async () => {
    const line = (svc: string) => `{"ts":"2026-03-14T09:26:53Z","service":"${svc}","msg":"x"}\n`;
    const a = await runText(
      { 'run1/a.jsonl': line('a'), 'run2/a.jsonl': line('a'), 'run2/b.log': '2026-03-14T09:26:53Z hi\n' },
      { executionOf: { 'run1/': 'first', run2: 'second' } },
    );
    expect(a.executions.map((e) => [e.execution.name, e.execution.eventCount])).toEqual([
      ['first', 1],
      ['second', 2],
    ]);
  });
});
