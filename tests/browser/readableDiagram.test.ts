/**
 * A diagram people can read (issue 16), in Chromium, on three services where
 * alphabetical order puts the ledger between the gateway and payments:
 * ticks at clock steps, one colour per process in the diagram, the charts
 * and the log, lanes ordered so no gateway → payments arrow crosses the
 * ledger, a hidden lane's messages kept as stubs with a count, event labels
 * once zoomed in, and lanes using the window's free height. Screenshots
 * readable-*.png go to test-artifacts/.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processColour } from '../../src/ui/draw/processColour';
import { ARTIFACTS, startHarness, type Harness } from './helpers/browserHarness';
import { drawnRows } from './helpers/diagramRows';
import { threeServicesJsonl } from './helpers/threeServices';

async function settle(h: Harness): Promise<void> {
  await h.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** "hsl(h s% l% / a)" as [r, g, b] 0..255. */
function rgbOf(css: string): [number, number, number] {
  const m = /^hsl\(([\d.]+) ([\d.]+)% ([\d.]+)%/.exec(css)!;
  const [h, s, l] = [Number(m[1]), Number(m[2]) / 100, Number(m[3]) / 100];
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

/** Canvas pixels within a small distance of an rgb colour. */
async function pixelsOf(h: Harness, rgb: [number, number, number]): Promise<number> {
  return h.page.getByTestId('diagram-canvas').evaluate((el, want) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]! - want[0]) + Math.abs(data[i + 1]! - want[1]) + Math.abs(data[i + 2]! - want[2]) < 12) n++;
    return n;
  }, rgb);
}

async function exportedSvg(h: Harness): Promise<string> {
  const [dl] = await Promise.all([h.page.waitForEvent('download'), h.page.getByTestId('export-svg').click()]);
  return readFile((await dl.path())!, 'utf8');
}

