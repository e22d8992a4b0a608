#!/usr/bin/env node
// npm run bench [-- --quick | --no-browser | --no-peer | --out FILE]: builds bench/bench.ts
// with esbuild and runs it with --expose-gc (memory numbers) and room for 1 M events.
import { spawnSync } from 'node:child_process';
import { bundle } from './lib/bundle.mjs';

const out = await bundle('bench/bench.ts', 'bench/.build/bench.mjs');
const r = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=8192', out, ...process.argv.slice(2)], { stdio: 'inherit' });
process.exitCode = r.status ?? 1;
