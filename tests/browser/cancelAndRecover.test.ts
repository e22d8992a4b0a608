/**
 * The page stays usable when an analysis is cancelled (between inputs, or in
 * the middle of one long parse, where the worker has to be replaced) and when
 * the worker cannot run at all (its script fails to load): a clear message,
 * Retry, and then analyses work again.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, type Harness, useHarness } from './helpers/browserHarness';

const GOVECTOR = 'alice {"alice":1}\nsending\nbob {"alice":1,"bob":1}\nreceived\n';

/** Drops `files` generated in the page (big inputs need not cross the test protocol). */
async function dropGenerated(h: Harness, files: number, bytesEach: number) {
  const dataTransfer = await h.page.evaluateHandle(
    ([n, size]) => {
      const dt = new DataTransfer();
      for (let f = 0; f < n; f++) {
        const lines: string[] = [];
        let bytes = 0;
        for (let i = 1; bytes < size; i++) {
          const rec = `p${f} {"p${f}":${i}}\nstep ${i} of a long run\n`;
          lines.push(rec);
          bytes += rec.length;
        }
        dt.items.add(new File(lines, `big-${String(f).padStart(3, '0')}.log`, { type: 'text/plain' }));
      }
      return dt;
    },
    [files, bytesEach] as const,
  );
  await h.page.dispatchEvent('[data-testid=dropzone]', 'drop', { dataTransfer });
}

async function analyzeSmall(h: Harness) {
  await h.page.getByTestId('file-input').setInputFiles({ name: 'govector.log', mimeType: 'text/plain', buffer: Buffer.from(GOVECTOR) });
  await h.page.getByTestId('diagram').waitFor();
  expect((await h.page.getByTestId('count-events').textContent())?.trim()).toBe('2');
}

describe('cancel and recovery', () => {
  let h: Harness;
  useHarness((x) => (h = x));

  it('cancels between inputs, then analyzes again', async () => {
    await h.page.goto(h.baseUrl);
    h.errors.length = 0;
    // Enough input (40 × 1 MB) that the analysis is still running when Cancel is clicked,
    // even on a fast machine; the click itself may not wait for long.
    await dropGenerated(h, 40, 1 << 20);
    await h.page.getByTestId('progress').waitFor();
    await h.page.getByRole('button', { name: 'Cancel' }).click({ timeout: 5000 });
    await h.page.getByTestId('cancelled').waitFor({ timeout: 5000 });
    await analyzeSmall(h);
    expect(h.errors).toEqual([]);
  });

  it('cancels in the middle of one long parse by replacing the worker, then analyzes again', async () => {
    await h.page.goto(h.baseUrl);
    h.errors.length = 0;
    await dropGenerated(h, 1, 16 << 20);
    await h.page.getByTestId('progress').waitFor();
    await h.page.screenshot({ path: join(ARTIFACTS, 'progress.png') });
    const started = Date.now();
    await h.page.getByRole('button', { name: 'Cancel' }).click();
    await h.page.getByTestId('cancelled').waitFor({ timeout: 5000 });
    expect(Date.now() - started).toBeLessThan(3000);
    await analyzeSmall(h);
    expect(h.errors).toEqual([]);
  });

  it('reports a worker that cannot start, and Retry recovers', async () => {
    const block = (url: URL) => url.pathname.endsWith('/analyzer.worker.ts');
    await h.context.route(block, (route) => route.abort());
    await h.page.goto(h.baseUrl);
    await h.page.getByTestId('file-input').setInputFiles({ name: 'govector.log', mimeType: 'text/plain', buffer: Buffer.from(GOVECTOR) });
    const failure = h.page.getByTestId('worker-failure');
    await failure.waitFor();
    expect(await failure.textContent()).toContain('analysis worker');
    await h.page.screenshot({ path: join(ARTIFACTS, 'worker-failure.png') });
    await h.context.unroute(block);
    await failure.getByRole('button', { name: 'Retry' }).click();
    await h.page.getByTestId('diagram').waitFor();
    expect(await failure.count()).toBe(0);
    expect((await h.page.getByTestId('count-events').textContent())?.trim()).toBe('2');
  });
});
