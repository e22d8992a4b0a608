/**
 * npm run bench [-- --quick] [-- --no-browser] [-- --no-peer]
 * Prints a table and writes bench/results/latest.json (schema in bench/README.md).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build as esbuild } from 'esbuild';
import { GEN_FORMATS, type GenFormat } from '../scripts/generate/formats';
// browser.ts and peer.ts are imported when used: the bench's reading threads re-enter this file, and Playwright would slow every thread's start.
import type { FrameResult, LoadResult } from './browser';
import { memoryProbeMs } from './memoryProbe';
import { benchClocks, benchHappenedBefore, benchIngestAll, benchParallelRead, benchScaling, type IngestResult, type ParallelReadResult } from './core';
import { availableParallelism } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import { servePartReader } from '../src/cli/partThreads';
import { dataset } from './lib/data';
import { hasGc, log, now, sig } from './lib/measure';
import type { PeerResult } from './peer';

// Bundled to bench/.build/bench.mjs: the project is two folders up.
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const DATA = join(ROOT, 'bench', '.data');

/** Bytes per event of each generated format at 32 processes, to size inputs by bytes. */
const BYTES_PER_EVENT: Record<GenFormat, number> = { jsonl: 148, text: 122, logfmt: 138, csv: 108, govector: 510 };

interface Config {
  quick: boolean;
  browser: boolean;
  peer: boolean;
  ingestBytes: number;
  govectorMaxEvents: number;
  runs: number;
  /** Timed ingest runs per format: more than `runs`, as ingest is the number most shaken by the VM's neighbours. */
  ingestRuns: number;
  clockEvents: number;
  hbQueries: number;
  scaling: number[];
  /** Events of the jsonl and text sets for "read stage with N workers". */
  parallelJsonlEvents: number;
  parallelTextEvents: number;
  browserSizes: number[];
  browserTimeoutMs: number;
  out: string;
}

function config(argv: string[]): Config {
  const quick = argv.includes('--quick');
  const outAt = argv.indexOf('--out');
  return {
    quick,
    browser: !argv.includes('--no-browser'),
    peer: !argv.includes('--no-peer'),
    ingestBytes: quick ? 8e6 : 64e6,
    govectorMaxEvents: quick ? 15_000 : 100_000,
    runs: quick ? 1 : 2,
    ingestRuns: quick ? 1 : 5,
    clockEvents: quick ? 200_000 : 1_000_000,
    hbQueries: quick ? 1_000_000 : 10_000_000,
    scaling: quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000],
    parallelJsonlEvents: quick ? 54_000 : 1_000_000,
    parallelTextEvents: quick ? 66_000 : 525_000,
    browserSizes: quick ? [50_000] : [50_000, 100_000, 1_000_000],
    browserTimeoutMs: quick ? 60_000 : 240_000,
    out: outAt >= 0 ? resolve(argv[outAt + 1]!) : join(ROOT, 'bench', 'results', quick ? 'quick.json' : 'latest.json'),
  };
}

const BASE: { processes: number; seed: number } = { processes: 32, seed: 1 };

