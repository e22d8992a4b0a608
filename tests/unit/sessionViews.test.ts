/**
 * The session's answers behind the page's views, on the quickstart sample
 * and small logs written here: log orders and the rows a raw-time sort gets
 * wrong, pages of rows, search (text, regex, field=value, superseded), the
 * anomaly index (ids as in the JSON export), chart series, the comparison of
 * two runs, the regex probe, and exports equal to the core's (the CLI's).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import { buildAnalysisDocument } from '../../src/core/document/analysisDocument';
import { EXPORT_FORMATS, exportText } from '../../src/core/export/exportFormats';
import { AnalyzerSession, type SessionFile, type SessionProgress } from '../../src/core/session/analyzerSession';
import { buildAnomalyIndex, groupAnomalies } from '../../src/core/session/anomalyIndex';
import { chartSeries } from '../../src/core/session/chartSeries';
import { eventOrder, wrongInOrder } from '../../src/core/session/eventOrders';
import { parseQuery } from '../../src/core/session/eventSearch';
import { eventTemplate } from '../../src/core/session/executionDiff';
import { MAX_PAGE } from '../../src/core/session/logRows';
import { expectedRegexMs, probeRegexes, sampleLines, userRegexes } from '../../src/core/session/regexProbe';
import { createAnalyzerApi } from '../../workers/analyzerApi';
import { textOf } from '../../src/core/model/execution';

const ROOT = join(__dirname, '../..');
const QUICKSTART = ['quickstart/checkout.jsonl', 'quickstart/payments.jsonl', 'quickstart/warehouse.jsonl'];

function file(name: string, text: string | Uint8Array): SessionFile {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const own = Uint8Array.from(bytes); // a Buffer may be a view on a shared pool
  return { name, size: own.length, arrayBuffer: async () => own.slice().buffer as ArrayBuffer };
}

const quickstartFiles = () => QUICKSTART.map((n) => file(n, readFileSync(join(ROOT, 'sample-logs', n))));
const quickstartInputs = () => QUICKSTART.map((n) => ({ name: n, bytes: new Uint8Array(readFileSync(join(ROOT, 'sample-logs', n))) }));

async function quickstart() {
  const s = new AnalyzerSession();
  await s.analyze(quickstartFiles(), {});
  return s;
}

describe('log orders', () => {
  it('sorts by raw time and marks what the raw sort puts before its causes', async () => {
    const a = await analyze(quickstartInputs());
    const r = a.executions[0]!;
    const x = r.execution;
    const name = (e: number) => textOf(x, e);
    const raw = eventOrder(r, 'raw');
    expect(name(raw[0]!)).toBe('charge request for order 1042');
    const wrong = wrongInOrder(r, raw);
    // payments' three events are stamped before checkout's send that caused them.
    const marked = [...wrong.keys()].filter((e) => wrong[e]).map(name).sort();
    expect(marked).toEqual(['card authorised', 'charge request for order 1042', 'confirm payment for order 1042']);
    // The causal order and the corrected one keep every event after its causes.
    expect([...wrongInOrder(r, eventOrder(r, 'causal'))].every((v) => v === 0)).toBe(true);
    expect([...wrongInOrder(r, eventOrder(r, 'corrected'))].every((v) => v === 0)).toBe(true);
  });

  it('puts untimed events last and keeps causal order among equal times', async () => {
    const text = '{"ts":"2026-01-01T00:00:01Z","service":"a","msg":"one"}\n{"service":"a","msg":"untimed"}\n{"ts":"2026-01-01T00:00:01Z","service":"a","msg":"two"}\n';
    const a = await analyze([{ name: 'a.jsonl', bytes: new TextEncoder().encode(text) }]);
    const r = a.executions[0]!;
    const order = [...eventOrder(r, 'raw')].map((e) => textOf(r.execution, e));
    expect(order).toEqual(['one', 'two', 'untimed']);
  });
});

describe('AnalyzerSession views', () => {
  it('gives the log index and pages of rows', async () => {
    const s = await quickstart();
    const ix = s.logIndex(0, 'raw');
    expect(ix.order).toHaveLength(9);
    expect(ix.wrongCount).toBe(3);
    const rows = s.logRows(0, 'raw', 0, 3);
    expect(rows.map((r) => r.process)).toEqual(['payments', 'payments', 'payments']);
    expect(rows[0]).toMatchObject({
      row: 0,
      id: 'payments:1',
      time: '2026-03-14T09:26:53.091Z',
      kind: 'receive',
      text: 'charge request for order 1042',
      anomalies: ['clock-skew-1'],
      wrongInRaw: true,
    });
    expect(rows[0]!.vectorClock).toBe('{checkout:2, payments:1}');
    // Corrected time: payments' clock is estimated 51 ms behind.
    expect(rows[0]!.correctedTime).toBe('2026-03-14T09:26:53.142Z');
    expect(s.logRows(0, 'causal', 8, 100)).toHaveLength(1);
    expect(s.logRows(0, 'causal', 0, 10_000).length).toBeLessThanOrEqual(MAX_PAGE);
  });

  it('searches by text, regex and field=value', async () => {
    const s = await quickstart();
    const count = async (q: string) => (await s.search(0, q)).count;
    expect(await count('ORDER 1042')).toBe(8);
    expect(await count('/^(charge|confirm)\\b/')).toBe(3);
    expect(await count('/^CHARGE/i')).toBe(2);
    expect(await count('process=payments')).toBe(3);
    expect(await count('process=pay*')).toBe(3);
    expect(await count('dir=send')).toBe(3);
    expect(await count('kind=receive')).toBe(3);
    expect(await count('anomaly=clock-skew')).toBe(2);
    expect(await count('domain=pay-1')).toBe(3);
    expect(await count('nosuchfield=1')).toBe(0);
    const none = await s.search(0, '  ');
    expect(none).toEqual({ marks: null, count: 0, error: null });
    const bad = await s.search(0, '/(unclosed/');
    expect(bad.error).toMatch(/not a valid regular expression/);
    const hit = await s.search(0, 'card authorised');
    expect(hit.marks).toBeInstanceOf(Uint8Array);
    expect([...hit.marks!.keys()].filter((e) => hit.marks![e])).toHaveLength(1);
  });

  it('lets a newer search supersede an older one', async () => {
    const lines = Array.from({ length: 50_000 }, (_, i) => `{"ts":"2026-01-01T00:00:00Z","service":"s${i % 3}","msg":"line ${i}"}`).join('\n');
    const s = new AnalyzerSession();
    await s.analyze([file('big.jsonl', lines)], {});
    const first = s.search(0, 'line');
    const second = s.search(0, 'line 1');
    await expect(first).rejects.toMatchObject({ name: 'SearchCancelled' });
    expect((await second).count).toBeGreaterThan(0);
  });

  it('numbers anomalies as the JSON export does and groups them by kind', async () => {
    const a = await analyze(quickstartInputs());
    const index = buildAnomalyIndex(a.executions[0]!);
    const doc = buildAnalysisDocument(a);
    expect(index.items.map((i) => [i.id, i.eventIds])).toEqual(doc.executions[0]!.anomalies.map((d) => [d.id, d.events]));
    const groups = groupAnomalies(index);
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ kind: 'clock-skew', count: 1, severity: 'warning', bySeverity: { critical: 0, warning: 1, info: 0 } });
    expect(groups[0]!.items[0]!.summary).toMatch(/at least 33 ms behind/);
  });

  it('computes chart series as typed arrays', async () => {
    const a = await analyze(quickstartInputs());
    const c = chartSeries(a.executions[0]!);
    const pay = c.offsets.find((o) => o.domain === 'pay-1')!;
    expect(pay.reference).toBe('web-1');
    expect(pay.estimateMs).toBeCloseTo(-51, 6);
    expect(pay.x).toBeInstanceOf(Float64Array);
    expect(pay.low[0]).toBeCloseTo(-69, 6);
    expect(pay.high[0]).toBeCloseTo(-33, 6);
    for (let i = 1; i < pay.x.length; i++) expect(pay.x[i]!).toBeGreaterThan(pay.x[i - 1]!);
    const rate = c.rate!;
    const perBin = rate.binMs / 1000;
    const total = rate.perSecond.reduce((s, a) => s + a.reduce((t, v) => t + v * perBin, 0), 0);
    expect(Math.round(total)).toBe(9);
    expect(rate.processes).toEqual(['checkout', 'payments', 'warehouse']);
    expect(c.delay!.backwards).toBe(1);
    expect(c.delay!.x).toHaveLength(3);
    expect([...c.delay!.correctedMs].every((d) => d >= 0)).toBe(true);
  });

  it('compares two runs loaded side by side, lane by lane', async () => {
    const runB = 'x {"x":1}\nstart\nx {"x":2}\nsend 77 to y\n';
    const runA = 'x {"x":1}\nstart\nx {"x":2}\nsend 12 to y\ny {"y":1}\nboot\n';
    const s = new AnalyzerSession();
    const r = await s.analyze([file('a/run.log', runA), file('b/run.log', runB)], { executionOf: { a: 'A', b: 'B' } });
    expect(r.summary.executions.map((e) => e.name)).toEqual(['A', 'B']);
    const d = s.compare(0, 1);
    expect(d.processes).toEqual([
      { name: 'x', status: 'same', eventsA: 2, eventsB: 2, differA: 0, differB: 0, coarse: false },
      { name: 'y', status: 'only-a', eventsA: 1, eventsB: 0, differA: 1, differB: 0, coarse: false },
    ]);
    const exact = s.compare(0, 1, { ignoreNumbers: false });
    expect(exact.processes[0]).toMatchObject({ status: 'differs', differA: 1, differB: 1 });
    expect([...exact.marksA]).toEqual([0, 1, 1]);
    const kinds = (x: typeof d) => x.hunks.map((h) => [h.process, h.kind, h.countA, h.countB]);
    expect(kinds(d)).toEqual([['y', 'only-a', 1, 0]]);
    expect(kinds(exact)).toEqual([['x', 'differs', 1, 1], ['y', 'only-a', 1, 0]]);
    expect(exact.hunks[0]).toMatchObject({ textA: 'send 12 to y', textB: 'send 77 to y' });
    expect(exact.hunkCount).toBe(2);
  });

  it('exports every format with the bytes of the core export (the CLI\'s)', async () => {
    const s = await quickstart();
    const a = await analyze(quickstartInputs());
    for (const f of EXPORT_FORMATS) expect([...s.exportChunks(f)].join(''), f).toBe(exportText(a, f));
    const api = createAnalyzerApi(s);
    const blob = api.exportBlob('csv');
    expect(blob.type).toBe('text/csv');
    expect(await blob.text()).toBe(exportText(a, 'csv'));
  });

  it('passes rule stats in the summary and names the regex it probes', async () => {
    const s = new AnalyzerSession();
    const seen: SessionProgress[] = [];
    const rules = { rules: [{ name: 'orders', key: 'order=${order}', send: { text: 'placed' }, receive: { text: 'authorised' } }] };
    const r = await s.analyze(quickstartFiles(), { rules }, (p) => seen.push(p));
    expect(r.summary.ruleStats).toEqual([{ rule: 0, name: 'orders', lines: 0, keyed: 2, edges: 1 }]);
    expect(seen.some((p) => p.activity === 'trying rule "orders" send.text')).toBe(true);
    expect(seen.at(-1)!.suspect).toMatch(/^rule "orders"/);
    expect(seen.at(-1)!.expectMs).toBeGreaterThanOrEqual(0);
  });
});

describe('the regex probe', () => {
  it('lists every user regex with a label', () => {
    const list = userRegexes({
      regex: '(?<host>\\S+) (?<clock>{.*})\\n(?<event>.*)',
      delimiter: '^=== (?<trace>.*)',
      rules: { rules: [{ name: 'g', pattern: '(?<a>x)', send: { text: 'out' }, receive: { field: 'dir' } }, { name: '', key: 'k', receive: { text: 'in' } }] },
    });
    expect(list.map((r) => r.label)).toEqual(['the log regex', 'the execution delimiter', 'rule "g" pattern', 'rule "g" send.text', 'rule "rule 2" receive.text']);
  });

  it('times each regex on the first lines and scales to the whole input', () => {
    const sample = sampleLines([{ bytes: new TextEncoder().encode('a\r\nb\nc') }]);
    expect(sample.lines).toEqual(['a', 'b', 'c']);
    const told: string[] = [];
    const t = probeRegexes([{ label: 'x', source: 'b' }, { label: 'bad', source: '(' }], sample, (r) => told.push(r.label));
    expect(told).toEqual(['x']);
    expect(t).toHaveLength(1);
    expect(expectedRegexMs([{ label: 'x', source: 'b', ms: 2, bytes: 100 }], 1000)).toBe(20);
  });
});

describe('queries and alignment', () => {
  it('parses the three kinds of query', () => {
    expect(parseQuery('Hello')).toEqual({ ok: true, value: { type: 'text', text: 'hello' } });
    const re = parseQuery('/a+b/gi');
    expect(re.ok && re.value?.type === 'regex' && re.value.regex.flags).toBe('i');
    const f = parseQuery('msg_id=pay-*');
    expect(f.ok && f.value?.type === 'field' && f.value.field).toBe('msg_id');
    expect(f.ok && f.value?.type === 'field' && f.value.pattern.test('pay-1042')).toBe(true);
    expect(parseQuery('a = b')).toEqual({ ok: true, value: { type: 'text', text: 'a = b' } });
  });

  it('compares event templates: ids and numbers masked', () => {
    expect(eventTemplate('req 12 id 0a1b2c3d4e5f took 33ms')).toBe('req <n> id <id> took <n>ms');
    expect(eventTemplate('GET /pay req-0f8e2f1a-7f6c-4e47-9f3e-2c1d0b9a8e7f span=a1b2c3d4e5f60718')).toBe('GET /pay <id> span=<id>');
    expect(eventTemplate('deadbeef accepted')).toBe('deadbeef accepted');
  });
});
