/**
 * #15: a worker that stops without an error event (closed from inside, as
 * a worker killed for memory is) is detected within 2 s through its life
 * lock (workers/workerLife.ts), reported, and Retry runs the analysis again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './helpers/browserHarness';

describe('a worker that dies mid-analysis', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it('is reported within 2 s, and Retry analyzes again', async () => {
    const { page } = h;
    const firstWorker = page.waitForEvent('worker');
    await page.goto(`${h.baseUrl}?workers=1`);
    const analyzer = await firstWorker;
    // The worker holds its life lock once started.
    await expect.poll(() => page.evaluate(async () => (await navigator.locks.query()).held?.length ?? 0), { timeout: 15_000 }).toBeGreaterThan(0);
    // Enough input that the analysis is still running when the worker goes.
    const dataTransfer = await page.evaluateHandle(() => {
      const dt = new DataTransfer();
      const lines: string[] = [];
      for (let i = 1, bytes = 0; bytes < 24 << 20; i++) {
        const rec = `p {"p":${i}}\nstep ${i} of a long run\n`;
        lines.push(rec);
        bytes += rec.length;
      }
      dt.items.add(new File(lines, 'big-Log.txt', { type: 'text/plain' }));
      return dt;
    });
    await page.dispatchEvent('[data-testid=dropzone]', 'drop', { dataTransfer });
    await page.getByTestId('progress').waitFor();
    // Evaluated when the busy worker next reads a message (between chunks): the clock starts once it has closed.
    await analyzer.evaluate(() => (self as unknown as { close(): void }).close()).catch(() => {});
    const t0 = Date.now();
    const failure = page.getByTestId('worker-failure');
    await failure.waitFor({ timeout: 2000 });
    expect(Date.now() - t0).toBeLessThan(2000);
    expect(await failure.textContent()).toContain('stopped answering');
    expect(await page.getByTestId('progress').count()).toBe(0);

    await failure.getByRole('button', { name: 'Retry' }).click();
    await page.getByTestId('diagram').waitFor({ timeout: 60_000 });
    expect(await failure.count()).toBe(0);
  }, 120_000);
});