async function main(): Promise<void> {
  const cfg = config(process.argv.slice(2));
  const started = now();
  if (!hasGc()) log('warning: run with node --expose-gc for memory numbers (npm run bench does)');
  mkdirSync(DATA, { recursive: true });

  // (a) core in Node
  const sets = GEN_FORMATS.map((format) => {
    let events = Math.round(cfg.ingestBytes / BYTES_PER_EVENT[format] / 1000) * 1000;
    if (format === 'govector') events = Math.min(events, cfg.govectorMaxEvents);
    return { format, options: { ...BASE, events } };
  });
  log(`ingest: ${sets.map((x) => `${x.format} ${x.options.events}`).join(', ')} events, ${cfg.ingestRuns} rounds`);
  const ingest: IngestResult[] = await benchIngestAll(DATA, sets, cfg.runs, cfg.ingestRuns, () => memoryProbeMs(1));
  const readers = Math.min(4, Math.max(2, availableParallelism()));
  const threadScript = await partThreadScript();
  const parallelRead: ParallelReadResult[] = [];
  for (const [format, events] of [['jsonl', cfg.parallelJsonlEvents], ['text', cfg.parallelTextEvents]] as const) {
    log(`read stage with ${readers} workers: ${format} ${events} events`);
    parallelRead.push(await benchParallelRead(DATA, format, { ...BASE, events }, readers, threadScript, cfg.runs));
  }
  log(`clocks: ${cfg.clockEvents} events`);
  const lamport = benchClocks({ ...BASE, events: cfg.clockEvents, receiveShare: 0.2 }, 5);
  const vector = benchClocks({ events: cfg.clockEvents, processes: 64, receiveShare: 0.2, seed: 2 }, 5);
  log('happened-before queries');
  const hb = benchHappenedBefore({ events: cfg.clockEvents, processes: 64, receiveShare: 0.2, seed: 2 }, cfg.hbQueries);
  log(`scaling: ${cfg.scaling.join(', ')}`);
  const scaling = await benchScaling(DATA, cfg.scaling, { ...BASE, events: 0 });

  // (c) the peer, on the text logs of the ingest run
  let peer: PeerResult = { tool: 'lnav', status: 'skipped', note: '--no-peer' };
  const text = ingest.find((r) => r.format === 'text');
  if (cfg.peer && text) {
    const d = dataset(DATA, 'text', { ...BASE, events: text.events! });
    const { benchLnav } = await import('./peer');
    peer = benchLnav(d.dir, d.bytes, d.events);
    if (peer.status !== 'ok') log(`peer: ${peer.note}`);
  }

  // (b) end to end in Chromium
  const loads: LoadResult[] = [];
  let frames: FrameResult | null = null;
  let browserNote: string | undefined;
  let chromium = '';
  if (cfg.browser) {
    const { startBrowser } = await import('./browser');
    const session = await startBrowser(ROOT, join(ROOT, 'bench', '.build', 'dist')).catch((err: unknown) => {
      browserNote = `could not start: ${err instanceof Error ? err.message : String(err)}`;
      return null;
    });
    if (session) {
      chromium = session.chromiumVersion;
      try {
        for (const events of cfg.browserSizes) {
          const d = dataset(DATA, 'jsonl', { ...BASE, events });
          log(`chromium: ${events} events, ${(d.bytes / 1e6).toFixed(0)} MB`);
          // Loads that take about a second are repeated (the fastest is kept, every time is in attemptsMs):
          // one such load is at the mercy of this VM's memory phases, as one ingest run would be.
          const attempts = events <= 100_000 ? 3 : 1;
          let r = await session.load(d, cfg.browserTimeoutMs);
          const times = [r.dropToDiagramMs ?? NaN];
          for (let a = 1; a < attempts && r.status === 'ok'; a++) {
            const again = await session.load(d, cfg.browserTimeoutMs);
            times.push(again.dropToDiagramMs ?? NaN);
            if (again.status === 'ok' && again.dropToDiagramMs! < r.dropToDiagramMs!) r = again;
          }
          if (attempts > 1) r = { ...r, attemptsMs: times };
          loads.push(r);
          log(`chromium: ${events} → ${r.status} ${times.map((t) => t.toFixed(0)).join(' / ')} ms`);
          if (r.status !== 'ok') break;
        }
        const loaded = [...loads].reverse().find((r) => r.status === 'ok');
        if (loaded) {
          log('chromium: pan and zoom frames');
          frames = await session.frames(100_000);
        }
      } finally {
        await session.close();
      }
    }
  } else browserNote = '--no-browser';

  const results = {
    schema: 'causeway.bench/1',
    mode: cfg.quick ? 'quick' : 'default',
    generatedAt: new Date().toISOString(),
    durationSec: (now() - started) / 1000,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', memoryBytes: totalmem(), node: process.version, chromium },
    node: {
      ingest,
      parallelRead,
      clocks: { lamport, vector },
      happenedBefore: hb,
      memory: scaling.memory,
      scaling: scaling.points,
    },
    browser: { loads, frames, ...(browserNote && { note: browserNote }) },
    peer: { ...peer, ...(peer.status === 'ok' && text?.analyzeMs && { causewayAnalyzeMs: text.analyzeMs, causewayOverPeerTime: text.analyzeMs / peer.ms! }) },
    targets: [] as Target[],
  };
  results.targets = targets(results.node, loads, frames, peer, text);
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(cfg.out, `${stableJson(results)}\n`);
  printTable(results.node, loads, frames, peer, text, results.targets);
  log(`wrote ${cfg.out} in ${results.durationSec.toFixed(0)} s`);
}

