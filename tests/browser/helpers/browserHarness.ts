/**
 * A page under test: a Vite dev server for this project on a free local port
 * and a headless Chromium (playwright-core, the system browser) with its own
 * temporary profile and HOME, so tests neither read nor leave anything in the
 * user's. Chromium's own background traffic is switched off and every host
 * except 127.0.0.1 resolves to nothing, so a stray request fails instead of
 * leaving the machine. Console errors, page errors and every request URL are
 * collected for the tests to assert on.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer as createNetServer } from 'node:net';
import { afterAll, beforeAll } from 'vitest';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../../../scripts/lib/launchChromium';
import { createServer, type ViteDevServer } from 'vite';

export const PROJECT_ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
export const ARTIFACTS = join(PROJECT_ROOT, 'test-artifacts');

export interface Harness {
  baseUrl: string;
  context: BrowserContext;
  page: Page;
  /** console.error (page and workers) and uncaught page errors, as text. */
  errors: string[];
  /** Every URL the browser requested, page and workers alike. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * A describe block's harness: started before its tests (with the artifacts
 * folder made), closed after them. `use` is given it (tests keep their own
 * `let h: Harness`); `setup` runs once it is up.
 */
export function useHarness(use: (h: Harness) => void, setup?: (h: Harness) => Promise<void>): void {
  let h: Harness | undefined;
  beforeAll(async () => {
    h = await startHarness();
    use(h);
    await mkdir(ARTIFACTS, { recursive: true });
    await setup?.(h);
  });
  afterAll(async () => {
    await h?.close();
  });
}

export async function startHarness(): Promise<Harness> {
  const tmp = await mkdtemp(join(tmpdir(), 'causeway-browser-'));
  let server: ViteDevServer | undefined;
  let context: BrowserContext | undefined;
  const close = async () => {
    await context?.close().catch(() => {});
    await server?.close().catch(() => {});
    await rm(tmp, { recursive: true, force: true });
  };
  try {
    const port = await freePort();
    server = await createServer({
      root: PROJECT_ROOT,
      configFile: join(PROJECT_ROOT, 'vite.config.ts'),
      // Each harness its own dependency cache: test files run in parallel.
      cacheDir: join(tmp, 'vite-cache'),
      logLevel: 'warn',
      clearScreen: false,
      server: { host: '127.0.0.1', port, strictPort: true, hmr: false, watch: null },
    });
    await server.listen();
    const baseUrl = `http://127.0.0.1:${port}/`;

    context = await launchChromium(tmp);
    const errors: string[] = [];
    const requests: string[] = [];
    context.on('request', (r) => requests.push(r.url()));
    const page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    // The console's "Failed to load resource" does not say which; this does.
    page.on('response', (r) => {
      if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('worker', (w) => {
      w.on('console', (m) => {
        if (m.type() === 'error') errors.push(`worker console: ${m.text()}`);
      });
    });
    return { baseUrl, context, page, errors, requests, close };
  } catch (err) {
    await close();
    throw err;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createNetServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolvePort(port));
    });
  });
}

/**
 * How many canvas pixels differ from its top-left pixel (the background):
 * proof that something was drawn.
 */
export async function paintedPixels(page: Page, selector: string): Promise<{ painted: number; total: number }> {
  return page.locator(selector).evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const ctx = c.getContext('2d');
    if (!ctx || c.width === 0 || c.height === 0) return { painted: 0, total: 0 };
    const data = ctx.getImageData(0, 0, c.width, c.height).data;
    const [r, g, b, a] = [data[0], data[1], data[2], data[3]];
    let painted = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i] !== r || data[i + 1] !== g || data[i + 2] !== b || data[i + 3] !== a) painted++;
    }
    return { painted, total: data.length / 4 };
  });
}
