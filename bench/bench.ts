/**
 * npm run bench [-- --quick] [-- --no-browser] [-- --no-peer] [-- --only SECTION,...]
 * Prints a table and writes bench/results/latest.json (schema in bench/README.md).
 * --only runs some sections (SECTIONS below) and writes bench/.build/subset.json
 * unless --out says where: a check of one piece, not a result to keep.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build as esbuild } from 'esbuild';
import { GEN_FORMATS, type GenFormat } from '../scripts/generate/formats';
// browser.ts and peer.ts are imported when used: the bench's reading threads re-enter this file, and Playwright would slow every thread's start.
import type { FrameResult, LoadResult } from './browser';
import { memoryProbeMs } from './memoryProbe';
import { benchClocks, benchHappenedBefore, benchIngestAll, benchParallelRead, benchScaling, type ClockResult, type HbResult, type IngestResult, type MemoryResult, type ParallelReadResult, type ScalingPoint } from './core';
import { benchCorpusTimes, timeCost, type CorpusTimes, type TimeCost } from './timeDetection';
import { benchScale, scaleTable, scaleTargets, type ScaleResults } from './scale';
import { availableParallelism } from 'node:os';
import { isMainThread } from 'node:worker_threads';
import { servePartReader } from '../src/cli/partThreads';
import { dataset, readInputs } from './lib/data';
import { hasGc, log, now, sig } from './lib/measure';
import type { PeerResult } from './peer';
import type { CliBenchResult } from './cli';

// Bundled to bench/.build/bench.mjs: the project is two folders up.
const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const DATA = join(ROOT, 'bench', '.data');

/** Bytes per event of each generated format at 32 processes, to size inputs by bytes. */
const BYTES_PER_EVENT: Record<GenFormat, number> = { jsonl: 148, text: 122, logfmt: 138, csv: 108, govector: 510 };

/**
 * What --only may name. `times`: lines timed and the time-detection cost (generated text, format corpus).
 * `scale`: wide inputs (10,000 processes, 5,000 files, 2,000 processes with 20 k messages) from the CLI
 * and, unless --no-browser, drop → diagram in the page (scale.ts); `--only scale` runs just those.
 */
const SECTIONS = ['ingest', 'parallel', 'clocks', 'scaling', 'peer', 'cli', 'browser', 'times', 'scale'] as const;
type Section = (typeof SECTIONS)[number];

interface Config {
  quick: boolean;
  /** The sections to run: all unless --only names some. */
  sections: ReadonlySet<Section>;
  /** --only: a subset, written apart from the results kept. */
  subset: boolean;
  /** Bytes each format-corpus file is repeated to for the time-detection cost. */
  corpusBytes: number;
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
  const onlyAt = argv.indexOf('--only');
  const only = onlyAt >= 0 ? (argv[onlyAt + 1] ?? '').split(',').filter((x) => x !== '') : null;
  const unknown = only?.filter((x) => !(SECTIONS as readonly string[]).includes(x)) ?? [];
  if (only && (only.length === 0 || unknown.length > 0)) throw new Error(`--only takes sections among ${SECTIONS.join(', ')}${unknown.length ? `, not ${unknown.join(', ')}` : ''}`);
  const sections = new Set<Section>((only as Section[] | null) ?? SECTIONS);
  if (argv.includes('--no-browser')) sections.delete('browser');
  if (argv.includes('--no-peer')) sections.delete('peer');
  return {
    quick,
    sections,
    subset: only !== null,
    corpusBytes: quick ? 64e3 : 512e3,
    browser: sections.has('browser'),
    peer: sections.has('peer'),
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
    out: outAt >= 0 ? resolve(argv[outAt + 1]!) : only ? join(ROOT, 'bench', '.build', 'subset.json') : join(ROOT, 'bench', 'results', quick ? 'quick.json' : 'latest.json'),
  };
}

const BASE: { processes: number; seed: number } = { processes: 32, seed: 1 };

