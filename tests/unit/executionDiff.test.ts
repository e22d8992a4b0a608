import { describe, expect, it } from 'vitest';
import { AnalyzerSession, type SessionFile } from '../../src/core/session/analyzerSession';
import { DIFF_AT, runJsonl } from '../browser/helpers/twoRuns';

function file(name: string, text: string): SessionFile {
  const own = new TextEncoder().encode(text);
  return { name, size: own.length, arrayBuffer: async () => own.slice().buffer as ArrayBuffer };
}

describe('comparing two runs of 20,000 events per process', () => {
  it('aligns them per process on templates and labels each difference', async () => {
    const orders = 20_000;
    const s = new AnalyzerSession();
    const r = await s.analyze([file('good/run.jsonl', runJsonl({ orders }, 'a')), file('bad/run.jsonl', runJsonl({ orders }, 'b'))], {
      executionOf: { good: 'good', bad: 'bad' },
    });
    expect(r.summary.executions.map((e) => e.name)).toEqual(['bad', 'good']);
    const d = s.compare(1, 0);
    expect([d.a, d.b]).toEqual(['good', 'bad']);
    expect(d.processes.map((p) => [p.name, p.status, p.eventsA, p.eventsB, p.differA, p.differB, p.coarse])).toEqual([
      ['gateway', 'differs', orders + 1, orders, 1, 0, false],
      ['payments', 'differs', orders, orders + 1, 1, 2, false],
    ]);
    expect(d.hunks.map((h) => [h.process, h.kind, h.countA, h.countB])).toEqual([
      ['gateway', 'only-a', 1, 0],
      ['payments', 'only-b', 0, 1],
      ['payments', 'differs', 1, 1],
    ]);
    expect(d.hunks[0]!.textA).toMatch(/^cache warmed/);
    expect(d.hunks[1]!.textB).toMatch(/^retrying ledger write/);
    expect(d.hunks[2]!.textA).toMatch(/^charging/);
    expect(d.hunks[2]!.textB).toMatch(/^charge declined/);
    // The differing events are where the runs were changed, by order number.
    // (Gateway's events come first: orders + 1 in A, orders in B.)
    expect(d.hunks[0]!.fromA).toBe(Math.floor(orders * DIFF_AT.onlyA) + 1);
    expect(d.hunks[1]!.fromB).toBe(orders + Math.floor(orders * DIFF_AT.onlyB) + 1);
    expect(d.hunks[2]!.fromA).toBe(orders + 1 + Math.floor(orders * DIFF_AT.differs));
    expect(d.hunks[2]!.fromB).toBe(orders + 1 + Math.floor(orders * DIFF_AT.differs));
    expect(d.marksA.reduce((n, v) => n + v, 0)).toBe(2);
    expect(d.marksB.reduce((n, v) => n + v, 0)).toBe(2);
    // As written, every line differs (new ids and amounts in each run).
    const exact = s.compare(1, 0, { ignoreNumbers: false });
    expect(exact.processes.every((p) => p.differA + p.differB > orders)).toBe(true);
  }, 60_000);
});
