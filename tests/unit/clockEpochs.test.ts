import { describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../../src/core/analysis/analyze';
import { buildAnalysisDocument, type DocEvent } from '../../src/core/document/analysisDocument';
import { ExecutionBuilder } from '../../src/core/model/executionBuilder';
import { estimateOffsets } from '../../src/core/offsets/domainOffsets';
import { wordsReport } from '../../src/core/report/wordsReport';
import { chartSeries } from '../../src/core/session/chartSeries';
import { buildAxisPositions } from '../../src/core/view/axisPositions';
import { buildLaneData } from '../../src/core/view/laneData';

const enc = new TextEncoder();
const T0 = Date.parse('2026-05-04T08:00:00Z');

/**
 * gateway (host edge) calls api (host app), which calls db (host dbh); app's
 * clock reads `aheadMs` ahead until it is stepped back by `stepMs` before
 * request `stepAt`. With `chrony`, app's time daemon logs the step too.
 */
function stepLogs(opts: { requests?: number; stepAt?: number; aheadMs?: number; stepMs?: number; chrony?: boolean } = {}) {
  const { requests = 12, stepAt = 6, aheadMs = 1500, stepMs = 1500, chrony = true } = opts;
  const gw: string[] = [];
  const app: string[] = [];
  const db: string[] = [];
  const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '') + '000Z';
  const line = (ms: number, f: Record<string, string>) => JSON.stringify({ ts: iso(ms), ...f });
  let ahead = aheadMs;
  let t = T0;
  for (let i = 0; i < requests; i++) {
    if (i === stepAt) {
      ahead -= stepMs;
      if (chrony) app.push(line(t + 5 + ahead, { service: 'chronyd', host: 'app', msg: `System clock was stepped by -${(stepMs / 1000).toFixed(6)} seconds` }));
      t += 10;
    }
    const id = `r-${100 + i}`;
    const q = `q-${100 + i}`;
    gw.push(line(t, { service: 'gateway', host: 'edge', msg: 'POST /orders', req_id: id, dir: 'send', to: 'api' }));
    app.push(line(t + 3 + ahead, { service: 'api', host: 'app', msg: 'POST /orders received', req_id: id, dir: 'recv', from: 'gateway' }));
    app.push(line(t + 4 + ahead, { service: 'api', host: 'app', msg: 'select', rpc_id: q, dir: 'send', to: 'db' }));
    db.push(line(t + 6, { service: 'db', host: 'dbh', msg: 'select', rpc_id: q, dir: 'recv', from: 'api' }));
    db.push(line(t + 8, { service: 'db', host: 'dbh', msg: 'rows', rpc_id: q, dir: 'reply', to: 'api' }));
    app.push(line(t + 10 + ahead, { service: 'api', host: 'app', msg: 'rows', rpc_id: q, dir: 'reply', from: 'db' }));
    app.push(line(t + 11 + ahead, { service: 'api', host: 'app', msg: '201 Created', req_id: id, dir: 'reply', to: 'gateway' }));
    gw.push(line(t + 14, { service: 'gateway', host: 'edge', msg: '201 Created', req_id: id, dir: 'reply', from: 'api' }));
    t += 400;
  }
  return [
    { name: 'app.jsonl', bytes: enc.encode(app.join('\n') + '\n') },
    { name: 'db.jsonl', bytes: enc.encode(db.join('\n') + '\n') },
    { name: 'gateway.jsonl', bytes: enc.encode(gw.join('\n') + '\n') },
  ];
}

async function run(opts?: Parameters<typeof stepLogs>[0]): Promise<{ analysis: Analysis; events: DocEvent[] }> {
  const analysis = await analyze(stepLogs(opts));
  const doc = buildAnalysisDocument(analysis);
  return { analysis, events: [...doc.executions[0]!.events] };
}

