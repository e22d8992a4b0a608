/**
 * Whether bytes are an archive, told by the bytes themselves: gzip magic
 * 1f 8b, zip `PK\3\4` (or an empty zip's end record), tar's `ustar` or a
 * valid header checksum; the name (`.tar`) only breaks the tie for a tar
 * without the ustar magic. Only the first 512 bytes are looked at.
 */
import { looksLikeTar } from './tarReader';

export type ArchiveKind = 'gzip' | 'zip' | 'tar';

export function archiveKind(name: string, bytes: Uint8Array): ArchiveKind | null {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return 'gzip';
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6))) return 'zip';
  if (looksLikeTar(bytes) && (/\.tar$/i.test(name) || String.fromCharCode(...bytes.subarray(257, 262)) === 'ustar')) return 'tar';
  return null;
}
