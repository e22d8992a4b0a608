/**
 * Log text is data, never markup: a log full of script tags, event-handler
 * attributes, bidi overrides, zero-width characters and a very long line is
 * analyzed and shown, and nothing in it executes or is fetched.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, startHarness, type Harness } from './helpers/browserHarness';

const NASTY = [
  '<script>window.__pwned = "script"</script>',
  '<img src="x-should-not-load" onerror="window.__pwned = \'img\'">',
  '<svg onload="window.__pwned = \'svg\'"></svg>',
  '"><iframe src="javascript:window.__pwned=\'iframe\'"></iframe>',
  'payment \u202Egnp.exe\u202C to \u200Bledger\u200D — right-to-left ‮override‬',
  `a very long line ${'x'.repeat(200_000)} end`,
];

function hostileJsonl(): string {
  const rows = NASTY.map((msg, i) => ({
    ts: `2026-03-14T09:00:0${i}.000Z`,
    service: i % 2 ? '<b onmouseover="window.__pwned=\'name\'">api</b>' : 'web<script>x</script>',
    msg,
    note: '<img src="field-should-not-load" onerror="window.__pwned=\'field\'">',
    msg_id: `m${Math.floor(i / 2)}`,
    dir: i % 2 ? 'recv' : 'send',
  }));
  return rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
}

describe('a hostile log', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it('renders as inert text: nothing executes, nothing is fetched', async () => {
    const { page } = h;
    await page.goto(h.baseUrl);
    await page.getByTestId('file-input').setInputFiles({ name: 'evil.jsonl', mimeType: 'text/plain', buffer: Buffer.from(hostileJsonl()) });
    await page.getByTestId('diagram').waitFor();
    expect((await page.getByTestId('count-events').textContent())?.trim()).toBe(String(NASTY.length));

    // Walk every event into the details panel, where text and fields are shown.
    await page.getByRole('region', { name: /Lane diagram:/ }).focus();
    const seen: string[] = [];
    for (let i = 0; i < NASTY.length; i++) {
      await page.keyboard.press('n');
      const details = page.getByTestId('event-details');
      await details.waitFor();
      seen.push((await details.textContent()) ?? '');
    }
    const all = seen.join('\n');
    expect(all).toContain('<script>window.__pwned = "script"</script>');
    expect(all).toContain('onerror="window.__pwned');
    await page.screenshot({ path: join(ARTIFACTS, 'hostile-log.png'), fullPage: true });

    expect(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned)).toBeUndefined();
    // No element the log described made it into the DOM as markup.
    expect(await page.locator('iframe, [onerror], [onload], [onmouseover], img[src*="should-not-load"]').count()).toBe(0);
    expect(await page.evaluate(() => [...document.scripts].filter((s) => s.textContent?.includes('__pwned')).length)).toBe(0);
    expect(h.requests.filter((u) => u.includes('should-not-load'))).toEqual([]);
    expect(h.errors).toEqual([]);
  });
});
