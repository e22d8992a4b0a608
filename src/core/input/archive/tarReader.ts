/**
 * A tar reader: 512-byte blocks, each file a header block followed by its
 * data padded to a block. Reads POSIX ustar (name = prefix + '/' + name), GNU
 * long names (a type 'L' entry whose data is the next entry's name) and pax
 * extended headers (type 'x': `path` and `size` records for the next entry).
 * Sizes may be octal or, past 8 GiB, GNU base-256. Each header's checksum is
 * checked, since a wrong offset would otherwise read garbage as files.
 * Directories and devices carry no log data and are passed over; links are
 * listed with the member they name (the caller reads that member once);
 * anything the reader cannot follow is reported in `problems`, and reading
 * stops at the first broken header. readTar's members are views into
 * `bytes`, not copies; TarParser reads the same from a stream.
 */
import { concatBytes } from '../inputSource';

export interface TarEntry {
  path: string;
  data: Uint8Array;
  /** The entry's mtime in ms, when set. */
  modifiedMs?: number;
}

export interface TarContents {
  entries: TarEntry[];
  problems: string[];
  /** Symbolic and hard links (a support bundle links each container log under its collector's name): not read themselves. */
  links: TarLink[];
}

export interface TarLink {
  path: string;
  /** The member it names, as an archive path; null when it leads outside the archive. */
  target: string | null;
}

const BLOCK = 512;
const utf8 = new TextDecoder('utf-8');

/** Whether `bytes` starts with a tar header: ustar magic, or a valid checksum. */
export function looksLikeTar(bytes: Uint8Array): boolean {
  if (bytes.length < BLOCK) return false;
  if (ascii(bytes, 257, 5) === 'ustar') return true;
  return bytes[0] !== 0 && checksumOk(bytes.subarray(0, BLOCK));
}

export function readTar(bytes: Uint8Array): TarContents {
  const entries: TarEntry[] = [];
  const links: TarLink[] = [];
  const parser = new TarParser({
    entry: (e) => entries.push({ path: e.path, data: bytes.subarray(e.offset, e.offset + e.size), ...(e.modifiedMs !== undefined && { modifiedMs: e.modifiedMs }) }),
    link: (l) => links.push(l),
  });
  parser.push(bytes);
  const { problems, cut } = parser.end();
  if (cut) entries.pop();
  return { entries, problems, links };
}

/** A file entry as its header says: its data is the next `size` bytes of the stream from `offset`. */
export interface TarEntryHeader {
  path: string;
  size: number;
  /** Where its data starts in the tar stream. */
  offset: number;
  modifiedMs?: number;
}

export interface TarEvents {
  /** A file entry begins; its data follows (data(), then entryEnd()). */
  entry(e: TarEntryHeader): void;
  /** Bytes of the current file entry's data, in order (views of what was pushed: copy what is kept). */
  data?(chunk: Uint8Array): void;
  /** The current file entry's data is all in. */
  entryEnd?(): void;
  link(l: TarLink): void;
}

const enum State {
  Header,
  Data,
  Pad,
  Done,
}

/**
 * The tar reader as a stream: the tar's bytes are pushed in pieces of any
 * size (as they are inflated), and the entries are told as their headers
 * and data pass, so a member is never held to be read. Long names and pax
 * records (small) are gathered whole.
 */
export class TarParser {
  private readonly problems: string[] = [];
  private state = State.Header;
  /** Stream offset of the next byte pushed. */
  private at = 0;
  private readonly header = new Uint8Array(BLOCK);
  private headerHave = 0;
  /** Data bytes still to come in the current entry, and padding after them. */
  private left = 0;
  private pad = 0;
  /** What the current entry is: a file told to the caller, a long name or pax record gathered, or data passed over. */
  private kind: 'file' | 'L' | 'x' | 'skip' = 'skip';
  private name = '';
  private gathered: Uint8Array[] = [];
  private longName = '';
  private paxPath = '';
  private paxLink = '';
  private paxSize = -1;
  private paxMtime = -1;

  constructor(private readonly on: TarEvents) {}

  push(chunk: Uint8Array): void {
    let i = 0;
    while (i < chunk.length && this.state !== State.Done) {
      if (this.state === State.Header) {
        const n = Math.min(BLOCK - this.headerHave, chunk.length - i);
        this.header.set(chunk.subarray(i, i + n), this.headerHave);
        this.headerHave += n;
        i += n;
        if (this.headerHave === BLOCK) this.onHeader(this.at + i - BLOCK);
      } else if (this.state === State.Data) {
        const n = Math.min(this.left, chunk.length - i);
        const piece = chunk.subarray(i, i + n);
        if (this.kind === 'file') this.on.data?.(piece);
        else if (this.kind !== 'skip') this.gathered.push(piece.slice());
        this.left -= n;
        i += n;
        if (this.left === 0) this.dataEnd();
      } else {
        const n = Math.min(this.pad, chunk.length - i);
        this.pad -= n;
        i += n;
        if (this.pad === 0) this.state = State.Header;
      }
    }
    this.at += chunk.length;
  }

  /** The stream has ended: the problems found, and whether the last file entry told was cut short (not to be read). */
  end(): { problems: string[]; cut: boolean } {
    const cut = this.state === State.Data;
    if (cut) this.problems.push(`${this.name || 'a member'} is cut short (the archive is truncated): not read`);
    this.state = State.Done;
    return { problems: this.problems, cut: cut && this.kind === 'file' };
  }

