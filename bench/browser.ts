/**
 * End to end in headless Chromium: the production build served by Vite's
 * preview server, files given to the page's file input by path (as a drop
 * would), timed until the summary shows the right event count and the
 * diagram is drawn; memory of the tab; then pan and zoom frame times of the
 * diagram, read from the draw's performance measure ('causeway:draw', see
 * src/ui/components/LaneDiagram.svelte) and from requestAnimationFrame intervals.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../scripts/lib/launchChromium';
import { build, preview, type PreviewServer } from 'vite';
import type { Dataset } from './lib/data';
import { log, median, now, quantile } from './lib/measure';

export interface LoadResult {
  events: number;
  processes: number;
  bytes: number;
  status: 'ok' | 'timeout' | 'error';
  note?: string;
  /** From the file input's change event to the event count shown with the diagram drawn, ms (in-page clock). */
  dropToDiagramMs?: number;
  /**
   * From the same change event to the whole analysis shown: no progress panel, no summary
   * waiting for its anomalies (a big analysis draws its diagram first, then finds them) and the
   * findings listed beside the diagram (the page asks for them once the result is in), ms.
   */
  dropToCompleteMs?: number;
  /** Sizes loaded more than once (up to 100 k events): every load's dropToDiagramMs, in order; the result is the fastest load's. */
  attemptsMs?: number[];
  /** The same, measured from Node around setInputFiles. */
  wallMs?: number;
  /** Longest main-thread task from the drop to the drawn diagram (PerformanceObserver longtask), ms. */
  longestMainThreadTaskMs?: number;
  /** Longest task of the page's own start-up, before any file (bundle parse, first render), ms. */
  pageStartLongestTaskMs?: number;
  /** Page (main thread) JS heap after load, CDP Runtime.getHeapUsage. */
  pageJsHeapBytes?: number;
  /** Analysis worker's JS heap after load, when CDP can reach it. */
  workerJsHeapBytes?: number | null;
  /** Renderer process (page + its worker) resident memory: peak while loading and after. */
  rendererPeakRssBytes?: number | null;
  rendererRssBytes?: number | null;
  rendererPssBytes?: number | null;
  /**
   * Chrome's private memory footprint of the renderer (RssAnon + VmSwap), no collection forced:
   * settled (see settledMemory), right after the diagram is drawn, and the peak while loading.
   */
  rendererPrivateBytes?: number | null;
  rendererPrivateAtLoadBytes?: number | null;
  rendererPeakPrivateBytes?: number | null;
}

export interface FrameResult {
  events: number;
  viewport: { width: number; height: number };
  visibleEventsMedian: number;
  pan: FrameStats;
  zoom: FrameStats;
  note?: string;
}

export interface FrameStats {
  draws: number;
  drawMsMedian: number;
  drawMsP95: number;
  drawMsMax: number;
  frames: number;
  frameIntervalMsMedian: number;
  frameIntervalMsP95: number;
  frameIntervalMsMax: number;
}

export interface BrowserSession {
  chromiumVersion: string;
  load(d: Dataset, timeoutMs: number): Promise<LoadResult>;
  frames(targetVisible: number): Promise<FrameResult>;
  close(): Promise<void>;
}

/** How long memory may take to settle after a load (sampled each second, no collection forced). */
const SETTLE_MS = 30_000;

/**
 * The renderer's memory once it stops falling: sampled every second until two
 * samples in a row after a fall of 10 % are within 1 % (V8's memory reducer
 * has run), or `maxMs` has passed, whichever comes first.
 */
async function settledMemory(maxMs: number): Promise<ReturnType<typeof rendererMemory>> {
  const first = rendererMemory();
  if (!first) return null;
  let last = first;
  let steady = 0;
  for (let t = 0; t < maxMs; t += 1000) {
    await new Promise((r) => setTimeout(r, 1000));
    const m = rendererMemory();
    if (!m) return last;
    const fell = m.private < first.private * 0.9;
    steady = fell && Math.abs(m.private - last.private) <= last.private * 0.01 ? steady + 1 : 0;
    last = m;
    if (steady >= 2) break;
  }
  return last;
}

/** Widest viewport the frame test uses to get more events in view. */
const MAX_WIDTH = 3840;

