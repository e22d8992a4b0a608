/**
 * Thousands of sources (#15), in small: 150 one-line files from 150 services
 * on 30 hosts. The inputs table lists 100 and finds the rest by name; the
 * lanes menu lists lanes by host, folded when there are many, finds a lane by
 * name or host, and hides or collapses a host's lanes at once.
 */
import { describe, expect, it } from 'vitest';
import { type Harness, useHarness } from './helpers/browserHarness';

const SERVICES = 150;
const HOSTS = 30;
const pad = (n: number, w = 3) => String(n).padStart(w, '0');

function files(): { name: string; mimeType: string; buffer: Buffer }[] {
  return Array.from({ length: SERVICES }, (_, i) => {
    const line = `{"ts":"2026-03-14T09:00:00.${pad(i)}Z","service":"svc-${pad(i)}","host":"host-${pad(i % HOSTS, 2)}","msg":"started"}\n`;
    return { name: `svc-${pad(i)}.jsonl`, mimeType: 'application/x-ndjson', buffer: Buffer.from(line) };
  });
}

/** Events drawn in the latest frame (the diagram's perf hook). */
function dotsDrawn(h: Harness): Promise<number> {
  return h.page.evaluate(() => {
    const e = performance.getEntriesByName('causeway:diagram-frame')[0] as PerformanceMeasure | undefined;
    return (e?.detail as { dots?: number } | undefined)?.dots ?? -1;
  });
}

describe('many lanes and many inputs', () => {
  let h: Harness;
  useHarness(
    (x) => (h = x),
    async (h) => {
      await h.page.setViewportSize({ width: 1280, height: 900 });
    },
  );

  it('lists 100 inputs and finds the others by name', async () => {
    const { page } = h;
    await page.goto(h.baseUrl);
    await page.getByTestId('file-input').setInputFiles(files());
    await page.getByTestId('diagram').waitFor();
    expect((await page.getByTestId('count-processes').textContent())?.trim()).toBe(String(SERVICES));
    await expect(page.locator('[data-testid=inputs-table] tbody tr').count()).resolves.toBe(100);
    expect(await page.getByTestId('inputs-more').textContent()).toMatch(/100 of 150 inputs shown, of 150 read/);
    await page.getByTestId('inputs-filter').fill('svc-149');
    await expect.poll(() => page.locator('[data-testid=inputs-table] tbody tr').count()).toBe(1);
    expect(await page.locator('[data-testid=input-row]').getAttribute('data-input')).toBe('svc-149.jsonl');
    expect(h.errors).toEqual([]);
  }, 120_000); // 150 files through the page: slow on a loaded 2-core machine

  it('groups the lanes by host, folded, finds a lane, and hides or collapses a host at once', async () => {
    const { page } = h;
    const menu = page.getByTestId('lane-menu');
    // Nothing of the list is built while the menu is closed.
    await expect(menu.locator('li').count()).resolves.toBe(0);
    await menu.locator('summary').click();
    // <details> fires its toggle event as a task after the click, so the list is built a moment later.
    await expect.poll(() => menu.getByTestId('lane-group').count()).toBe(HOSTS);
    // 150 lanes: groups start folded, so only their headers show.
    await expect(menu.locator('.name').count()).resolves.toBe(0);
    await menu.getByRole('button', { name: 'Unfold the lanes on clock host-07' }).click();
    expect(await menu.locator('.name').allTextContents()).toEqual(['svc-007', 'svc-037', 'svc-067', 'svc-097', 'svc-127']);

    // A search finds lanes by name, across hosts.
    await menu.getByTestId('lane-filter').fill('svc-12');
    await expect.poll(() => menu.locator('.name').count()).toBe(10);
    expect((await menu.locator('.name').allTextContents()).sort()).toEqual(Array.from({ length: 10 }, (_, i) => `svc-12${i}`));
    // ... and by host: that host's five lanes
    await menu.getByTestId('lane-filter').fill('host-03');
    await expect.poll(() => menu.locator('.name').count()).toBe(5);
    await menu.getByTestId('lane-filter').fill('');

    await menu.getByRole('button', { name: 'Hide the lanes on clock host-03' }).click();
    await expect.poll(() => menu.locator('summary').textContent()).toContain('5 hidden');
    await menu.getByRole('button', { name: 'Unfold the lanes on clock host-03' }).click();
    await expect(menu.getByRole('button', { name: 'Show svc-003' }).getAttribute('aria-pressed')).resolves.toBe('false');
    await menu.getByRole('button', { name: 'Show the lanes on clock host-03' }).click();
    await expect.poll(() => menu.locator('summary').textContent()).not.toContain('hidden');

    // Collapsing the top host's five lanes to strips brings more lanes, and their events, into view.
    const before = await dotsDrawn(h);
    await menu.getByRole('button', { name: 'Collapse the lanes on clock host-00' }).click();
    await expect.poll(() => dotsDrawn(h)).toBeGreaterThan(before);
    await menu.getByRole('button', { name: 'Expand the lanes on clock host-00' }).click();
    await expect.poll(() => dotsDrawn(h)).toBe(before);
    expect(h.errors).toEqual([]);
  });
});
