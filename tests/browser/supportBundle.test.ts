/**
 * A Kubernetes support bundle dropped on the page (issue 14, "Archives
 * people send"): the bundle built by tests/unit/kubeArchives.ts, with events
 * of two namespaces, pods and nodes resources, container logs (CRI, plain,
 * a previous container's) and files that are not logs. The page must show
 * the Kubernetes components' lanes and the containers' `container@pod` lanes
 * on their nodes' clocks, and list the skipped members with their reasons.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, type Harness, useHarness } from './helpers/browserHarness';
import { DNS_POD, supportBundleTarGz, WEB_POD } from '../unit/kubeArchives';

describe('a support bundle dropped on the page', () => {
  let h: Harness;
  useHarness((x) => (h = x));

  it('shows component and container lanes on node clocks, and lists what was not read and why', async () => {
    await h.page.goto(h.baseUrl);
    const bytes = supportBundleTarGz();
    const dataTransfer = await h.page.evaluateHandle(
      ({ data }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(data)], 'support-bundle.tar.gz', { type: 'application/gzip' }));
        return dt;
      },
      { data: [...bytes] },
    );
    await h.page.dispatchEvent('[data-testid=dropzone]', 'drop', { dataTransfer });
    await h.page.getByTestId('diagram').waitFor();

    expect((await h.page.getByTestId('count-events').textContent())?.trim()).toBe('17');
    expect((await h.page.getByTestId('count-processes').textContent())?.trim()).toBe('7');

    await h.page.getByTestId('lane-menu').locator('summary').click();
    // The menu builds its rows once open.
    await h.page.locator('[data-testid=lane-menu] .name').first().waitFor();
    const lanes = await h.page
      .locator('[data-testid=lane-menu] .name')
      .evaluateAll((spans) => spans.map((s) => [s.textContent?.trim() ?? '', /\(clock: (.*)\)$/.exec(s.getAttribute('title') ?? '')?.[1] ?? '']));
    const clockOf = Object.fromEntries(lanes);
    expect(clockOf).toMatchObject({
      'replicaset-controller': expect.any(String),
      'default-scheduler': expect.any(String),
      'kubelet@node-a': 'node-a',
      'kubelet@node-b': 'node-b',
      [`nginx@${WEB_POD}`]: 'node-a',
      [`istio-proxy@${WEB_POD}`]: 'node-a',
      [`coredns@${DNS_POD}`]: 'node-b',
    });
    await h.page.getByTestId('lane-menu').locator('summary').click();

    const diagnostics = h.page.getByTestId('diagnostics');
    if (!(await diagnostics.evaluate((d) => (d as HTMLDetailsElement).open))) await diagnostics.locator('summary').click();
    const bundleNote = diagnostics.locator('li', { hasText: 'Kubernetes support bundle (troubleshoot.sh)' });
    await expect.poll(() => bundleNote.count()).toBe(1);
    const note = (await bundleNote.textContent()) ?? '';
    expect(note).toContain('support-bundle.tar.gz');
    expect(note).toContain('resource metadata: pods (used for pod → node and owners) ×2: cluster-resources/pods/default.json');
    expect(note).toContain('not a log: RBAC and API access ×3');
    expect(note).toContain('binary file ×1: host-collectors/run-host/probe.bin');
    expect(note).toContain('image ×1: files/dashboard.png');
    // Resource files are not inputs: the inputs table lists only events and container logs.
    const inputs = await h.page.locator('[data-testid=inputs-table] tbody tr td:first-child').allTextContents();
    expect(inputs.some((n) => n.includes('clusterroles') || n.includes('pods/default.json'))).toBe(false);
    expect(inputs.filter((n) => n.includes('/pods/logs/'))).toHaveLength(4);

    await h.page.screenshot({ path: join(ARTIFACTS, 'support-bundle.png'), fullPage: true });
    expect(h.errors).toEqual([]);
  });
});
