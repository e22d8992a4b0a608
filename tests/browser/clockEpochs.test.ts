/**
 * Clock epochs in Chromium (issue 16): the ntp-step sample, whose app-3
 * clock is stepped back 2 s mid-run. On the corrected axis the requests sit
 * where they happened, spread over the plot, not crushed at one edge; the
 * Charts tab's offset of app-3 shows the step, each epoch's estimate in its
 * title. Where events are drawn comes from the core's positions and the
 * overlay's view (data-view: start, scale). Screenshots go to test-artifacts/epochs-*.png.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import { buildAxisPositions } from '../../src/core/view/axisPositions';
import { buildLaneData } from '../../src/core/view/laneData';
import { plotLeft } from '../../src/ui/draw/viewport';
import { ARTIFACTS, type Harness, PROJECT_ROOT, useHarness } from './helpers/browserHarness';

describe('clock epochs: the ntp-step sample', () => {
  let h: Harness;
  useHarness(
    (x) => (h = x),
    async (h) => {
      await h.page.setViewportSize({ width: 1280, height: 900 });
    },
  );

  async function settle() {
    await h.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }

  /** Where the diagram draws each timed event (CSS px), from the core's positions and the overlay's view. */
  async function places(mode: 'raw' | 'corrected') {
    const dir = join(PROJECT_ROOT, 'sample-logs', 'ntp-step');
    const names = (await readdir(dir)).filter((f) => !f.endsWith('.md')).sort();
    const inputs = await Promise.all(names.map(async (f) => ({ name: `ntp-step/${f}`, bytes: new Uint8Array(await readFile(join(dir, f))) })));
    const axis = buildAxisPositions(buildLaneData((await analyze(inputs)).executions[0]!), mode);
    const o = h.page.getByTestId('diagram-overlay');
    expect(await o.getAttribute('data-axis')).toBe(mode);
    const [start, scale] = (await o.getAttribute('data-view'))!.split(' ').map(Number) as [number, number];
    const width = Number((await o.getAttribute('data-frame'))!.split(' ')[0]);
    const xs = [...axis.pos].filter((v) => !Number.isNaN(v)).map((u) => plotLeft + (u - start) * scale);
    return { xs: xs.sort((a, b) => a - b), left: plotLeft, right: width };
  }

  /** The share of the events in view, and of the plot's width between the 5th and 95th percentile of those in view. */
  function spread(p: Awaited<ReturnType<typeof places>>) {
    const inView = p.xs.filter((x) => x >= p.left && x <= p.right);
    const q = (f: number) => inView[Math.min(inView.length - 1, Math.floor(f * inView.length))]!;
    return { inView: inView.length / p.xs.length, width: (q(0.95) - q(0.05)) / (p.right - p.left), median: (q(0.5) - p.left) / (p.right - p.left) };
  }

  it('spreads the requests over the corrected axis and charts the step of app-3', async () => {
    const { page } = h;
    await page.goto(h.baseUrl);
    await page.getByTestId('sample-ntp-step').click();
    await page.getByTestId('diagram').waitFor();
    await page.getByTestId('axis-corrected').click();
    await settle();
    await page.getByTestId('diagram').screenshot({ path: join(ARTIFACTS, 'epochs-corrected.png') });
    // chronyd's two lines from 09:41 and 10:12 lie outside; the requests of 10:15:20–23 fill the plot.
    const corrected = spread(await places('corrected'));
    expect(corrected.inView).toBeGreaterThan(0.95);
    expect(corrected.width).toBeGreaterThan(0.6);
    expect(corrected.median).toBeGreaterThan(0.25);
    expect(corrected.median).toBeLessThan(0.75);
    await expect(page.getByTestId('bulk-note').textContent()).resolves.toContain('2 events lie far outside');
    // No message goes backwards on the corrected axis: the legend has no backward entry.
    await expect(page.getByTestId('legend-backward').count()).resolves.toBe(0);
    // Raw time: the same bulk, with app-3's first requests 2 s late and drawn backwards.
    await page.getByTestId('axis-raw').click();
    await settle();
    await page.getByTestId('diagram').screenshot({ path: join(ARTIFACTS, 'epochs-raw.png') });
    await expect(page.getByTestId('legend-backward').textContent()).resolves.toContain('received “before” sent');
    // Fit shows all: then the requests crush at the right edge, as they must over 34 minutes.
    await page.getByRole('button', { name: 'Fit the whole execution' }).click();
    await settle();
    const fitted = spread(await places('raw'));
    expect(fitted.inView).toBe(1);
    expect(fitted.width).toBeLessThan(0.05);
    await expect(page.getByTestId('bulk-note').count()).resolves.toBe(0);

    // Charts: app-3's offset with each epoch's estimate, the step in the line.
    await page.getByRole('tab', { name: 'Charts' }).click();
    const chart = page.getByTestId('chart-offset').filter({ hasText: 'app-3' });
    await chart.waitFor();
    const title = (await chart.textContent())!;
    expect(title).toContain('epoch 1 2000.128 ms');
    expect(title).toContain('epoch 2 -0.116 ms');
    await chart.screenshot({ path: join(ARTIFACTS, 'epochs-offset-chart.png') });
    expect(h.errors).toEqual([]);
  });
});
