/**
 * #15: an upload that yields no events says why, input by input, beside the
 * inputs table, instead of an internal error ("no execution 0 …"); the other
 * views say it too, and nothing asks the worker for an execution.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './helpers/browserHarness';

describe('an upload with no events', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it('says why with the inputs, and no error', async () => {
    const { page } = h;
    await page.goto(h.baseUrl);
    h.errors.length = 0;
    const binary = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i % 2 ? 0 : (i * 31) % 256)));
    await page.getByTestId('file-input').setInputFiles([
      { name: 'core.log', mimeType: 'application/octet-stream', buffer: binary },
      { name: 'blank.log', mimeType: 'text/plain', buffer: Buffer.from('\n \n\n') },
    ]);
    const panel = page.getByTestId('no-events');
    await panel.waitFor({ timeout: 30_000 });
    const text = (await panel.textContent()) ?? '';
    expect(text).toContain('No events in 2 inputs: 1 empty, 1 not text.');
    expect(text).toMatch(/blank\.log: empty \(3 blank lines\)/);
    expect(text).toMatch(/core\.log: not text: not a text file/);
    expect(await page.getByTestId('error').count()).toBe(0);
    // The inputs table is there too.
    expect(await page.getByText('blank.log').count()).toBeGreaterThan(1);

    await page.getByTestId('tab-log').click();
    await page.getByTestId('no-events').waitFor();
    await page.getByTestId('tab-anomalies').click();
    await page.getByTestId('no-events').waitFor();
    expect(await page.getByTestId('error').count()).toBe(0);
    expect(h.errors).toEqual([]);
  });
});
