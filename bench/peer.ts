/**
 * The peer: lnav (C++, no causality) merging the same text logs, headless
 * (`lnav -n FILES`: loads and indexes every file, prints the merged log view
 * to stdout, exits). Installed from Debian only when running as root with
 * BENCH_INSTALL_PEERS=1; otherwise skipped with a message.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { log, now } from './lib/measure';

export interface PeerResult {
  tool: 'lnav';
  status: 'ok' | 'skipped' | 'error';
  note?: string;
  version?: string;
  command?: string;
  bytes?: number;
  lines?: number;
  ms?: number;
  mbPerSec?: number;
  linesPerSec?: number;
  /** `sort -m` of the same files, as PEERS.md gives it: the floor for merging by timestamp text. */
  sortMergeMs?: number;
}

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

export function ensureLnav(): string | null {
  if (has('lnav')) return null;
  const root = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!root || process.env['BENCH_INSTALL_PEERS'] !== '1') {
    return 'lnav is not installed; to compare, install it (apt-get install lnav) or run as root with BENCH_INSTALL_PEERS=1';
  }
  log('installing lnav (apt-get install -y lnav)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let r = spawnSync('apt-get', ['install', '-y', '-q', 'lnav'], { stdio: 'ignore', env });
  if (r.status !== 0) {
    spawnSync('apt-get', ['update', '-q'], { stdio: 'ignore', env });
    r = spawnSync('apt-get', ['install', '-y', '-q', 'lnav'], { stdio: 'ignore', env });
  }
  return r.status === 0 && has('lnav') ? null : 'apt-get install lnav failed';
}

export function benchLnav(dir: string, bytes: number, lines: number): PeerResult {
  const why = ensureLnav();
  if (why) return { tool: 'lnav', status: 'skipped', note: why };
  const files = readdirSync(dir)
    .filter((n) => !n.startsWith('.'))
    .sort()
    .map((n) => join(dir, n));
  const version = spawnSync('lnav', ['-V'], { encoding: 'utf8' }).stdout.trim();
  // Its own HOME, so no user config or saved session changes what it does.
  const home = mkdtempSync(join(tmpdir(), 'causeway-lnav-'));
  const devnull = openSync('/dev/null', 'w');
  try {
    const env = { ...process.env, HOME: home, TERM: 'dumb' };
    const t0 = now();
    const r = spawnSync('lnav', ['-n', ...files], { stdio: ['ignore', devnull, 'pipe'], env, maxBuffer: 1 << 24 });
    const ms = now() - t0;
    if (r.status !== 0) return { tool: 'lnav', status: 'error', version, note: `exit ${r.status}: ${String(r.stderr).slice(0, 200)}` };
    const t1 = now();
    spawnSync('sort', ['-m', ...files], { stdio: ['ignore', devnull, 'ignore'], env: { ...process.env, LC_ALL: 'C' } });
    const sortMergeMs = now() - t1;
    return {
      tool: 'lnav',
      status: 'ok',
      version,
      command: `lnav -n <${files.length} files> > /dev/null`,
      bytes,
      lines,
      ms,
      mbPerSec: bytes / 1e6 / (ms / 1000),
      linesPerSec: lines / (ms / 1000),
      sortMergeMs,
    };
  } finally {
    closeSync(devnull);
    rmSync(home, { recursive: true, force: true });
  }
}
