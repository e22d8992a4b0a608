/**
 * Opens one archive given by the user (and the archives inside it) into its
 * members without holding them: every member is inflated once, here, as a
 * stream (charged to the budget as it comes, so a bomb is refused before
 * anything is read, and a member's true size is known), its first
 * HEAD_BYTES judged as they pass (memberKind: log or not; events or not;
 * archive or not), and nothing kept but that judgement and how to inflate
 * it again when the read stage reads it. Held whole are only what must be:
 * archives inside the archive (compressed; they are opened in turn), a
 * cluster-info dump written to one stream (cut up by its plan), small
 * members (their first bytes are all of them) while HOLD_SMALL_BYTES lasts,
 * and members of an archive already in memory (a plain tar: views).
 *
 * Diagnostics are those of reading the members whole, in the same order: an
 * archive level's members are all scanned before the archives among them
 * are opened.
 */
import type { AnalyzeOptions } from '../../analysis/analyzeOptions';
import type { DiagnosticSink } from '../../model/diagnostic';
import { startsLikeClusterInfoStream } from '../bundle/clusterInfoDump';
import { HEAD_BYTES, memberKind, mentionsEvents } from '../bundle/memberKind';
import { concatBytes } from '../inputSource';
import { BudgetExceeded, formatBytes, type ArchiveBudget } from './archiveBudget';
import { archiveKind, type ArchiveKind } from './archiveKind';
import type { ArchiveMember } from './archiveMember';
import { gzipDeclaredSize, gzipStoredName } from './gzipHeader';
import { GzipCursor, gunzipChunks } from './inflateChunks';
import { gzipModifiedMs, zipModifiedMs } from './memberDates';
import { looksLikeTar, readTar, TarParser, type TarEntryHeader, type TarLink } from './tarReader';
import { entryChunks, zipEntries } from './zipEntries';

/** Small members held whole, in all, per read (their first bytes, looked at anyway, are the whole of them). */
export const HOLD_SMALL_BYTES = 16 << 20;
/** Links named in a diagnostic before the rest are counted. */
const LINKS_NAMED = 5;
/** Bytes that tell an archive (tar's header block) and a cluster-info stream apart from other members. */
const SNIFF = 512;

/** A member as the scan found it: what an ArchiveMember says, and whether it is an archive to open. */
interface Found extends ArchiveMember {
  nested: ArchiveKind | null;
}

/** Hold-small budget shared by the archives of one read. */
export interface HoldBudget {
  left: number;
}

/** A member's bytes as the scan passes them: counted, the head kept to be judged, the whole kept only where it must be. */
class Peek {
  size = 0;
  private head: Uint8Array[] = [];
  private headHave = 0;
  private whole: Uint8Array[] | null = null;
  private decided = false;
  private nested: ArchiveKind | null = null;

  constructor(readonly name: string) {}

  add(c: Uint8Array): void {
    this.size += c.length;
    if (this.whole) {
      this.whole.push(c.slice());
      return;
    }
    if (!this.decided && this.headHave + c.length >= SNIFF) {
      this.decide(concatBytes([...this.head, c.subarray(0, SNIFF - this.headHave)]));
      if (this.whole) {
        this.whole = [...this.head, c.slice()];
        this.head = [];
        return;
      }
    }
    if (this.headHave < HEAD_BYTES) {
      const part = c.subarray(0, HEAD_BYTES - this.headHave).slice();
      this.head.push(part);
      this.headHave += part.length;
    }
  }

  /** The judgement of the member's bytes; `chunks` reads them again. */
  found(options: AnalyzeOptions, hold: HoldBudget, modifiedMs: number | undefined, chunks: () => Iterable<Uint8Array>, willRead?: () => void): Found {
    if (!this.decided) {
      // Shorter than SNIFF: the head is all of it.
      this.decide(concatBytes(this.head));
      if (this.whole) this.whole = this.head;
    }
    let bytes = this.whole ? concatBytes(this.whole) : undefined;
    const head = bytes ? bytes.subarray(0, HEAD_BYTES) : concatBytes(this.head);
    if (!bytes && this.size <= HEAD_BYTES && this.size <= hold.left) {
      hold.left -= this.size;
      bytes = head;
    }
    return foundOf(this.name, this.size, head, this.nested, options, modifiedMs, bytes, chunks, bytes ? undefined : willRead);
  }

