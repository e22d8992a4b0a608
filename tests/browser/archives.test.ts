/**
 * Archives dropped on the page (issue 3: "a browser test that drops a
 * .tar.gz containing several logs"; issue 4: support bundles): a .tar.gz and
 * a .zip built here (bundleFixture.ts) with two JSON-lines services, a
 * GoVector *-Log.txt pair and a Kubernetes EventList at a support bundle's
 * cluster-resources/events/default.json. The summary must list every member
 * under the archive's name with its format and events, and the message
 * edges must be made: request and response by msg_id, the GoVector clock
 * edge, and the Kubernetes create → schedule → kubelet chain.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, type Harness, useHarness } from './helpers/browserHarness';
import { bundleTarGz, bundleZip } from './helpers/bundleFixture';

const MEMBERS: [string, string, number][] = [
  ['bundle/cluster-resources/events/default.json', 'k8s', 3],
  ['bundle/govector/alice-Log.txt', 'shiviz', 2],
  ['bundle/govector/bob-Log.txt', 'shiviz', 1],
  ['bundle/logs/api.jsonl', 'jsonl', 3],
  ['bundle/logs/db.jsonl', 'jsonl', 2],
];

describe('archives dropped on the page', () => {
  let h: Harness;
  useHarness((x) => (h = x));

  async function drop(name: string, bytes: Uint8Array) {
    await h.page.goto(h.baseUrl);
    const dataTransfer = await h.page.evaluateHandle(
      ({ name, data }) => {
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(data)], name, { type: 'application/octet-stream' }));
        return dt;
      },
      { name, data: [...bytes] },
    );
    await h.page.dispatchEvent('[data-testid=dropzone]', 'drop', { dataTransfer });
    await h.page.getByTestId('diagram').waitFor();
  }

  async function inputRows(): Promise<string[][]> {
    return h.page.locator('[data-testid=inputs-table] tbody tr').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
  }

  async function exportedEdges(): Promise<{ from: string; to: string; rule: string; key: string }[]> {
    await h.page.getByTestId('export-menu').click();
    const [download] = await Promise.all([h.page.waitForEvent('download'), h.page.getByTestId('export-json').click()]);
    const doc = JSON.parse(await readFile(await download.path(), 'utf8'));
    return doc.executions.flatMap((x: { edges: unknown[] }) => x.edges);
  }

  for (const [archive, build] of [
    ['support.tar.gz', bundleTarGz],
    ['support.zip', bundleZip],
  ] as const) {
    it(`lists the members of a dropped ${archive} with their formats, events and message edges`, async () => {
      await drop(archive, build());
      const rows = await inputRows();
      for (const [path, format, events] of MEMBERS) {
        const row = rows.find((r) => r[0] === `${archive}/${path}`);
        expect(row, `${archive}/${path} in ${JSON.stringify(rows)}`).toBeDefined();
        expect(row![1]).toBe(format);
        expect(row![3]).toBe(String(events));
      }
      expect((await h.page.getByTestId('count-events').textContent())?.trim()).toBe('11');
      expect((await h.page.getByTestId('count-processes').textContent())?.trim()).toBe('7');
      expect((await h.page.getByTestId('count-messages').textContent())?.trim()).toBe('5');
      expect(await h.page.getByTestId('summary').textContent()).toMatch(/archive: 5 files/);
      await h.page.screenshot({ path: join(ARTIFACTS, `archive-${archive.replace(/\./g, '-')}.png`), fullPage: true });

      const edges = await exportedEdges();
      expect(edges).toHaveLength(5);
      const pairs = edges.map((e) => `${e.from.split(':')[0]}→${e.to.split(':')[0]}`).sort();
      expect(pairs).toEqual(['alice→bob', 'api→db', 'db→api', 'default-scheduler→kubelet@node-a', 'replicaset-controller→default-scheduler']);
      // Every edge says why it exists.
      for (const e of edges) expect(e.rule).not.toBe('');
      expect(edges.filter((e) => e.key.includes('q-7'))).toHaveLength(2);
      expect(h.errors).toEqual([]);
    });
  }

  it('made no request beyond its own origin', () => {
    const origin = new URL(h.baseUrl);
    const foreign = h.requests.filter((u) => {
      const url = new URL(u);
      return url.protocol !== 'data:' && url.protocol !== 'blob:' && url.host !== origin.host;
    });
    expect(foreign).toEqual([]);
  });
});
