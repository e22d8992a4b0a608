/**
 * Collects the files under the given paths (folders recursively, hidden
 * entries skipped, in name order) as named streams: each file is read in
 * chunks when the analysis gets to it, never whole. Names are relative to the
 * folder the user named, so results do not depend on where the CLI was run
 * from. Each file can be read again at a position (`reread`), so the
 * analysis keeps its event texts as positions in it, not as strings
 * (core/model/fileTexts.ts).
 *
 * Symbolic links are followed (Kubernetes' /var/log/containers/*.log are
 * links) when they lead inside one of the given paths: a link to a file read
 * anyway is noted and not read twice; a link to anything else is read under
 * the link's name. Links that lead outside the given paths, broken links and
 * folder links that loop are not followed, and say so in the notes.
 */
import { createReadStream } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { basename, join, relative, sep } from 'node:path';
import type { StreamInput } from '../core/input/inputSource';
import type { Diagnostic } from '../core/model/diagnostic';
import { ReadAhead, SMALL_INPUT } from '../core/input/readAhead';
import type { RereadableInput } from '../core/model/fileTexts';
import { fileBytes } from './fileBytes';

/** Bytes per chunk read from disk. */
const CHUNK = 1 << 20;
/** Links named in one note before the rest are counted. */
const NAMED = 5;

/** A file to read: a stream input that also says where it is (for reading threads), and can be read again. */
export type FileInput = StreamInput & RereadableInput & { path: string };

export interface FoundInputs {
  inputs: FileInput[];
  /** What was found but not read, or read through a link (info and warning diagnostics). */
  notes: Diagnostic[];
}

interface Found {
  name: string;
  path: string;
  real: string;
  /** Where the link points, when the file was reached through one. */
  link?: string;
}

export async function readInputs(paths: string[]): Promise<FoundInputs> {
  const roots: { path: string; name: string; real: string; dir: boolean }[] = [];
  for (const p of paths) {
    const st = await stat(p).catch(() => null);
    if (!st) throw new Error(`${p}: no such file or folder`);
    roots.push({ path: p, name: basename(p), real: await realpath(p), dir: st.isDirectory() });
  }
  const walker = new Walker(roots.map((r) => r.real));
  for (const r of roots) {
    if (r.dir) await walker.walk(r.path, r.name, r.real, [r.real]);
    else walker.found.push({ name: r.name, path: r.path, real: r.real });
  }
  // A file reached both directly and through a link is read once, under its own name.
  const direct = new Map<string, string>();
  for (const f of walker.found) if (f.link === undefined && !direct.has(f.real)) direct.set(f.real, f.name);
  const inputs: FileInput[] = [];
  const notes: Diagnostic[] = [];
  const viaLink = new Set<string>();
  for (const f of walker.found) {
    if (f.link !== undefined) {
      const same = direct.get(f.real) ?? (viaLink.has(f.real) ? '' : undefined);
      if (same !== undefined) {
        notes.push({ input: f.name, line: 0, severity: 'info', message: `a link to ${same || f.link}, which is read once under its own name; not read again` });
        continue;
      }
      viaLink.add(f.real);
      notes.push({ input: f.name, line: 0, severity: 'info', message: `read through the link to ${f.link}` });
    }
    inputs.push(await fileInput(f.name, f.path));
  }
  // Thousands of small files: the next ones are read while the analysis works on this one.
  const ahead = new ReadAhead(
    inputs.map((i) => i.size),
    (ix) => ix.map((i) => readFile(inputs[i]!.path)),
  );
  inputs.forEach((input, i) => {
    if (input.size <= SMALL_INPUT) input.stream = () => ahead.chunks(i);
  });
  notes.push(...walker.notes());
  return { inputs, notes };
}

async function fileInput(name: string, path: string): Promise<FileInput> {
  const st = await stat(path);
  const size = st.size;
  // A small file gets a small buffer: a megabyte per one-line file is gigabytes over a folder of thousands.
  const highWaterMark = Math.min(CHUNK, Math.max(4096, size + 1));
  // Only a regular file can be read again at a position (not a pipe or a device named on the command line).
  const again = st.isFile() ? { reread: fileBytes(name, path) } : {};
  return { name, size, path, stream: () => createReadStream(path, { highWaterMark }), ...again };
}

class Walker {
  readonly found: Found[] = [];
  private readonly outside: string[] = [];
  private readonly loops: string[] = [];
  private readonly broken: string[] = [];

  constructor(private readonly roots: string[]) {}

  /** `trail`: the real paths of the folders being walked, to tell a folder link that loops. */
  async walk(dir: string, name: string, real: string, trail: string[]): Promise<void> {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const e of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      if (e.name.startsWith('.')) continue;
      const full = join(dir, e.name);
      const childName = join(name, e.name);
      if (e.isDirectory()) await this.walk(full, childName, join(real, e.name), [...trail, join(real, e.name)]);
      else if (e.isFile()) this.found.push({ name: childName, path: full, real: join(real, e.name) });
      else if (e.isSymbolicLink()) await this.link(full, childName, trail);
    }
  }

  private async link(full: string, name: string, trail: string[]): Promise<void> {
    const target = await realpath(full).catch(() => null);
    const st = target === null ? null : await stat(target).catch(() => null);
    if (target === null || st === null) {
      this.broken.push(name);
      return;
    }
    const root = this.roots.find((r) => target === r || target.startsWith(r.endsWith(sep) ? r : r + sep));
    if (root === undefined) {
      this.outside.push(`${name} → ${target}`);
      return;
    }
    const shown = join(basename(root), relative(root, target));
    if (st.isDirectory()) {
      if (trail.some((t) => t === target || t.startsWith(target + sep))) this.loops.push(`${name} → ${shown}`);
      else await this.walk(full, name, target, [...trail, target]);
    } else if (st.isFile()) {
      this.found.push({ name, path: full, real: target, link: shown });
    }
  }

  notes(): Diagnostic[] {
    const out: Diagnostic[] = [];
    const note = (list: string[], what: string) => {
      if (list.length === 0) return;
      const more = list.length > NAMED ? ` and ${list.length - NAMED} more` : '';
      out.push({ input: list[0]!.split(' → ')[0]!, line: 0, severity: 'warning', message: `${list.length} ${what}, not followed: ${list.slice(0, NAMED).join(', ')}${more}` });
    };
    note(this.outside, `link${this.outside.length === 1 ? ' leads' : 's lead'} outside the paths given`);
    note(this.loops, `folder link${this.loops.length === 1 ? ' loops' : 's loop'} back to a folder above`);
    note(this.broken, `broken link${this.broken.length === 1 ? '' : 's'}`);
    return out;
  }
}
