/**
 * The command line against lnav, in one run on one set (issue 17): 1 M events
 * as 16 text logs (100 k with --quick). Each command runs as its own process
 * under /usr/bin/time, for the whole-process wall time and the peak RSS:
 * `lnav -n FILES`, `causeway analyze --format json --out FILE DIR` and the
 * default words report; then analyze() in this process, end to end, as MB/s.
 * Best wall time of `runs` runs each (peak RSS of that run).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../src/core/analysis/analyze';
import { dataset, readInputs } from './lib/data';
import { gc, log, now } from './lib/measure';
import { ensureLnav } from './peer';

export interface CommandRun {
  wallMs: number;
  /** Peak resident set of the process, from /usr/bin/time (null where it is missing). */
  maxRssMB: number | null;
  exit: number | null;
}

export interface CliBenchResult {
  status: 'ok' | 'skipped' | 'error';
  note?: string;
  events: number;
  processes: number;
  bytes: number;
  lnav?: CommandRun;
  json?: CommandRun & { outBytes: number; bytesPerEvent: number };
  words?: CommandRun & { lines: number };
  analyzeMs?: number;
  analyzeMBps?: number;
  /** Each causeway figure over lnav's, measured in this run. */
  ratios?: { jsonWall: number; wordsWall: number; jsonRss: number | null; wordsRss: number | null };
}

const TIME = '/usr/bin/time';

function timed(cmd: string, args: string[], stdoutFile: string, env: NodeJS.ProcessEnv): CommandRun {
  const out = openSync(stdoutFile, 'w');
  try {
    const withTime = existsSync(TIME);
    const t0 = now();
    const r = withTime
      ? spawnSync(TIME, ['-f', 'causeway-bench-time %e %M', cmd, ...args], { stdio: ['ignore', out, 'pipe'], env, maxBuffer: 1 << 26 })
      : spawnSync(cmd, args, { stdio: ['ignore', out, 'pipe'], env, maxBuffer: 1 << 26 });
    const wallMs = now() - t0;
    const m = /causeway-bench-time [\d.]+ (\d+)/.exec(String(r.stderr));
    return { wallMs, maxRssMB: m ? Number(m[1]) / 1024 : null, exit: r.status };
  } finally {
    closeSync(out);
  }
}

function best(runs: number, f: () => CommandRun): CommandRun {
  let b: CommandRun | null = null;
  for (let i = 0; i < runs; i++) {
    const r = f();
    if (r.exit !== 0) return r;
    if (!b || r.wallMs < b.wallMs) b = r;
  }
  return b!;
}

