/**
 * Puts the sample incidents (sample-logs/index.json and the files it lists)
 * into the build, two ways:
 *  - the normal build copies them to dist/sample-logs/, and the page fetches
 *    them from its own origin (the dev server serves the folder as it is);
 *  - the single-file build inlines them (base64, so archives survive) into
 *    the virtual module `virtual:causeway-samples`, because a page opened from
 *    file:// cannot fetch its neighbours.
 * Only files the manifest lists are taken, each at most MAX_INLINE_BYTES when
 * inlined, so a generated large sample never bloats the single file.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import type { Plugin } from 'vite';

const VIRTUAL = 'virtual:causeway-samples';
const RESOLVED = `\0${VIRTUAL}`;
export const MAX_INLINE_BYTES = 4 << 20;

interface Entry {
  id: string;
  title: string;
  summary: string;
  files: string[];
}

function readManifest(dir: string): Entry[] {
  const path = join(dir, 'index.json');
  if (!existsSync(path)) return [];
  const raw: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(raw)) throw new Error('sample-logs/index.json must be an array of {id, title, summary, files}');
  return raw.filter(
    (e): e is Entry => typeof e?.id === 'string' && Array.isArray(e.files) && e.files.every((f: unknown) => typeof f === 'string'),
  );
}

/** A listed path must stay inside sample-logs/. */
function inside(dir: string, file: string): string | null {
  const full = normalize(join(dir, file));
  return full.startsWith(normalize(dir) + sep) && existsSync(full) && statSync(full).isFile() ? full : null;
}

export function causewaySamples(root: string, inline: boolean): Plugin {
  const dir = join(root, 'sample-logs');
  return {
    name: 'causeway-samples',
    resolveId: (id) => (id === VIRTUAL ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined;
      if (!inline) return 'export const inlined = null;';
      const index = readManifest(dir);
      const files: Record<string, string> = {};
      for (const entry of index) {
        for (const f of entry.files) {
          const full = inside(dir, f);
          if (!full) continue;
          this.addWatchFile(full);
          const bytes = readFileSync(full);
          if (bytes.length <= MAX_INLINE_BYTES) files[f] = bytes.toString('base64');
          else this.warn(`sample ${f} is ${bytes.length} bytes, over ${MAX_INLINE_BYTES}: not inlined`);
        }
      }
      return `export const inlined = ${JSON.stringify({ index, files })};`;
    },
    generateBundle() {
      if (inline) return;
      const index = readManifest(dir);
      if (index.length === 0) return;
      this.emitFile({ type: 'asset', fileName: 'sample-logs/index.json', source: readFileSync(join(dir, 'index.json')) });
      for (const entry of index) {
        for (const f of entry.files) {
          const full = inside(dir, f);
          if (full) this.emitFile({ type: 'asset', fileName: `sample-logs/${f}`, source: readFileSync(full) });
        }
      }
    },
  };
}