async function main(): Promise<void> {
  const cfg = config(process.argv.slice(2));
  const started = now();
  if (!hasGc()) log('warning: run with node --expose-gc for memory numbers (npm run bench does)');
  mkdirSync(DATA, { recursive: true });

  const want = (section: Section) => cfg.sections.has(section);
  if (cfg.subset) log(`only: ${[...cfg.sections].join(', ')} → ${cfg.out}`);

  // (a) core in Node
  const sets = GEN_FORMATS.map((format) => {
    let events = Math.round(cfg.ingestBytes / BYTES_PER_EVENT[format] / 1000) * 1000;
    if (format === 'govector') events = Math.min(events, cfg.govectorMaxEvents);
    return { format, options: { ...BASE, events } };
  });
  let ingest: IngestResult[] = [];
  if (want('ingest')) {
    log(`ingest: ${sets.map((x) => `${x.format} ${x.options.events}`).join(', ')} events, ${cfg.ingestRuns} rounds`);
    ingest = await benchIngestAll(DATA, sets, cfg.runs, cfg.ingestRuns, () => memoryProbeMs(1));
  }
  const parallelRead: ParallelReadResult[] = [];
  if (want('parallel')) {
    const readers = Math.min(4, Math.max(2, availableParallelism()));
    const threadScript = await partThreadScript();
    for (const [format, events] of [['jsonl', cfg.parallelJsonlEvents], ['text', cfg.parallelTextEvents]] as const) {
      log(`read stage with ${readers} workers: ${format} ${events} events`);
      parallelRead.push(await benchParallelRead(DATA, format, { ...BASE, events }, readers, threadScript, cfg.runs));
    }
  }
  let clocks: { lamport: ClockResult; vector: ClockResult } | null = null;
  let hb: HbResult | null = null;
  if (want('clocks')) {
    log(`clocks: ${cfg.clockEvents} events`);
    const lamport = benchClocks({ ...BASE, events: cfg.clockEvents, receiveShare: 0.2 }, 5);
    const vector = benchClocks({ events: cfg.clockEvents, processes: 64, receiveShare: 0.2, seed: 2 }, 5);
    clocks = { lamport, vector };
    log('happened-before queries');
    hb = benchHappenedBefore({ events: cfg.clockEvents, processes: 64, receiveShare: 0.2, seed: 2 }, cfg.hbQueries);
  }
  let scaling: Awaited<ReturnType<typeof benchScaling>> = { points: [], memory: null };
  if (want('scaling')) {
    log(`scaling: ${cfg.scaling.join(', ')}`);
    scaling = await benchScaling(DATA, cfg.scaling, { ...BASE, events: 0 });
  }
  // Times: the generated text logs of the ingest run, and the format corpus.
  let timeDetection: { generatedText: TimeCost; corpus: CorpusTimes } | null = null;
  if (want('times')) {
    const textSet = sets.find((x) => x.format === 'text')!;
    log(`times: generated text ${textSet.options.events} events, format corpus at ${(cfg.corpusBytes / 1e3).toFixed(0)} KB a file`);
    const generatedText = timeCost(readInputs(dataset(DATA, 'text', textSet.options)), Math.max(cfg.runs, 3));
    const corpus = await benchCorpusTimes(ROOT, cfg.corpusBytes, Math.max(cfg.runs, 3));
    timeDetection = { generatedText, corpus };
  }

  // (c) the peer, on the text logs of the ingest run
  let peer: PeerResult = { tool: 'lnav', status: 'skipped', note: cfg.peer ? 'the peer runs on the ingest section\'s text logs' : cfg.subset ? 'not in --only' : '--no-peer' };
  let scale: ScaleResults | null = null;
  if (want('scale')) {
    log('scale: 10,000 processes, 5,000 files, 2,000 processes with 20 k messages');
    scale = await benchScale(ROOT, DATA, { browser: !process.argv.includes('--no-browser'), runs: cfg.quick ? 1 : 2, timeoutMs: 120_000 });
  }

  const text = ingest.find((r) => r.format === 'text');
  if (cfg.peer && text) {
    const d = dataset(DATA, 'text', { ...BASE, events: text.events! });
    const { benchLnav } = await import('./peer');
    peer = benchLnav(d.dir, d.bytes, d.events);
    if (peer.status !== 'ok') log(`peer: ${peer.note}`);
  }
  // The command line against lnav on one set, in this run (cli.ts, issue 17).
  let cliBench: CliBenchResult | null = null;
  if (want('cli') && !process.argv.includes('--no-peer')) {
    const { benchCli } = await import('./cli');
    cliBench = await benchCli(ROOT, DATA, cfg.quick, cfg.quick ? 1 : 2);
    if (cliBench.status !== 'ok') log(`cli: ${cliBench.note}`);
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
  } else browserNote = cfg.subset ? 'not in --only' : '--no-browser';

  const results = {
    schema: 'causeway.bench/1',
    mode: cfg.quick ? 'quick' : 'default',
    generatedAt: new Date().toISOString(),
    durationSec: (now() - started) / 1000,
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', memoryBytes: totalmem(), node: process.version, chromium },
    node: {
      ingest,
      parallelRead,
      clocks,
      happenedBefore: hb,
      memory: scaling.memory,
      scaling: scaling.points,
      timeDetection,
    },
    browser: { loads, frames, ...(browserNote && { note: browserNote }) },
    scale,
    cli: cliBench,
    peer: { ...peer, ...(peer.status === 'ok' && text?.analyzeMs && { causewayAnalyzeMs: text.analyzeMs, causewayOverPeerTime: text.analyzeMs / peer.ms! }) },
    targets: [] as Target[],
  };
  results.targets = targets(results.node, loads, frames, peer, text);
  if (scale) results.targets.push(...scaleTargets(scale));
  if (cliBench) results.targets.push(...(await import('./cli')).cliTargets(cliBench));
  mkdirSync(dirname(cfg.out), { recursive: true });
  writeFileSync(cfg.out, `${stableJson(results)}\n`);
  if (scale) for (const line of scaleTable(scale)) console.log(line);
  if (cliBench) printRows((await import('./cli')).cliRows(cliBench));
  printTable(results.node, loads, frames, peer, text, results.targets);
  log(`wrote ${cfg.out} in ${results.durationSec.toFixed(0)} s`);
}

