/**
 * A zip's members from its central directory, and each member's bytes
 * inflated as a stream (fflate's Inflate, fed in 16 KiB slices): the scan
 * charges the output to the budget as it appears, so a member whose header
 * understates its size is read in full (up to the budget) rather than cut at
 * the size it declares, and a bomb stops after at most one slice's worth.
 * The compressed data is read from its local header up to the central
 * directory: deflate ends itself, so a compressed size that lies changes
 * nothing. Zip64 sizes and offsets are read from the extra field.
 */
import { Inflate } from 'fflate';
import { SLICE } from './inflateChunks';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate; others are not read. */
  method: number;
  compressedSize: number;
  /** The size the central directory declares. */
  declaredSize: number;
  localOffset: number;
}

/** The central directory's entries; throws when there is none (not a zip, or cut short). */
export function zipEntries(bytes: Uint8Array): { entries: ZipEntry[]; directoryStart: number } {
  const n = bytes.length;
  const u16 = (at: number) => bytes[at]! | (bytes[at + 1]! << 8);
  const u32 = (at: number) => u16(at) + u16(at + 2) * 0x10000;
  let eocd = -1;
  for (let at = n - 22; at >= 0 && at >= n - 65557; at--) {
    if (bytes[at] === 0x50 && bytes[at + 1] === 0x4b && bytes[at + 2] === 5 && bytes[at + 3] === 6) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw new Error('no central directory: the zip is cut short');
  let count = u16(eocd + 10);
  let start = u32(eocd + 16);
  // Zip64: the locator just before the end record points to the zip64 end record.
  if ((count === 0xffff || start === 0xffffffff) && eocd >= 20 && u32(eocd - 20) === 0x07064b50) {
    const z = Number(u64(bytes, eocd - 12));
    if (z + 56 <= n && u32(z) === 0x06064b50) {
      count = Number(u64(bytes, z + 32));
      start = Number(u64(bytes, z + 48));
    }
  }
  const names = new TextDecoder('utf-8');
  const entries: ZipEntry[] = [];
  let at = start;
  for (let k = 0; k < count; k++) {
    if (at + 46 > n || u32(at) !== 0x02014b50) throw new Error('the central directory is broken');
    const nameLength = u16(at + 28);
    const extraLength = u16(at + 30);
    let compressedSize = u32(at + 20);
    let declaredSize = u32(at + 24);
    let localOffset = u32(at + 42);
    const extra = at + 46 + nameLength;
    for (let e = extra; e + 4 <= extra + extraLength; e += 4 + u16(e + 2)) {
      if (u16(e) !== 1) continue;
      let f = e + 4;
      if (declaredSize === 0xffffffff) (declaredSize = Number(u64(bytes, f))), (f += 8);
      if (compressedSize === 0xffffffff) (compressedSize = Number(u64(bytes, f))), (f += 8);
      if (localOffset === 0xffffffff) localOffset = Number(u64(bytes, f));
    }
    entries.push({ name: names.decode(bytes.subarray(at + 46, extra)), method: u16(at + 10), compressedSize, declaredSize, localOffset });
    at = extra + extraLength + u16(at + 32);
  }
  return { entries, directoryStart: start };
}

/**
 * The member's bytes in pieces, inflated as they are asked for (a stored
 * member: one view of the zip's bytes). Whoever reads them charges the
 * budget; reading a member again inflates it again.
 */
export function* entryChunks(bytes: Uint8Array, e: ZipEntry, directoryStart: number): Generator<Uint8Array, void, undefined> {
  const at = e.localOffset;
  if (at + 30 > bytes.length || bytes[at] !== 0x50 || bytes[at + 1] !== 0x4b || bytes[at + 2] !== 3 || bytes[at + 3] !== 4) throw new Error('its local header is missing');
  const dataStart = at + 30 + (bytes[at + 26]! | (bytes[at + 27]! << 8)) + (bytes[at + 28]! | (bytes[at + 29]! << 8));
  if (e.method === 0) {
    const data = bytes.subarray(dataStart, Math.min(dataStart + e.compressedSize, bytes.length));
    if (data.length > 0) yield data;
    return;
  }
  const end = Math.max(dataStart, directoryStart > dataStart ? directoryStart : bytes.length);
  const out: Uint8Array[] = [];
  let done = false;
  const inflate = new Inflate((chunk, final) => {
    if (chunk.length > 0) out.push(chunk);
    if (final) done = true;
  });
  for (let p = dataStart; p < end && !done; p += SLICE) {
    inflate.push(bytes.subarray(p, Math.min(p + SLICE, end)), p + SLICE >= end);
    for (let k = 0; k < out.length; k++) yield out[k]!;
    out.length = 0;
  }
}

function u64(bytes: Uint8Array, at: number): bigint {
  let v = 0n;
  for (let i = 7; i >= 0; i--) v = (v << 8n) | BigInt(bytes[at + i]!);
  return v;
}
