#!/usr/bin/env node
// Synthetic multi-process logs with known edges, skew, drift and retries.
// See scripts/generate/cli.ts for the options; bench/README.md for the formats.
import { pathToFileURL } from 'node:url';
import { bundle } from './lib/bundle.mjs';

const out = await bundle('scripts/generate/cli.ts', 'bench/.build/generate.mjs');
const { main } = await import(pathToFileURL(out).href);
process.exitCode = main(process.argv.slice(2));
