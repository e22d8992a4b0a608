/**
 * The space-time diagram in Chromium, on a log whose second host's clock runs
 * 50 ms behind: axis modes (and the backwards arrows only raw time shows),
 * zoom and pan by keys and wheel, hiding and collapsing lanes, folding,
 * the hover tooltip, SVG and PNG export, and a 100k-event frame-time probe
 * (reported, not asserted). Screenshots go to test-artifacts/.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANE_H } from '../../src/ui/draw/laneLayout';
import { AXIS_H } from '../../src/ui/draw/viewport';
import { ARTIFACTS, type Harness, paintedPixels, useHarness } from './helpers/browserHarness';
import { drawnRows, rowOf } from './helpers/diagramRows';
import { skewedJsonl } from './helpers/skewedLog';

const SKEWED = skewedJsonl({ messages: 12, locals: 2, untimedLine: true });

/** The latest frame's work, from the perf hook. */
async function lastFrame(h: Harness): Promise<{ dots: number; marks: number; edges: number; duration: number } | null> {
  return h.page.evaluate(() => {
    const e = performance.getEntriesByName('causeway:diagram-frame')[0] as PerformanceMeasure | undefined;
    return e ? { ...(e.detail as { dots: number; marks: number; edges: number }), duration: e.duration } : null;
  });
}