describe('clock epochs', () => {
  it('a 1.5 s step back: two epochs of app, each bounding its true offset, and no contradiction', async () => {
    const { analysis } = await run();
    expect(analysis.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const doc = buildAnalysisDocument(analysis);
    const x = doc.executions[0]!;
    expect(x.anomalies.map((a) => a.kind)).toContain('clock-regression');
    const app = x.clockDomains.find((d) => d.name === 'app')!;
    expect(app.epochs).toHaveLength(2);
    expect(app.epochs!.map((e) => [e.from, e.to])).toEqual([
      ['api:1', 'api:24'],
      ['api:25', 'api:48'],
    ]);
    const [before, after] = app.epochs!.map((e) => e.offsetMs);
    // The truth: 1500 ms ahead of the others, then 0 (each message takes 1–3 ms, so the bounds are within a few ms).
    expect(before!.low!).toBeLessThanOrEqual(1500);
    expect(before!.high!).toBeGreaterThanOrEqual(1500);
    expect(after!.low!).toBeLessThanOrEqual(0);
    expect(after!.high!).toBeGreaterThanOrEqual(0);
    expect(Math.abs(before!.estimate! - 1500)).toBeLessThan(3);
    expect(Math.abs(after!.estimate!)).toBeLessThan(3);
    // The domain's own offset is its last epoch's; other domains have no epochs.
    expect(app.offsetMs).toEqual(after);
    expect(x.clockDomains.filter((d) => d.epochs).map((d) => d.name)).toEqual(['app']);
    expect(x.inversions.corrected).toBe(0);
  });

  it('the skew finding quotes the offset of the epoch its messages were in, and the words report one line per epoch', async () => {
    const { analysis } = await run();
    const x = buildAnalysisDocument(analysis).executions[0]!;
    const skew = x.findings.filter((f) => f.kind === 'clock-skew');
    expect(skew.length).toBeGreaterThan(0);
    // Skewed messages are all before the step, where app read 1.5 s ahead: never the last epoch's ~0.
    const quoted = skew.filter((f) => f.summary.includes('estimated offset'));
    expect(quoted.length).toBeGreaterThan(0);
    for (const f of quoted) expect(f.summary).toMatch(/estimated offset of \S+ from app: −1\.5 s|estimated offset of app from \S+: \+1\.5 s/);
    const clocks = wordsReport(analysis).split('\n');
    expect(clocks.filter((l) => /^ {2}app epoch \d/.test(l)).map((l) => l.replace(/: about.*/, ''))).toEqual(['  app epoch 1 (from api:1) from dbh', '  app epoch 2 (from api:25) from dbh']);
  });

  it('corrected times put each request of app where it happened: every message forward, the step back undone', async () => {
    const { events } = await run();
    const at = (id: string) => Date.parse(events.find((e) => e.id === id)!.correctedTime ?? events.find((e) => e.id === id)!.time!);
    // Request 6 is the first after the step: api:25 receives gateway:13, api:24 ended request 5.
    expect(at('api:25')).toBeGreaterThan(at('gateway:13'));
    expect(at('api:25')).toBeGreaterThan(at('api:24'));
    expect(at('api:24')).toBeLessThan(at('gateway:12'));
    // chronyd's report lies in the second epoch: corrected by about 0, not 1.5 s.
    const chrony = events.find((e) => e.process === 'chronyd')!;
    expect(Math.abs(Date.parse(chrony.correctedTime ?? chrony.time!) - Date.parse(chrony.time!))).toBeLessThan(3);
  });

  it('the corrected axis spreads the events over the run, not crushed at one edge', async () => {
    const { analysis } = await run();
    const lanes = buildLaneData(analysis.executions[0]!);
    const axis = buildAxisPositions(lanes, 'corrected');
    const span = axis.max - axis.min;
    // The run lasts 12 × 400 ms; the 1.5 s of the step must not stretch it.
    expect(span).toBeGreaterThan(4000);
    expect(span).toBeLessThan(4900);
    const sorted = [...axis.pos].filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
    const median = sorted[sorted.length >> 1]!;
    expect((median - axis.min) / span).toBeGreaterThan(0.3);
    expect((median - axis.min) / span).toBeLessThan(0.7);
  });

  it('the offset chart of app shows the step: the epoch line drops by about 1.5 s', async () => {
    const { analysis } = await run();
    const charts = chartSeries(analysis.executions[0]!);
    const app = charts.offsets.find((o) => o.domain === 'app')!;
    expect(app.epochEstimatesMs).toHaveLength(2);
    const line = [...app.epochEstimate!].filter((v) => !Number.isNaN(v));
    expect(Math.abs(line[0]! - 1500)).toBeLessThan(3);
    expect(Math.abs(line[line.length - 1]!)).toBeLessThan(3);
    // The windows alone show it too: about 1.5 s ahead early, about 0 late.
    const windows = [...app.estimate].filter((v) => !Number.isNaN(v));
    expect(Math.abs(windows[0]! - 1500)).toBeLessThan(3);
    expect(Math.abs(windows[windows.length - 1]!)).toBeLessThan(3);
    // The others have no epochs.
    for (const o of charts.offsets.filter((c) => c.domain !== 'app')) expect(o.epochEstimate).toBeUndefined();
  });

  it('a step forward, a single stamp out of line or no step at all make no epochs', async () => {
    expect((await analyze(stepLogs({ stepMs: 0 }))).executions[0]!.offsets.epochs).toBeUndefined();
    expect((await analyze(stepLogs({ stepMs: -1500, aheadMs: 0 }))).executions[0]!.offsets.epochs).toBeUndefined();
    // One stamp logged 2 s late: its neighbours are in order, so it is an outlier, not a step.
    const b = new ExecutionBuilder('outlier');
    const p = b.process('p', 'A');
    const q = b.process('q', 'B');
    const at = (proc: number, ms: number, line: number) => b.addEvent(proc, { text: 't', input: 'i', line, time: { ms: T0 + ms, ns: 0, digits: 3 } });
    at(p, 0, 1);
    at(p, 10, 2);
    at(p, 2020, 3);
    at(p, 30, 4);
    at(p, 40, 5);
    b.addEdge(at(p, 50, 6), at(q, 55, 1), 'r', 'm');
    expect(estimateOffsets(b.build()).epochs).toBeUndefined();
  });

  it('processes sharing the stepped clock: one that shows the step goes by its program order, one that does not by its time on that clock', () => {
    const b = new ExecutionBuilder('shared');
    const a = b.process('a', 'S');
    const c = b.process('c', 'S');
    const d = b.process('d', 'S');
    const o = b.process('o', 'O');
    const at = (proc: number, ms: number, line: number) => b.addEvent(proc, { text: 't', input: 'i', line, time: { ms: T0 + ms, ns: 0, digits: 3 } });
    // S reads 1000 ms ahead until true time 100, then right: a and c both log across the step.
    const a1 = at(a, 1010, 1);
    const a2 = at(a, 1050, 2);
    const a3 = at(a, 110, 3);
    const a4 = at(a, 150, 4);
    const c1 = at(c, 1020, 1);
    const c2 = at(c, 120, 2);
    const e = b.process('e', 'S');
    const d1 = at(d, 1030, 1); // in the first epoch's times
    const e1 = at(e, 160, 1); // just past the second's last stamp, far below the first's: the second
    b.addEdge(a1, at(o, 15, 1), 'r', 'm1');
    b.addEdge(at(o, 30, 2), a2, 'r', 'm2');
    b.addEdge(a3, at(o, 115, 3), 'r', 'm3');
    b.addEdge(at(o, 140, 4), a4, 'r', 'm4');
    const x = b.build();
    const r = estimateOffsets(x);
    const ep = r.epochs!.epochs;
    const slot = (e: number) => ep.slotNames[ep.eventSlot[e]!];
    expect([a1, a2, a3, a4, c1, c2].map(slot)).toEqual(['S', 'S', 'S epoch 2', 'S epoch 2', 'S', 'S epoch 2']);
    expect([d1, e1].map(slot)).toEqual(['S', 'S epoch 2']);
    expect(ep.ambiguous[d1]! + ep.ambiguous[e1]!).toBe(0);
    expect(r.conflictEdges).toEqual([]);
    expect(r.epochs!.offsets[ep.slotNames.indexOf('S')]!.reference).toBe('O');
  });
});
