#!/usr/bin/env node
/**
 * Peak memory of the CLI on an accepted archive (#15: an accepted archive is
 * streamed, never held inflated whole). Writes generated text logs
 * (scripts/generate.mjs) into a .tar.gz of about `--mb` MB inflated (default
 * 300), then runs `causeway analyze <file> --format json > /dev/null` under
 * GNU time and prints the peak RSS and the wall time. Needs the built CLI
 * (npm run build:cli). Not a test: a measurement.
 *
 * Usage: node scripts/archive-rss.mjs [--mb 300] [--keep FILE] [--reuse FILE]
 *   --keep FILE: write the archive there and leave it; --reuse FILE: measure that archive as it is.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGzip } from 'node:zlib';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const MB = 1e6;
const targetMb = Number(opt('--mb', '300'));
const reuse = opt('--reuse');
const dir = mkdtempSync(join(tmpdir(), 'causeway-archive-rss-'));
let archive = reuse;

function tarHeader(name, size) {
  const h = Buffer.alloc(512);
  h.write(name.slice(0, 100), 0);
  h.write('0000644\0', 100);
  h.write('0000000\0', 108);
  h.write('0000000\0', 116);
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124);
  h.write(`${Math.floor(Date.UTC(2026, 2, 14) / 1000).toString(8).padStart(11, '0')}\0`, 136);
  h.write('0', 156);
  h.write('ustar\0', 257);
  h.write('00', 263);
  h.fill(32, 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return h;
}

async function writeTarGz(files, out) {
  const gz = createGzip({ level: 6 });
  const done = new Promise((resolve, reject) => gz.pipe(createWriteStream(out)).on('finish', resolve).on('error', reject));
  const write = (b) => (gz.write(b) ? Promise.resolve() : new Promise((r) => gz.once('drain', r)));
  for (const { name, path } of files) {
    const size = statSync(path).size;
    await write(tarHeader(name, size));
    for await (const chunk of createReadStream(path)) await write(chunk);
    if (size % 512) await write(Buffer.alloc(512 - (size % 512)));
  }
  await write(Buffer.alloc(1024));
  gz.end();
  await done;
}

if (!archive) {
  // About 110 bytes a line (events and their share of the generated lines) in the generator's text format.
  const events = Math.round((targetMb * MB) / 110);
  const logs = join(dir, 'logs');
  const g = spawnSync(process.execPath, [join(root, 'scripts/generate.mjs'), '--events', String(events), '--processes', '16', '--format', 'text', '--out', logs, '--quiet'], { stdio: 'inherit' });
  if (g.status !== 0) process.exit(g.status ?? 1);
  const files = readdirSync(logs)
    .sort()
    .map((f) => ({ name: `bundle/${f}`, path: join(logs, f) }));
  const inflated = files.reduce((s, f) => s + statSync(f.path).size, 0);
  archive = opt('--keep') ?? join(dir, 'logs.tar.gz');
  await writeTarGz(files, archive);
  rmSync(logs, { recursive: true, force: true });
  console.log(`${archive}: ${files.length} members, ${(inflated / MB).toFixed(0)} MB inflated, ${(statSync(archive).size / MB).toFixed(1)} MB compressed`);
}
if (!existsSync(archive)) throw new Error(`no archive at ${archive}`);
const r = spawnSync('/usr/bin/time', ['-v', process.execPath, join(root, 'dist-cli/causeway.mjs'), 'analyze', archive, '--format', 'json'], {
  encoding: 'utf8',
  stdio: ['ignore', 'ignore', 'pipe'],
  maxBuffer: 1 << 26,
});
const field = (label) => new RegExp(`${label}: (.*)`).exec(r.stderr)?.[1]?.trim();
console.log(`exit ${r.status}, peak RSS ${(Number(field('Maximum resident set size \\(kbytes\\)')) / 1024).toFixed(0)} MiB, wall ${field('Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)')}`);
if (r.status !== 0) console.log(r.stderr.split('\n').slice(0, 5).join('\n'));
rmSync(dir, { recursive: true, force: true });