interface Target {
  id: string;
  target: string;
  measured: string;
  status: 'met' | 'missed' | 'not measured';
  /** measured / target (throughputs: >1 is better; times and sizes: <1 is better). */
  ratio?: number;
}

function t(id: string, target: string, value: number | undefined | null, goal: number, higherIsBetter: boolean, unit: string, digits = 1): Target {
  if (value === undefined || value === null || !Number.isFinite(value)) return { id, target, measured: '—', status: 'not measured' };
  const met = higherIsBetter ? value >= goal : value <= goal;
  return { id, target, measured: `${value.toFixed(digits)} ${unit}`, status: met ? 'met' : 'missed', ratio: value / goal };
}

function targets(
  node: { ingest: IngestResult[]; clocks: { lamport: { lamportEventsPerSec: number }; vector: { vectorClockEventsPerSec: number } }; happenedBefore: { nsPerQuery: number }; memory: { bytesPerEvent: number } | null; scaling: { events: number; msPer1kEvents: number }[] },
  loads: LoadResult[],
  frames: FrameResult | null,
  peer: PeerResult,
  text: IngestResult | undefined,
): Target[] {
  const mbps = (f: string) => node.ingest.find((r) => r.format === f && r.status === 'ok')?.ingestMBps;
  const load = (n: number) => loads.find((l) => l.events === n && l.status === 'ok');
  const sc = node.scaling;
  const last = sc[sc.length - 1];
  const mid = sc[sc.length - 2];
  const out = [
    t('ingest.jsonl', '≥ 100 MB/s (best of 5 runs; the median is in node.ingest)', mbps('jsonl'), 100, true, 'MB/s'),
    t('ingest.text', '≥ 100 MB/s (best of 5 runs; the median is in node.ingest)', mbps('text'), 100, true, 'MB/s'),
    t('ingest.csv', '≥ 50 MB/s (best of 5 runs)', mbps('csv'), 50, true, 'MB/s'),
    t('clocks.lamport', '≥ 20 M events/s', node.clocks.lamport.lamportEventsPerSec / 1e6, 20, true, 'M/s'),
    t('clocks.vector', '≥ 5 M events/s (64 processes, 20 % receives)', node.clocks.vector.vectorClockEventsPerSec / 1e6, 5, true, 'M/s'),
    t('clocks.happenedBefore', '≤ 1 µs per query', node.happenedBefore.nsPerQuery, 1000, false, 'ns'),
    t('memory.worker', '≤ 150 B/event beyond the raw text', node.memory?.bytesPerEvent, 150, false, 'B/event', 0),
    t('memory.tab1M', '1 M events in ≤ 300 MB (renderer private footprint, as Chrome counts a tab, settled after load with no collection forced; at load and RSS in browser.loads)', (load(1_000_000)?.rendererPrivateBytes ?? NaN) / 1e6, 300, false, 'MB', 0),
    t('e2e.1M', '≤ 10 s drop → diagram, 1 M events', (load(1_000_000)?.dropToDiagramMs ?? NaN) / 1000, 10, false, 's'),
    t('e2e.50k', '≤ 1 s drop → diagram, 50 k events (PEERS.md bar)', (load(50_000)?.dropToDiagramMs ?? NaN) / 1000, 1, false, 's', 2),
    t('page.longTask100k', '≤ 100 ms longest main-thread task from drop to diagram, 100 k events (issue 6)', load(100_000)?.longestMainThreadTaskMs, 100, false, 'ms', 0),
    t('frames.pan', '≤ 16 ms per frame at 100 k visible (draw p95)', frames?.pan.drawMsP95, 16, false, 'ms'),
    t('frames.zoom', '≤ 16 ms per frame at 100 k visible (draw p95)', frames?.zoom.drawMsP95, 16, false, 'ms'),
    t('scaling.linear', 'ms per 1 k events at the largest size ≤ 1.5 × at the one before', last && mid ? last.msPer1kEvents / mid.msPer1kEvents : NaN, 1.5, false, '×', 2),
  ];
  if (peer.status === 'ok' && text?.status === 'ok' && text.analyzeMs) {
    out.push(t('peer.lnav', 'analyze() of the same text logs faster than lnav -n', text.analyzeMs / peer.ms!, 1, false, '× lnav time', 2));
  } else out.push({ id: 'peer.lnav', target: 'faster than lnav -n on the same text logs', measured: '—', status: 'not measured' });
  return out;
}

