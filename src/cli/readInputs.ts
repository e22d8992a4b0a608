/**
 * Collects the files under the given paths (folders recursively, hidden
 * entries skipped) as named byte arrays. Names are relative to the folder the
 * user named, so results do not depend on where the CLI was run from.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import type { InputData } from '../core/analysis/analyze';

export async function readInputs(paths: string[]): Promise<InputData[]> {
  const out: InputData[] = [];
  for (const p of paths) {
    const st = await stat(p).catch(() => null);
    if (!st) throw new Error(`${p}: no such file or folder`);
    if (st.isDirectory()) {
      for (const file of await walk(p)) out.push({ name: join(basename(p), relative(p, file)), bytes: await readFile(file) });
    } else {
      out.push({ name: basename(p), bytes: await readFile(p) });
    }
  }
  return out;
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (e.name.startsWith('.')) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) files.push(...(await walk(full)));
    else if (e.isFile()) files.push(full);
  }
  return files;
}
