/**
 * Issue 8: "a browser test checks that loading and analyzing a sample makes
 * no request beyond the page's own origin". The harness's Chromium resolves
 * every host but 127.0.0.1 to nothing and records every request of the page
 * and its workers; a sample card is opened, analyzed and looked at in every
 * view, and the recorded URLs must all be the page's own (or blob:/data:).
 */
import { describe, expect, it } from 'vitest';
import { type Harness, useHarness } from './helpers/browserHarness';

describe('a sample, offline', () => {
  let h: Harness;
  useHarness((x) => (h = x));

  it('analyzes a sample from its card and requests nothing beyond the page origin', async () => {
    const { page } = h;
    await page.goto(h.baseUrl);
    await page.getByTestId('sample-k8s-node-failure').click();
    await page.getByTestId('diagram').waitFor();
    expect(Number((await page.getByTestId('count-events').textContent())?.replace(/,/g, ''))).toBeGreaterThan(0);
    for (const view of ['anomalies', 'charts', 'log', 'rules', 'compare', 'diagram']) {
      await page.getByTestId(`tab-${view}`).click();
      await page.locator(`#view-panel.view-${view}`).waitFor();
    }
    await page.waitForLoadState('networkidle');

    const origin = new URL(h.baseUrl);
    // The check sees the page's own requests: the manifest and the sample's files.
    expect(h.requests.some((u) => u.includes('/sample-logs/index.json'))).toBe(true);
    expect(h.requests.some((u) => u.includes('/sample-logs/k8s-node-failure/events.json'))).toBe(true);
    const foreign = h.requests.filter((u) => {
      const url = new URL(u);
      return url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== origin.origin;
    });
    expect(foreign).toEqual([]);
    expect(h.errors).toEqual([]);
  });
});
