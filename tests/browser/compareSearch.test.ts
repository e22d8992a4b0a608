/**
 * Compare and search in Chromium (#16): two generated runs of 20,000 events
 * per process (new ids, amounts and nanosecond times in each, three
 * differences) are compared per process: the sides are named by their files
 * and the differences labelled only in A, only in B and differs. In the log,
 * Enter goes to the first hit, "Only hits" leaves the hits' rows alone, the
 * current row's whole text is shown and times keep their nanoseconds.
 * Screenshots go to test-artifacts/.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, type Harness, useHarness } from './helpers/browserHarness';
import { runJsonl } from './helpers/twoRuns';

const ORDERS = 20_000;

describe('compare and search', () => {
  let h: Harness;
  useHarness(
    (x) => (h = x),
    async (h) => {
      await h.page.setViewportSize({ width: 1280, height: 800 });
    },
  );

  async function openRun(): Promise<void> {
    await h.page.goto(h.baseUrl);
    await h.page.getByTestId('file-input').setInputFiles({ name: 'good-run.jsonl', mimeType: 'text/plain', buffer: Buffer.from(runJsonl({ orders: ORDERS }, 'a')) });
    await h.page.getByTestId('diagram').waitFor({ timeout: 60_000 });
  }

  it('compares two runs of 20,000 events per process, sides named by their files', async () => {
    await openRun();
    await h.page.getByTestId('tab-compare').click();
    await h.page.getByTestId('second-run-input').setInputFiles({ name: 'bad-run.jsonl', mimeType: 'text/plain', buffer: Buffer.from(runJsonl({ orders: ORDERS }, 'b')) });
    const table = h.page.getByTestId('compare-table');
    await table.waitFor({ timeout: 90_000 });
    const rows = await h.page.getByTestId('compare-row').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^gateway\s*differs\s*20,?001\s*20,?000\s*1 \/ 0$/);
    expect(rows[1]).toMatch(/^payments\s*differs\s*20,?000\s*20,?001\s*1 \/ 2$/);
    expect(rows.join()).not.toMatch(/too long|too different/);
    const summary = await h.page.getByTestId('compare-summary').textContent();
    expect(summary).toMatch(/2 of 2 processes differ: 3 differences between A \(1 · good-run\.jsonl\) and B \(2 · bad-run\.jsonl\)/);
    const hunks = h.page.getByTestId('compare-hunk');
    expect(await hunks.count()).toBe(3);
    const texts = await hunks.allTextContents();
    expect(texts[0]).toMatch(/^gateway\s*only in A\s*#\d+ cache warmed: \d+ entries\s*$/);
    expect(texts[1]).toMatch(/^payments\s*only in B\s*#\d+ retrying ledger write for req-/);
    expect(texts[2]).toMatch(/^payments\s*differs\s*#\d+ charging [\d.]+ EUR for req-\S+\s*#\d+ charge declined for req-/);
    expect(await h.page.locator('[data-testid=compare] h3').allTextContents()).toEqual(['A: 1 · good-run.jsonl', 'B: 2 · bad-run.jsonl']);
    const page = await h.page.textContent('[data-testid=compare]');
    expect(page).not.toMatch(/run A|run B|search hit/);
    expect(await h.page.getByTestId('compare-a').locator('option:checked').textContent()).toBe('1 · good-run.jsonl');
    await h.page.screenshot({ path: join(ARTIFACTS, 'compare-20k.png') });
    const b = h.page.getByTestId('compare-b-diagram');
    await b.scrollIntoViewIfNeeded();
    await b.locator('canvas').first().waitFor();
    expect(await b.textContent()).toMatch(/differs or only in B/);
    await h.page.screenshot({ path: join(ARTIFACTS, 'compare-20k-diagrams.png') });
    expect(h.errors).toEqual([]);
  }, 240_000);

  it('goes to the first hit on Enter, shows only hits, and keeps nanoseconds', async () => {
    await openRun();
    await h.page.getByTestId('tab-log').click();
    await h.page.getByTestId('log-row').first().waitFor();
    // Times as written, to the nanosecond.
    const firstTime = await h.page.locator('[data-testid=log-row] [role=gridcell]').nth(1).textContent();
    expect(firstTime).toMatch(/^2024-05-02T09:00:00\.\d{9}Z$/);
    const box = h.page.getByTestId('log-search');
    await box.fill('/orders\\/1234 /');
    await box.press('Enter');
    const current = h.page.locator('[data-testid=log-row].current');
    await current.waitFor();
    expect(await current.textContent()).toMatch(/POST \/orders\/1234 req-/);
    await expect.poll(() => h.page.getByTestId('search-status').textContent()).toMatch(/^\s*1 hit\s*$/);
    // The whole text of the current row, ids and all.
    expect(await h.page.getByTestId('log-current-text').textContent()).toMatch(/^POST \/orders\/1234 req-[0-9a-f-]{36} span=[0-9a-f]{16} forwarding to payments$/);
    await h.page.screenshot({ path: join(ARTIFACTS, 'search-enter.png') });

    // A query with many hits: Enter goes to the first in the order shown, Enter again to the next.
    await box.fill('cache warmed');
    await box.press('Enter');
    await expect.poll(async () => (await current.textContent()) ?? '').toMatch(/cache warmed/);
    await box.fill('orders/77');
    await box.press('Enter');
    await expect.poll(async () => (await current.textContent()) ?? '').toMatch(/POST \/orders\/77 /);
    await box.press('Enter');
    await expect.poll(async () => (await current.textContent()) ?? '').toMatch(/POST \/orders\/77\d /);
    await expect.poll(() => h.page.getByTestId('search-status').textContent()).toMatch(/111 hits/);

    await h.page.getByTestId('only-hits').check();
    // 111 rows and the header (the table draws the rows in view).
    await expect.poll(() => h.page.getByTestId('log-rows').getAttribute('aria-rowcount')).toBe('112');
    expect(await h.page.locator('[data-testid=log-row]').count()).toBeGreaterThan(10);
    const shownTexts = await h.page.locator('[data-testid=log-row]').allTextContents();
    expect(shownTexts.every((t) => /orders\/77/.test(t))).toBe(true);
    expect(await h.page.locator('[data-testid=log-row]:not(.hit)').count()).toBe(0);
    await h.page.getByTestId('wrap-text').check();
    await h.page.screenshot({ path: join(ARTIFACTS, 'search-only-hits-wrapped.png') });
    await h.page.getByTestId('only-hits').uncheck();
    await expect.poll(() => h.page.locator('[data-testid=log-row]:not(.hit)').count()).toBeGreaterThan(0);
    expect(Number(await h.page.getByTestId('log-rows').getAttribute('aria-rowcount'))).toBe(2 * ORDERS + 2);
    expect(h.errors).toEqual([]);
  }, 180_000);
});
