/**
 * Parallel reading in the page (issue 9): several files dropped at once are
 * read by extra workers of the same bundle (forced with ?workers=3, as the
 * test machine has 2 cores and the files are small) and merged in the
 * analyzing worker. The JSON export must be byte for byte the one-worker
 * export (?workers=1), and the page must really have started the readers.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { type Harness, useHarness } from './helpers/browserHarness';

const iso = (ms: number) => new Date(Date.UTC(2026, 2, 14, 9) + ms).toISOString();
const procs = ['api', 'db', 'web', 'queue'];

/** Four formats, processes spanning files, messages between them, one document-format file (GoVector) the analysis reads itself. */
function files(): { name: string; text: string }[] {
  const jsonl = (from: number) =>
    Array.from({ length: 300 }, (_, i) => {
      const t = from + i * 7;
      const p = procs[i % 4]!;
      const msg = i % 5 === 0 ? { msg_id: `m${from + i}`, dir: 'send' } : i % 5 === 1 ? { msg_id: `m${from + i - 1}`, dir: 'recv' } : {};
      return JSON.stringify({ ts: iso(t), service: p, msg: `step ${i} ✓ ${p}`, ...msg });
    }).join('\n');
  return [
    { name: 'a-api.jsonl', text: jsonl(0) },
    { name: 'b-more.jsonl', text: jsonl(5000) },
    { name: 'c-web.log', text: Array.from({ length: 200 }, (_, i) => `${iso(9000 + i)} INFO request ${i} done service=web host=h1`).join('\n') },
    { name: 'd-queue.logfmt', text: Array.from({ length: 200 }, (_, i) => `ts=${iso(12000 + i)} level=info service=queue msg="depth ${i}"`).join('\n') },
    { name: 'e-db.csv', text: ['timestamp,service,message', ...Array.from({ length: 200 }, (_, i) => `${iso(15000 + i)},db,query ${i}`)].join('\n') },
    { name: 'f-alice-Log.txt', text: 'alice {"alice":1}\nInitialization complete\nalice {"alice":2}\nSending message\n' },
  ];
}

describe('parallel reading in the page', () => {
  let h: Harness;
  useHarness((x) => (h = x));

  async function analyzeWith(workers: number): Promise<{ doc: string; workersStarted: number }> {
    let started = 0;
    const count = () => started++;
    h.page.on('worker', count);
    await h.page.goto(`${h.baseUrl}?workers=${workers}`);
    await h.page.getByTestId('file-input').setInputFiles(files().map((f) => ({ name: f.name, mimeType: 'text/plain', buffer: Buffer.from(f.text) })));
    await h.page.getByTestId('diagram').waitFor();
    await h.page.getByTestId('export-menu').click();
    const [download] = await Promise.all([h.page.waitForEvent('download'), h.page.getByTestId('export-json').click()]);
    const doc = await readFile(await download.path(), 'utf8');
    h.page.off('worker', count);
    return { doc, workersStarted: started };
  }

  it('exports the same document when files are read by three workers as by one', async () => {
    const one = await analyzeWith(1);
    const three = await analyzeWith(3);
    expect(one.workersStarted).toBe(1);
    // The analyzer (reading the first group) and two readers.
    expect(three.workersStarted).toBe(3);
    const parsed = JSON.parse(three.doc) as { executions: { events: unknown[] }[] };
    expect(parsed.executions[0]!.events.length).toBeGreaterThan(1000);
    expect(three.doc).toBe(one.doc);
    expect(h.errors).toEqual([]);
  }, 60_000);
});
