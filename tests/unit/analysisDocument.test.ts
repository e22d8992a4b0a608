import { emptyReadingReport } from '../../src/core/read/readingReport';
import { describe, expect, it } from 'vitest';
import type { Analysis, ExecutionResult } from '../../src/core/analysis/analyze';
import { findClockSkew } from '../../src/core/anomalies/clockSkew';
import { computeClocks } from '../../src/core/clocks/clockEngine';
import { ANALYSIS_SCHEMA, buildAnalysisDocument, serializeAnalysisDocument } from '../../src/core/document/analysisDocument';
import { fieldsOf } from '../../src/core/model/execution';
import { docEvents } from './documentReader';
import { runText } from './eventHelpers';
import { ExecutionBuilder } from '../../src/core/model/executionBuilder';
import { estimateOffsets } from '../../src/core/offsets/domainOffsets';

const t = (iso: string, digits: number) => {
  const ms = Date.parse(iso);
  return { ms, ns: 0, digits };
};

/** client sends at 10.000 (client clock); server stamps the receive at 09.950: 50 ms skew at least. */
function skewedRpc(): Analysis {
  const b = new ExecutionBuilder('default');
  const client = b.process('client', 'host-a');
  const server = b.process('server', 'host-b');
  const c1 = b.addEvent(client, { text: 'send req 1', input: 'client.log', line: 1, time: t('2026-03-14T09:00:10.000Z', 3) });
  const s1 = b.addEvent(server, { text: 'got req 1', input: 'server.log', line: 1, time: t('2026-03-14T09:00:09.950Z', 3), fields: { req: '1' } });
  const s2 = b.addEvent(server, { text: 'reply 1', input: 'server.log', line: 2, time: t('2026-03-14T09:00:09.960Z', 3) });
  const c2 = b.addEvent(client, { text: 'got reply 1', input: 'client.log', line: 2, time: t('2026-03-14T09:00:10.030Z', 3) });
  b.addEvent(client, { text: 'idle', input: 'client.log', line: 3 });
  b.addEdge(c1, s1, 'message-id', 'req=1');
  b.addEdge(s2, c2, 'message-id', 'req=1');
  const x = b.build();
  const clocks = computeClocks(x);
  const offsets = estimateOffsets(x);
  const r: ExecutionResult = { execution: x, clocks, offsets, anomalies: findClockSkew(x, clocks.edgeIgnored) };
  return {
    inputs: [
      { name: 'client.log', format: 'test', bytes: 10, events: 3, skipped: 0, reading: { ...emptyReadingReport(), lines: 3, timed: 3 } },
      { name: 'server.log', format: 'test', bytes: 10, events: 2, skipped: 0, reading: { ...emptyReadingReport(), lines: 2, timed: 2 } },
    ],
    diagnostics: [],
    executions: [r],
  };
}