/** The Node side of the results (a section not run is empty or null). */
interface NodeResults {
  ingest: IngestResult[];
  parallelRead: ParallelReadResult[];
  clocks: { lamport: ClockResult; vector: ClockResult } | null;
  happenedBefore: HbResult | null;
  memory: MemoryResult | null;
  scaling: ScalingPoint[];
  timeDetection: { generatedText: TimeCost; corpus: CorpusTimes } | null;
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
  node: NodeResults,
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
    t('clocks.lamport', '≥ 20 M events/s', (node.clocks?.lamport.lamportEventsPerSec ?? NaN) / 1e6, 20, true, 'M/s'),
    t('clocks.vector', '≥ 5 M events/s (64 processes, 20 % receives)', (node.clocks?.vector.vectorClockEventsPerSec ?? NaN) / 1e6, 5, true, 'M/s'),
    t('clocks.sweep', '≥ 5 M events/s, Lamport and vector clocks as analyze() makes them in one sweep (64 processes, 20 % receives)', (node.clocks?.vector.sweepEventsPerSec ?? NaN) / 1e6, 5, true, 'M/s'),
    t('clocks.happenedBefore', '≤ 1 µs per query', node.happenedBefore?.nsPerQuery, 1000, false, 'ns'),
    t('memory.worker', '≤ 150 B/event beyond the raw text', node.memory?.bytesPerEvent, 150, false, 'B/event', 0),
    t('memory.tab1M', '1 M events in ≤ 300 MB (renderer private footprint, as Chrome counts a tab, settled after load with no collection forced; at load and RSS in browser.loads)', (load(1_000_000)?.rendererPrivateBytes ?? NaN) / 1e6, 300, false, 'MB', 0),
    t('e2e.1M', '≤ 3 s drop → diagram, 1 M events (issue 17; the diagram may come before the findings)', (load(1_000_000)?.dropToDiagramMs ?? NaN) / 1000, 3, false, 's'),
    t('e2e.1M.complete', '≤ 10 s drop → whole analysis shown (findings listed, inputs, diagnostics), 1 M events', (load(1_000_000)?.dropToCompleteMs ?? NaN) / 1000, 10, false, 's'),
    t('e2e.50k', '≤ 1 s drop → diagram, 50 k events (PEERS.md bar)', (load(50_000)?.dropToDiagramMs ?? NaN) / 1000, 1, false, 's', 2),
    t('page.longTask100k', '≤ 100 ms longest main-thread task from drop to diagram, 100 k events (issue 6)', load(100_000)?.longestMainThreadTaskMs, 100, false, 'ms', 0),
    t('frames.pan', '≤ 16 ms per frame at 100 k visible (draw p95)', frames?.pan.drawMsP95, 16, false, 'ms'),
    t('frames.zoom', '≤ 16 ms per frame at 100 k visible (draw p95)', frames?.zoom.drawMsP95, 16, false, 'ms'),
    t('scaling.linear', 'ms per 1 k events at the largest size ≤ 1.5 × at the one before', last && mid ? last.msPer1kEvents / mid.msPer1kEvents : NaN, 1.5, false, '×', 2),
    t('times.generated', '100 % of record lines read with a time, in every generated format that writes times (GoVector logs write none)', minShare(node.ingest.filter((r) => r.format !== 'govector')) * 100, 100, true, '%', 2),
  ];
  if (peer.status === 'ok' && text?.status === 'ok' && text.analyzeMs) {
    out.push(t('peer.lnav', 'analyze() of the same text logs faster than lnav -n', text.analyzeMs / peer.ms!, 1, false, '× lnav time', 2));
  } else out.push({ id: 'peer.lnav', target: 'faster than lnav -n on the same text logs', measured: '—', status: 'not measured' });
  return out;
}

