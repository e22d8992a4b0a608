/**
 * gzip → bytes with fflate's streaming Gunzip (one code path in browser and
 * Node; DecompressionStream is browser-only), fed in 16 KiB slices so that the
 * budget is charged as output appears and a bomb stops after at most one
 * slice's worth (16 MiB: deflate expands at most ~1032×). Concatenated gzip members
 * (as `cat a.gz b.gz` makes) come out as one stream.
 */
import { Gunzip } from 'fflate';
import type { ArchiveBudget } from './archiveBudget';

// Deflate expands at most ~1032×: a 16 KiB slice gives at most ~16 MiB before the budget looks again.
const SLICE = 1 << 14;

export function gunzipLimited(bytes: Uint8Array, budget: ArchiveBudget): Uint8Array {
  // ISIZE, the size the (last) member declares, mod 2^32: a bomb that says what it is costs nothing.
  if (bytes.length >= 18) {
    const n = bytes.length;
    budget.expect((bytes[n - 4]! | (bytes[n - 3]! << 8) | (bytes[n - 2]! << 16)) + bytes[n - 1]! * 0x1000000);
  }
  const chunks: Uint8Array[] = [];
  let length = 0;
  const gz = new Gunzip((chunk) => {
    budget.charge(chunk.length);
    chunks.push(chunk);
    length += chunk.length;
  });
  for (let at = 0; at < bytes.length; at += SLICE) {
    gz.push(bytes.subarray(at, Math.min(at + SLICE, bytes.length)), at + SLICE >= bytes.length);
  }
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** The original file name stored in a gzip header (FNAME), or ''. */
export function gzipStoredName(bytes: Uint8Array): string {
  if (bytes.length < 10 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) return '';
  const flags = bytes[3]!;
  if (!(flags & 0x08)) return '';
  let at = 10;
  if (flags & 0x04) at += 2 + (bytes[10]! | (bytes[11]! << 8)); // FEXTRA
  const end = bytes.indexOf(0, at);
  if (end < 0 || end - at > 1024) return '';
  // RFC 1952: ISO 8859-1.
  return new TextDecoder('latin1').decode(bytes.subarray(at, end));
}
