/**
 * The page end to end in Chromium: a small GoVector log goes in by the file
 * picker, by a drop and by pasting; the summary counts, the lane diagram's
 * pixels, the JSON export and the console are checked, and no request may
 * leave the origin.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AXIS_H, fit, toX } from '../../src/ui/draw/viewport';
import { ARTIFACTS, type Harness, paintedPixels, useHarness } from './helpers/browserHarness';
import { rowOf } from './helpers/diagramRows';

// Two processes, one message alice → bob, in GoVector's "host {clock}\nevent" form.
const GOVECTOR = 'alice {"alice":1}\nsending\nbob {"alice":1,"bob":1}\nreceived\n';

const THREE = [
  'alice {"alice":1}',
  'start',
  'alice {"alice":2}',
  'send ping to bob',
  'bob {"bob":1}',
  'boot',
  'bob {"alice":2,"bob":2}',
  'got ping',
  'bob {"alice":2,"bob":3}',
  'send pong to carol',
  'carol {"alice":2,"bob":3,"carol":1}',
  'got pong',
  'alice {"alice":3}',
  'local work',
  '',
].join('\n');

async function counts(h: Harness) {
  const text = async (id: string) => (await h.page.getByTestId(id).textContent())?.trim();
  return {
    events: await text('count-events'),
    processes: await text('count-processes'),
    messages: await text('count-messages'),
  };
}

describe('the first page', () => {
  let h: Harness;
  useHarness((x) => (h = x));

  it('analyzes a file chosen with the file picker and draws its lanes', async () => {
    const { page } = h;
    await page.goto(h.baseUrl);
    await expect(page.getByTestId('privacy').textContent()).resolves.toContain('Nothing leaves your browser');
    await page.getByTestId('file-input').setInputFiles({ name: 'govector.log', mimeType: 'text/plain', buffer: Buffer.from(GOVECTOR) });
    await page.getByTestId('diagram').waitFor();
    expect(await counts(h)).toEqual({ events: '2', processes: '2', messages: '1' });
    const summary = await page.getByTestId('summary').textContent();
    expect(summary).toContain('govector.log');
    expect(summary).toContain('shiviz');

    const { painted, total } = await paintedPixels(page, '[data-testid=diagram-canvas]');
    expect(total).toBeGreaterThan(0);
    expect(painted).toBeGreaterThan(200);
    await page.screenshot({ path: join(ARTIFACTS, 'drop-file.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(ARTIFACTS, 'drop-file-dark.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });

    await page.getByTestId('export-menu').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-json').click()]);
    expect(download.suggestedFilename()).toBe('causeway-analysis.json');
    const doc = JSON.parse(await readFile(await download.path(), 'utf8'));
    expect(doc.schema).toBe('causeway.analysis/2');
    expect(doc.executions[0].edges).toHaveLength(1);
    expect(h.errors).toEqual([]);
  });

  it('analyzes dropped files and shows an event and its causal past on click', async () => {
    const { page } = h;
    await page.goto(h.baseUrl);
    const dataTransfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'three.log', { type: 'text/plain' }));
      return dt;
    }, THREE);
    await page.dispatchEvent('[data-testid=dropzone]', 'drop', { dataTransfer });
    await page.getByTestId('diagram').waitFor();
    expect(await counts(h)).toEqual({ events: '7', processes: '3', messages: '2' });

    // Click carol's only event: third lane. Its position follows the diagram's pure geometry
    // (ui/draw/viewport.ts, laneLayout.ts): logical axis fitted to the width, ranks 0..4.
    const canvas = page.getByTestId('diagram-canvas');
    const box = await canvas.boundingBox();
    expect(box).not.toBeNull();
    // carol:1 has Lamport 5, the largest: rank 4 of the 5 distinct timestamps.
    const width = await canvas.evaluate((el) => el.clientWidth);
    const v = fit({ min: 0, max: 4 }, { width, height: 200 });
    await canvas.click({ position: { x: toX(v, 4), y: (await rowOf(page, 'carol')).y } });
    const details = page.getByTestId('event-details');
    await details.waitFor();
    const t = await details.textContent();
    expect(t).toContain('carol:1');
    expect(t).toContain('got pong');
    expect(t).toContain('three.log:11');
    await page.screenshot({ path: join(ARTIFACTS, 'drop-select.png'), fullPage: true });

    // The keyboard way: focus the diagram, p steps back in causal order (carol:1 is last, so alice:3 or bob:3 before it).
    await page.getByRole('region', { name: /Lane diagram:/ }).focus();
    await page.keyboard.press('p');
    await expect.poll(async () => (await details.locator('h2').textContent())?.trim()).not.toBe('carol:1');
    await page.keyboard.press('Escape');
    await details.waitFor({ state: 'detached' });
    expect(h.errors).toEqual([]);
  });

  it('analyzes pasted text', async () => {
    const { page } = h;
    await page.goto(h.baseUrl);
    await page.getByText('…or paste text').click();
    await page.getByTestId('paste-text').fill(GOVECTOR);
    await page.getByTestId('paste-submit').click();
    await page.getByTestId('diagram').waitFor();
    expect(await counts(h)).toEqual({ events: '2', processes: '2', messages: '1' });
    expect(h.errors).toEqual([]);
  });

  it('made no request beyond its own origin', () => {
    const origin = new URL(h.baseUrl);
    expect(h.requests.length).toBeGreaterThan(0);
    const foreign = h.requests.filter((u) => {
      const url = new URL(u);
      if (url.protocol === 'data:' || url.protocol === 'blob:') return false;
      return url.host !== origin.host;
    });
    expect(foreign).toEqual([]);
  });
});
