/**
 * The mapping panels of the Rules view in Chromium:
 * - clock domains (issue 4: "the mapping is shown in the page and can be
 *   changed"): the quickstart's payments clock is 33 ms behind checkout's, a
 *   clock-skew anomaly; putting both processes on one domain and applying
 *   makes it go (the two now share a clock, so the inversion is not skew),
 *   Reset brings it back, and nothing of the mapping reaches localStorage;
 * - CSV columns (issue 3: "the column mapping is detected, and the user can
 *   correct it"): a CSV export whose time column has an unknown name is read
 *   without times; the detected mapping is shown, the user names the time
 *   column, applies, and the times appear in the log.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, type Harness, useHarness } from './helpers/browserHarness';

const CSV = [
  'when,service,message',
  '2026-03-14T09:26:53.100Z,api,call db req_id=7 dir=send to=db',
  '2026-03-14T09:26:53.120Z,db,handle req_id=7 dir=recv from=api',
  '2026-03-14T09:26:53.140Z,db,done',
  '',
].join('\n');

describe('the mapping panels', () => {
  let h: Harness;
  useHarness((x) => (h = x));

  /** The anomaly kinds listed once the anomalies view has loaded ([] for none). */
  async function anomalyKinds(): Promise<string[] | null> {
    await h.page.getByTestId('tab-anomalies').click();
    return h.page.evaluate(() => {
      const view = document.querySelector('[data-testid=anomalies]');
      if (!view) return null;
      const groups = [...view.querySelectorAll('[data-testid^=anomaly-group-]')].map((g) => g.getAttribute('data-testid')!.replace('anomaly-group-', ''));
      if (groups.length === 0 && !view.querySelector('[data-testid=no-anomalies]')) return null;
      return groups;
    });
  }

  it('moves two processes onto one clock domain, and back', async () => {
    const { page } = h;
    await page.goto(h.baseUrl);
    await page.getByTestId('sample-quickstart').click();
    await page.getByTestId('diagram').waitFor();
    await expect.poll(anomalyKinds).toContain('clock-skew');

    await page.getByTestId('tab-rules').click();
    const input = (p: string) => page.locator(`[data-testid=domain-input][data-process="${p}"]`);
    await input('payments').waitFor();
    expect(await page.getByTestId('domain-input').count()).toBe(3);
    const checkoutDomain = await input('checkout').inputValue();
    expect(checkoutDomain).toBe('web-1');
    expect(await input('payments').inputValue()).toBe('pay-1');
    expect(await page.getByTestId('domain-apply').isDisabled()).toBe(true);
    await input('payments').fill(checkoutDomain);
    await page.getByTestId('domain-apply').click();
    // Analyzed again with the mapping: the field now shows the applied domain, Reset is offered.
    await expect.poll(() => page.getByTestId('domain-reset').isEnabled()).toBe(true);
    await expect.poll(() => input('payments').inputValue()).toBe('web-1');
    await page.screenshot({ path: join(ARTIFACTS, 'mappings-domains.png'), fullPage: true });
    await expect.poll(anomalyKinds).not.toContain('clock-skew');
    expect(await anomalyKinds()).not.toBeNull();
    // Process names are log content: the mapping is not saved.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(stored).not.toContain('web-1');

    await page.getByTestId('tab-rules').click();
    await page.getByTestId('domain-reset').click();
    await expect.poll(() => input('payments').inputValue()).toBe('pay-1');
    await expect.poll(anomalyKinds).toContain('clock-skew');
    expect(h.errors).toEqual([]);
  });

  it('shows the detected CSV columns and reads times once the time column is named', async () => {
    const { page } = h;
    await page.goto(h.baseUrl);
    await page.getByTestId('file-input').setInputFiles({ name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
    await page.getByTestId('diagram').waitFor();
    expect(await page.getByTestId('summary-csv').textContent()).toMatch(/time = \(none\), process = service, message = message/);
    const times = async () => {
      await page.getByTestId('tab-log').click();
      await page.getByTestId('log-row').first().waitFor();
      return page.locator('[data-testid=log-row] [role=gridcell]:nth-child(2)').allTextContents();
    };
    expect(await times()).toEqual(['—', '—', '—']);

    await page.getByTestId('tab-rules').click();
    const detected = page.getByTestId('csv-detected');
    expect(await detected.count()).toBe(1);
    expect(await detected.textContent()).toMatch(/export\.csv\s*\(none\)\s*service\s*message\s*\(none\)/);
    await page.getByTestId('csv-time').fill('when');
    await page.getByTestId('csv-time').press('Tab');
    await page.getByTestId('csv-apply').click();
    await expect.poll(async () => (await detected.textContent()) ?? '').toMatch(/export\.csv\s*when\s*service\s*message/);
    await page.screenshot({ path: join(ARTIFACTS, 'mappings-csv.png'), fullPage: true });
    await expect.poll(times).toEqual(expect.arrayContaining([expect.stringMatching(/^2026-03-14T09:26:53\.1\d\dZ$/)]));
    expect((await times()).filter((t) => t === '—')).toEqual([]);
    // Column names describe the export, not its content: the correction is saved with the settings.
    expect(await page.evaluate(() => localStorage.getItem('causeway.settings/1'))).toContain('"time":"when"');

    await page.getByTestId('tab-rules').click();
    await page.getByTestId('csv-reset').click();
    await expect.poll(async () => (await detected.textContent()) ?? '').toMatch(/export\.csv\s*\(none\)\s*service/);
    expect(h.errors).toEqual([]);
  });
});