  private onHeader(off: number): void {
    const h = this.header;
    this.headerHave = 0;
    if (h.every((b) => b === 0)) {
      this.state = State.Done; // end-of-archive marker
      return;
    }
    if (!checksumOk(h)) {
      this.problems.push(`bad tar header checksum at byte ${off}: the rest of the archive was not read`);
      this.state = State.Done;
      return;
    }
    const type = String.fromCharCode(h[156]!);
    const size = this.paxSize >= 0 && type !== 'x' && type !== 'L' ? this.paxSize : octalOrBinary(h.subarray(124, 136));
    if (size < 0) {
      this.problems.push(`unreadable size in the tar header at byte ${off}: the rest of the archive was not read`);
      this.state = State.Done;
      return;
    }
    let name = headerName(h);
    if (this.longName) name = this.longName;
    if (this.paxPath) name = this.paxPath;
    this.name = name;
    this.left = size;
    this.pad = Math.ceil(size / BLOCK) * BLOCK - size;
    this.state = State.Data;
    this.kind = 'skip';
    if (type === 'L' || type === 'x') {
      this.kind = type;
      this.gathered = [];
    } else {
      const mtime = this.paxMtime >= 0 ? this.paxMtime : octalOrBinary(h.subarray(136, 148));
      const linkName = this.paxLink || cString(h.subarray(157, 257));
      this.longName = '';
      this.paxPath = '';
      this.paxLink = '';
      this.paxSize = -1;
      this.paxMtime = -1;
      const path = name.replace(/^(\.\/|\/)+/, '');
      if (type === '1' || type === '2') {
        // A hard link names a member from the archive's root, a symbolic one from its own folder.
        this.on.link({ path, target: linkTarget(type === '1' ? '' : path.slice(0, path.lastIndexOf('/') + 1), linkName) });
      } else if (type === 'g' || type === 'K' || type === '5' || type === '3' || type === '4' || type === '6') {
        // carries no log data
      } else if (type !== '0' && type !== '\0' && type !== '7') {
        this.problems.push(`${name} has tar entry type '${type}', which is not read`);
      } else if (path !== '' && !path.endsWith('/')) {
        // (a directory written as a file is passed over)
        this.kind = 'file';
        this.on.entry({ path, size, offset: off + BLOCK, ...(mtime > 0 && { modifiedMs: Math.round(mtime * 1000) }) });
      }
    }
    if (size === 0) this.dataEnd();
  }

  private dataEnd(): void {
    this.state = this.pad > 0 ? State.Pad : State.Header;
    if (this.kind === 'file') this.on.entryEnd?.();
    else if (this.kind === 'L') this.longName = cString(concatBytes(this.gathered));
    else if (this.kind === 'x') {
      const pax = paxRecords(concatBytes(this.gathered));
      this.paxPath = pax.get('path') ?? '';
      this.paxLink = pax.get('linkpath') ?? '';
      const s = pax.get('size');
      this.paxSize = s !== undefined && /^\d+$/.test(s) ? Number(s) : -1;
      const m = pax.get('mtime');
      this.paxMtime = m !== undefined && /^\d+(?:\.\d+)?$/.test(m) ? Number(m) : -1;
    }
    this.kind = 'skip';
  }
}

/** `target` resolved from folder `from` to a path inside the archive, or null when it leaves it. */
function linkTarget(from: string, target: string): string | null {
  if (target === '' || target.startsWith('/')) return null;
  const parts: string[] = from.split('/').filter((p) => p !== '' && p !== '.');
  for (const p of target.split('/')) {
    if (p === '' || p === '.') continue;
    if (p !== '..') parts.push(p);
    else if (parts.pop() === undefined) return null;
  }
  return parts.length > 0 ? parts.join('/') : null;
}

function headerName(h: Uint8Array): string {
  const name = cString(h.subarray(0, 100));
  // POSIX ustar splits long paths into prefix + name; GNU tar uses that space for other fields.
  if (ascii(h, 257, 6) === 'ustar\0') {
    const prefix = cString(h.subarray(345, 500));
    if (prefix) return `${prefix}/${name}`;
  }
  return name;
}

function checksumOk(h: Uint8Array): boolean {
  const stored = octalOrBinary(h.subarray(148, 156));
  if (stored < 0) return false;
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
  return sum === stored;
}

/** An octal number field (NUL/space padded), or GNU base-256 when the high bit is set; -1 if neither. */
function octalOrBinary(f: Uint8Array): number {
  if (f[0]! & 0x80) {
    let v = f[0]! & 0x7f;
    for (let i = 1; i < f.length; i++) v = v * 256 + f[i]!;
    return Number.isSafeInteger(v) ? v : -1;
  }
  let v = 0;
  let digits = 0;
  for (const b of f) {
    if (b === 0 || b === 32) {
      if (digits > 0) break;
      continue;
    }
    if (b < 48 || b > 55) return -1;
    v = v * 8 + (b - 48);
    digits++;
  }
  return v;
}

/** pax records: `<length> <key>=<value>\n`, repeated; the length counts bytes, so records are cut as bytes. */
function paxRecords(data: Uint8Array): Map<string, string> {
  const out = new Map<string, string>();
  let at = 0;
  while (at < data.length) {
    const sp = data.indexOf(32, at);
    if (sp < 0 || sp - at > 20) break;
    const len = Number(ascii(data, at, sp - at));
    if (!Number.isInteger(len) || len <= sp - at || at + len > data.length) break;
    const record = utf8.decode(data.subarray(sp + 1, at + len)).replace(/\n$/, '');
    const eq = record.indexOf('=');
    if (eq > 0) out.set(record.slice(0, eq), record.slice(eq + 1));
    at += len;
  }
  return out;
}

function cString(b: Uint8Array): string {
  const end = b.indexOf(0);
  return utf8.decode(end >= 0 ? b.subarray(0, end) : b);
}

function ascii(b: Uint8Array, at: number, len: number): string {
  return String.fromCharCode(...b.subarray(at, at + len));
}
