/**
 * The page's limits in Chromium: files too large for the device are refused
 * before a byte is read, with their names and sizes; a user regex that
 * backtracks forever is stopped by the time budget, the message names the
 * rule, and the page analyzes again afterwards.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, type Harness, useHarness } from './helpers/browserHarness';

const GOVECTOR = 'alice {"alice":1}\nsending\nbob {"alice":1,"bob":1}\nreceived\n';

describe('limits', () => {
  let h: Harness;
  useHarness((x) => (h = x));

  it('refuses files larger than the device can hold, naming them', async () => {
    // A device that says it has ~4 KB of memory: a 64 KB file is over its quarter.
    await h.page.addInitScript(() => Object.defineProperty(navigator, 'deviceMemory', { value: 4 / 2 ** 20, configurable: true }));
    await h.page.goto(h.baseUrl);
    h.errors.length = 0;
    await h.page.getByTestId('file-input').setInputFiles({ name: 'huge.log', mimeType: 'text/plain', buffer: Buffer.alloc(64 << 10, 'x') });
    const alert = h.page.getByTestId('error');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Too large to analyze in this tab: 1 file, 64 KB in all \(largest: huge\.log \(64 KB\)\)/);
    expect(await h.page.getByTestId('progress').count()).toBe(0);
    expect(h.errors).toEqual([]);
  });

  it('stops a user regex that runs past its time budget, names the rule, and recovers', async () => {
    const page = await h.context.newPage();
    await page.goto(h.baseUrl);
    await page.getByTestId('tab-rules').click();
    await page.getByTestId('opt-budget').fill('1');
    await page.getByTestId('opt-budget').dispatchEvent('change');
    const rules = { rules: [{ name: 'backtracker', pattern: '^(?<a>(a+)+)$', key: '${a}', send: { text: 'x' } }] };
    await page.getByTestId('rules-text').fill(JSON.stringify(rules));
    await page.getByTestId('tab-start').click();
    const started = Date.now();
    await page.getByTestId('file-input').setInputFiles({ name: 'evil.log', mimeType: 'text/plain', buffer: Buffer.from(`${'a'.repeat(40)}!\n`) });
    const alert = page.getByTestId('error');
    await alert.waitFor({ timeout: 15_000 });
    expect(Date.now() - started).toBeLessThan(8000);
    expect(await alert.textContent()).toMatch(/rule "backtracker" pattern is the likely cause/);
    await page.getByTestId('tab-rules').click();
    expect(await page.getByTestId('rule-problem').textContent()).toMatch(/Too slow/);
    await page.screenshot({ path: join(ARTIFACTS, 'limits-regex-budget.png') });

    // Usable again: clear the rules and analyze a small log.
    await page.getByTestId('rules-text').fill('');
    await page.getByTestId('opt-budget').fill('10');
    await page.getByTestId('opt-budget').dispatchEvent('change');
    await page.getByTestId('tab-start').click();
    await page.getByTestId('file-input').setInputFiles({ name: 'govector.log', mimeType: 'text/plain', buffer: Buffer.from(GOVECTOR) });
    await page.getByTestId('diagram').waitFor();
    await page.close();
  });
});
