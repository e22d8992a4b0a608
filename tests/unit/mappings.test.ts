/**
 * The two mappings the page lets the user correct, as the session reports
 * them: process → clock domain per execution (and AnalyzeOptions.clockDomainOf
 * changing it, which moves a clock-skew anomaly off two processes put on one
 * clock), and the CSV column mapping per input (csvMappings, as the CSV
 * parser reports it in the input summary, and AnalyzeOptions.csvColumns
 * correcting it).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AnalyzerSession, type SessionFile } from '../../src/core/session/analyzerSession';
import type { AnalyzeOptions } from '../../src/core/analysis/analyzeOptions';

const ROOT = join(import.meta.dirname, '../..');
const file = (name: string, text: string | Uint8Array): SessionFile => {
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  return { name, size: bytes.length, arrayBuffer: async () => bytes.slice().buffer };
};

async function run(files: SessionFile[], options: AnalyzeOptions = {}) {
  const s = new AnalyzerSession();
  const r = await s.analyze(files, options);
  return { s, r };
}

describe('clock domains in the summary', () => {
  it('lists each process with its domain and follows clockDomainOf', async () => {
    const files = await Promise.all(
      ['checkout', 'payments', 'warehouse'].map(async (n) => file(`${n}.jsonl`, await readFile(join(ROOT, 'sample-logs/quickstart', `${n}.jsonl`)))),
    );
    const before = await run(files);
    const domains = before.r.summary.executions[0]!.domains;
    expect(Object.keys(domains).sort()).toEqual(['checkout', 'payments', 'warehouse']);
    expect(domains['checkout']).not.toBe(domains['payments']);
    const skew = (groups: { kind: string }[]) => groups.filter((g) => g.kind === 'clock-skew').length;
    expect(skew(before.s.anomalyGroups(0))).toBe(1);

    const after = await run(files, { clockDomainOf: { payments: domains['checkout']! } });
    expect(after.r.summary.executions[0]!.domains['payments']).toBe(domains['checkout']);
    expect(skew(after.s.anomalyGroups(0))).toBe(0);
  });
});

describe('CSV column mapping in the summary', () => {
  const CSV = 'when,service,message,region\n2026-03-14T09:26:53.100Z,a,hello req_id=1,eu\n2026-03-14T09:26:54.200Z,b,world,us\n';

  it('reports the detected mapping and the known columns', async () => {
    const { r } = await run([file('export.csv', CSV)]);
    expect(r.summary.csvMappings).toHaveLength(1);
    const m = r.summary.csvMappings[0]!;
    expect(m).toMatchObject({ input: 'export.csv', header: true, delimiter: ',', columns: { time: null, process: 'service', message: 'message' } });
    expect(m.known).toEqual(expect.arrayContaining(['service', 'message', 'when', 'region']));
    expect(Number.isNaN(r.lanes[0]!.timeMs[0]!)).toBe(true);
  });

  it('reads times once the time column is corrected', async () => {
    const { r } = await run([file('export.csv', CSV)], { csvColumns: { time: 'when' } });
    expect(r.summary.csvMappings[0]!.columns.time).toBe('when');
    expect([...r.lanes[0]!.timeMs].every((t) => Number.isFinite(t))).toBe(true);
  });

  it('reads column names with odd characters back', async () => {
    const { r } = await run([file('odd.tsv', 'ts\tsvc, x = y\tmsg\n2026-03-14T09:26:53Z\ta\thi\n')], { csvColumns: { process: 'svc, x = y' } });
    expect(r.summary.csvMappings[0]!.columns).toMatchObject({ time: 'ts', process: 'svc, x = y', message: 'msg' });
  });
});