const INIT = () => {
  const w = window as unknown as Record<string, unknown>;
  w['__bench'] = { longest: 0, boot: 0, t0: NaN, t1: NaN };
  const b = w['__bench'] as { longest: number; boot: number; t0: number; t1: number };
  try {
    // Tasks from the drop on count for the load; the page's own start-up (parsing the bundle,
    // the first render) comes before any file and is kept apart.
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.startTime + e.duration >= b.t0) b.longest = Math.max(b.longest, e.duration);
        else b.boot = Math.max(b.boot, e.duration);
      }
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no longtask support
  }
  document.addEventListener('change', () => (b.t0 = performance.now()), true);
};

export async function startBrowser(root: string, buildDir: string): Promise<BrowserSession> {
  log('building the page (vite build)');
  await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir: buildDir, emptyOutDir: true } });
  const server: PreviewServer = await preview({
    root,
    configFile: join(root, 'vite.config.ts'),
    logLevel: 'warn',
    build: { outDir: buildDir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false, open: false },
  });
  const address = server.httpServer.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const baseUrl = `http://127.0.0.1:${port}/`;
  const tmp = mkdtempSync(join(tmpdir(), 'causeway-bench-'));
  const context: BrowserContext = await launchChromium(tmp);
  await context.addInitScript(INIT);
  const page: Page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const chromiumVersion = context.browser()?.version() ?? (await chromiumVersionOf(page));
  let lastEvents = 0;

  return {
    chromiumVersion,
    async load(d, timeoutMs) {
      const processes = d.files.length;
      const base: LoadResult = { events: d.events, processes, bytes: d.bytes, status: 'ok' };
      errors.length = 0;
      await page.setViewportSize({ width: 1200, height: 900 });
      await page.goto(baseUrl);
      await page.getByTestId('file-input').waitFor({ state: 'attached' });
      const paths = readdirSync(d.dir)
        .filter((n) => !n.startsWith('.'))
        .sort()
        .map((n) => join(d.dir, n));
      const expected = d.events.toLocaleString('en-US');
      let peak = 0;
      let peakPrivate = 0;
      const sampler = setInterval(() => {
        const m = rendererMemory();
        if (m && m.rss > peak) peak = m.rss;
        if (m && m.private > peakPrivate) peakPrivate = m.private;
      }, 200);
      const t0 = now();
      try {
        await page.getByTestId('file-input').setInputFiles(paths);
        await page.waitForFunction(
          (want) => {
            const count = document.querySelector('[data-testid=count-events]')?.textContent?.trim();
            const canvas = document.querySelector('[data-testid=diagram-canvas]') as HTMLCanvasElement | null;
            const drawn = performance.getEntriesByName('causeway:draw').length > 0;
            if (count === want && canvas && canvas.width > 0 && drawn) {
              (window as unknown as { __bench: { t1: number } }).__bench.t1 = performance.now();
              return true;
            }
            return false;
          },
          expected,
          { timeout: timeoutMs, polling: 'raf' },
        );
        await page.waitForFunction(
          () => {
            const loading = document.querySelector('[data-testid=findings]')?.textContent?.includes('Loading findings') ?? false;
            const done = !loading && !document.querySelector('[data-testid=progress]') && !document.querySelector('[data-testid=summary-pending]');
            if (done) (window as unknown as { __bench: { t2: number } }).__bench.t2 = performance.now();
            return done;
          },
          undefined,
          { timeout: timeoutMs, polling: 'raf' },
        );
      } catch (err) {
        clearInterval(sampler);
        const shown = await page
          .getByTestId('count-events')
          .textContent({ timeout: 1000 })
          .catch(() => null);
        const timedOut = err instanceof Error && err.name === 'TimeoutError';
        return {
          ...base,
          status: timedOut ? 'timeout' : 'error',
          wallMs: now() - t0,
          note: `${timedOut ? `not done in ${timeoutMs / 1000} s` : String(err)}; events shown: ${shown ?? 'none'}${errors.length ? `; page errors: ${errors.join(' | ')}` : ''}`,
          rendererPeakRssBytes: peak || null,
        };
      }
      const wallMs = now() - t0;
      clearInterval(sampler);
      const b = await page.evaluate(() => (window as unknown as { __bench: { longest: number; boot: number; t0: number; t1: number; t2: number } }).__bench);
      // Memory as the user has it, with no collection forced: right after the load, and once
      // settled (V8's memory reducer returns the read's garbage some seconds after a busy
      // period). Then heaps after forced collections, which say what is live.
      const atLoad = rendererMemory();
      const settled = await settledMemory(SETTLE_MS);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('HeapProfiler.collectGarbage').catch(() => {});
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      const workerHeap = await workerHeapUsage(cdp).catch(() => null);
      await cdp.detach();
      const mem = settled ?? atLoad;
      lastEvents = d.events;
      return {
        ...base,
        dropToDiagramMs: b.t1 - b.t0,
        dropToCompleteMs: b.t2 - b.t0,
        wallMs,
        longestMainThreadTaskMs: b.longest,
        pageStartLongestTaskMs: b.boot,
        pageJsHeapBytes: heap.usedSize,
        workerJsHeapBytes: workerHeap,
        rendererPeakRssBytes: Math.max(peak, mem?.rss ?? 0) || null,
        rendererRssBytes: mem?.rss ?? null,
        rendererPssBytes: mem?.pss ?? null,
        rendererPrivateBytes: mem?.private ?? null,
        rendererPrivateAtLoadBytes: atLoad?.private ?? null,
        rendererPeakPrivateBytes: Math.max(peakPrivate, atLoad?.private ?? 0) || null,
      };
    },

    async frames(targetVisible) {
      // Widen the view until about `targetVisible` events are drawn (dots per draw, from the hook).
      const lastDots = () =>
        page.evaluate(() => {
          const e = performance.getEntriesByName('causeway:draw')[0] as PerformanceMeasure | undefined;
          return (e?.detail as { dots?: number } | undefined)?.dots ?? 0;
        });
      const settle = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      // Pan needs more events than fit in the view: aim at no more than half of what is loaded.
      const target = Math.min(targetVisible, Math.floor(lastEvents / 2));
      let width = 1200;
      const height = 900;
      let note: string | undefined;
      if (target < targetVisible) note = `only ${lastEvents} events loaded: measured at about ${target} visible`;
      for (let i = 0; i < 12; i++) {
        await settle();
        const dots = await lastDots();
        if (dots <= 0 || Math.abs(dots - target) / target < 0.15) break;
        if (dots > target) {
          // More than the target is visible (fit to width): zoom in, which halves it.
          if (dots < target * 1.4) break;
          await page.getByRole('button', { name: 'Zoom in' }).click();
          continue;
        }
        const next = Math.min(MAX_WIDTH, Math.round(190 + ((width - 190) * target) / dots));
        if (next === width) {
          note = `${note ? `${note}; ` : ''}the widest view tried (${MAX_WIDTH} px) shows ${dots} events`;
          break;
        }
        width = next;
        await page.setViewportSize({ width, height });
      }
      await settle();
      const scroller = page.locator('[data-testid=diagram] [role=region]');
      await scroller.scrollIntoViewIfNeeded();
      const box = await page.getByTestId('diagram-canvas').boundingBox();
      if (box) await page.mouse.move(box.x + Math.min(box.width / 2, 600), box.y + box.height / 2);
      await scroller.focus();

      const record = async (act: (i: number) => Promise<void>, steps: number) => {
        await page.evaluate(() => {
          const w = window as unknown as { __rec: { draws: { d: number; dots: number }[]; frames: number[]; obs: PerformanceObserver; on: boolean } };
          const rec = { draws: [] as { d: number; dots: number }[], frames: [] as number[], obs: null as unknown as PerformanceObserver, on: true };
          rec.obs = new PerformanceObserver((list) => {
            for (const e of list.getEntries())
              if (e.name === 'causeway:draw') rec.draws.push({ d: e.duration, dots: ((e as PerformanceMeasure).detail as { dots: number }).dots });
          });
          rec.obs.observe({ type: 'measure' });
          let last = -1;
          const tick = (t: number) => {
            if (!rec.on) return;
            if (last >= 0) rec.frames.push(t - last);
            last = t;
            requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
          w.__rec = rec;
        });
        // A slow diagram must not stall the bench: at most ~20 s of input per measurement.
        const until = now() + 20_000;
        for (let i = 0; i < steps && now() < until; i++) await act(i);
        await settle();
        return page.evaluate(() => {
          const w = window as unknown as { __rec: { draws: { d: number; dots: number }[]; frames: number[]; obs: PerformanceObserver; on: boolean } };
          w.__rec.on = false;
          w.__rec.obs.disconnect();
          return { draws: w.__rec.draws, frames: w.__rec.frames };
        });
      };
      // Pan: real wheel events over the canvas, 120 px each, turning back at the ends.
      let dir = 1;
      const pan = await record(async (i) => {
        if (i % 30 === 29) dir = -dir;
        await page.mouse.wheel(120 * dir, 0);
      }, 60);
      // Zoom: the toolbar's zoom in / zoom out, alternately (each doubles or halves px).
      const zoom = await record(async (i) => {
        await page.getByRole('button', { name: i % 2 === 0 ? 'Zoom in' : 'Zoom out' }).click();
      }, 20);
      const visible = [...pan.draws, ...zoom.draws].map((x) => x.dots);
      return {
        events: lastEvents,
        viewport: { width, height },
        visibleEventsMedian: median(pan.draws.map((x) => x.dots)) || median(visible),
        pan: stats(pan),
        zoom: stats(zoom),
        ...(note && { note }),
      };
    },

    async close() {
      await context.close().catch(() => {});
      await server.close().catch(() => {});
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

function stats(r: { draws: { d: number }[]; frames: number[] }): FrameStats {
  const d = r.draws.map((x) => x.d);
  return {
    draws: d.length,
    drawMsMedian: median(d),
    drawMsP95: quantile(d, 0.95),
    drawMsMax: d.length ? Math.max(...d) : NaN,
    frames: r.frames.length,
    frameIntervalMsMedian: median(r.frames),
    frameIntervalMsP95: quantile(r.frames, 0.95),
    frameIntervalMsMax: r.frames.length ? Math.max(...r.frames) : NaN,
  };
}

async function chromiumVersionOf(page: Page): Promise<string> {
  const ua = await page.evaluate(() => navigator.userAgent);
  return /Chrome\/([\d.]+)/.exec(ua)?.[1] ?? 'unknown';
}

/** The analysis worker's heap through the page's CDP session, attached to the worker target. */
async function workerHeapUsage(cdp: import('playwright-core').CDPSession): Promise<number | null> {
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string; type: string }[] };
  const worker = targetInfos.find((t) => t.type === 'worker');
  if (!worker) return null;
  const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false })) as { sessionId: string };
  const reply = new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => resolve(null), 3000);
    cdp.on('Target.receivedMessageFromTarget', (ev: { sessionId: string; message: string }) => {
      if (ev.sessionId !== sessionId) return;
      const msg = JSON.parse(ev.message) as { id?: number; result?: { usedSize?: number } };
      if (msg.id === 2) {
        clearTimeout(timer);
        resolve(msg.result?.usedSize ?? null);
      }
    });
  });
  await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' }) }).catch(() => {});
  await cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: 2, method: 'Runtime.getHeapUsage' }) });
  const used = await reply;
  await cdp.send('Target.detachFromTarget', { sessionId }).catch(() => {});
  return used;
}

