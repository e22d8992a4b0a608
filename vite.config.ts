/**
 * Two builds from one config:
 *  - the default: dist/ for any static file server, worker as an ES module;
 *  - `--mode singlefile`: dist/causeway.html, one self-contained file that
 *    works from file:// (inlined classic worker, inlined JS and CSS), whose
 *    Content-Security-Policy allows exactly its own inline script by hash.
 * Both carry the sample incidents (scripts/vite/samplesPlugin.ts): as files
 * beside the page, or inlined into the single file.
 */
import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig, type Plugin } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { causewaySamples } from './scripts/vite/samplesPlugin.ts';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/**
 * Moves dist/singlefile/index.html to dist/causeway.html, after inlining, and
 * replaces `script-src 'self'` with the sha256 of each inline script, so the
 * policy still forbids any script but these.
 */
function placeSingleFile(): Plugin {
  return {
    name: 'causeway-place-single-file',
    enforce: 'post',
    closeBundle() {
      const html = readFileSync(here('dist/singlefile/index.html'), 'utf8');
      const hashes = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)]
        .filter((m) => m[1]!.length > 0)
        .map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
      if (hashes.length === 0) throw new Error('single-file build: no inline script found to allow in the CSP');
      writeFileSync(here('dist/causeway.html'), html.replace("script-src 'self'", `script-src ${hashes.join(' ')}`));
      rmSync(here('dist/singlefile'), { recursive: true, force: true });
    },
  };
}

export default defineConfig(({ mode }) => {
  const single = mode === 'singlefile';
  return {
    plugins: [svelte(), causewaySamples(here('.'), single), ...(single ? [viteSingleFile({ removeViteModuleLoader: true }), placeSingleFile()] : [])],
    resolve: single ? { alias: [{ find: /^\.\/worker\/moduleWorker$/, replacement: here('src/ui/client/worker/inlineWorker.ts') }] } : {},
    worker: { format: single ? 'iife' : 'es' },
    build: single ? { outDir: 'dist/singlefile', emptyOutDir: true } : { outDir: 'dist', emptyOutDir: true },
    server: { host: '127.0.0.1' },
    // Pre-bundled at start: the worker imports some of these only when a format needs
    // them, and a dependency found late makes the dev server re-bundle and answer 504.
    optimizeDeps: { include: ['comlink', 'fflate', 'yaml', 'papaparse', 'uplot'] },
  };
});
