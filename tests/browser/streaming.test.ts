/**
 * A ~150 MB JSON-lines file dropped through the file input: the worker reads
 * it as a stream (Blob.stream()), the progress panel updates while it reads,
 * and the analysis completes with every event.
 */
import { createWriteStream, existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTo } from '../../scripts/generate/cli';
import { withDefaults } from '../../scripts/generate/model';
import { ARTIFACTS, startHarness, type Harness } from './helpers/browserHarness';

const EVENTS = 1_000_000;

/** One file of all the generated processes' lines (events name their service, so lanes come from fields). */
async function bigJsonl(): Promise<{ path: string; events: number }> {
  const dir = join(ARTIFACTS, 'streaming-data');
  const path = join(ARTIFACTS, 'streaming-150mb.jsonl');
  if (!existsSync(path)) {
    await mkdir(dir, { recursive: true });
    generateTo(dir, 'jsonl', withDefaults({ events: EVENTS, processes: 16, seed: 7 }));
    const out = createWriteStream(path);
    for (const f of readdirSync(dir).filter((n) => !n.startsWith('.')).sort()) {
      if (!out.write(readFileSync(join(dir, f)))) await new Promise<void>((res) => out.once('drain', () => res()));
    }
    await new Promise<void>((res, rej) => out.end((e?: Error | null) => (e ? rej(e) : res())));
  }
  return { path, events: EVENTS };
}

describe('a big file through the page', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    await mkdir(ARTIFACTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('shows progress while a ~150 MB file streams in, then completes', async () => {
    const { path, events } = await bigJsonl();
    const { page } = h;
    await page.goto(h.baseUrl);
    await page.getByTestId('file-input').setInputFiles(path);
    const seen = new Set<string>();
    const deadline = Date.now() + 200_000;
    while (Date.now() < deadline) {
      const numbers = page.getByTestId('progress-numbers');
      if ((await numbers.count()) > 0) {
        const t = (await numbers.textContent().catch(() => null))?.trim();
        if (t) seen.add(t);
      }
      if ((await page.getByTestId('count-events').count()) > 0) break;
      await page.waitForTimeout(100);
    }
    await page.getByTestId('diagram').waitFor({ timeout: 60_000 });
    const count = (await page.getByTestId('count-events').textContent())?.replace(/\D/g, '');
    expect(Number(count)).toBe(events);
    // Several different progress readings while the one file was read: bytes and events moved.
    const during = [...seen].filter((t) => /events/.test(t));
    expect(during.length).toBeGreaterThanOrEqual(2);
    expect(h.errors).toEqual([]);
  }, 300_000);
});
