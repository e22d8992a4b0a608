/**
 * Findings first (issue 16) in Chromium: after a sample's analysis the
 * diagram view shows its findings beside the diagram, most severe first, with
 * the sentences the core gives (the same list as the JSON export and the CLI
 * report). Choosing one pans and zooms the diagram to its events on the axis
 * that shows it best (raw time for clock skew, corrected time for a node
 * failure): every event inside the visible window, each at least 6 px from the
 * others where they are at different places. Back restores the view before,
 * forward the finding's. Positions come from the overlay's test hook
 * (data-focus-places: where the focus events are drawn, CSS px). Screenshots
 * go to test-artifacts/findings-*.png.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import { listFindings } from '../../src/core/session/findingList';
import { AXIS_H, LABEL_W } from '../../src/ui/draw/viewport';
import { ARTIFACTS, type Harness, PROJECT_ROOT, useHarness } from './helpers/browserHarness';

const RANK = { critical: 0, warning: 1, info: 2 } as const;

async function coreFindings(sample: string) {
  const dir = join(PROJECT_ROOT, 'sample-logs', sample);
  const names = (await readdir(dir)).filter((f) => !f.endsWith('.md')).sort();
  const inputs = await Promise.all(names.map(async (f) => ({ name: `${sample}/${f}`, bytes: new Uint8Array(await readFile(join(dir, f))) })));
  const a = await analyze(inputs);
  return listFindings(a.executions[0]!);
}

describe('findings beside the diagram', () => {
  let h: Harness;
  useHarness(
    (x) => (h = x),
    async (h) => {
      await h.page.setViewportSize({ width: 1280, height: 900 });
    },
  );

  async function open(sample: string) {
    await h.page.goto(h.baseUrl);
    await h.page.getByTestId(`sample-${sample}`).click();
    await h.page.getByTestId('diagram').waitFor();
    await h.page.getByTestId('finding').first().waitFor();
  }

  async function listed() {
    return h.page.getByTestId('finding').evaluateAll((els) =>
      els.map((el) => ({ id: el.getAttribute('data-finding')!, severity: el.getAttribute('data-severity')! as 'critical' | 'warning' | 'info', summary: el.querySelector('.summary')!.textContent! })),
    );
  }

  /** Two animation frames: the view and the overlay have been drawn. */
  async function settle() {
    await h.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  }

  async function overlay() {
    const o = h.page.getByTestId('diagram-overlay');
    const [axis, view, frame, places] = await Promise.all(['data-axis', 'data-view', 'data-frame', 'data-focus-places'].map((a) => o.getAttribute(a)));
    const [width, height] = frame!.split(' ').map(Number) as [number, number];
    return { axis, view, width, height, places: JSON.parse(places!) as ([number, number] | null)[] };
  }

  /** Every focus event drawn inside the visible window, and distinct places at least 6 px apart. */
  function assertInView(o: Awaited<ReturnType<typeof overlay>>, count: number) {
    expect(o.places).toHaveLength(count);
    for (const p of o.places) {
      expect(p).not.toBeNull();
      const [x, y] = p!;
      expect(x).toBeGreaterThanOrEqual(LABEL_W);
      expect(x).toBeLessThanOrEqual(o.width);
      expect(y).toBeGreaterThanOrEqual(AXIS_H);
      expect(y).toBeLessThanOrEqual(o.height);
    }
    const at = [...new Set(o.places.map((p) => p!.join(',')))].map((s) => s.split(',').map(Number));
    for (let i = 0; i < at.length; i++) {
      for (let j = i + 1; j < at.length; j++) {
        expect(Math.hypot(at[i]![0]! - at[j]![0]!, at[i]![1]! - at[j]![1]!), `${at[i]} and ${at[j]}`).toBeGreaterThanOrEqual(6);
      }
    }
  }

  it('lists the findings of a sample most severe first, in the core\u2019s words', async () => {
    for (const sample of ['lost-ack', 'double-transfer', 'k8s-node-failure']) {
      await open(sample);
      const page = await listed();
      const core = await coreFindings(sample);
      expect(page.map((f) => [f.id, f.severity, f.summary])).toEqual(core.map((f) => [f.id, f.severity, f.summary]));
      for (let i = 1; i < page.length; i++) expect(RANK[page[i - 1]!.severity]).toBeLessThanOrEqual(RANK[page[i]!.severity]);
      if (sample === 'lost-ack') expect(page.map((f) => f.severity)).toEqual(['warning', 'info']);
      if (sample === 'double-transfer') expect(page[0]!.summary).toMatch(/ran twice/);
      // Findings come first: the panel is left of the diagram.
      const panel = await h.page.getByTestId('findings').boundingBox();
      const diagram = await h.page.getByTestId('diagram').boundingBox();
      expect(panel!.x + panel!.width).toBeLessThanOrEqual(diagram!.x + 1);
      await h.page.screenshot({ path: join(ARTIFACTS, `findings-${sample}.png`) });
    }
    expect(h.errors).toEqual([]);
  });

  it('brings a clock-skew finding into view on the raw axis; back restores the view before, forward the finding', async () => {
    await open('clock-skew-trades');
    await settle();
    const before = await overlay();
    expect(before.axis).toBe('logical');
    const core = await coreFindings('clock-skew-trades');
    const skew = core.find((f) => f.kind === 'clock-skew')!;

    await h.page.locator(`[data-testid=finding][data-finding=${skew.id}]`).click();
    await expect.poll(async () => (await overlay()).axis).toBe('raw');
    await settle();
    const after = await overlay();
    expect(after.view).not.toBe(before.view);
    assertInView(after, skew.events.length);
    // Zoomed, not left at Fit: the events span most of the plot.
    const xs = after.places.map((p) => p![0]);
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan((after.width - LABEL_W) * 0.6);
    await expect.poll(() => h.page.locator(`[data-testid=finding][data-finding=${skew.id}]`).getAttribute('aria-current')).toBe('true');
    await h.page.mouse.move(5, 5);
    await h.page.screenshot({ path: join(ARTIFACTS, 'findings-clock-skew-selected.png') });

    await h.page.goBack();
    await expect.poll(async () => (await overlay()).axis).toBe('logical');
    await settle();
    expect((await overlay()).view).toBe(before.view);
    await h.page.screenshot({ path: join(ARTIFACTS, 'findings-back.png') });

    await h.page.goForward();
    await expect.poll(async () => (await overlay()).axis).toBe('raw');
    await settle();
    const again = await overlay();
    expect(again.view).toBe(after.view);
    assertInView(again, skew.events.length);

    // An anomaly under it: the same axis, its two events brought into view and zoomed in on.
    await h.page.getByTestId('axis-logical').click();
    await h.page.getByTestId('tab-anomalies').click();
    await h.page.getByTestId('anomaly-item').first().click();
    await expect.poll(async () => (await overlay()).axis).toBe('raw');
    await settle();
    const one = await overlay();
    assertInView(one, 2);
    expect(Math.abs(one.places[0]![0] - one.places[1]![0])).toBeGreaterThan(100);
    await h.page.goBack();
    await expect.poll(() => h.page.getByTestId('tab-anomalies').getAttribute('aria-selected')).toBe('true');
    expect(h.errors).toEqual([]);
  });

  it('lays a Kubernetes node failure out as a timeline and shows it, then one step, on the corrected axis', async () => {
    await open('k8s-node-failure');
    const core = await coreFindings('k8s-node-failure');
    const node = core.find((f) => f.kind === 'node-failure')!;
    expect(node.id).toBe('finding-1');
    const steps = await h.page.getByTestId('finding-timeline').locator('button').evaluateAll((els) => els.map((el) => el.getAttribute('data-step')));
    expect(steps).toEqual(['last-heartbeat', 'not-ready', 'pods-not-ready', 'taint', 'eviction', 'replacement', 'scheduled', 'on-new-node']);

    await h.page.locator('[data-testid=finding][data-finding=finding-1]').click();
    await expect.poll(async () => (await overlay()).axis).toBe('corrected');
    await settle();
    assertInView(await overlay(), node.events.length);
    await h.page.mouse.move(5, 5);
    await h.page.screenshot({ path: join(ARTIFACTS, 'findings-node-failure.png') });

    // One step: the two replacement pods' creations, zoomed in enough to tell them apart.
    await h.page.locator('[data-step=replacement]').click();
    await settle();
    const replacement = node.timeline.find((s) => s.step === 'replacement')!;
    assertInView(await overlay(), replacement.events.length);
    await h.page.screenshot({ path: join(ARTIFACTS, 'findings-node-failure-step.png') });
    await h.page.goBack();
    await settle();
    assertInView(await overlay(), node.events.length);
    expect(h.errors).toEqual([]);
  });

  it('claims nothing of timestamps the logs do not have', async () => {
    await h.page.goto(h.baseUrl);
    const file = (name: string, lines: string[]) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(lines.join('\n') + '\n') });
    await h.page.getByTestId('file-input').setInputFiles([
      file('a.log', ['send request msg_id=m1 to=b', 'send request msg_id=m2 to=b']),
      file('b.log', ['received request msg_id=m1 from=a', 'received request msg_id=m2 from=a']),
    ]);
    await h.page.getByTestId('diagram').waitFor();
    await expect.poll(() => h.page.getByTestId('no-findings').textContent()).toMatch(/^\s*No findings in this execution\.\s*$/);
    expect(await h.page.getByTestId('axis-raw').isDisabled()).toBe(true);
    await h.page.screenshot({ path: join(ARTIFACTS, 'findings-no-times.png') });
    await h.page.getByTestId('tab-anomalies').click();
    const none = (await h.page.getByTestId('no-anomalies').textContent())!;
    expect(none).toBe('No anomalies: no retry ran twice and no message was lost. The logs have no times, so no clock could be checked against another: the order shown is logical only.');
    expect(none).not.toMatch(/timestamps|arrives after/);
    await h.page.getByTestId('tab-log').click();
    await expect.poll(() => h.page.getByTestId('wrong-count').textContent()).toMatch(/^\s*The logs have no times, so no sort by time can be checked\.\s*$/);
    expect(await h.page.getByTestId('order-raw').isDisabled()).toBe(true);
    expect(await h.page.getByTestId('order-causal').isDisabled()).toBe(false);
    expect(h.errors).toEqual([]);
  });
});

