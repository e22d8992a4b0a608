/**
 * node scripts/generate.mjs --events 1000000 --processes 32 --format jsonl --out DIR [--seed N] ...
 * Writes one file per process in DIR (with --format all, one folder per
 * format) and the ground truth as DIR/.truth.json (hidden, so reading DIR as
 * logs skips it).
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { GEN_FORMATS, writeFormat, type GenFormat, type Sink } from './formats';
import { groundTruth, simulate, type GenOptions } from './model';

const USAGE = `usage: node scripts/generate.mjs --events N --processes P --format ${GEN_FORMATS.join('|')}|all --out DIR
  [--seed N] [--hosts H] [--receive-share 0.2] [--multicast-share 0.05] [--fanout 3] [--retry-share 0.02]
  [--skew-ms 5] [--drift-ppm 50] [--step-ms 200] [--gap-us 50] [--round-robin] [--one-file NAME] [--quiet]
  --round-robin: locals and sends on process i mod P (with --receive-share 0 and N = P, one event per process)
  --one-file NAME: every process's lines in one file, in time order`;

const NUMERIC: Record<string, keyof GenOptions> = {
  '--events': 'events',
  '--processes': 'processes',
  '--seed': 'seed',
  '--hosts': 'hosts',
  '--receive-share': 'receiveShare',
  '--multicast-share': 'multicastShare',
  '--fanout': 'fanout',
  '--retry-share': 'retryShare',
  '--skew-ms': 'skewMs',
  '--drift-ppm': 'driftPpm',
  '--step-ms': 'stepMs',
  '--gap-us': 'gapUs',
};

/** A sink onto files in a folder, opened on first write. */
export function fileSink(dir: string): Sink & { close(): void } {
  mkdirSync(dir, { recursive: true });
  const fds = new Map<string, number>();
  return {
    write(file, chunk) {
      let fd = fds.get(file);
      if (fd === undefined) fds.set(file, (fd = openSync(join(dir, file), 'w')));
      writeSync(fd, chunk);
    },
    close() {
      for (const fd of fds.values()) closeSync(fd);
      fds.clear();
    },
  };
}

export function generateTo(dir: string, format: GenFormat, options: GenOptions, oneFile?: string): { files: string[]; bytes: number; truth: Record<string, unknown> } {
  const sim = simulate(options);
  const sink = fileSink(dir);
  const written = writeFormat(sim, format, sink, oneFile);
  sink.close();
  const truth = groundTruth(sim, { format, files: written.files, bytes: written.bytes });
  writeFileSync(join(dir, '.truth.json'), `${JSON.stringify(truth, null, 2)}\n`);
  return { ...written, truth };
}

export function main(argv: string[]): number {
  const options: Partial<GenOptions> = {};
  let format = '';
  let out = '';
  let quiet = false;
  let oneFile: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--help' || a === '-h') {
      console.log(USAGE);
      return 0;
    }
    if (a === '--quiet') {
      quiet = true;
      continue;
    }
    if (a === '--round-robin') {
      options.roundRobin = true;
      continue;
    }
    const v = argv[++i];
    if (v === undefined) {
      console.error(`${a} needs a value\n${USAGE}`);
      return 2;
    }
    if (a === '--format') format = v;
    else if (a === '--out') out = v;
    else if (a === '--one-file') oneFile = v;
    else if (NUMERIC[a]) {
      const n = Number(v);
      if (!Number.isFinite(n)) {
        console.error(`${a}: not a number: ${v}`);
        return 2;
      }
      (options as Record<string, number>)[NUMERIC[a]!] = n;
    } else {
      console.error(`unknown option ${a}\n${USAGE}`);
      return 2;
    }
  }
  if (!options.events || !options.processes || !format || !out) {
    console.error(USAGE);
    return 2;
  }
  const formats = format === 'all' ? [...GEN_FORMATS] : [format];
  for (const f of formats) {
    if (!(GEN_FORMATS as readonly string[]).includes(f)) {
      console.error(`unknown format ${f}; known: ${GEN_FORMATS.join(', ')}, all`);
      return 2;
    }
    const dir = format === 'all' ? join(out, f) : out;
    const t0 = performance.now();
    const r = generateTo(dir, f as GenFormat, options as GenOptions, oneFile);
    if (!quiet) {
      const mb = (r.bytes / 1e6).toFixed(1);
      console.log(`${f}: ${options.events} events, ${r.files.length} files, ${mb} MB, ${r.truth['edges']} edges → ${dir} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
    }
  }
  return 0;
}