/** The lowest share of lines timed among the ingest inputs read (NaN when none says). */
function minShare(ingest: IngestResult[]): number {
  const shares = ingest.flatMap((r) => (r.status === 'ok' && r.linesTimed?.timedShare != null ? [r.linesTimed.timedShare] : []));
  return shares.length > 0 ? Math.min(...shares) : NaN;
}

/** A share 0..1 as a percentage. */
function pct(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(v === 1 ? 0 : 2)} %`;
}

function fmt(v: number | undefined | null, digits = 1): string {
  return v === undefined || v === null || !Number.isFinite(v) ? '—' : v.toFixed(digits);
}

function printTable(
  node: NodeResults,
  loads: LoadResult[],
  frames: FrameResult | null,
  peer: PeerResult,
  text: IngestResult | undefined,
  tgs: Target[],
): void {
  const rows: string[][] = [];
  const row = (...c: string[]) => rows.push(c);
  // A section not run (--only) prints nothing.
  if (node.ingest.length > 0) row('INGEST (Node, one thread)', 'MB', 'events', 'ingest MB/s', 'analyze() MB/s', 'edges found/true', 'memory probe ms', 'lines timed', 'note');
  for (const r of node.ingest) {
    row(`  ${r.format}${r.detectedAs && r.detectedAs !== r.format ? ` (as ${r.detectedAs})` : ''}`, fmt((r.bytes ?? 0) / 1e6, 0), String(r.events ?? ''), r.status === 'ok' ? `${fmt(r.ingestMBps)} (median ${fmt(r.ingestMBpsMedian)})` : r.status, r.status === 'ok' ? fmt(r.analyzeMBps) : '', r.status === 'ok' ? `${r.edgesFound}/${r.edgesExpected}` : '', fmt(r.memoryProbeMs, 0), pct(r.linesTimed?.timedShare), r.note ?? '');
  }
  if (node.parallelRead.length > 0) row('READ STAGE (Node, worker_threads)', 'MB', 'files', '1 worker ms', 'N workers ms', 'speed-up', 'note');
  for (const r of node.parallelRead) {
    row(`  ${r.format}, read stage with ${r.workers} workers`, fmt(r.bytes / 1e6, 0), String(r.files), fmt(r.oneWorkerMs, 0), fmt(r.parallelMs, 0), `${fmt(r.speedup, 2)}×`, r.sameEvents ? '' : 'EVENT COUNTS DIFFER');
  }
  if (node.clocks && node.happenedBefore) {
    const L = node.clocks.lamport;
    const V = node.clocks.vector;
    row('CLOCKS', 'events', 'processes', 'ms', 'M events/s');
    row('  Lamport (computeLamport)', String(L.events), String(L.processes), fmt(L.lamportMs, 2), fmt(L.lamportEventsPerSec / 1e6));
    row('  topological order', String(L.events), String(L.processes), fmt(L.topoSortMs, 2), fmt(L.events / L.topoSortMs / 1e3));
    row('  vector clocks (computeVectorClocks)', String(V.events), String(V.processes), fmt(V.vectorClockMs, 2), fmt(V.vectorClockEventsPerSec / 1e6));
    for (const c of [L, V]) row('  both in one sweep (ClockSweep, as analyze)', String(c.events), String(c.processes), fmt(c.sweepMs, 2), fmt(c.sweepEventsPerSec / 1e6));
    row('  happened-before query', String(node.happenedBefore.events), String(node.happenedBefore.processes), `${fmt(node.happenedBefore.nsPerQuery, 1)} ns`, `${node.happenedBefore.queries} queries`);
  }
  const td = node.timeDetection;
  if (td) {
    row('TIMES (text reader: layout learnt + times read)', 'MB', 'lines', 'learn ms/MB', 'read ms/MB', 'ms/MB', 'lines timed', 'layouts');
    const g = td.generatedText;
    // The reader's own count where the ingest section ran, else the measured read's.
    const gShare = node.ingest.find((r) => r.format === 'text')?.linesTimed?.timedShare ?? g.readShare;
    row('  generated text', fmt(g.bytes / 1e6, 0), String(g.lines), `${fmt(g.learnMsPerMB, 2)} (${fmt(g.learnMsPerInput, 1)} ms × ${g.inputs})`, fmt(g.readMsPerMB, 2), fmt(g.msPerMB, 2), pct(gShare), 'iso8601');
    const c = td.corpus;
    row(`  format corpus, ${c.files} files (${c.cost.inputs} text)`, fmt(c.bytes / 1e6, 0), String(c.lines.lines), `${fmt(c.cost.learnMsPerMB, 2)} (${fmt(c.cost.learnMsPerInput, 1)} ms × ${c.cost.inputs})`, fmt(c.cost.readMsPerMB, 2), fmt(c.cost.msPerMB, 2), pct(c.lines.timedShare), `${c.lines.layouts.length} layouts`);
    const costly = [...c.perFile].filter((f) => f.msPerMB !== undefined).sort((a, b) => b.msPerMB! - a.msPerMB!)[0];
    if (costly) row(`    costliest: ${costly.file}`, fmt(costly.bytes / 1e6, 1), '', '', '', fmt(costly.msPerMB, 2), pct(costly.timedShare), costly.layout ?? 'none');
    for (const f of c.perFile.filter((x) => x.timedShare !== null && x.timedShare < 1)) row(`    under 100 %: ${f.file}`, fmt(f.bytes / 1e6, 1), '', '', '', fmt(f.msPerMB, 2), pct(f.timedShare), f.layout ?? 'none');
  }
  if (node.memory) row('MEMORY (Node)', `${node.memory.events} events`, `${fmt(node.memory.bytesPerEvent, 0)} B/event`, `raw ${fmt(node.memory.rawBytesPerEvent, 0)} B/event`);
  if (node.scaling.length > 0) row('SCALING (analyze(), jsonl)', 'events', 'ms', 'ms / 1k events', 'marginal ms / 1k');
  for (const p of node.scaling) row('', String(p.events), fmt(p.analyzeMs, 0), fmt(p.msPer1kEvents, 2), fmt(p.marginalMsPer1kEvents, 2));
  if (loads.length > 0) row('CHROMIUM (drop → diagram)', 'events', 'MB', 'ms (whole analysis)', 'longest task ms', 'page heap MB', 'worker heap MB', 'renderer RSS MB (peak)', 'private MB settled / at load (peak)');
  for (const l of loads) {
    row('', String(l.events), fmt(l.bytes / 1e6, 0), l.status === 'ok' ? `${fmt(l.dropToDiagramMs, 0)} (${fmt(l.dropToCompleteMs, 0)})` : `${l.status}: ${l.note ?? ''}`, fmt(l.longestMainThreadTaskMs, 0), fmt((l.pageJsHeapBytes ?? NaN) / 1e6, 0), fmt((l.workerJsHeapBytes ?? NaN) / 1e6, 0), `${fmt((l.rendererRssBytes ?? NaN) / 1e6, 0)} (${fmt((l.rendererPeakRssBytes ?? NaN) / 1e6, 0)})`, `${fmt((l.rendererPrivateBytes ?? NaN) / 1e6, 0)} / ${fmt((l.rendererPrivateAtLoadBytes ?? NaN) / 1e6, 0)} (${fmt((l.rendererPeakPrivateBytes ?? NaN) / 1e6, 0)})`);
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

function printRows(rows: string[][]): void {
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
