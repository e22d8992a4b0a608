/**
 * Page settings in Chromium (#16): the theme switch (system, light, dark)
 * recolours the page, the diagram's canvas and the charts at once, is kept
 * across a reload with the other settings, and "system" follows the
 * browser's preference again. "Keep this analysis on this device" is off
 * by default (a reload starts afresh, nothing in IndexedDB); ticked, a
 * reload analyzes the same files again and comes back to the same view;
 * unticked, they are deleted. Screenshots go to test-artifacts/.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, type Harness, useHarness } from './helpers/browserHarness';
import { skewedJsonl } from './helpers/skewedLog';

describe('settings', () => {
  let h: Harness;
  useHarness(
    (x) => (h = x),
    async (h) => {
      await h.page.setViewportSize({ width: 1280, height: 720 });
    },
  );

  const background = () => h.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const canvasHash = async () =>
    createHash('sha256')
      .update(await h.page.locator('[data-testid=diagram] canvas').evaluateAll((els) => els.map((el) => (el as HTMLCanvasElement).toDataURL()).join()))
      .digest('hex');

  it('switches the theme, keeps it across a reload, and follows the system when asked', async () => {
    await h.page.emulateMedia({ colorScheme: 'light' });
    await h.page.goto(h.baseUrl);
    await h.page.getByTestId('sample-quickstart').click();
    await h.page.getByTestId('diagram').waitFor();
    const select = h.page.getByTestId('theme-select');
    expect(await select.inputValue()).toBe('system');
    expect(await background()).toBe('rgb(255, 255, 255)');
    await h.page.waitForTimeout(300);
    const light = await canvasHash();

    await select.selectOption('dark');
    await expect.poll(background).toBe('rgb(22, 24, 28)');
    expect(await h.page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await expect.poll(canvasHash).not.toBe(light);
    await h.page.screenshot({ path: join(ARTIFACTS, 'settings-theme-dark.png') });

    // Kept with the settings: still dark after a reload, the system still light.
    await h.page.reload();
    await h.page.getByTestId('theme-select').waitFor();
    expect(await h.page.getByTestId('theme-select').inputValue()).toBe('dark');
    expect(await background()).toBe('rgb(22, 24, 28)');
    const kept = await h.page.evaluate(() => JSON.parse(localStorage.getItem('causeway.settings/1') ?? '{}').theme);
    expect(kept).toBe('dark');

    // Light chosen on a dark system; then the system's again.
    await h.page.emulateMedia({ colorScheme: 'dark' });
    await h.page.getByTestId('theme-select').selectOption('light');
    await expect.poll(background).toBe('rgb(255, 255, 255)');
    await h.page.screenshot({ path: join(ARTIFACTS, 'settings-theme-light-on-dark-system.png') });
    await h.page.getByTestId('theme-select').selectOption('system');
    await expect.poll(background).toBe('rgb(22, 24, 28)');
    await h.page.emulateMedia({ colorScheme: 'light' });
    await expect.poll(background).toBe('rgb(255, 255, 255)');
    expect(h.errors).toEqual([]);
  }, 120_000);

  it('keeps an analysis on this device only when asked, and a reload restores it', async () => {
    const keptRecords = () =>
      h.page.evaluate(
        () =>
          new Promise<number>((resolve) => {
            const req = indexedDB.open('causeway-kept', 1);
            req.onupgradeneeded = () => req.result.createObjectStore('analysis');
            req.onsuccess = () => {
              const c = req.result.transaction('analysis').objectStore('analysis').count();
              c.onsuccess = () => {
                resolve(c.result);
                req.result.close();
              };
            };
          }),
      );
    const load = async () => {
      await h.page.getByTestId('tab-start').click();
      await h.page.getByTestId('file-input').setInputFiles({ name: 'shop.jsonl', mimeType: 'text/plain', buffer: Buffer.from(skewedJsonl({ messages: 40, locals: 1 })) });
      await h.page.getByTestId('diagram').waitFor();
    };
    await h.page.goto(h.baseUrl);
    await load();
    const keep = h.page.getByTestId('keep-analysis');
    expect(await keep.isChecked()).toBe(false);
    await h.page.reload();
    await h.page.getByTestId('tab-start').waitFor();
    await h.page.waitForTimeout(500);
    expect(await h.page.getByTestId('diagram').count()).toBe(0);
    expect(await keptRecords()).toBe(0);

    await load();
    await h.page.getByTestId('tab-log').click();
    await h.page.getByTestId('log-row').first().waitFor();
    const rows = await h.page.getByTestId('log-rows').getAttribute('aria-rowcount');
    await keep.check();
    await expect.poll(keptRecords).toBe(1);
    await h.page.reload();
    // Analyzed again, on the same view.
    await h.page.getByTestId('log-row').first().waitFor({ timeout: 30_000 });
    expect(await h.page.getByTestId('log-rows').getAttribute('aria-rowcount')).toBe(rows);
    expect(await h.page.getByTestId('keep-analysis').isChecked()).toBe(true);
    await h.page.screenshot({ path: join(ARTIFACTS, 'settings-kept-after-reload.png') });

    await h.page.getByTestId('keep-analysis').uncheck();
    await expect.poll(keptRecords).toBe(0);
    await h.page.reload();
    await h.page.getByTestId('tab-start').waitFor();
    await h.page.waitForTimeout(500);
    expect(await h.page.getByTestId('log-row').count()).toBe(0);
    expect(h.errors).toEqual([]);
  }, 120_000);
});