/** Resident and proportional memory of the largest Chromium renderer started by this process. */
/**
 * The renderer (page and its workers) of the bench's Chromium. `rss` counts
 * every resident page, including Chromium's own code shared with its other
 * processes; `private` is what Chrome itself calls the tab's memory footprint
 * (Task Manager's "Memory footprint", the PrivateMemoryFootprint metric): on
 * Linux RssAnon + VmSwap.
 */
export function rendererMemory(): { rss: number; pss: number | null; private: number } | null {
  const parent = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(name), ppid);
    } catch {
      // gone
    }
  }
  const mine = (pid: number) => {
    for (let p = pid, i = 0; p > 1 && i < 20; i++) {
      p = parent.get(p) ?? 0;
      if (p === process.pid) return true;
    }
    return false;
  };
  let best: { rss: number; pss: number | null; private: number } | null = null;
  for (const pid of parent.keys()) {
    if (!mine(pid)) continue;
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('--type=renderer')) continue;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      const anon = Number(/RssAnon:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      const swap = Number(/VmSwap:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
      let pss: number | null = null;
      try {
        const roll = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
        pss = Number(/^Pss:\s+(\d+)/m.exec(roll)?.[1] ?? 0) * 1024;
      } catch {
        // no smaps_rollup
      }
      if (!best || rss > best.rss) best = { rss, pss, private: anon + swap };
    } catch {
      // gone
    }
  }
  return best;
}
