/**
 * Correlations in Chromium (issue 18): three OpenStack-like services share
 * request ids and instance uuids with no direction words, and nova-compute's
 * clock runs 1.5 s behind. The Correlations view lists the groups, most
 * processes first, then most events; the search filters them; choosing one
 * rings its events on every lane it spans and steps through them (buttons and
 * `]` / `[`), panning the diagram back to the current one. Requests that
 * fail at the conductor never reach nova-compute, so nova-api's POST is not
 * proposed as a send (those would be lost messages); the conductor's
 * "Scheduling instance" with nova-compute's "Starting instance..." is, with
 * no direction known. Taken conductor → compute with one click, it lands in
 * the rules editor, and the analysis run again draws one message per request
 * that reached nova-compute, with nova-compute's clock found behind and no
 * message called lost. Screenshots go to test-artifacts/.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AXIS_H } from '../../src/ui/draw/viewport';
import { ARTIFACTS, type Harness, useHarness } from './helpers/browserHarness';
import { drawnRows } from './helpers/diagramRows';
import { failed, openstackLogs, requestIdOf } from './helpers/openstackLog';

const OPTIONS = { requests: 30, failEvery: 4 };
const REACHED = Array.from({ length: OPTIONS.requests }, (_, i) => i).filter((i) => !failed(i, OPTIONS)).length;

/** Waits two animation frames: a scheduled draw has happened. */
async function settle(h: Harness): Promise<void> {
  await h.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/** Ring pixels (opaque overlay pixels) in each lane's band of the diagram's overlay, by lane name. */
async function ringedPerLane(h: Harness, lanes: number): Promise<Record<string, number>> {
  const rows = (await drawnRows(h.page)).slice(0, lanes);
  const counts = await h.page.getByTestId('diagram-overlay').evaluate(
    (el, { bands, axisH }: { bands: [number, number][]; axisH: number }) => {
      const c = el as HTMLCanvasElement;
      const dpr = c.width / c.clientWidth;
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      const out = new Array<number>(bands.length).fill(0);
      for (let y = 0; y < c.height; y++) {
        if (y / dpr < axisH) continue;
        const lane = bands.findIndex(([lo, hi]) => y / dpr >= lo && y / dpr < hi);
        if (lane < 0) continue;
        for (let x = 0; x < c.width; x++) if (data[(y * c.width + x) * 4 + 3]! > 128) out[lane]!++;
      }
      return out;
    },
    { bands: rows.map((r): [number, number] => [r.y - r.height / 2, r.y + r.height / 2]), axisH: AXIS_H },
  );
  return Object.fromEntries(rows.map((r, i) => [r.name, counts[i]!]));
}

describe('correlations', () => {
  let h: Harness;
  useHarness(
    (x) => (h = x),
    async (h) => {
      await h.page.setViewportSize({ width: 1280, height: 900 });
    },
  );

  it('lists, searches, rings and steps through shared ids, and turns a proposed rule into edges', async () => {
    const { page } = h;
    await page.goto(h.baseUrl);
    const files = openstackLogs(OPTIONS).map((f) => ({ name: f.name, mimeType: 'text/plain', buffer: Buffer.from(f.text) }));
    await page.getByTestId('file-input').setInputFiles(files);
    await page.getByTestId('diagram').waitFor();
    expect((await page.getByTestId('count-messages').textContent())?.trim()).toBe('0');

    // The list: every request id and instance uuid, three-process groups first, then by events.
    await page.getByTestId('tab-correlations').click();
    await expect.poll(() => page.getByTestId('correlation-item').count()).toBe(2 * OPTIONS.requests);
    await expect(page.getByTestId('tab-correlations').textContent()).resolves.toContain(String(2 * OPTIONS.requests));
    const metas = await page.getByTestId('correlation-meta').allTextContents();
    const shape = metas.map((m) => {
      const [, procs, events] = /(\d+) processes · (\d+) events/.exec(m)!;
      return [Number(procs), Number(events)] as const;
    });
    for (let i = 1; i < shape.length; i++) {
      const [p0, e0] = shape[i - 1]!;
      const [p1, e1] = shape[i]!;
      expect(p0 > p1 || (p0 === p1 && e0 >= e1)).toBe(true);
    }
    expect(shape[0]).toEqual([3, 6]);
    expect(shape.at(-1)).toEqual([2, 2]);
    expect(shape.filter(([p]) => p === 3)).toHaveLength(2 * REACHED);
    await page.screenshot({ path: join(ARTIFACTS, 'correlations-list.png'), fullPage: true });

    // Search: every word must match, in key, kind or process names.
    const search = page.getByTestId('correlation-search');
    await search.fill('uuid conductor');
    await expect.poll(() => page.getByTestId('correlation-item').count()).toBe(OPTIONS.requests);
    await search.fill(requestIdOf(6).slice(0, 14).toUpperCase());
    await expect.poll(() => page.getByTestId('correlation-item').count()).toBe(1);
    await expect(page.getByTestId('correlation-count').textContent()).resolves.toContain(`1 of ${2 * OPTIONS.requests} shared ids match`);
    await search.fill('');
    await expect.poll(() => page.getByTestId('correlation-item').count()).toBe(2 * OPTIONS.requests);

    // Choose request 0 (first: three processes and the most events): its events ringed on all three lanes.
    const first = page.getByTestId('correlation-item').first();
    await expect(first.textContent()).resolves.toContain(requestIdOf(0));
    await first.click();
    const bar = page.getByTestId('correlation-bar');
    await bar.waitFor();
    expect(await page.getByTestId('tab-diagram').getAttribute('aria-selected')).toBe('true');
    await expect(page.getByTestId('correlation-lanes').textContent()).resolves.toBe('3 lanes');
    const position = page.getByTestId('correlation-position');
    await expect.poll(() => position.textContent()).toMatch(/Event 1 of 6, on nova-api/);
    await page.mouse.move(5, 5);
    await settle(h);
    const rings = await ringedPerLane(h, 3);
    expect(Object.keys(rings)).toHaveLength(3);
    expect(Object.values(rings).every((n) => n > 50)).toBe(true);
    await expect.poll(async () => page.getByTestId('event-details').textContent()).toContain('nova-api:1');
    await page.screenshot({ path: join(ARTIFACTS, 'correlations-ringed.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await settle(h);
    await page.screenshot({ path: join(ARTIFACTS, 'correlations-ringed-dark.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'light' });

    // Zoom in and go to the end: the group is out of view; `]` steps and pans back to its next event.
    const region = page.getByRole('region', { name: /Lane diagram:/ });
    await region.focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('+');
    await page.keyboard.press('End');
    await settle(h);
    const minimap = page.getByTestId('diagram-minimap');
    const atEnd = Number(await minimap.getAttribute('aria-valuenow'));
    expect(Object.values(await ringedPerLane(h, 3)).reduce((s, n) => s + n, 0)).toBe(0);
    await page.keyboard.press(']');
    await expect.poll(() => position.textContent()).toMatch(/Event 2 of 6, on nova-api/);
    await settle(h);
    expect(Number(await minimap.getAttribute('aria-valuenow'))).toBeLessThan(atEnd);
    expect((await ringedPerLane(h, 3))['nova-api']).toBeGreaterThan(0);
    await expect.poll(async () => page.getByTestId('event-details').textContent()).toContain('nova-api:2');

    // The buttons: to nova-compute's first event of the id, and back.
    await page.getByTestId('correlation-next').click();
    await page.getByTestId('correlation-next').click();
    await expect.poll(() => position.textContent()).toMatch(/Event 4 of 6, on nova-compute/);
    await expect.poll(async () => page.getByTestId('event-details').textContent()).toContain('Starting instance');
    await page.getByTestId('correlation-prev').click();
    await expect.poll(() => position.textContent()).toMatch(/Event 3 of 6, on nova-api/);
    await page.keyboard.press('[');
    await page.keyboard.press('[');
    await page.keyboard.press('[');
    await expect.poll(() => position.textContent()).toMatch(/Event 6 of 6, on nova-conductor/);
    await page.screenshot({ path: join(ARTIFACTS, 'correlations-stepped.png'), fullPage: true });
    await page.getByTestId('correlation-close').click();
    await settle(h);
    expect(await bar.count()).toBe(0);
    expect(Object.values(await ringedPerLane(h, 3)).reduce((s, n) => s + n, 0)).toBe(0);

    // The proposal: nova-compute's "Starting instance..." with the conductor's "Scheduling instance", by request id, with its evidence.
    await page.getByTestId('tab-correlations').click();
    const proposals = page.getByTestId('proposal');
    await proposals.first().waitFor();
    const texts = await proposals.allTextContents();
    expect(texts.some((t) => t.includes('POST'))).toBe(false);
    const proposal = proposals.first();
    const text = (await proposal.textContent())!;
    expect(text).toContain('Starting instance...');
    expect(text).toContain('Scheduling instance');
    const evidence = (await proposal.getByTestId('proposal-evidence').textContent())!.replace(/\s+/g, ' ');
    expect(evidence).toContain(`Fits ${REACHED} ids (request id)`);
    const examples = /e\.g\. ([^)]*)\)/.exec(evidence)![1]!.split(', ');
    const reached = Array.from({ length: OPTIONS.requests }, (_, i) => i).filter((i) => !failed(i, OPTIONS)).map(requestIdOf);
    expect(examples).toHaveLength(3);
    for (const e of examples) expect(reached).toContain(e);
    expect(evidence).toContain('do not show which way');
    await expect(proposal.getByTestId('use-rule-reversed').textContent()).resolves.toBe('Use nova-conductor → nova-compute');
    await page.screenshot({ path: join(ARTIFACTS, 'correlations-proposals.png'), fullPage: true });

    await proposal.getByTestId('use-rule-reversed').click();
    expect(await page.getByTestId('tab-rules').getAttribute('aria-selected')).toBe('true');
    const rulesText = await page.getByTestId('rules-text').inputValue();
    const rules = JSON.parse(rulesText);
    expect(rules.rules).toHaveLength(1);
    expect(rules.rules[0]).toMatchObject({ name: 'nova-conductor → nova-compute by request id', key: '${id}', send: { process: 'nova-conductor' }, receive: { process: 'nova-compute' } });
    // The editor analyzes again after its pause: the rule's counts, then the messages in the diagram.
    await expect.poll(async () => page.getByTestId('rule-counts').textContent(), { timeout: 15_000 }).toMatch(new RegExp(`\\b${REACHED} edges?\\b`));
    await page.getByTestId('tab-diagram').click();
    await expect.poll(async () => (await page.getByTestId('count-messages').textContent())?.trim()).toBe(String(REACHED));
    // nova-compute's clock is 1.5 s behind: now seen, on every message; none is called lost.
    await expect.poll(async () => (await page.getByTestId('count-anomalies').textContent())?.trim()).toBe(String(REACHED));
    await settle(h);
    await page.screenshot({ path: join(ARTIFACTS, 'correlations-rule-applied.png'), fullPage: true });
    // The pair the rule now joins is not proposed again.
    await page.getByTestId('tab-correlations').click();
    await expect.poll(() => page.getByTestId('correlation-item').count()).toBe(2 * OPTIONS.requests);
    await page.getByTestId('no-proposals').waitFor();
    expect(h.errors).toEqual([]);
  });
});
