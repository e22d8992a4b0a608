/**
 * The worker API in both of its roles, driven in Node as the page drives the
 * workers: one API reads a group of files (readPart), another analyzes all
 * of them, reading its own group and asking for the part when it gets there.
 * The export is the one a single analyzer gives.
 */
import { describe, expect, it } from 'vitest';
import { createAnalyzerApi } from '../../workers/analyzerApi';
import type { NamedBlob } from '../../workers/protocol';
import type { Progress } from '../../src/core/read/analyzeHooks';

const iso = (ms: number) => new Date(Date.UTC(2026, 2, 14, 9) + ms).toISOString();
const jsonl = (svc: string, from: number) =>
  Array.from({ length: 50 }, (_, i) => JSON.stringify({ ts: iso(from + i), service: svc, msg: `m ${i}`, ...(i % 10 === 0 && { msg_id: `x${i}`, dir: svc === 'api' ? 'send' : 'recv' }) })).join('\n');

const files = (): NamedBlob[] => [
  { name: 'a.jsonl', blob: new Blob([jsonl('api', 0)]) },
  { name: 'b.jsonl', blob: new Blob([jsonl('db', 5)]) },
  { name: 'c.log', blob: new Blob([`${iso(9)} INFO hello service=api host=h1\n`]) },
  { name: 'd-alice-Log.txt', blob: new Blob(['alice {"alice":1}\nstart\n']) },
];

describe('the analyzer API as parallel reader and analyzer', () => {
  it('merges a part read by another instance to the single-analyzer result', async () => {
    const single = createAnalyzerApi();
    await single.analyze(files(), {}, () => {});
    const expected = single.exportJson();

    const reader = createAnalyzerApi();
    const analyzer = createAnalyzerApi();
    const all = files();
    const group = all.slice(2);
    const seen: Progress[] = [];
    const part = reader.readPart(group, {}, (p) => seen.push(p));
    let asked = 0;
    const r = await analyzer.analyze(all, {}, () => {}, group.map((f) => f.name), async () => {
      asked++;
      return [await part];
    });
    expect(asked).toBe(1);
    expect((await part).meta).toContain('d-alice-Log.txt'); // a document format: declined, read by the analyzer
    expect(seen.at(-1)?.bytesDone).toBe(group.reduce((s, f) => s + f.blob.size, 0));
    expect(r.summary.inputs.map((i) => i.name)).toEqual(['a.jsonl', 'b.jsonl', 'c.log', 'd-alice-Log.txt']);
    expect(analyzer.exportJson()).toBe(expected);
  });
});
