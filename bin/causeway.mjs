#!/usr/bin/env node
// The CLI is bundled from src/cli by `npm run build:cli` (run by `npm install` via prepare).
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = fileURLToPath(new URL('../dist-cli/causeway.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('causeway: the CLI is not built; run `npm install` (or `npm run build:cli`) in the causeway folder\n');
  process.exit(2);
}
await import(pathToFileURL(bundle).href);
