/**
 * Many findings (issue 16, and the frame and long-task budgets): the panel
 * builds the 50 most severe and more on demand, so a run with thousands of
 * findings does not put tens of thousands of elements in the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './helpers/browserHarness';

/** 120 hosts whose one message each arrives stamped before it was sent: 120 clock-skew findings, one per pair of domains. */
function files(): { name: string; mimeType: string; buffer: Buffer }[] {
  const out: { name: string; mimeType: string; buffer: Buffer }[] = [];
  const sink: string[] = [];
  for (let i = 0; i < 120; i++) {
    const sent = Date.UTC(2026, 2, 14, 9, 0, 10) + i * 10;
    out.push({
      name: `host-${String(i).padStart(3, '0')}.jsonl`,
      mimeType: 'application/json',
      buffer: Buffer.from(`${JSON.stringify({ ts: new Date(sent + 2000 + i).toISOString(), host: `h${i}`, msg: 'sent job', msg_id: `j-${i}`, dir: 'send', to: 'sink' })}\n`),
    });
    sink.push(JSON.stringify({ ts: new Date(sent + 5).toISOString(), host: 'sink', msg: 'got job', msg_id: `j-${i}`, dir: 'recv', from: `h${i}` }));
  }
  out.push({ name: 'sink.jsonl', mimeType: 'application/json', buffer: Buffer.from(`${sink.join('\n')}\n`) });
  return out;
}

describe('a run with many findings', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('lists the first 50 and the rest on demand', async () => {
    const { page } = h;
    await page.goto(h.baseUrl);
    await page.getByTestId('file-input').setInputFiles(files());
    await page.getByTestId('diagram').waitFor({ timeout: 60_000 });
    const panel = page.getByTestId('findings');
    await expect.poll(async () => (await panel.locator('h2').textContent())?.trim()).toBe('Findings (120)');
    expect(await panel.getByTestId('finding').count()).toBe(50);
    const more = panel.getByTestId('findings-more');
    expect((await more.textContent())?.trim()).toBe('Show 70 more of 70 not listed');
    await more.click();
    expect(await panel.getByTestId('finding').count()).toBe(120);
    expect(await more.count()).toBe(0);
    expect(h.errors).toEqual([]);
  });
});