  private decide(first: Uint8Array): void {
    this.decided = true;
    this.nested = archiveKind(this.name, first);
    if (this.nested || startsLikeClusterInfoStream(first)) this.whole = [];
  }
}

function foundOf(
  name: string,
  size: number,
  head: Uint8Array,
  nested: ArchiveKind | null,
  options: AnalyzeOptions,
  modifiedMs: number | undefined,
  bytes: Uint8Array | undefined,
  chunks: () => Iterable<Uint8Array>,
  willRead?: () => void,
): Found {
  return {
    name,
    size,
    ...(modifiedMs !== undefined && { modifiedMs }),
    kind: memberKind(name, head, options),
    hasEvents: mentionsEvents(head, size),
    ...(bytes && { bytes }),
    chunks: bytes ? () => (bytes.length > 0 ? [bytes] : []) : chunks,
    ...(willRead && { willRead }),
    nested,
  };
}

export class ArchiveScanner {
  junk = 0;
  /** Tar links by their full member name, with the full member name they lead to (null: outside the archive). */
  readonly links: { name: string; target: string | null }[] = [];

  constructor(
    private readonly budget: ArchiveBudget,
    private readonly sink: DiagnosticSink,
    private readonly out: ArchiveMember[],
    private readonly options: AnalyzeOptions,
    private readonly hold: HoldBudget,
  ) {}

  /** Scans one archive into out; throws when the archive itself cannot be read. */
  open(name: string, bytes: Uint8Array, kind: ArchiveKind, depth: number, modifiedMs?: number): void {
    if (kind === 'gzip') this.openGzip(name, bytes, depth, modifiedMs);
    else if (kind === 'zip') this.openZip(name, bytes, depth);
    else this.openTar(name, bytes, depth);
  }

  /** A plain tar, in memory already: its members are views of it. */
  private openTar(name: string, bytes: Uint8Array, depth: number): void {
    const { entries, problems, links } = readTar(bytes);
    const found = entries.map((e) => {
      const member = `${name}/${e.path}`;
      const nested = archiveKind(member, e.data);
      return foundOf(member, e.data.length, e.data.subarray(0, HEAD_BYTES), nested, this.options, e.modifiedMs, e.data, () => [e.data]);
    });
    this.tarLevel(name, found, problems, links, depth);
  }

  private tarLevel(name: string, found: Found[], problems: readonly string[], links: readonly TarLink[], depth: number): void {
    for (const l of links) this.links.push({ name: `${name}/${l.path}`, target: l.target === null ? null : `${name}/${l.target}` });
    if (found.length === 0 && problems.length > 0) throw new Error(problems[0]);
    for (const p of problems) this.sink.add(name, 0, 'warning', p);
    for (const f of found) this.member(f, depth);
  }

  /** A gzip: a tar inside (told by its first 512 inflated bytes) is scanned as it inflates; else its one member. */
  private openGzip(name: string, bytes: Uint8Array, depth: number, modifiedMs?: number): void {
    // A bomb that says what it is (ISIZE) costs nothing.
    const declared = gzipDeclaredSize(bytes);
    if (declared >= 0) this.budget.expect(declared);
    let first = [] as Uint8Array[] | null;
    let firstHave = 0;
    let feed = null as ((c: Uint8Array) => void) | null;
    let finish = (): void => {};
    const decide = (start: Uint8Array) => {
      if (looksLikeTar(start)) {
        const cursor = new GzipCursor(bytes);
        const found: Found[] = [];
        const links: TarLink[] = [];
        let current = null as { e: TarEntryHeader; peek: Peek } | null;
        const tar = new TarParser({
          entry: (e) => (current = { e, peek: new Peek(`${name}/${e.path}`) }),
          data: (c) => current!.peek.add(c),
          entryEnd: () => {
            const { e, peek } = current!;
            current = null;
            found.push(peek.found(this.options, this.hold, e.modifiedMs, () => cursor.range(e.offset, e.size), () => cursor.want(e.offset, e.size)));
          },
          link: (l) => links.push(l),
        });
        feed = (c) => {
          cursor.streamLength += c.length;
          tar.push(c);
        };
        cursor.streamLength = 0;
        // A member cut short was never ended: it is not in `found`.
        finish = () => this.tarLevel(name, found, tar.end().problems, links, depth);
      } else {
        const peek = new Peek(`${name}/${gunzipStem(name, bytes)}`);
        feed = (c) => peek.add(c);
        finish = () => this.member(peek.found(this.options, this.hold, gzipModifiedMs(bytes) ?? modifiedMs, () => gunzipChunks(bytes)), depth);
      }
    };
    const flush = () => {
      decide(concatBytes(first!));
      for (const c of first!) feed!(c);
      first = null;
    };
    for (const c of gunzipChunks(bytes)) {
      this.budget.charge(c.length);
      if (first) {
        first.push(c);
        firstHave += c.length;
        if (firstHave >= SNIFF) flush();
      } else feed!(c);
    }
    if (first) flush();
    finish();
  }

