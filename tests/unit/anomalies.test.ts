import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import type { AnalyzeOptions } from '../../src/core/analysis/analyzeOptions';
import { buildAnalysisDocument, serializeAnalysisDocument, type DocAnomaly } from '../../src/core/document/analysisDocument';

const FIXTURES = new URL('../fixtures/anomalies/', import.meta.url);

async function incident(file: string, options: AnalyzeOptions = {}) {
  const a = await analyze([{ name: file, bytes: readFileSync(new URL(file, FIXTURES)) }], options);
  const doc = JSON.parse(serializeAnalysisDocument(buildAnalysisDocument(a)));
  const x = doc.executions[0];
  const anomalies: DocAnomaly[] = x.anomalies;
  return {
    analysis: a,
    doc: x,
    /** kind, severity and events of every anomaly: compared whole, so none missing and none extra. */
    found: anomalies.map((an) => `${an.kind} ${an.severity} ${an.events.join(' ')}`),
    byKind: (kind: string) => anomalies.filter((an) => an.kind === kind),
  };
}

describe('anomalies in written incidents, through the whole pipeline', () => {
  it('reports a reply stamped before its request as clock skew of the receiver, with its size', async () => {
    const r = await incident('clock-skew.jsonl');
    expect(r.found).toEqual(['clock-skew warning payments:1 ledger:1']);
    const [skew] = r.byKind('clock-skew');
    expect(skew!.detail).toEqual({ senderDomain: 'payments', receiverDomain: 'ledger', atLeastMs: 78, rule: 'request-response', key: 'msg_id=m1' });
    expect(skew!.summary).toMatch(/^ledger's clock is at least 78 ms behind payments' \(or payments' ahead\): ledger stamped receiving msg_id=m1 78 ms before/);
    // corrected times put the request before its receipt
    expect(r.doc.inversions).toEqual({ raw: 1, corrected: 0, pairsChecked: 4 });
  });

  it('reports a clock stepped back and staying back as a regression, not an inversion', async () => {
    const r = await incident('clock-regression.jsonl');
    expect(r.found).toEqual(['clock-regression warning batch:3 batch:4']);
    expect(r.byKind('clock-regression')[0]!.detail).toEqual({
      process: 'batch',
      domain: 'batch',
      before: '2026-03-14T09:00:10.200Z',
      after: '2026-03-14T09:00:09.700Z',
      stepMs: 500,
      precisionMs: 1,
    });
    // batch's own clock is cut into epochs at the step; its program order bounds them, so corrected
    // times put the events after the step no earlier than the one before it
    expect(r.doc.inversions).toEqual({ raw: 1, corrected: 0, pairsChecked: 5 });
  });

  it('reports a cause stamped after its effect on one host as logged after the fact', async () => {
    const r = await incident('same-clock-inversion.jsonl');
    expect(r.found).toEqual(['same-clock-inversion warning api:2 worker:1', 'same-clock-inversion warning api:3 api:4']);
    const [edge, local] = r.byKind('same-clock-inversion');
    expect(edge!.detail).toMatchObject({ domain: 'node-1', relation: 'message', byMs: 30, key: 'msg_id=j1' });
    expect(local!.detail).toMatchObject({ domain: 'node-1', relation: 'program-order', byMs: 240 });
    expect(edge!.summary).toContain('logged after the fact');
  });

  it('flags a POST retried and executed twice as critical', async () => {
    const r = await incident('retry-executed-twice.jsonl');
    expect(r.found).toEqual(['non-idempotent-retry critical payments:1 payments:3 ledger:1 ledger:3']);
    expect(r.byKind('non-idempotent-retry')[0]!.detail).toMatchObject({
      operation: 'POST',
      idempotent: false,
      key: 'msg_id=c1',
      outcome: 'executed-twice',
      source: 'client',
      attempts: 2,
      deliveries: 2,
      servers: ['ledger'],
      work: ['ledger:2', 'ledger:4'],
    });
  });

  it('calls a retry safe when the server says it recognized the idempotency key', async () => {
    const r = await incident('retry-deduplicated.jsonl');
    expect(r.found).toEqual(['non-idempotent-retry info payments:1 payments:3 ledger:1 ledger:3 ledger:4']);
    expect(r.byKind('non-idempotent-retry')[0]!.detail).toMatchObject({
      operation: 'charge',
      key: 'idempotency key k-77',
      outcome: 'deduplicated',
      evidence: 'ledger:4',
    });
  });

  it('warns when the first attempt vanished, and reports its send as unmatched', async () => {
    const r = await incident('retry-unknown.jsonl');
    expect(r.found).toEqual(['non-idempotent-retry warning payments:1 payments:3 bank:1', 'unmatched-send warning payments:1']);
    expect(r.byKind('non-idempotent-retry')[0]!.detail).toMatchObject({ operation: 'transfer', outcome: 'unknown', source: 'client', attempts: 2, deliveries: 1 });
  });

  it('reports a retried GET as an idempotent retry, severity info', async () => {
    const r = await incident('idempotent-retry.jsonl');
    expect(r.found).toEqual(['idempotent-retry info web:1 web:3 accounts:1 accounts:2']);
    // Two deliveries, but no line says the work was done either time: the outcome is not known.
    expect(r.byKind('idempotent-retry')[0]!.detail).toMatchObject({ operation: 'GET', idempotent: true, outcome: 'unknown', deliveries: 2, work: [] });
  });

  it('lets the user override idempotency per operation', async () => {
    const r = await incident('idempotent-retry.jsonl', { idempotency: { get: false } });
    expect(r.found).toEqual(['non-idempotent-retry warning web:1 web:3 accounts:1 accounts:2']);
    const t = await incident('retry-unknown.jsonl', { idempotency: { Transfer: true } });
    expect(t.found).toEqual(['idempotent-retry info payments:1 payments:3 bank:1', 'unmatched-send warning payments:1']);
  });

  it('reports a send whose receiver logs nothing of it, and says once that a missing log cannot be checked', async () => {
    const r = await incident('unmatched.jsonl');
    // shipping's log is there, so orders' send to it was lost; warehouse has no log, so its message cannot be checked
    expect(r.found).toEqual(['unmatched-receive info shipping:1', 'unmatched-send warning orders:1']);
    expect(r.byKind('unmatched-send')[0]!.detail).toEqual({ process: 'orders', key: 'msg_id=o-1', peer: 'shipping' });
    expect(r.byKind('unmatched-receive')[0]!.detail).toEqual({ peer: 'warehouse', reason: 'no-log', sends: 0, receives: 1 });
    expect(r.byKind('unmatched-receive')[0]!.summary).toBe('no log from warehouse: 1 receive from it has no other end in the logs and cannot be checked');
  });

  it('reports concurrent writes to one key, and not writes ordered by a message', async () => {
    const r = await incident('concurrent-writes.jsonl');
    // alice:1 → carol:2 through n1 is ordered; bob's SET is concurrent with both; limit has one writer
    expect(r.found).toEqual(['concurrent-writes warning alice:1 bob:1', 'concurrent-writes warning bob:1 carol:2']);
    expect(r.byKind('concurrent-writes').map((a) => a.detail)).toEqual([
      { key: 'balance', processes: ['alice', 'bob'], operations: ['set', 'SET'] },
      { key: 'balance', processes: ['bob', 'carol'], operations: ['SET', 'incr'] },
    ]);
  });
});

describe('offsets in the document', () => {
  it('lists offset windows after the anomalies, relative to each domain reference', async () => {
    const r = await incident('clock-skew.jsonl');
    expect(Object.keys(r.doc).slice(-4)).toEqual(['anomalies', 'correlations', 'inversions', 'offsetWindows']);
    expect(r.doc.offsetWindows).toEqual([
      {
        start: '2026-03-14T09:00:09.901Z',
        end: '2026-03-14T09:00:09.930Z',
        edges: 2,
        offsetMs: { ledger: { low: 0, high: 0, estimate: 0 }, payments: { low: 78, high: 120, estimate: 99 } },
        conflicts: [],
      },
    ]);
  });

  it('names the edges of contradictory constraints, and corrects nothing', async () => {
    // ledger took 90 ms to answer a question payments had its answer to 50 ms after asking:
    // no pair of offsets fits (a clock ran fast, or a rule linked events that are not one message).
    const r = await incident('offset-conflict.jsonl');
    expect(r.found).toEqual(['clock-skew warning ledger:2 payments:2']);
    const conflict = r.analysis.diagnostics.filter((d) => d.message.includes('contradict'));
    expect(conflict).toHaveLength(1);
    expect(conflict[0]!.severity).toBe('warning');
    expect(conflict[0]!.message).toContain('payments:1 → ledger:1');
    expect(conflict[0]!.message).toContain('ledger:2 → payments:2');
    expect(conflict[0]!.message).toContain('A clock jumped between these messages, or a rule linked events that are not one message');
    const [w] = r.doc.offsetWindows;
    expect(w.conflicts).toEqual([
      { from: 'ledger:2', to: 'payments:2' },
      { from: 'payments:1', to: 'ledger:1' },
    ]);
    // nothing corrected: the raw inversion stays
    expect(r.doc.inversions).toEqual({ raw: 1, corrected: 1, pairsChecked: 4 });
  });

  it('cuts a clock that jumped back into epochs, each with its own offset, so nothing contradicts', async () => {
    const r = await incident('clock-step-conflict.jsonl');
    expect(r.found).toEqual(['clock-regression warning ledger:2 ledger:3', 'clock-skew warning payments:3 ledger:3']);
    expect(r.analysis.diagnostics.filter((d) => d.message.includes('contradict'))).toEqual([]);
    const ledger = r.doc.clockDomains.find((d: { name: string }) => d.name === 'ledger');
    expect(ledger.epochs).toEqual([
      { from: 'ledger:1', to: 'ledger:2', reference: 'payments', offsetMs: { low: -30, high: 10, estimate: -10 } },
      { from: 'ledger:3', to: 'ledger:4', reference: 'payments', offsetMs: { low: -1520, high: -1470, estimate: -1495 } },
    ]);
    expect(ledger.offsetMs).toEqual(ledger.epochs[1].offsetMs);
    // before the step, ledger:1 received at 10.010 what payments sent at 10.000 (≤ 10) and answered at
    // 10.020 what payments got at 10.050 (≥ −30); after it, the same with 09.530/11.000 and 09.540/11.060.
    // Corrected times undo the jump: the answer after it comes after the question, on every clock
    expect(r.doc.inversions).toEqual({ raw: 2, corrected: 0, pairsChecked: 10 });
  });

  it('solves windows apart, so the step shows as two different offsets', async () => {
    const a = await analyze([{ name: 'c.jsonl', bytes: readFileSync(new URL('clock-step-conflict.jsonl', FIXTURES)) }]);
    const { estimateWindowOffsets } = await import('../../src/core/offsets/windowOffsets');
    const r = a.executions[0]!;
    const ws = estimateWindowOffsets(r.execution, r.offsets, r.clocks.edgeIgnored, { count: 2 });
    expect(ws.map((w) => w.conflictEdges.length)).toEqual([0, 0]);
    // payments is the reference (ledger's clock stepped); edges sit at their send's corrected time,
    // each epoch's, so the windows are the two exchanges, before and after the step
    const ledger = r.execution.domainNames.indexOf('ledger');
    expect(ws.map((w) => w.offsets[ledger]!.reference)).toEqual(['payments', 'payments']);
    expect(ws.map((w) => [w.offsets[ledger]!.low, w.offsets[ledger]!.high])).toEqual([
      [-30, 10],
      [-1520, -1470],
    ]);
  });
});