function fmt(v: number | undefined | null, digits = 1): string {
  return v === undefined || v === null || !Number.isFinite(v) ? '—' : v.toFixed(digits);
}

function printTable(
  node: { ingest: IngestResult[]; parallelRead: ParallelReadResult[]; clocks: { lamport: ReturnType<typeof benchClocks>; vector: ReturnType<typeof benchClocks> }; happenedBefore: ReturnType<typeof benchHappenedBefore>; memory: { bytesPerEvent: number; rawBytesPerEvent: number; events: number } | null; scaling: { events: number; analyzeMs: number; msPer1kEvents: number; marginalMsPer1kEvents?: number }[] },
  loads: LoadResult[],
  frames: FrameResult | null,
  peer: PeerResult,
  text: IngestResult | undefined,
  tgs: Target[],
): void {
  const rows: string[][] = [];
  const row = (...c: string[]) => rows.push(c);
  row('INGEST (Node, one thread)', 'MB', 'events', 'ingest MB/s', 'analyze() MB/s', 'edges found/true', 'memory probe ms', 'note');
  for (const r of node.ingest) {
    row(`  ${r.format}${r.detectedAs && r.detectedAs !== r.format ? ` (as ${r.detectedAs})` : ''}`, fmt((r.bytes ?? 0) / 1e6, 0), String(r.events ?? ''), r.status === 'ok' ? `${fmt(r.ingestMBps)} (median ${fmt(r.ingestMBpsMedian)})` : r.status, r.status === 'ok' ? fmt(r.analyzeMBps) : '', r.status === 'ok' ? `${r.edgesFound}/${r.edgesExpected}` : '', fmt(r.memoryProbeMs, 0), r.note ?? '');
  }
  row('READ STAGE (Node, worker_threads)', 'MB', 'files', '1 worker ms', 'N workers ms', 'speed-up', 'note');
  for (const r of node.parallelRead) {
    row(`  ${r.format}, read stage with ${r.workers} workers`, fmt(r.bytes / 1e6, 0), String(r.files), fmt(r.oneWorkerMs, 0), fmt(r.parallelMs, 0), `${fmt(r.speedup, 2)}×`, r.sameEvents ? '' : 'EVENT COUNTS DIFFER');
  }
  const L = node.clocks.lamport;
  const V = node.clocks.vector;
  row('CLOCKS', 'events', 'processes', 'ms', 'M events/s');
  row('  Lamport (computeLamport)', String(L.events), String(L.processes), fmt(L.lamportMs, 2), fmt(L.lamportEventsPerSec / 1e6));
  row('  topological order', String(L.events), String(L.processes), fmt(L.topoSortMs, 2), fmt(L.events / L.topoSortMs / 1e3));
  row('  vector clocks (computeVectorClocks)', String(V.events), String(V.processes), fmt(V.vectorClockMs, 2), fmt(V.vectorClockEventsPerSec / 1e6));
  row('  happened-before query', String(node.happenedBefore.events), String(node.happenedBefore.processes), `${fmt(node.happenedBefore.nsPerQuery, 1)} ns`, `${node.happenedBefore.queries} queries`);
  if (node.memory) row('MEMORY (Node)', `${node.memory.events} events`, `${fmt(node.memory.bytesPerEvent, 0)} B/event`, `raw ${fmt(node.memory.rawBytesPerEvent, 0)} B/event`);
  row('SCALING (analyze(), jsonl)', 'events', 'ms', 'ms / 1k events', 'marginal ms / 1k');
  for (const p of node.scaling) row('', String(p.events), fmt(p.analyzeMs, 0), fmt(p.msPer1kEvents, 2), fmt(p.marginalMsPer1kEvents, 2));
  row('CHROMIUM (drop → diagram)', 'events', 'MB', 'ms', 'longest task ms', 'page heap MB', 'worker heap MB', 'renderer RSS MB (peak)', 'private MB settled / at load (peak)');
  for (const l of loads) {
    row('', String(l.events), fmt(l.bytes / 1e6, 0), l.status === 'ok' ? fmt(l.dropToDiagramMs, 0) : `${l.status}: ${l.note ?? ''}`, fmt(l.longestMainThreadTaskMs, 0), fmt((l.pageJsHeapBytes ?? NaN) / 1e6, 0), fmt((l.workerJsHeapBytes ?? NaN) / 1e6, 0), `${fmt((l.rendererRssBytes ?? NaN) / 1e6, 0)} (${fmt((l.rendererPeakRssBytes ?? NaN) / 1e6, 0)})`, `${fmt((l.rendererPrivateBytes ?? NaN) / 1e6, 0)} / ${fmt((l.rendererPrivateAtLoadBytes ?? NaN) / 1e6, 0)} (${fmt((l.rendererPeakPrivateBytes ?? NaN) / 1e6, 0)})`);
  }
  if (frames) {
    row('FRAMES', `visible ${fmt(frames.visibleEventsMedian, 0)}`, `viewport ${frames.viewport.width}px`, 'draw ms p50/p95/max', 'rAF interval ms p50/p95/max');
    for (const [name, s] of [['pan (wheel)', frames.pan], ['zoom (buttons)', frames.zoom]] as const) {
      row(`  ${name}`, `${s.draws} draws`, '', `${fmt(s.drawMsMedian)}/${fmt(s.drawMsP95)}/${fmt(s.drawMsMax)}`, `${fmt(s.frameIntervalMsMedian)}/${fmt(s.frameIntervalMsP95)}/${fmt(s.frameIntervalMsMax)}`);
    }
  }
  if (peer.status === 'ok') {
    row('PEER lnav -n (same text logs)', fmt((peer.bytes ?? 0) / 1e6, 0), `${fmt(peer.ms, 0)} ms`, `${fmt(peer.mbPerSec)} MB/s`, text?.status === 'ok' ? `causeway ${fmt(text.analyzeMs, 0)} ms = ${fmt(text.analyzeMs! / peer.ms!, 2)}× lnav` : `causeway: text ${text?.status}`, `sort -m ${fmt(peer.sortMergeMs, 0)} ms`);
  } else row('PEER lnav', peer.status, peer.note ?? '');
  row('TARGETS', 'measured', 'target', 'status');
  for (const g of tgs) row(`  ${g.id}`, g.measured, g.target, g.status.toUpperCase());
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.min(60, Math.max(widths[i] ?? 0, c.length))));
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd());
}