describe('the analysis document', () => {
  it('carries the schema name and the documented top-level fields', () => {
    const doc = JSON.parse(serializeAnalysisDocument(buildAnalysisDocument(skewedRpc())));
    expect(doc.schema).toBe(ANALYSIS_SCHEMA);
    expect(Object.keys(doc)).toEqual(['schema', 'inputs', 'diagnostics', 'executions']);
    expect(Object.keys(doc.executions[0])).toEqual(['name', 'processes', 'clockDomains', 'eventColumns', 'events', 'edges', 'findings', 'anomalies', 'correlations', 'inversions', 'offsetWindows']);
    expect(doc.executions[0].processes).toEqual([
      { name: 'client', clockDomain: 'host-a', events: 3, fields: {} },
      { name: 'server', clockDomain: 'host-b', events: 2, fields: {} },
    ]);
    expect(doc.executions[0].eventColumns).toEqual(['id', 'source', 'time', 'correctedTime', 'lamport', 'vcDelta', 'kind', 'text', 'fields']);
  });

  it('lists findings above the anomalies, naming them and their events by the ids the document gives them', () => {
    const doc = JSON.parse(serializeAnalysisDocument(buildAnalysisDocument(skewedRpc())));
    const x = doc.executions[0];
    expect(x.anomalies.map((a: { id: string }) => a.id)).toEqual(['clock-skew-1']);
    expect(x.findings).toHaveLength(1);
    const f = x.findings[0];
    expect(Object.keys(f)).toEqual(['id', 'kind', 'severity', 'summary', 'anomalies', 'events']);
    expect(f).toMatchObject({ id: 'finding-1', kind: 'clock-skew', severity: 'warning', anomalies: ['clock-skew-1'], events: ['client:1', 'server:1'] });
    expect(f.summary).toMatch(/^host-b's clock is at least 50 ms behind host-a's: one message is stamped received before it was sent/);
    // One finding per line, as anomalies and edges.
    expect(serializeAnalysisDocument(buildAnalysisDocument(skewedRpc()))).toMatch(/\n {6}"findings": \[\n {8}\{"id":"finding-1",[^\n]*\}\n {6}\],\n/);
  });

  it('lists events in ascending Lamport order with every cause before its effect', () => {
    const doc = JSON.parse(serializeAnalysisDocument(buildAnalysisDocument(skewedRpc())));
    const events = docEvents(doc);
    expect(events.map((e) => e.id)).toEqual(['client:1', 'server:1', 'server:2', 'client:2', 'client:3']);
    expect(events.map((e) => e.lamport)).toEqual([1, 2, 3, 4, 5]);
    const pos = new Map(events.map((e, i) => [e.id, i]));
    for (const edge of doc.executions[0].edges) expect(pos.get(edge.from)!).toBeLessThan(pos.get(edge.to)!);
  });

  it('keys vector clocks by process name, counting from 1 and omitting zeros', () => {
    const doc = JSON.parse(serializeAnalysisDocument(buildAnalysisDocument(skewedRpc())));
    const byId = new Map(docEvents(doc).map((e) => [e.id, e]));
    expect(byId.get('client:1')!.vc).toEqual({ client: 1 });
    expect(byId.get('server:2')!.vc).toEqual({ client: 1, server: 2 });
    expect(byId.get('client:2')!.vc).toEqual({ client: 2, server: 2 });
    expect(byId.get('client:1')!.kind).toBe('send');
    expect(byId.get('server:1')!.kind).toBe('receive');
    expect(byId.get('client:3')!.kind).toBe('local');
  });

  it('writes each event as a row whose clock is what changed since its process’s previous event', () => {
    const doc = JSON.parse(serializeAnalysisDocument(buildAnalysisDocument(skewedRpc())));
    const rows = new Map<string, unknown[]>(doc.executions[0].events.map((row: unknown[]) => [row[0], row]));
    // client:1, server:1, server:2, client:2 (receives server's reply), client:3.
    expect(rows.get('client:1')).toEqual(['client:1', [0, 1], '2026-03-14T09:00:10.000Z', null, 1, {}, 'send', expect.any(String), {}]);
    expect(rows.get('server:1')![5]).toEqual({ client: 1 });
    expect(rows.get('server:2')![5]).toEqual({});
    expect(rows.get('client:2')![5]).toEqual({ server: 2 });
    expect(rows.get('client:3')![5]).toEqual({});
    const full = JSON.parse(serializeAnalysisDocument(buildAnalysisDocument(skewedRpc()), { fullClocks: true }));
    expect(full.executions[0].eventColumns[5]).toBe('vc');
    expect(full.executions[0].events.find((row: unknown[]) => row[0] === 'client:2')[5]).toEqual({ client: 2, server: 2 });
  });

  it('lists the fields all of a process’s events share once, on the process', async () => {
    const a = await runText({
      'api.log': ['2026-03-14T09:00:00Z a service=api zone=eu n=1', '2026-03-14T09:00:01Z b service=api zone=eu n=2', '2026-03-14T09:00:02Z c service=api zone=us n=3'].join('\n'),
    });
    const doc = JSON.parse(serializeAnalysisDocument(buildAnalysisDocument(a)));
    const x = doc.executions[0];
    expect(x.processes[0].fields).toEqual({ service: 'api' });
    expect(x.events.map((row: unknown[]) => row[8])).toEqual([{ zone: 'eu', n: '1' }, { zone: 'eu', n: '2' }, { zone: 'us', n: '3' }]);
    expect(docEvents(doc).map((e) => e.fields)).toEqual([1, 2, 3].map((n) => fieldsOf(a.executions[0]!.execution, n - 1)));
  });

  it('writes raw time at the input precision and null where there was none', () => {
    const doc = JSON.parse(serializeAnalysisDocument(buildAnalysisDocument(skewedRpc())));
    const byId = new Map(docEvents(doc).map((e) => [e.id, e]));
    expect(byId.get('client:1')!.time).toBe('2026-03-14T09:00:10.000Z');
    expect(byId.get('client:3')!.time).toBeNull();
    expect(byId.get('client:3')!.correctedTime).toBeNull();
    expect(byId.get('server:1')!.source).toEqual({ input: 'server.log', line: 1 });
    expect(byId.get('server:1')!.fields).toEqual({ req: '1' });
  });

  it('bounds the skewed domain offset and corrects its times into causal order', () => {
    const doc = JSON.parse(serializeAnalysisDocument(buildAnalysisDocument(skewedRpc())));
    const [a, b] = doc.executions[0].clockDomains;
    // host-a has 3 events, host-b 2, so host-a is the reference.
    expect(a).toEqual({ name: 'host-a', reference: 'host-a', offsetMs: { low: 0, high: 0, estimate: 0 } });
    // send 10.000 → recv 09.950 gives off(b) ≤ −50; reply 09.960 → 10.030 gives off(b) ≥ −70.
    expect(b.offsetMs).toEqual({ low: -70, high: -50, estimate: -60 });
    const events = docEvents(doc);
    const corrected = new Map(events.map((e) => [e.id, e.correctedTime]));
    expect(corrected.get('server:1')).toBe('2026-03-14T09:00:10.010Z');
    for (const edge of doc.executions[0].edges)
      expect(Date.parse(corrected.get(edge.from)!)).toBeLessThan(Date.parse(corrected.get(edge.to)!));
  });

  it('reports the backwards message as clock skew with its size', () => {
    const doc = JSON.parse(serializeAnalysisDocument(buildAnalysisDocument(skewedRpc())));
    const [skew, ...rest] = doc.executions[0].anomalies;
    expect(rest).toEqual([]);
    expect(skew.id).toBe('clock-skew-1');
    expect(skew.events).toEqual(['client:1', 'server:1']);
    expect(skew.detail).toMatchObject({ senderDomain: 'host-a', receiverDomain: 'host-b', atLeastMs: 50 });
    expect(skew.summary).toContain('at least 50 ms');
  });

  it('gives the same bytes whether events are materialised or streamed', () => {
    const a = skewedRpc();
    expect(serializeAnalysisDocument(buildAnalysisDocument(a, true))).toBe(serializeAnalysisDocument(buildAnalysisDocument(a, false)));
  });
});