  /**
   * Zip members via the central directory, each inflated as a stream and
   * charged as it comes. A member whose size differs from what its header
   * declares is read in full, with a warning; a broken member is reported
   * and the others kept.
   */
  private openZip(name: string, bytes: Uint8Array, depth: number): void {
    const { entries, directoryStart } = zipEntries(bytes);
    // What the members declare is looked at first: an honest bomb is refused before anything is inflated.
    this.budget.expect(entries.reduce((s, f) => s + (f.method === 0 || f.method === 8 ? f.declaredSize : 0), 0));
    const dates = zipModifiedMs(bytes);
    const found: Found[] = [];
    for (const f of entries) {
      if (f.name.endsWith('/')) continue;
      if (f.method !== 0 && f.method !== 8) {
        this.sink.add(name, 0, 'warning', `${f.name} uses zip compression method ${f.method}, which is not supported: not read`);
        continue;
      }
      const peek = new Peek(`${name}/${f.name.replace(/^(\.\/|\/)+/, '')}`);
      try {
        for (const c of entryChunks(bytes, f, directoryStart)) {
          this.budget.charge(c.length);
          peek.add(c);
        }
      } catch (err) {
        if (err instanceof BudgetExceeded) throw err;
        this.sink.add(`${name}/${f.name}`, 0, 'error', `not a readable zip member (${errorText(err)}): not read`);
        continue;
      }
      if (peek.size !== f.declaredSize) {
        this.sink.add(`${name}/${f.name}`, 0, 'warning', `inflates to ${formatBytes(peek.size)}, not the ${formatBytes(f.declaredSize)} its zip header declares: read in full`);
      }
      found.push(peek.found(this.options, this.hold, dates.get(f.name), () => entryChunks(bytes, f, directoryStart)));
    }
    for (const f of found) this.member(f, depth);
  }

  /** A member: opened in turn if it is an archive itself, else kept. */
  private member(f: Found, depth: number): void {
    const base = f.name.slice(f.name.lastIndexOf('/') + 1);
    if (f.name.includes('/__MACOSX/') || base.startsWith('._')) {
      this.junk++;
      return;
    }
    const { nested, ...member } = f;
    if (!nested) {
      this.out.push(member);
      return;
    }
    if (depth >= this.budget.limits.maxDepth) {
      this.sink.add(f.name, 0, 'warning', `archive nested ${depth + 1} deep: not opened (the limit is ${this.budget.limits.maxDepth})`);
      return;
    }
    try {
      this.open(f.name, f.bytes!, nested, depth + 1, f.modifiedMs);
    } catch (err) {
      if (err instanceof BudgetExceeded) throw err;
      this.sink.add(f.name, 0, 'error', `not a readable ${nested} archive (${errorText(err)}); nothing in it was read`);
    }
  }

  /**
   * What the archive's links lead to, for its summary: each member is read
   * once, under its own name, so a link adds nothing; one that leads to no
   * member read is named in a warning.
   */
  linkNote(members: readonly { name: string }[]): string {
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
}

/** `app.log.gz` → `app.log`; else the name stored in the gzip header, else `content`. */
function gunzipStem(name: string, bytes: Uint8Array): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const stem = base.replace(/\.gz$/i, '').replace(/\.tgz$/i, '.tar');
  return stem !== base && stem !== '' ? stem : gzipStoredName(bytes).replace(/^.*[/\\]/, '') || 'content';
}

export function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).slice(0, 120);
}

