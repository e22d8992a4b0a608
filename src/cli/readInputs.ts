/**
 * Collects the files under the given paths (folders recursively, hidden
 * entries skipped, in name order) as named streams: each file is read in
 * chunks when the analysis gets to it, never whole. Names are relative to the
 * folder the user named, so results do not depend on where the CLI was run
 * from.
 */
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import type { StreamInput } from '../core/input/inputSource';

/** Bytes per chunk read from disk. */
const CHUNK = 1 << 20;

/** A file to read: a stream input that also says where it is (for reading threads). */
export type FileInput = StreamInput & { path: string };

export async function readInputs(paths: string[]): Promise<FileInput[]> {
  const out: FileInput[] = [];
  for (const p of paths) {
    const st = await stat(p).catch(() => null);
    if (!st) throw new Error(`${p}: no such file or folder`);
    if (st.isDirectory()) {
      for (const file of await walk(p)) out.push(await fileInput(join(basename(p), relative(p, file)), file));
    } else {
      out.push(await fileInput(basename(p), p));
    }
  }
  return out;
}

async function fileInput(name: string, path: string): Promise<FileInput> {
  const { size } = await stat(path);
  return { name, size, path, stream: () => createReadStream(path, { highWaterMark: CHUNK }) };
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
