/**
 * The analyzer's views in Chromium at 1280×720, on the quickstart sample:
 * its card, an anomaly that leads to the diagram and the log, the merged
 * log's orders and wrong-order marks, search (text, regex, field=value) that
 * also marks the diagram, every export format (the same bytes as the core's
 * exportText, which the CLI writes), the rules editor's live counts and its
 * message at a bad rule, the shortcuts dialog, the URL hash surviving a
 * reload, no horizontal overflow in any view, and no console errors.
 * Screenshots of each view go to test-artifacts/.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import { EXPORT_FORMATS, exportText } from '../../src/core/export/exportFormats';
import { ARTIFACTS, type Harness, PROJECT_ROOT, useHarness } from './helpers/browserHarness';

const QUICKSTART = ['quickstart/checkout.jsonl', 'quickstart/payments.jsonl', 'quickstart/warehouse.jsonl'];

describe('the analyzer views', () => {
  let h: Harness;
  useHarness(
    (x) => (h = x),
    async (h) => {
      await h.page.setViewportSize({ width: 1280, height: 720 });
    },
  );

  async function openQuickstart() {
    await h.page.goto(h.baseUrl);
    await h.page.getByTestId('sample-quickstart').click();
    await h.page.getByTestId('diagram').waitFor();
  }

  async function canvasHash(): Promise<string> {
    const data = await h.page.locator('[data-testid=diagram] canvas').evaluateAll((els) => els.map((el) => (el as HTMLCanvasElement).toDataURL()).join());
    return createHash('sha256').update(data).digest('hex');
  }

  async function noHorizontalOverflow(): Promise<void> {
    const { scroll, client } = await h.page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(scroll).toBeLessThanOrEqual(client);
  }

  it('shows the samples on the start view and opens one from its card', async () => {
    await h.page.goto(h.baseUrl);
    await h.page.getByTestId('sample-quickstart').waitFor();
    await h.page.screenshot({ path: join(ARTIFACTS, 'views-start.png') });
    await noHorizontalOverflow();
    await h.page.getByTestId('sample-quickstart').click();
    await h.page.getByTestId('diagram').waitFor();
    expect(await h.page.getByTestId('tab-diagram').getAttribute('aria-selected')).toBe('true');
    await h.page.screenshot({ path: join(ARTIFACTS, 'views-diagram.png') });
    await noHorizontalOverflow();
    expect(h.errors).toEqual([]);
  });

  it('follows an anomaly to its events in the diagram and its row in the log', async () => {
    await openQuickstart();
    await h.page.getByTestId('tab-anomalies').click();
    const group = h.page.getByTestId('anomaly-group-clock-skew');
    await group.waitFor();
    expect(await group.locator('summary').textContent()).toMatch(/warning\s*clock-skew\s*1/);
    const item = group.getByTestId('anomaly-item').first();
    // The summary as written, teaching the skew in plain words.
    expect(await item.textContent()).toMatch(/clock is at least 33 ms behind/);
    await h.page.screenshot({ path: join(ARTIFACTS, 'views-anomalies.png') });
    await noHorizontalOverflow();

    const before = await (async () => {
      await h.page.getByTestId('tab-diagram').click();
      await h.page.getByTestId('diagram').waitFor();
      return canvasHash();
    })();
    await h.page.getByTestId('tab-anomalies').click();
    await h.page.getByTestId('anomaly-item').first().click();
    // Diagram focus: the view switches, the first event is selected and ringed.
    await h.page.getByTestId('diagram').waitFor();
    await h.page.getByTestId('event-details').waitFor();
    expect(await h.page.getByTestId('event-details').locator('h2').textContent()).toBe('checkout:2');
    await expect.poll(canvasHash).not.toBe(before);
    await h.page.screenshot({ path: join(ARTIFACTS, 'views-anomaly-focus.png') });

    // The log scrolled to the same event's row.
    await h.page.getByTestId('tab-log').click();
    const current = h.page.locator('[data-testid=log-row].current');
    await current.waitFor();
    expect(await current.textContent()).toContain('charge card for order 1042');
    expect(h.errors).toEqual([]);
  });

  it('orders the log by causality, raw and corrected time, marking what a raw sort gets wrong', async () => {
    await openQuickstart();
    await h.page.getByTestId('tab-log').click();
    await h.page.getByTestId('log-row').first().waitFor();
    const texts = async () => h.page.locator('[data-testid=log-row] .text').allTextContents();
    await expect.poll(async () => (await texts()).length).toBe(9);
    const causal = await texts();
    // Causally, the charge request is sent before payments receives it.
    expect(causal.indexOf('charge card for order 1042')).toBeLessThan(causal.indexOf('charge request for order 1042'));
    expect(await h.page.getByTestId('wrong-count').textContent()).toMatch(/come before part of their own causal past/);

    await h.page.getByTestId('order-raw').check();
    await expect.poll(async () => (await texts())[0]).toBe('charge request for order 1042');
    const wrong = h.page.locator('[data-testid=log-row].wrong');
    expect(await wrong.count()).toBeGreaterThan(0);
    expect(await wrong.first().textContent()).toContain('charge request for order 1042');
    await h.page.screenshot({ path: join(ARTIFACTS, 'views-log-raw.png') });
    await noHorizontalOverflow();

    await h.page.getByTestId('order-corrected').check();
    // Both indices are read in the same poll: reading the second once, before the poll, raced the re-render.
    const chargeBeforeRequest = async () => {
      const now = await texts();
      const card = now.indexOf('charge card for order 1042');
      const request = now.indexOf('charge request for order 1042');
      return card >= 0 && request >= 0 && card < request;
    };
    await expect.poll(chargeBeforeRequest).toBe(true);
    expect(h.errors).toEqual([]);
  });

  it('searches by text, regex and field=value, and marks the hits in the diagram', async () => {
    await openQuickstart();
    const plain = await canvasHash();
    await h.page.getByTestId('tab-log').click();
    const box = h.page.getByTestId('log-search');
    const status = h.page.getByTestId('search-status');

    await box.fill('ORDER 1042');
    await expect.poll(async () => (await status.textContent())?.trim()).toBe('8 hits');
    expect(await h.page.locator('[data-testid=log-row].hit').count()).toBe(8);

    await box.fill('/^(charge|confirm)\\b/');
    await expect.poll(async () => (await status.textContent())?.trim()).toBe('3 hits');

    await box.fill('process=payments');
    await expect.poll(async () => (await status.textContent())?.trim()).toBe('3 hits');
    await box.fill('dir=send');
    await expect.poll(async () => (await status.textContent())?.trim()).toBe('3 hits');
    await h.page.screenshot({ path: join(ARTIFACTS, 'views-log-search.png') });

    await box.fill('/(unclosed/');
    await expect.poll(async () => status.textContent()).toMatch(/not a valid regular expression/);

    await box.fill('kind=receive');
    await expect.poll(async () => (await status.textContent())?.trim()).toBe('3 hits');
    await h.page.getByTestId('tab-diagram').click();
    await h.page.getByTestId('diagram').waitFor();
    await h.page.waitForTimeout(300);
    await h.page.screenshot({ path: join(ARTIFACTS, 'views-diagram-search.png') });
    await expect.poll(canvasHash).not.toBe(plain);
    expect(h.errors).toEqual([]);
  });

  it('exports every format with the bytes the CLI writes', async () => {
    await openQuickstart();
    const inputs = await Promise.all(
      QUICKSTART.map(async (name) => ({ name, bytes: new Uint8Array(await readFile(join(PROJECT_ROOT, 'sample-logs', name))) })),
    );
    const analysis = await analyze(inputs);
    for (const format of EXPORT_FORMATS) {
      await h.page.getByTestId('export-menu').click();
      const [download] = await Promise.all([h.page.waitForEvent('download'), h.page.getByTestId(`export-${format}`).click()]);
      const text = await readFile(await download.path(), 'utf8');
      expect(text, format).toBe(exportText(analysis, format));
      if (format === 'json') {
        expect(download.suggestedFilename()).toBe('causeway-analysis.json');
        expect(JSON.parse(text).schema).toBe('causeway.analysis/2');
      } else if (format === 'ndjson') {
        for (const line of text.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
      } else if (format === 'csv') {
        expect(text.startsWith('execution,process,clock domain,raw time,corrected time,lamport,vector clock,kind,anomalies,text\r\n')).toBe(true);
      } else if (format === 'shiviz') {
        expect(text.split('\n')[0]).toContain('(?<host>');
      } else {
        expect(download.suggestedFilename()).toBe('causeway-analysis.trace.json');
        expect(Array.isArray(JSON.parse(text).traceEvents)).toBe(true);
      }
    }
    expect(h.errors).toEqual([]);
  });

  it('edits rules with live counts, a message at a bad rule, and keeps them in the browser', async () => {
    await openQuickstart();
    await h.page.getByTestId('tab-rules').click();
    const rules = {
      schema: 'causeway.rules/1',
      rules: [{ name: 'orders', key: 'order=${order}', send: { text: 'placed' }, receive: { text: 'authorised' } }],
    };
    await h.page.getByTestId('rules-text').fill(JSON.stringify(rules, null, 2));
    const counts = h.page.getByTestId('rule-counts');
    await expect.poll(async () => (await counts.first().textContent())?.replace(/\s+/g, ' ').trim(), { timeout: 10_000 }).toBe('0 lines · 2 keyed · 1 edges');
    await h.page.screenshot({ path: join(ARTIFACTS, 'views-rules.png') });
    await noHorizontalOverflow();

    // A bad regex: the message is at the rule, the page carries on.
    const bad = { rules: [...rules.rules, { name: 'broken', pattern: '(?<ts>[', key: '${ts}', send: { text: 'x' } }] };
    await h.page.getByTestId('rules-text').fill(JSON.stringify(bad, null, 2));
    const items = h.page.getByTestId('rule-item');
    await expect.poll(() => items.count()).toBe(2);
    expect(await items.nth(1).getByTestId('rule-problem').textContent()).toMatch(/"pattern" is not a valid regular expression/);
    await h.page.screenshot({ path: join(ARTIFACTS, 'views-rules-bad.png') });

    // Not JSON: one message for the whole text.
    await h.page.getByTestId('rules-text').fill('{ "rules": [');
    await expect.poll(async () => h.page.getByTestId('rules-error').textContent()).toMatch(/not valid JSON/);

    // Saved: a reload brings the text back; nothing of the logs is in storage.
    await h.page.getByTestId('rules-text').fill(JSON.stringify(rules));
    await h.page.reload();
    await h.page.getByTestId('tab-rules').click();
    expect(await h.page.getByTestId('rules-text').inputValue()).toBe(JSON.stringify(rules));
    const stored = await h.page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(stored).not.toContain('charge card');
    await h.page.getByTestId('rules-text').fill('');
    expect(h.errors).toEqual([]);
  });

  it('lists the shortcuts on ?, and switches views by key', async () => {
    await openQuickstart();
    await h.page.locator('body').press('?');
    const dialog = h.page.getByTestId('shortcuts');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.textContent()).toContain('Show these shortcuts');
    await h.page.screenshot({ path: join(ARTIFACTS, 'views-shortcuts.png') });
    await h.page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await h.page.keyboard.press('5');
    expect(await h.page.getByTestId('tab-log').getAttribute('aria-selected')).toBe('true');
    await h.page.keyboard.press('/');
    await expect.poll(() => h.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('log-search');
    expect(h.errors).toEqual([]);
  });

  it('keeps the sample, view, selection, axis and order in the URL hash across a reload', async () => {
    await openQuickstart();
    await h.page.getByTestId('tab-log').click();
    await h.page.getByTestId('order-raw').check();
    await h.page.locator('[data-testid=log-row]').nth(2).click();
    await h.page.locator('body').press('a'); // axis: logical → raw
    await expect.poll(() => h.page.evaluate(() => location.hash)).toMatch(/event=\d+/);
    const hash = await h.page.evaluate(() => location.hash);
    expect(hash).toMatch(/sample=quickstart/);
    expect(hash).toMatch(/view=log/);
    expect(hash).toMatch(/axis=raw/);
    expect(hash).toMatch(/order=raw/);

    await h.page.reload();
    await h.page.locator('[data-testid=log-row].current').waitFor();
    expect(await h.page.getByTestId('tab-log').getAttribute('aria-selected')).toBe('true');
    expect(await h.page.getByTestId('order-raw').isChecked()).toBe(true);
    expect(await h.page.evaluate(() => location.hash)).toBe(hash);
    await h.page.getByTestId('tab-diagram').click();
    await h.page.getByTestId('event-details').waitFor();
    expect(h.errors).toEqual([]);
  });

  it('draws the charts and fits every view in 1280×720', async () => {
    await openQuickstart();
    await h.page.getByTestId('tab-charts').click();
    await h.page.getByTestId('chart-rate').locator('canvas').waitFor();
    expect(await h.page.getByTestId('chart-offset').count()).toBeGreaterThan(0);
    await h.page.getByTestId('chart-skew').locator('canvas').waitFor();
    await h.page.screenshot({ path: join(ARTIFACTS, 'views-charts.png') });
    await noHorizontalOverflow();
    await h.page.getByTestId('tab-compare').click();
    await h.page.getByTestId('compare').waitFor();
    await noHorizontalOverflow();
    await h.page.emulateMedia({ colorScheme: 'dark' });
    await h.page.getByTestId('tab-log').click();
    await h.page.getByTestId('log-row').first().waitFor();
    await h.page.screenshot({ path: join(ARTIFACTS, 'views-log-dark.png') });
    await h.page.getByTestId('tab-charts').click();
    await h.page.getByTestId('chart-rate').locator('canvas').waitFor();
    await h.page.screenshot({ path: join(ARTIFACTS, 'views-charts-dark.png') });
    await h.page.emulateMedia({ colorScheme: 'light' });
    expect(h.errors).toEqual([]);
  });

  it('compares two runs loaded side by side', async () => {
    await openQuickstart();
    await h.page.getByTestId('tab-compare').click();
    const changed = [
      '{"ts":"2026-03-14T09:26:53.120Z","service":"checkout","host":"web-1","msg":"order 1043 placed","order":"1043"}',
      '{"ts":"2026-03-14T09:26:53.124Z","service":"checkout","host":"web-1","msg":"charge card for order 1043","msg_id":"pay-1043","dir":"send","to":"payments"}',
      '{"ts":"2026-03-14T09:26:53.200Z","service":"checkout","host":"web-1","msg":"payment timed out for order 1043"}',
      '',
    ].join('\n');
    await h.page.getByTestId('second-run-input').setInputFiles({ name: 'checkout.jsonl', mimeType: 'text/plain', buffer: Buffer.from(changed) });
    const table = h.page.getByTestId('compare-table');
    await table.waitFor();
    const rows = await h.page.getByTestId('compare-row').allTextContents();
    expect(rows.find((r) => r.startsWith('checkout'))).toMatch(/differs/);
    expect(rows.find((r) => r.startsWith('payments'))).toMatch(/only in A/);
    expect(await h.page.getByTestId('compare-summary').textContent()).toMatch(/3 of 3 processes differ/);
    await h.page.screenshot({ path: join(ARTIFACTS, 'views-compare.png') });
    const b = h.page.getByTestId('compare-b-diagram');
    await b.scrollIntoViewIfNeeded();
    await b.locator('canvas').first().waitFor();
    await h.page.screenshot({ path: join(ARTIFACTS, 'views-compare-b.png') });
    expect(h.errors).toEqual([]);
  });
});
