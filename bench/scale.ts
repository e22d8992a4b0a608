/**
 * Scale figures (issue 15): inputs wide rather than long, where a step that
 * costs domains × domains or files × files shows long before a million
 * events does. Three generated sets:
 *  - 10,000 processes (each its own host) × 1 event, one JSON lines file;
 *  - a folder of 5,000 one-line files (5,000 processes on 5,000 hosts);
 *  - 2,000 processes on 2,000 hosts, 100 k events, 20 k messages.
 * Each is timed from the CLI (the built dist-cli/causeway.mjs in its own
 * process, report to a file: wall time, and CPU from the child's own resource
 * usage, as this VM's neighbours stretch wall times) and, when the browser
 * runs, drop → diagram in the page. Target: ≤ 5 s each.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateTo } from '../scripts/generate/cli';
import { withDefaults, type GenOptions } from '../scripts/generate/model';
import type { LoadResult } from './browser';
import type { Dataset } from './lib/data';
import { log, now } from './lib/measure';

export interface ScaleSet {
  id: string;
  label: string;
  options: GenOptions;
  /** All processes in this one file; else one file per process. */
  oneFile?: string;
}

export const SCALE_SETS: ScaleSet[] = [
  {
    id: 'processes10k',
    label: '10,000 processes × 1 event (one JSON lines file)',
    options: { events: 10_000, processes: 10_000, hosts: 10_000, receiveShare: 0, roundRobin: true, seed: 1 },
    oneFile: 'all.jsonl',
  },
  {
    id: 'files5k',
    label: 'a folder of 5,000 one-line files',
    options: { events: 5_000, processes: 5_000, hosts: 5_000, receiveShare: 0, roundRobin: true, seed: 1 },
  },
  {
    id: 'messages20k',
    label: '2,000 processes, 100 k events, 20 k messages',
    options: { events: 100_000, processes: 2_000, hosts: 2_000, receiveShare: 0.2, seed: 1 },
  },
];

export interface ScaleCliResult {
  id: string;
  label: string;
  events: number;
  files: number;
  bytes: number;
  status: 'ok' | 'timeout' | 'error';
  note?: string;
  /** Wall time of `causeway analyze DIR --out FILE`, process start to exit, ms (best of the runs). */
  wallMs?: number;
  /** The child's user + system CPU time, ms, in the same run. */
  cpuMs?: number;
  maxRssBytes?: number;
}

