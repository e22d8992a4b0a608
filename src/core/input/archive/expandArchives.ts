/**
 * Opens compressed and bundled inputs before format detection: `.gz`, `.zip`,
 * `.tar`, `.tar.gz`/`.tgz` (told apart by their bytes: gzip magic 1f 8b, zip
 * `PK\3\4`, tar's `ustar` or a valid header checksum; names only break ties),
 * so a support bundle or a must-gather archive is analyzed as the log files
 * inside it. Members are named `archive/path/in/archive` (a lone .gz gives
 * `app.log.gz/app.log`), so diagnostics and executionOf can name them, and
 * archives inside archives (rotated `app.log.1.gz` in a tarball) are opened
 * too, up to a depth limit.
 *
 * Decompression is fflate everywhere (gzip and zip members streamed), charged against an ArchiveBudget: an archive that would expand
 * past it is refused whole, with a diagnostic, as is one that is corrupt. A
 * broken member inside a good archive is reported and the others are kept.
 */
import type { DiagnosticSink } from '../../model/diagnostic';
import { ArchiveBudget, BudgetExceeded, DEFAULT_ARCHIVE_LIMITS, formatBytes, type ArchiveLimits } from './archiveBudget';
import { gunzipLimited, gzipStoredName } from './gunzipLimited';
import { gzipModifiedMs, zipModifiedMs } from './memberDates';
import { looksLikeTar, readTar } from './tarReader';
import { inflateEntry, zipEntries } from './zipEntries';

export interface NamedBytes {
  name: string;
  bytes: Uint8Array;
  /** An archive member's modification time (ms since the epoch), where its archive keeps one (memberDates.ts). */
  modifiedMs?: number;
}

export type ArchiveKind = 'gzip' | 'zip' | 'tar';

export function archiveKind(name: string, bytes: Uint8Array): ArchiveKind | null {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip';
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6))) return 'zip';
  if (looksLikeTar(bytes) && (/\.tar$/i.test(name) || String.fromCharCode(...bytes.subarray(257, 262)) === 'ustar')) return 'tar';
  return null;
}

/** The inputs with every archive replaced by its member files (in archive order). */
export function expandArchives<T extends { name: string }>(
  inputs: readonly (NamedBytes | T)[],
  sink: DiagnosticSink,
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): (NamedBytes | T)[] {
  const budget = new ArchiveBudget(limits);
  const out: (NamedBytes | T)[] = [];
  for (const input of inputs) {
    // Inputs without bytes in memory (streams) were found not to be archives by the caller.
    if (!('bytes' in input) || !(input.bytes instanceof Uint8Array)) {
      out.push(input);
      continue;
    }
    const kind = archiveKind(input.name, input.bytes);
    if (!kind) {
      out.push(input);
      continue;
    }
    budget.begin(input.name, input.bytes.length);
    const members: NamedBytes[] = [];
    const opener = new Opener(budget, sink, members);
    try {
      opener.open(input.name, input.bytes, kind, 1);
    } catch (err) {
      budget.refund();
      const why = err instanceof BudgetExceeded ? err.message : `not a readable ${kind} archive (${errorText(err)}); nothing in it was read`;
      sink.add(input.name, 0, 'error', why);
      continue;
    }
    const bytes = members.reduce((s, m) => s + m.bytes.length, 0);
    let skipped = opener.junk > 0 ? `; ${opener.junk} macOS metadata file${opener.junk === 1 ? '' : 's'} passed over` : '';
    skipped += opener.linkNote(members);
    sink.add(input.name, 0, 'info', `${kind} archive: ${members.length} file${members.length === 1 ? '' : 's'} (${formatBytes(bytes)}) read from it${skipped}`);
    out.push(...members);
  }
  return out;
}

/** Links named in a diagnostic before the rest are counted. */
const LINKS_NAMED = 5;

class Opener {
  junk = 0;
  /** Tar links by their full member name, with the full member name they lead to (null: outside the archive). */
  readonly links: { name: string; target: string | null }[] = [];

  constructor(
    private readonly budget: ArchiveBudget,
    private readonly sink: DiagnosticSink,
    private readonly out: NamedBytes[],
  ) {}

  /** Expands one archive into out; throws when the archive itself cannot be read. */
  open(name: string, bytes: Uint8Array, kind: ArchiveKind, depth: number, modifiedMs?: number): void {
    if (kind === 'gzip') {
      const data = gunzipLimited(bytes, this.budget);
      if (looksLikeTar(data)) this.openTar(name, data, depth);
      else this.member(`${name}/${gunzipStem(name, bytes)}`, data, depth, gzipModifiedMs(bytes) ?? modifiedMs);
    } else if (kind === 'zip') {
      for (const m of this.unzip(name, bytes)) this.member(`${name}/${m.name}`, m.bytes, depth, m.modifiedMs);
    } else {
      this.openTar(name, bytes, depth);
    }
  }

