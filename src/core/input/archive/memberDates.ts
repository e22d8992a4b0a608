/**
 * When archive members were last modified, as their headers say: a gzip
 * stream's MTIME, a zip entry's DOS date and time (central directory; local
 * time of the machine that zipped it, read as UTC: it only gives a log
 * without years its year), a tar entry's mtime (tarReader). Used for the
 * year of timestamps that carry none. Absent or zero dates give undefined.
 */

/** A gzip stream's MTIME (seconds since the epoch) in ms, or undefined when unset. */
export function gzipModifiedMs(bytes: Uint8Array): number | undefined {
  if (bytes.length < 10 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return undefined;
  const s = (bytes[4]! | (bytes[5]! << 8) | (bytes[6]! << 16)) + bytes[7]! * 0x1000000;
  return s > 0 ? s * 1000 : undefined;
}

/** Zip entry name → its modification time in ms, from the central directory; empty when it cannot be found. */
export function zipModifiedMs(bytes: Uint8Array): Map<string, number> {
  const out = new Map<string, number>();
  const n = bytes.length;
  const u16 = (at: number) => bytes[at]! | (bytes[at + 1]! << 8);
  const u32 = (at: number) => u16(at) + u16(at + 2) * 0x10000;
  // The end-of-central-directory record: its signature within the last 64 KiB + 22 bytes (a comment may follow it).
  let eocd = -1;
  for (let at = n - 22; at >= 0 && at >= n - 65557; at--) {
    if (bytes[at] === 0x50 && bytes[at + 1] === 0x4b && bytes[at + 2] === 5 && bytes[at + 3] === 6) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return out;
  const count = u16(eocd + 10);
  let at = u32(eocd + 16);
  const names = new TextDecoder('utf-8');
  for (let k = 0; k < count && at + 46 <= n; k++) {
    if (u32(at) !== 0x02014b50) break;
    const time = u16(at + 12);
    const date = u16(at + 14);
    const nameLength = u16(at + 28);
    const skip = 46 + nameLength + u16(at + 30) + u16(at + 32);
    const name = names.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    const month = (date >> 5) & 0xf;
    const day = date & 0x1f;
    if (month >= 1 && month <= 12 && day >= 1) {
      out.set(name, Date.UTC(((date >> 9) & 0x7f) + 1980, month - 1, day, time >> 11, (time >> 5) & 0x3f, (time & 0x1f) * 2));
    }
    at += skip;
  }
  return out;
}
