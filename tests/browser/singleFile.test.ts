/**
 * The single-file build (dist/causeway.html) opened straight from file://:
 * it must analyze a log with no server at all, its CSP must forbid network
 * connections and foreign scripts, and the page must request nothing but
 * itself and its own blob: worker.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, PROJECT_ROOT, startHarness, type Harness } from './helpers/browserHarness';

const SINGLE = join(PROJECT_ROOT, 'dist', 'causeway.html');

describe('the single-file build from file://', () => {
  let h: Harness;
  beforeAll(async () => {
    await build({ root: PROJECT_ROOT, configFile: join(PROJECT_ROOT, 'vite.config.ts'), mode: 'singlefile', logLevel: 'error' });
    h = await startHarness();
  }, 120_000);
  afterAll(async () => h?.close());

  it('carries a CSP that forbids connections and allows only its own inline script', async () => {
    const html = await readFile(SINGLE, 'utf8');
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(csp).toMatch(/connect-src 'self'/);
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/base-uri 'none'/);
    expect(csp).toMatch(/form-action 'none'/);
    expect(csp).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
    expect(csp).not.toMatch(/unsafe-inline'[^;]*script|script-src[^;]*unsafe/);
    // Self-contained: nothing is loaded from another file.
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+rel="stylesheet"/);
  });

  it('analyzes a dropped log with no server and requests nothing beyond itself', async () => {
    const url = pathToFileURL(SINGLE).href;
    await h.page.goto(url);
    await h.page.locator('input[type=file]').first().setInputFiles({
      name: 'a-Log.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('alice {"alice":1}\nhello\nbob {"alice":1, "bob":1}\nhi back\n'),
    });
    await diagramOrWhy(h);
    expect((await h.page.getByTestId('count-events').textContent())?.trim()).toBe('2');
    expect((await h.page.getByTestId('count-messages').textContent())?.trim()).toBe('1');
    await h.page.screenshot({ path: join(ARTIFACTS, 'single-file.png') });
    const foreign = h.requests.filter((r) => r !== url && !r.startsWith('blob:') && !r.startsWith('data:'));
    expect(foreign).toEqual([]);
    expect(h.errors).toEqual([]);
  });

  it('opens the inlined sample incidents from file://', async () => {
    const url = pathToFileURL(SINGLE).href;
    h.requests.length = 0;
    h.errors.length = 0;
    await h.page.goto(url);
    await h.page.getByTestId('sample-quickstart').click();
    await diagramOrWhy(h);
    expect((await h.page.getByTestId('tab-anomalies').textContent())?.replace(/\s+/g, ' ')).toMatch(/Anomalies 1/);
    const foreign = h.requests.filter((r) => !r.startsWith(url) && !r.startsWith('blob:') && !r.startsWith('data:'));
    expect(foreign).toEqual([]);
    expect(h.errors).toEqual([]);
  });
});

/** Waits for the diagram; if it does not come, fails with what the page shows and logged instead of a bare timeout. */
async function diagramOrWhy(h: Harness): Promise<void> {
  try {
    await h.page.getByTestId('diagram').waitFor({ timeout: 20_000 });
  } catch (err) {
    const body = await h.page.evaluate(() => document.body?.innerText.slice(0, 2000)).catch((e: unknown) => `(unreadable: ${String(e)})`);
    throw new Error(`no diagram after 20 s; errors: ${JSON.stringify(h.errors)}; requests: ${JSON.stringify(h.requests.slice(-10))}; page: ${body}`, { cause: err });
  }
}