/** The set's generated files under root, reused when its ground truth says the same options. */
export function scaleDataset(root: string, set: ScaleSet): Dataset {
  const o = withDefaults(set.options);
  const dir = join(root, `scale-${set.id}`);
  const truthPath = join(dir, '.truth.json');
  if (existsSync(truthPath)) {
    try {
      const truth = JSON.parse(readFileSync(truthPath, 'utf8')) as Record<string, unknown>;
      const files = truth['files'] as string[];
      const sameFiles = set.oneFile ? files.length === 1 && files[0] === set.oneFile : files.length === o.processes;
      if (JSON.stringify(truth['options']) === JSON.stringify(o) && sameFiles) {
        return { dir, format: 'jsonl', files: truth['files'] as string[], bytes: truth['bytes'] as number, events: o.events, truth };
      }
    } catch {
      // regenerate below
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const t0 = now();
  const r = generateTo(dir, 'jsonl', o, set.oneFile);
  log(`generated ${set.id}: ${o.events} events, ${r.files.length} files, ${(r.bytes / 1e6).toFixed(1)} MB in ${((now() - t0) / 1000).toFixed(1)} s`);
  return { dir, format: 'jsonl', files: r.files, bytes: r.bytes, events: o.events, truth: r.truth };
}

/** Builds the CLI as `npm run build:cli` does; returns its path. */
export function buildCli(root: string): string {
  const r = spawnSync('npm', ['run', '--silent', 'build:cli'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('npm run build:cli failed');
  return join(root, 'dist-cli', 'causeway.mjs');
}

/** Runs the CLI on the set `runs` times (fastest kept), each in a fresh process, with a time limit. */
export function benchCliScale(cli: string, set: ScaleSet, d: Dataset, runs: number, timeoutMs: number): ScaleCliResult {
  const base: ScaleCliResult = { id: set.id, label: set.label, events: d.events, files: d.files.length, bytes: d.bytes, status: 'ok' };
  const tmp = mkdtempSync(join(tmpdir(), 'causeway-scale-'));
  // The child writes its own resource usage at exit: CPU time says what the work cost when neighbours stretch the wall time.
  const usageHook = join(tmp, 'usage.mjs');
  writeFileSync(
    usageHook,
    `import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(process.env.CAUSEWAY_BENCH_USAGE, JSON.stringify(process.resourceUsage())));\n`,
  );
  let best: ScaleCliResult | null = null;
  try {
    for (let i = 0; i < runs; i++) {
      const usageFile = join(tmp, 'usage.json');
      rmSync(usageFile, { force: true });
      const t0 = now();
      const r = spawnSync(process.execPath, ['--import', `file://${usageHook}`, cli, 'analyze', '--out', join(tmp, 'report.txt'), d.dir], {
        env: { ...process.env, CAUSEWAY_BENCH_USAGE: usageFile },
        timeout: timeoutMs,
        encoding: 'utf8',
      });
      const wallMs = now() - t0;
      if (r.error || r.status !== 0) {
        const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
        return { ...base, status: timedOut ? 'timeout' : 'error', wallMs, note: timedOut ? `not done in ${timeoutMs / 1000} s` : `exit ${r.status}: ${(r.stderr ?? String(r.error)).slice(0, 300)}` };
      }
      const u = JSON.parse(readFileSync(usageFile, 'utf8')) as { userCPUTime: number; systemCPUTime: number; maxRSS: number };
      const run: ScaleCliResult = { ...base, wallMs, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000, maxRssBytes: u.maxRSS * 1024 };
      if (!best || run.wallMs! < best.wallMs!) best = run;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return best!;
}

export interface ScaleResults {
  cli: ScaleCliResult[];
  /** Drop → diagram in Chromium, per set (the browser section's LoadResult, with the set's id). */
  page: (LoadResult & { id: string })[];
  pageNote?: string;
}

/** Target per set and side: ≤ 5 s. */
export const SCALE_TARGET_MS = 5000;

/**
 * The scale section: every set through the CLI, then (unless browser is
 * false) through the page, in its own Chromium session (a production build
 * of the page, as the browser section makes).
 */
export async function benchScale(root: string, data: string, o: { browser: boolean; runs: number; timeoutMs: number }): Promise<ScaleResults> {
  const sets = SCALE_SETS.map((set) => ({ set, d: scaleDataset(data, set) }));
  log('scale: building the CLI');
  const cli = buildCli(root);
  const cliResults: ScaleCliResult[] = [];
  for (const { set, d } of sets) {
    const r = benchCliScale(cli, set, d, o.runs, o.timeoutMs);
    log(`scale cli: ${set.id} → ${r.status} ${fmtMs(r.wallMs)} wall, ${fmtMs(r.cpuMs)} CPU${r.note ? ` (${r.note})` : ''}`);
    cliResults.push(r);
  }
  const page: ScaleResults['page'] = [];
  if (!o.browser) return { cli: cliResults, page, pageNote: '--no-browser' };
  const { startBrowser } = await import('./browser');
  let pageNote: string | undefined;
  const session = await startBrowser(root, join(root, 'bench', '.build', 'dist')).catch((err: unknown) => {
    pageNote = `could not start: ${err instanceof Error ? err.message : String(err)}`;
    return null;
  });
  if (session) {
    try {
      for (const { set, d } of sets) {
        log(`scale page: ${set.id}`);
        const r = await session.load(d, o.timeoutMs);
        log(`scale page: ${set.id} → ${r.status} ${fmtMs(r.dropToDiagramMs)}${r.note ? ` (${r.note})` : ''}`);
        page.push({ ...r, id: set.id });
      }
    } finally {
      await session.close();
    }
  }
  return { cli: cliResults, page, ...(pageNote && { pageNote }) };
}

export function scaleTargets(s: ScaleResults): { id: string; target: string; measured: string; status: 'met' | 'missed' | 'not measured'; ratio?: number }[] {
  const one = (id: string, label: string, ms: number | undefined) =>
    ms === undefined || !Number.isFinite(ms)
      ? { id, target: `≤ 5 s: ${label}`, measured: '—', status: 'not measured' as const }
      : { id, target: `≤ 5 s: ${label}`, measured: `${(ms / 1000).toFixed(2)} s`, status: ms <= SCALE_TARGET_MS ? ('met' as const) : ('missed' as const), ratio: ms / SCALE_TARGET_MS };
  return SCALE_SETS.flatMap((set) => {
    const c = s.cli.find((r) => r.id === set.id);
    const p = s.page.find((r) => r.id === set.id);
    return [
      one(`scale.cli.${set.id}`, `causeway analyze, ${set.label} (wall; CPU in scale.cli)`, c?.status === 'ok' ? c.wallMs : undefined),
      one(`scale.page.${set.id}`, `drop → diagram, ${set.label}`, p?.status === 'ok' ? p.dropToDiagramMs : undefined),
    ];
  });
}

/** The scale rows as table lines, columns padded. */
export function scaleTable(s: ScaleResults): string[] {
  const rows = scaleRows(s);
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.min(60, Math.max(widths[i] ?? 0, c.length))));
  return rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd());
}

function scaleRows(s: ScaleResults): string[][] {
  const rows: string[][] = [['SCALE (issue 15)', 'events', 'files', 'MB', 'CLI wall ms', 'CLI CPU ms', 'CLI max RSS MB', 'page drop → diagram ms', 'note']];
  for (const set of SCALE_SETS) {
    const c = s.cli.find((r) => r.id === set.id);
    const p = s.page.find((r) => r.id === set.id);
    const notes = [c?.note, p?.note, !p && s.pageNote].filter(Boolean).join('; ');
    rows.push([
      `  ${set.label}`,
      String(c?.events ?? ''),
      String(c?.files ?? ''),
      c ? (c.bytes / 1e6).toFixed(1) : '',
      c?.status === 'ok' ? fmtMs(c.wallMs) : (c?.status ?? '—'),
      fmtMs(c?.cpuMs),
      c?.maxRssBytes ? (c.maxRssBytes / 1e6).toFixed(0) : '—',
      p?.status === 'ok' ? fmtMs(p.dropToDiagramMs) : (p?.status ?? '—'),
      notes,
    ]);
  }
  return rows;
}

function fmtMs(v: number | undefined): string {
  return v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(0);
}
