/**
 * The year of times written without one, set in the page (issue 14, "Missing
 * year: … or a setting"): a syslog file with no dated line reads as 1970,
 * which the year box says; a year typed and applied reads it again in that
 * year, the log shows it, and a box that holds no year cannot be applied.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, startHarness, type Harness } from './helpers/browserHarness';

const AUTH = [
  'Dec 10 06:55:46 gate sshd[24200]: reverse mapping checking getaddrinfo failed',
  'Dec 10 06:55:48 gate sshd[24200]: Invalid user webmaster from 173.234.31.186',
  '',
].join('\n');

describe('the year of yearless times in the reading settings', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
    await mkdir(ARTIFACTS, { recursive: true });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('says 1970 was assumed, and reads the input again in the year typed', async () => {
    const { page } = h;
    await page.goto(h.baseUrl);
    await page.getByTestId('file-input').setInputFiles({ name: 'auth.log', mimeType: 'text/plain', buffer: Buffer.from(AUTH) });
    await page.getByTestId('diagram').waitFor();
    const settings = page.getByTestId('reading-settings');
    if (!(await settings.evaluate((d) => (d as HTMLDetailsElement).open))) await settings.locator('summary').click();
    const rowSel = '[data-testid=reading-row][data-input="auth.log"]';
    const year = page.locator(`${rowSel} [data-testid=reading-year]`);
    const apply = page.locator(`${rowSel} [data-testid=reading-apply]`);
    expect(await year.getAttribute('placeholder')).toBe('1970?');
    expect(await year.getAttribute('title')).toContain('1970 was assumed');

    await year.fill('05');
    expect(await apply.isDisabled()).toBe(true);
    await year.fill('2005');
    await settings.screenshot({ path: join(ARTIFACTS, 'reading-year.png') });
    await apply.click();

    await page.getByTestId('tab-log').click();
    await expect
      .poll(async () => page.locator('[data-testid=log-row] [role=gridcell]:nth-child(2)').allTextContents(), { timeout: 20_000 })
      .toEqual(['2005-12-10T06:55:46Z', '2005-12-10T06:55:48Z']);
    expect(h.errors).toEqual([]);
  });
});
