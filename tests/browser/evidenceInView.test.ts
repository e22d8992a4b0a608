/**
 * Bring evidence into view (#16) in Chromium, for the two kinds of evidence
 * chosen away from the diagram: a comparison's difference and a search hit.
 * Choosing either pans and zooms the diagram to its events as a finding does
 * (zoomTo with its margin; a lone event with its lane's neighbours,
 * focusSpan.ts), far closer than Fit, and back returns to the view before.
 * A difference only in B, chosen while A is drawn, switches the diagram to
 * B and says so; back returns to A. Enter in the search box zooms the
 * diagram to the hit (seen on the Diagram tab) and leaves the keyboard in
 * the box; going on to the next hit replaces that history entry, so one back
 * returns to the view before the search. Positions come from the overlay's
 * test hooks (data-view, data-frame, data-focus-places). Screenshots go to
 * test-artifacts/evidence-*.png.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { plotLeft, plotWidth } from '../../src/ui/draw/viewport';
import { FOCUS_MARGIN } from '../../src/ui/draw/zoomTo';
import { ARTIFACTS, type Harness, useHarness } from './helpers/browserHarness';
import { runJsonl } from './helpers/twoRuns';

const ORDERS = 2000;

describe('evidence chosen away from the diagram is brought into view', () => {
  let h: Harness;
  useHarness(
    (x) => (h = x),
    async (h) => {
      await h.page.setViewportSize({ width: 1280, height: 900 });
    },
  );

  const run = (variant: 'a' | 'b', name: string) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(runJsonl({ orders: ORDERS }, variant)) });

  /** Two animation frames: the view and the overlay have been drawn. */
  async function settle() {
    await h.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }

  async function overlay() {
    const o = h.page.getByTestId('diagram-overlay');
    const [view, frame, places] = await Promise.all(['data-view', 'data-frame', 'data-focus-places'].map((a) => o.getAttribute(a)));
    const [start, scale] = view!.split(' ').map(Number) as [number, number];
    const [width, height] = frame!.split(' ').map(Number) as [number, number];
    return { view: view!, start, scale, width, height, places: JSON.parse(places!) as ([number, number] | null)[] };
  }

  /** Every focus event drawn inside the plot, at least the focus margin from its edges, and far closer than Fit. */
  function assertZoomedOn(o: Awaited<ReturnType<typeof overlay>>, count: number, fitScale: number) {
    expect(o.places).toHaveLength(count);
    const right = plotLeft + plotWidth({ width: o.width, height: o.height });
    for (const p of o.places) {
      expect(p).not.toBeNull();
      expect(p![0]).toBeGreaterThanOrEqual(plotLeft + FOCUS_MARGIN - 0.5);
      expect(p![0]).toBeLessThanOrEqual(right - FOCUS_MARGIN + 0.5);
      expect(p![1]).toBeGreaterThan(0);
      expect(p![1]).toBeLessThanOrEqual(o.height);
    }
    // The visible window (plot width / scale) is a small part of Fit's: 4,000 events seen whole would leave the event one dot among many.
    expect(o.scale).toBeGreaterThan(fitScale * 20);
  }

  async function tabSelected(tab: string) {
    return h.page.getByTestId(`tab-${tab}`).getAttribute('aria-selected');
  }

  it('zooms to a difference chosen in the comparison, switching to the side that has it; back returns to the view before', async () => {
    await h.page.goto(h.baseUrl);
    await h.page.getByTestId('file-input').setInputFiles(run('a', 'good-run.jsonl'));
    await h.page.getByTestId('diagram').waitFor({ timeout: 60_000 });
    await h.page.getByTestId('tab-compare').click();
    await h.page.getByTestId('second-run-input').setInputFiles(run('b', 'bad-run.jsonl'));
    await h.page.getByTestId('compare-hunks').waitFor({ timeout: 90_000 });
    // The diagram as it stands before any choice: A, at Fit.
    await h.page.getByTestId('tab-diagram').click();
    await h.page.getByTestId('diagram-overlay').waitFor();
    await settle();
    const fit = await overlay();
    expect(fit.places).toEqual([]);
    expect(await h.page.getByTestId('execution-select').inputValue()).toBe('0');

    // "differs" on payments: A is drawn, so its event in A, zoomed to.
    await h.page.getByTestId('tab-compare').click();
    const hunks = h.page.getByTestId('compare-hunk');
    await expect.poll(() => hunks.count()).toBe(3);
    expect(await hunks.nth(2).textContent()).toMatch(/^payments\s*differs/);
    await hunks.nth(2).locator('td.text').first().click();
    await expect.poll(() => tabSelected('diagram')).toBe('true');
    await expect.poll(async () => (await overlay()).places.length).toBe(1);
    await settle();
    const differs = await overlay();
    assertZoomedOn(differs, 1, fit.scale);
    expect(await h.page.getByTestId('execution-select').inputValue()).toBe('0');
    expect(await h.page.getByTestId('focus-note').count()).toBe(0);
    await h.page.mouse.move(5, 5);
    await h.page.screenshot({ path: join(ARTIFACTS, 'evidence-difference-zoomed.png') });

    await h.page.goBack();
    await expect.poll(() => tabSelected('compare')).toBe('true');
    await h.page.getByTestId('tab-diagram').click();
    await settle();
    await expect.poll(async () => (await overlay()).view).toBe(fit.view);
    await h.page.screenshot({ path: join(ARTIFACTS, 'evidence-difference-back.png') });

    // "only in B" chosen by keyboard while A is drawn: the diagram switches to B, and says why.
    await h.page.getByTestId('tab-compare').click();
    const onlyB = h.page.getByTestId('compare-hunk').nth(1);
    expect(await onlyB.textContent()).toMatch(/^payments\s*only in B\s*#\d+ retrying ledger write/);
    const button = onlyB.getByTestId('compare-hunk-show');
    expect(await button.getAttribute('title')).toBe('Show in the diagram, in B (2 · bad-run.jsonl)');
    await button.focus();
    await h.page.keyboard.press('Enter');
    await expect.poll(() => tabSelected('diagram')).toBe('true');
    await expect.poll(() => h.page.getByTestId('execution-select').inputValue()).toBe('1');
    expect(await h.page.getByTestId('focus-note').textContent()).toBe('This difference is only in B, so the diagram now shows B (2 · bad-run.jsonl).');
    await expect.poll(async () => (await overlay()).places.length).toBe(1);
    await settle();
    const inB = await overlay();
    assertZoomedOn(inB, 1, fit.scale);
    await h.page.mouse.move(5, 5);
    await h.page.screenshot({ path: join(ARTIFACTS, 'evidence-difference-other-side.png') });

    // Back: the comparison again, with A drawn as before.
    await h.page.goBack();
    await expect.poll(() => tabSelected('compare')).toBe('true');
    await expect.poll(() => h.page.getByTestId('execution-select').inputValue()).toBe('0');
    await h.page.getByTestId('tab-diagram').click();
    await settle();
    expect(await h.page.getByTestId('focus-note').count()).toBe(0);
    await expect.poll(async () => (await overlay()).scale).toBe(fit.scale);
    expect(h.errors).toEqual([]);
  }, 180_000);

  it('zooms the diagram to the hit Enter goes to, the keyboard left in the search box; back returns to the view before the search', async () => {
    await h.page.goto(h.baseUrl);
    await h.page.getByTestId('file-input').setInputFiles(run('a', 'good-run.jsonl'));
    await h.page.getByTestId('diagram').waitFor({ timeout: 60_000 });
    await h.page.getByTestId('diagram-overlay').waitFor();
    await settle();
    const fit = await overlay();
    expect(fit.places).toEqual([]);

    await h.page.getByTestId('tab-log').click();
    await h.page.getByTestId('log-row').first().waitFor();
    const box = h.page.getByTestId('log-search');
    await box.fill('orders/77');
    await box.press('Enter');
    const current = h.page.locator('[data-testid=log-row].current');
    await expect.poll(async () => (await current.textContent()) ?? '').toMatch(/POST \/orders\/77 /);
    // Enter again: the next hit; the box keeps the keyboard throughout.
    await box.press('Enter');
    await expect.poll(async () => (await current.textContent()) ?? '').toMatch(/POST \/orders\/77\d /);
    expect(await h.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('log-search');
    expect(await tabSelected('log')).toBe('true');
    const hit = await current.getAttribute('data-event');
    await h.page.screenshot({ path: join(ARTIFACTS, 'evidence-search-hit-log.png') });

    // The diagram is zoomed to that hit, which is selected.
    await h.page.getByTestId('tab-diagram').click();
    await expect.poll(async () => (await overlay()).places.length).toBe(1);
    await settle();
    assertZoomedOn(await overlay(), 1, fit.scale);
    await expect.poll(() => h.page.getByTestId('event-details').textContent()).toMatch(/POST \/orders\/77\d /);
    expect(hit).not.toBeNull();
    await h.page.mouse.move(5, 5);
    await h.page.screenshot({ path: join(ARTIFACTS, 'evidence-search-hit-diagram.png') });

    // One back: the log as it was before the search's hits, and the diagram at Fit again.
    await h.page.goBack();
    await expect.poll(() => tabSelected('log')).toBe('true');
    await h.page.getByTestId('tab-diagram').click();
    await settle();
    await expect.poll(async () => (await overlay()).view).toBe(fit.view);
    await h.page.screenshot({ path: join(ARTIFACTS, 'evidence-search-back.png') });
    expect(h.errors).toEqual([]);
  }, 120_000);
});