/** JSON with keys sorted and numbers rounded to 4 significant digits: stable diffs. */
function stableJson(v: unknown): string {
  const norm = (x: unknown): unknown => {
    if (typeof x === 'number') return Number.isFinite(x) ? (Number.isInteger(x) ? x : sig(x, 4)) : null;
    if (Array.isArray(x)) return x.map(norm);
    if (x && typeof x === 'object') {
      const o: Record<string, unknown> = {};
      for (const k of Object.keys(x).sort()) {
        const val = (x as Record<string, unknown>)[k];
        if (val !== undefined) o[k] = norm(val);
      }
      return o;
    }
    return x;
  };
  return JSON.stringify(norm(v), null, 2);
}

/**
 * The reading threads' script: src/cli/partThreadMain.ts bundled beside this
 * one. This file could serve (it re-enters as a thread), but it loads
 * Playwright and Vite, and each thread would pay that (~0.6 s) at start.
 */
async function partThreadScript(): Promise<URL> {
  const outfile = join(ROOT, 'bench', '.build', 'partThread.mjs');
  await esbuild({
    entryPoints: [join(ROOT, 'src', 'cli', 'partThreadMain.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
  });
  return pathToFileURL(outfile);
}

// The bench can also be its own reading thread ("read stage with N workers").
if (isMainThread) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
} else void servePartReader();