/** Waits two animation frames: a scheduled draw has happened. */
async function settle(h: Harness): Promise<void> {
  await h.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function load(h: Harness, name: string, text: string): Promise<void> {
  await h.page.goto(h.baseUrl);
  await h.page.getByTestId('file-input').setInputFiles({ name, mimeType: 'application/x-ndjson', buffer: Buffer.from(text) });
  await h.page.getByTestId('diagram').waitFor();
  await settle(h);
}

describe('the space-time diagram', () => {
  let h: Harness;
  useHarness(
    (x) => (h = x),
    async (h) => {
      await h.page.setViewportSize({ width: 1280, height: 720 });
    },
  );

  it('switches axis modes and shows backwards arrows only on the raw clock', async () => {
    await load(h, 'skewed.jsonl', SKEWED);
    const { page } = h;
    await page.getByTestId('diagram').scrollIntoViewIfNeeded();
    expect((await paintedPixels(page, '[data-testid=diagram-canvas]')).painted).toBeGreaterThan(500);
    await expect(page.getByTestId('axis-logical').getAttribute('aria-pressed')).resolves.toBe('true');
    await page.getByTestId('diagram').screenshot({ path: join(ARTIFACTS, 'diagram-logical.png') });

    await page.getByTestId('axis-raw').click();
    await settle(h);
    const legend = page.getByTestId('legend-backward');
    // Every api → db message is received "before" it was sent: 6 of 12.
    await expect(legend.textContent()).resolves.toContain('6 messages received “before” sent');
    await expect(page.getByTestId('legend-untimed').textContent()).resolves.toContain('no time');
    // The backward style is drawn: the danger colour shows up on the canvas.
    const danger = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--danger').trim());
    expect(await countColour(h, danger)).toBeGreaterThan(20);
    await page.getByTestId('diagram').screenshot({ path: join(ARTIFACTS, 'diagram-raw.png') });

    await page.getByTestId('axis-corrected').click();
    await settle(h);
    await expect(legend.count()).resolves.toBe(0);
    expect(await countColour(h, danger)).toBeLessThan(5);
    await page.getByTestId('diagram').screenshot({ path: join(ARTIFACTS, 'diagram-corrected.png') });

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.getByTestId('axis-raw').click();
    await settle(h);
    await page.getByTestId('diagram').screenshot({ path: join(ARTIFACTS, 'diagram-raw-dark.png') });
    await page.emulateMedia({ colorScheme: 'light' });
    expect(h.errors).toEqual([]);
  });

  it('zooms and pans by keyboard and wheel', async () => {
    await load(h, 'skewed.jsonl', skewedJsonl({ messages: 200, locals: 1 }));
    const { page } = h;
    const region = page.getByRole('region', { name: /Lane diagram:/ });
    await region.focus();
    const fitted = (await lastFrame(h))!;
    expect(fitted.dots).toBe(600);
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await settle(h);
    const zoomed = (await lastFrame(h))!;
    expect(zoomed.dots).toBeLessThan(fitted.dots / 2);
    const minimap = page.getByTestId('diagram-minimap');
    const before = await minimap.getAttribute('aria-valuenow');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await settle(h);
    expect(Number(await minimap.getAttribute('aria-valuenow'))).toBeGreaterThan(Number(before));
    await page.keyboard.press('Home');
    await settle(h);
    const home = Number(await minimap.getAttribute('aria-valuenow'));
    await page.keyboard.press('End');
    await settle(h);
    expect(Number(await minimap.getAttribute('aria-valuenow'))).toBeGreaterThan(home);
    await page.screenshot({ path: join(ARTIFACTS, 'diagram-zoomed.png') });
    await page.keyboard.press('0');
    await settle(h);
    expect((await lastFrame(h))!.dots).toBe(600);

    // Wheel: a sideways two-finger scroll pans, Ctrl + wheel (a pinch) zooms in at the pointer.
    const box = (await page.getByTestId('diagram-canvas').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.keyboard.down('Control');
    await page.mouse.wheel(0, -200);
    await page.keyboard.up('Control');
    await settle(h);
    expect((await lastFrame(h))!.dots).toBeLessThan(400);
    const mid = Number(await minimap.getAttribute('aria-valuenow'));
    await page.mouse.wheel(300, 0);
    await settle(h);
    expect(Number(await minimap.getAttribute('aria-valuenow'))).toBeGreaterThan(mid);
    // A mouse wheel notch zooms out.
    const dotsIn = (await lastFrame(h))!.dots;
    await page.mouse.wheel(0, 100);
    await settle(h);
    expect((await lastFrame(h))!.dots).toBeGreaterThan(dotsIn);
    expect(h.errors).toEqual([]);
  });

  it('hides, collapses and folds lanes, and shows a tooltip on hover', async () => {
    await load(h, 'skewed.jsonl', SKEWED);
    const { page } = h;
    const canvas = page.getByTestId('diagram-canvas');
    const full = await canvas.evaluate((el) => el.clientHeight);
    const rows = await drawnRows(page);
    expect(rows.map((r) => r.name)).toEqual(['api', 'db']);
    expect(full).toBe(AXIS_H + rows[0]!.height + rows[1]!.height + 8);

    // Collapse db by clicking its name in the label column.
    await canvas.click({ position: { x: 60, y: (await rowOf(page, 'db')).y } });
    await settle(h);
    expect(await canvas.evaluate((el) => el.clientHeight)).toBeLessThan(full);
    await page.getByTestId('diagram').screenshot({ path: join(ARTIFACTS, 'diagram-collapsed.png') });

    // Hide api from the lane menu: only db's strip remains.
    await page.getByTestId('lane-menu').locator('summary').click();
    await page.getByRole('button', { name: 'Show api' }).click();
    await settle(h);
    await expect(page.getByTestId('lane-menu').locator('summary').textContent()).resolves.toContain('1 hidden');
    expect(await canvas.evaluate((el) => el.clientHeight)).toBeLessThan(AXIS_H + LANE_H);
    await page.getByRole('button', { name: 'Show all' }).click();
    await page.getByRole('button', { name: 'Collapse db' }).click();
    await page.getByTestId('lane-menu').locator('summary').click();
    await settle(h);
    expect(await canvas.evaluate((el) => el.clientHeight)).toBe(full);

    // Folding: api's runs of two local events become one glyph each.
    const marksBefore = (await lastFrame(h))!.marks;
    await page.getByTestId('fold-toggle').click();
    await settle(h);
    expect((await lastFrame(h))!.marks).toBeLessThan(marksBefore);
    await page.getByTestId('diagram').screenshot({ path: join(ARTIFACTS, 'diagram-folded.png') });
    await page.getByTestId('fold-toggle').click();

    // Hover the first event of api (rank 0 on the logical axis: the plot's left edge).
    await canvas.hover({ position: { x: 160 + 24, y: (await rowOf(page, 'api')).y } });
    const tip = page.getByTestId('diagram-tooltip');
    await tip.waitFor();
    await expect.poll(async () => tip.textContent()).toContain('skewed.jsonl:1');
    const text = (await tip.textContent())!;
    expect(text).toContain('api:1');
    expect(text).toContain('2024-03-01T12:00:00');
    expect(text).toMatch(/Lamport\s*1\b/);
    expect(text).toContain('{api: 1}');
    await page.getByTestId('diagram').screenshot({ path: join(ARTIFACTS, 'diagram-tooltip.png') });
    expect(h.errors).toEqual([]);
  });

  it('exports the view as SVG (deterministic, escaped) and PNG', async () => {
    const hostile = skewedJsonl({ messages: 4 }).replaceAll('"service":"db"', '"service":"<img src=x onerror=alert(1)>&db"');
    await load(h, 'hostile.jsonl', hostile);
    const { page } = h;
    const svgOf = async () => {
      const [dl] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-svg').click()]);
      expect(dl.suggestedFilename()).toBe('causeway-diagram-logical.svg');
      return readFile((await dl.path())!, 'utf8');
    };
    const a = await svgOf();
    const b = await svgOf();
    expect(a).toBe(b);
    expect(a.startsWith('<?xml')).toBe(true);
    expect(a).not.toContain('<img');
    expect(a).toContain('&lt;img src=x onerr…'); // the lane label, escaped and cut to fit
    expect(a).toContain('<circle');

    const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()]);
    expect(png.suggestedFilename()).toBe('causeway-diagram-logical.png');
    const bytes = await readFile((await png.path())!);
    expect([...bytes.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
    expect(h.errors).toEqual([]);
  });

  it('draws 100k events and 50k messages within a frame budget (reported, not asserted)', async () => {
    // 50k messages on 8 processes: 100k events (a send and a receive each), 50k edges.
    const text = skewedJsonl({ messages: 50_000, locals: 0, processes: 8 });
    await load(h, 'big.jsonl', text);
    const { page } = h;
    await page.getByTestId('diagram').waitFor({ timeout: 60_000 });
    const region = page.getByRole('region', { name: /Lane diagram:/ });
    await region.focus();
    const times: Record<string, number[]> = { fit: [], zoom: [], pan: [] };
    const sample = async (kind: string) => {
      await settle(h);
      const f = await lastFrame(h);
      if (f) times[kind]!.push(f.duration);
    };
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('0');
      await sample('fit');
    }
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press(i < 3 ? '+' : '-');
      await sample('zoom');
    }
    await page.keyboard.press('+');
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('ArrowRight');
      await sample('pan');
    }
    const f = await lastFrame(h);
    const med = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? NaN;
    console.log(
      `diagram frames at 100k events / 50k messages: fit median ${med(times.fit!).toFixed(1)} ms (max ${Math.max(...times.fit!).toFixed(1)}), ` +
        `zoom median ${med(times.zoom!).toFixed(1)} ms (max ${Math.max(...times.zoom!).toFixed(1)}), pan median ${med(times.pan!).toFixed(1)} ms ` +
        `(max ${Math.max(...times.pan!).toFixed(1)}); last frame ${JSON.stringify(f)}`,
    );
    await page.keyboard.press('0');
    await settle(h);
    await page.getByTestId('diagram').screenshot({ path: join(ARTIFACTS, 'diagram-100k.png') });
    expect(times.fit!.length).toBeGreaterThan(0);
    expect(h.errors).toEqual([]);
  }, 120_000);
});

/** Canvas pixels close to a CSS colour (#rrggbb). */
async function countColour(h: Harness, hex: string): Promise<number> {
  return h.page.getByTestId('diagram-canvas').evaluate((el, hex) => {
    const c = el as HTMLCanvasElement;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const want = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i]! - want[0]!) + Math.abs(data[i + 1]! - want[1]!) + Math.abs(data[i + 2]! - want[2]!) < 40) n++;
    }
    return n;
  }, hex);
}
