#!/usr/bin/env node
/**
 * How much memory the CLI spends refusing decompression bombs (#15): writes
 * three bombs to a temporary folder and runs `causeway analyze` on each under
 * /usr/bin/time, printing the peak RSS and the diagnostic. Needs the built
 * CLI (npm run build:cli) and GNU time. Usage: node scripts/bomb-rss.mjs
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync, zipSync } from 'fflate';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'causeway-bombs-'));
const MiB = 1024 * 1024;

function concat(part, times) {
  const out = new Uint8Array(part.length * times);
  for (let i = 0; i < times; i++) out.set(part, i * part.length);
  return out;
}

const zerosGz = gzipSync(new Uint8Array(64 * MiB), { level: 9 });
const lieZip = zipSync({ 'a.log': new Uint8Array(512 * MiB) });
{
  // Both headers say 10 bytes.
  const v = new DataView(lieZip.buffer);
  v.setUint32(22, 10, true);
  for (let i = lieZip.length - 4; i >= 0; i--) if (v.getUint32(i, true) === 0x02014b50) { v.setUint32(i + 24, 10, true); break; }
}
const bombs = {
  // 2 GiB of zeros in 32 concatenated members: gzip's ISIZE says 64 MiB, so only the streaming check can stop it.
  'concatenated.log.gz': concat(zerosGz, 32),
  // 1 GiB in one member: ISIZE tells the truth.
  'honest.log.gz': gzipSync(new Uint8Array(1024 * MiB), { level: 9 }),
  // 512 MiB in a zip whose headers say 10 bytes.
  'lying.zip': lieZip,
};
for (const [name, bytes] of Object.entries(bombs)) {
  const file = join(dir, name);
  writeFileSync(file, bytes);
  const r = spawnSync('/usr/bin/time', ['-f', '%M %e', process.execPath, join(root, 'bin/causeway.mjs'), 'analyze', file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  const lines = r.stderr.trim().split('\n');
  const [rss, secs] = lines.at(-1).split(' ');
  console.log(`${name}: ${(bytes.length / MiB).toFixed(1)} MiB, exit ${r.status}, peak RSS ${(Number(rss) / 1024).toFixed(0)} MiB, ${secs} s`);
  console.log(`  ${lines.find((l) => /bomb|limit|in all/.test(l)) ?? lines[0]}`);
}
rmSync(dir, { recursive: true, force: true });