  private openTar(name: string, bytes: Uint8Array, depth: number): void {
    const { entries, problems, links } = readTar(bytes);
    for (const l of links) this.links.push({ name: `${name}/${l.path}`, target: l.target === null ? null : `${name}/${l.target}` });
    if (entries.length === 0 && problems.length > 0) throw new Error(problems[0]);
    for (const p of problems) this.sink.add(name, 0, 'warning', p);
    for (const e of entries) this.member(`${name}/${e.path}`, e.data, depth, e.modifiedMs);
  }

  /**
   * What the archive's links lead to, for its summary: each member is read
   * once, under its own name, so a link adds nothing; one that leads to no
   * member read is named in a warning.
   */
  linkNote(members: readonly NamedBytes[]): string {
    if (this.links.length === 0) return '';
    const read = new Set(members.map((m) => m.name));
    const toMembers = this.links.filter((l) => l.target !== null && read.has(l.target));
    const astray = this.links.filter((l) => !toMembers.includes(l));
    const named = (ls: typeof this.links) =>
      ls.slice(0, LINKS_NAMED).map((l) => `${l.name} → ${l.target ?? 'outside the archive'}`).join(', ') + (ls.length > LINKS_NAMED ? ` and ${ls.length - LINKS_NAMED} more` : '');
    if (astray.length > 0) {
      this.sink.add(astray[0]!.name, 0, 'warning', `${astray.length} link${astray.length === 1 ? '' : 's'} in the archive lead${astray.length === 1 ? 's' : ''} to no member read, not followed: ${named(astray)}`);
    }
    return toMembers.length === 0 ? '' : `; ${toMembers.length} link${toMembers.length === 1 ? '' : 's'} to members read once under their own names: ${named(toMembers)}`;
  }

  /** A member: opened again if it is an archive itself, else kept as an input. */
  private member(name: string, bytes: Uint8Array, depth: number, modifiedMs?: number): void {
    const base = name.slice(name.lastIndexOf('/') + 1);
    if (name.includes('/__MACOSX/') || base.startsWith('._')) {
      this.junk++;
      return;
    }
    const kind = archiveKind(name, bytes);
    if (!kind) {
      this.out.push({ name, bytes, ...(modifiedMs !== undefined && { modifiedMs }) });
      return;
    }
    if (depth >= this.budget.limits.maxDepth) {
      this.sink.add(name, 0, 'warning', `archive nested ${depth + 1} deep: not opened (the limit is ${this.budget.limits.maxDepth})`);
      return;
    }
    try {
      this.open(name, bytes, kind, depth + 1, modifiedMs);
    } catch (err) {
      if (err instanceof BudgetExceeded) throw err;
      this.sink.add(name, 0, 'error', `not a readable ${kind} archive (${errorText(err)}); nothing in it was read`);
    }
  }

  /**
   * Zip members via the central directory, each inflated as a stream and
   * charged as it comes (zipEntries.ts). A member whose size differs from
   * what its header declares is read in full, with a warning; a broken
   * member is reported and the others kept.
   */
  private unzip(name: string, bytes: Uint8Array): NamedBytes[] {
    const { entries, directoryStart } = zipEntries(bytes);
    // What the members declare is looked at first: an honest bomb is refused before anything is inflated.
    this.budget.expect(entries.reduce((s, f) => s + (f.method === 0 || f.method === 8 ? f.declaredSize : 0), 0));
    const out: NamedBytes[] = [];
    const dates = zipModifiedMs(bytes);
    for (const f of entries) {
      if (f.name.endsWith('/')) continue;
      if (f.method !== 0 && f.method !== 8) {
        this.sink.add(name, 0, 'warning', `${f.name} uses zip compression method ${f.method}, which is not supported: not read`);
        continue;
      }
      let data: Uint8Array;
      try {
        data = inflateEntry(bytes, f, directoryStart, this.budget);
      } catch (err) {
        if (err instanceof BudgetExceeded) throw err;
        this.sink.add(`${name}/${f.name}`, 0, 'error', `not a readable zip member (${errorText(err)}): not read`);
        continue;
      }
      if (data.length !== f.declaredSize) {
        this.sink.add(`${name}/${f.name}`, 0, 'warning', `inflates to ${formatBytes(data.length)}, not the ${formatBytes(f.declaredSize)} its zip header declares: read in full`);
      }
      const modifiedMs = dates.get(f.name);
      out.push({ name: f.name.replace(/^(\.\/|\/)+/, ''), bytes: data, ...(modifiedMs !== undefined && { modifiedMs }) });
    }
    return out;
  }
}

/** `app.log.gz` → `app.log`; else the name stored in the gzip header, else `content`. */
function gunzipStem(name: string, bytes: Uint8Array): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const stem = base.replace(/\.gz$/i, '').replace(/\.tgz$/i, '.tar');
  return stem !== base && stem !== '' ? stem : gzipStoredName(bytes).replace(/^.*[/\\]/, '') || 'content';
}

function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 120);
}