export async function benchCli(root: string, data: string, quick: boolean, runs: number): Promise<CliBenchResult> {
  const d = dataset(data, 'text', { events: quick ? 100_000 : 1_000_000, processes: 16, seed: 1 });
  const base: CliBenchResult = { status: 'ok', events: d.events, processes: 16, bytes: d.bytes };
  const why = ensureLnav();
  if (why) return { ...base, status: 'skipped', note: why };
  const built = spawnSync('npm', ['run', 'build:cli'], { cwd: root, encoding: 'utf8' });
  if (built.status !== 0) return { ...base, status: 'error', note: `npm run build:cli: ${built.stderr.slice(0, 200)}` };
  const cli = join(root, 'dist-cli', 'causeway.mjs');
  const files = readdirSync(d.dir).filter((n) => !n.startsWith('.')).sort().map((n) => join(d.dir, n));
  const tmp = mkdtempSync(join(tmpdir(), 'causeway-bench-cli-'));
  try {
    const env = { ...process.env, HOME: tmp, TERM: 'dumb' };
    const devnull = '/dev/null';
    log(`cli: lnav -n, ${files.length} files, ${(d.bytes / 1e6).toFixed(0)} MB`);
    const lnav = best(runs, () => timed('lnav', ['-n', ...files], devnull, env));
    if (lnav.exit !== 0) return { ...base, status: 'error', note: `lnav exit ${lnav.exit}` };
    const outFile = join(tmp, 'analysis.json');
    log('cli: causeway analyze --format json --out FILE');
    const json = best(runs, () => timed(process.execPath, [cli, 'analyze', '--format', 'json', '--out', outFile, d.dir], devnull, env));
    const outBytes = existsSync(outFile) ? statSync(outFile).size : 0;
    rmSync(outFile, { force: true });
    log('cli: causeway analyze (the words report)');
    const wordsFile = join(tmp, 'words.txt');
    const words = best(runs, () => timed(process.execPath, [cli, 'analyze', d.dir], wordsFile, env));
    const lines = existsSync(wordsFile) ? spawnSync('wc', ['-l', wordsFile], { encoding: 'utf8' }).stdout.trim().split(' ')[0] : '0';
    if (json.exit !== 0 || words.exit !== 0) return { ...base, status: 'error', note: `causeway exit ${json.exit} / ${words.exit}`, lnav };
    log('cli: analyze() in this process');
    let analyzeMs = Infinity;
    for (let i = 0; i < runs; i++) {
      const inputs = readInputs(d);
      gc();
      const t0 = now();
      await analyze(inputs);
      analyzeMs = Math.min(analyzeMs, now() - t0);
    }
    gc();
    const ratio = (a: number | null, b: number | null) => (a === null || b === null ? null : a / b);
    return {
      ...base,
      lnav,
      json: { ...json, outBytes, bytesPerEvent: outBytes / d.events },
      words: { ...words, lines: Number(lines) },
      analyzeMs,
      analyzeMBps: d.bytes / 1e6 / (analyzeMs / 1000),
      ratios: { jsonWall: json.wallMs / lnav.wallMs, wordsWall: words.wallMs / lnav.wallMs, jsonRss: ratio(json.maxRssMB, lnav.maxRssMB), wordsRss: ratio(words.maxRssMB, lnav.maxRssMB) },
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

interface CliTarget {
  id: string;
  target: string;
  measured: string;
  status: 'met' | 'missed' | 'not measured';
  ratio?: number;
}

/** The issue's figures as targets, each against lnav in this run. */
export function cliTargets(r: CliBenchResult | null): CliTarget[] {
  const t = (id: string, target: string, value: number | null | undefined, goal: number, higherIsBetter: boolean, unit: string, digits = 2): CliTarget => {
    if (value === null || value === undefined || !Number.isFinite(value)) return { id, target, measured: '—', status: 'not measured' };
    return { id, target, measured: `${value.toFixed(digits)} ${unit}`, status: (higherIsBetter ? value >= goal : value <= goal) ? 'met' : 'missed', ratio: value / goal };
  };
  const q = r?.ratios;
  return [
    t('cli.json', '`causeway analyze --format json --out FILE`, whole process, ≤ 0.5 × lnav -n (1 M events, 16 text logs)', q?.jsonWall, 0.5, false, '× lnav'),
    t('cli.words', 'the default words report ≤ 0.33 × lnav -n', q?.wordsWall, 0.33, false, '× lnav'),
    t('cli.rss', 'peak RSS of either ≤ 2 × lnav’s', q && q.jsonRss !== null && q.wordsRss !== null ? Math.max(q.jsonRss, q.wordsRss) : null, 2, false, '× lnav'),
    t('cli.analyze', 'end-to-end analyze() ≥ 80 MB/s on the same set', r?.analyzeMBps, 80, true, 'MB/s', 1),
    t('cli.documentBytes', '--format json under 250 bytes per event (16 processes)', r?.json?.bytesPerEvent, 250, false, 'B/event', 0),
  ];
}

/** Table rows for the section. */
export function cliRows(r: CliBenchResult | null): string[][] {
  if (!r) return [];
  if (r.status !== 'ok') return [['CLI vs lnav', r.status, r.note ?? '']];
  const f = (v: number | null | undefined, d = 0) => (v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(d));
  const rows = [[`CLI vs lnav (${r.events} events, ${r.processes} text logs, ${f(r.bytes / 1e6)} MB)`, 'wall ms', 'peak RSS MB', '× lnav wall', '× lnav RSS', 'note']];
  rows.push(['  lnav -n', f(r.lnav!.wallMs), f(r.lnav!.maxRssMB), '1', '1', '']);
  rows.push(['  causeway --format json --out FILE', f(r.json!.wallMs), f(r.json!.maxRssMB), f(r.ratios!.jsonWall, 2), f(r.ratios!.jsonRss, 2), `${f(r.json!.bytesPerEvent)} B/event`]);
  rows.push(['  causeway (words report)', f(r.words!.wallMs), f(r.words!.maxRssMB), f(r.ratios!.wordsWall, 2), f(r.ratios!.wordsRss, 2), `${r.words!.lines} lines`]);
  rows.push(['  analyze() in process', f(r.analyzeMs), '', f(r.analyzeMs! / r.lnav!.wallMs, 2), '', `${f(r.analyzeMBps, 1)} MB/s`]);
  return rows;
}
