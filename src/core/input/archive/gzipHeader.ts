/**
 * What a gzip stream says of itself before it is inflated: the size it
 * declares (ISIZE, so that a bomb that says what it is costs nothing) and
 * the original file name. Inflating is inflateChunks.ts's.
 */

/** ISIZE, the size the (last) member declares, mod 2^32; -1 when the stream is too short to have one. */
export function gzipDeclaredSize(bytes: Uint8Array): number {
  if (bytes.length < 18) return -1;
  const n = bytes.length;
  return (bytes[n - 4]! | (bytes[n - 3]! << 8) | (bytes[n - 2]! << 16)) + bytes[n - 1]! * 0x1000000;
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