describe('a diagram people can read', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
    await mkdir(ARTIFACTS, { recursive: true });
    await h.page.setViewportSize({ width: 1280, height: 900 });
    await h.page.goto(h.baseUrl);
    await h.page.getByTestId('file-input').setInputFiles({ name: 'three.jsonl', mimeType: 'application/x-ndjson', buffer: Buffer.from(threeServicesJsonl()) });
    await h.page.getByTestId('diagram').waitFor();
    await settle(h);
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  it('orders lanes so no gateway ↔ payments arrow crosses the ledger, and fills the window', async () => {
    const { page } = h;
    const rows = await drawnRows(page);
    expect(rows.map((r) => r.name)).toEqual(['gateway', 'payments', 'ledger']);
    const canvas = page.getByTestId('diagram-canvas');
    const box = (await canvas.boundingBox())!;
    // Lanes stretched into the free height: well past 3 × 40 px, and the legend still in the window.
    expect(box.height).toBeGreaterThan(400);
    expect(rows[0]!.height).toBeGreaterThan(100);
    const legend = (await page.getByTestId('diagram-legend').boundingBox())!;
    expect(legend.y + legend.height).toBeLessThanOrEqual(900 + 1);
    await page.screenshot({ path: join(ARTIFACTS, 'readable-lanes.png') });
    expect(h.errors).toEqual([]);
  });

  it('ticks the raw axis at clock steps (15 s, 30 s, 1 min …)', async () => {
    const { page } = h;
    await page.getByTestId('axis-raw').click();
    await settle(h);
    const svg = await exportedSvg(h);
    const ticks = [...svg.matchAll(/>(\d\d:\d\d(?::\d\d(?:\.\d+)?)?)</g)].map((m) => m[1]!);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(ticks.length).toBeLessThanOrEqual(12);
    const secs = ticks.map((t) => t.split(':').reduce((s, x) => s * 60 + Number(x), 0));
    const step = secs[1]! - secs[0]!;
    expect([1, 2, 5, 10, 15, 30, 60, 120, 300]).toContain(step);
    for (let i = 1; i < secs.length; i++) expect(secs[i]! - secs[i - 1]!).toBe(step);
    expect(secs[0]! % step).toBe(0);
    await page.getByTestId('diagram').screenshot({ path: join(ARTIFACTS, 'readable-ticks.png') });
  });

  it('gives each process one colour in the diagram, the charts and the log', async () => {
    const { page } = h;
    // Processes are numbered by name: gateway 0, ledger 1, payments 2.
    for (const p of [0, 1, 2]) expect(await pixelsOf(h, rgbOf(processColour(p, false))), `process ${p}`).toBeGreaterThan(20);

    await page.getByTestId('tab-charts').click();
    await page.getByTestId('chart-rate').waitFor();
    const markers = await page.getByTestId('chart-rate').locator('.u-series').evaluateAll((els) =>
      els.map((e) => [e.querySelector('.u-label')?.textContent ?? '', getComputedStyle(e.querySelector('.u-marker')!).borderColor]),
    );
    const byName = Object.fromEntries(markers);
    const css = (p: number) => `rgb(${rgbOf(processColour(p, false)).join(', ')})`;
    expect(byName['gateway']).toBe(css(0));
    expect(byName['ledger']).toBe(css(1));
    expect(byName['payments']).toBe(css(2));

    await page.getByTestId('tab-log').click();
    const cell = page.locator('[data-testid=log-row] .proc', { hasText: 'ledger' }).first();
    await cell.waitFor();
    const dot = await cell.evaluate((el) => getComputedStyle(el, '::before').backgroundColor);
    expect(dot).toBe(css(1));
    await page.screenshot({ path: join(ARTIFACTS, 'readable-log-colours.png') });
    await page.getByTestId('tab-diagram').click();
    await page.getByTestId('diagram').waitFor();
    await settle(h);
  });

  it('keeps a hidden lane’s messages as stubs with a count on the lane they came from or went to', async () => {
    const { page } = h;
    await page.getByTestId('lane-menu').locator('summary').click();
    await page.getByRole('button', { name: 'Show ledger' }).click();
    await page.getByTestId('lane-menu').locator('summary').click();
    await settle(h);
    expect((await drawnRows(page)).map((r) => r.name)).toEqual(['gateway', 'payments']);
    const svg = await exportedSvg(h);
    // payments wrote to the ledger 5 times and heard back 5 times.
    expect(svg).toContain('⇵10');
    const stubs = /<g [^>]*stroke-dasharray="3 2"[^>]*>\n<path d="([^"]+)"/.exec(svg);
    expect(stubs).not.toBeNull();
    expect(stubs![1]!.match(/M/g)!.length).toBeGreaterThanOrEqual(5);
    await page.getByTestId('diagram').screenshot({ path: join(ARTIFACTS, 'readable-hidden-stubs.png') });
    await page.getByTestId('lane-menu').locator('summary').click();
    await page.getByRole('button', { name: 'Show all' }).click();
    await page.getByTestId('lane-menu').locator('summary').click();
    await settle(h);
  });

  it('labels events with their text where zooming in makes room', async () => {
    const { page } = h;
    const overlay = page.getByTestId('diagram-overlay');
    await page.getByTestId('axis-logical').click();
    await page.getByRole('button', { name: 'Fit the whole execution' }).click();
    await settle(h);
    // At fit, only the sparse ledger lane has room for labels: none of the gateway's texts.
    await expect.poll(async () => Number(await overlay.getAttribute('data-labels')), { timeout: 5000 }).toBeGreaterThan(0);
    expect(await exportedSvg(h)).not.toMatch(/POST \/transfer|200 OK for/);
    await page.getByTestId('diagram').screenshot({ path: join(ARTIFACTS, 'readable-labels-fit.png') });
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Zoom in' }).click();
    // Zoomed in, the gateway's events get theirs (fetched from the worker, then drawn).
    await expect.poll(async () => /POST \/transfer r-10\d\d|200 OK for r-10\d\d/.test(await exportedSvg(h)), { timeout: 10_000 }).toBe(true);
    await page.getByTestId('diagram').screenshot({ path: join(ARTIFACTS, 'readable-labels.png') });
    expect(h.errors).toEqual([]);
  });
});
