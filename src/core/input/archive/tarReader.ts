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
 * stops at the first broken header. Members are views into `bytes`, not
 * copies.
 */

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
  const problems: string[] = [];
  const links: TarLink[] = [];
  let longName = '';
  let paxPath = '';
  let paxLink = '';
  let paxSize = -1;
  let paxMtime = -1;
  let off = 0;
  while (off + BLOCK <= bytes.length) {
    const h = bytes.subarray(off, off + BLOCK);
    if (h.every((b) => b === 0)) break; // end-of-archive marker
    if (!checksumOk(h)) {
      problems.push(`bad tar header checksum at byte ${off}: the rest of the archive was not read`);
      break;
    }
    const type = String.fromCharCode(h[156]!);
    let size = paxSize >= 0 && type !== 'x' && type !== 'L' ? paxSize : octalOrBinary(h.subarray(124, 136));
    if (size < 0) {
      problems.push(`unreadable size in the tar header at byte ${off}: the rest of the archive was not read`);
      break;
    }
    const dataStart = off + BLOCK;
    const dataEnd = dataStart + size;
    let name = headerName(h);
    if (longName) name = longName;
    if (paxPath) name = paxPath;
    if (dataEnd > bytes.length) {
      problems.push(`${name || 'a member'} is cut short (the archive is truncated): not read`);
      break;
    }
    const data = bytes.subarray(dataStart, dataEnd);
    off = dataStart + Math.ceil(size / BLOCK) * BLOCK;

    if (type === 'L') {
      longName = cString(data);
      continue;
    }
    if (type === 'x') {
      const pax = paxRecords(data);
      paxPath = pax.get('path') ?? '';
      paxLink = pax.get('linkpath') ?? '';
      const s = pax.get('size');
      paxSize = s !== undefined && /^\d+$/.test(s) ? Number(s) : -1;
      const m = pax.get('mtime');
      paxMtime = m !== undefined && /^\d+(?:\.\d+)?$/.test(m) ? Number(m) : -1;
      continue;
    }
    const mtime = paxMtime >= 0 ? paxMtime : octalOrBinary(h.subarray(136, 148));
    const linkName = paxLink || cString(h.subarray(157, 257));
    longName = '';
    paxPath = '';
    paxLink = '';
    paxSize = -1;
    paxMtime = -1;
    if (type === '1' || type === '2') {
      const path = name.replace(/^(\.\/|\/)+/, '');
      // A hard link names a member from the archive's root, a symbolic one from its own folder.
      links.push({ path, target: linkTarget(type === '1' ? '' : path.slice(0, path.lastIndexOf('/') + 1), linkName) });
      continue;
    }
    if (type === 'g' || type === 'K' || type === '5' || type === '3' || type === '4' || type === '6') continue;
    if (type !== '0' && type !== '\0' && type !== '7') {
      problems.push(`${name} has tar entry type '${type}', which is not read`);
      continue;
    }
    const path = name.replace(/^(\.\/|\/)+/, '');
    if (path === '' || path.endsWith('/')) continue; // a directory written as a file
    entries.push({ path, data, ...(mtime > 0 && { modifiedMs: Math.round(mtime * 1000) }) });
  }
  return { entries, problems, links };
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
