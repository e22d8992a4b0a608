/**
 * Whether a short text occurs at a place in a longer one: in a string, or in a
 * chunk's aligned bytes (ChunkDecoder.aligned). Readers compare keys and
 * repeated values this way instead of slicing them out.
 */

/**
 * Whether t occurs in s at `at` (within s). For the short texts readers
 * compare (keys, repeated values) a loop beats startsWith, a builtin call
 * with argument checks.
 */
export function occursAt(s: string, at: number, t: string): boolean {
  const n = t.length;
  if (at + n > s.length) return false;
  for (let i = 0; i < n; i++) if (s.charCodeAt(at + i) !== t.charCodeAt(i)) return false;
  return true;
}

/**
 * Whether t is written at u[at], aligned bytes of a chunk (ChunkDecoder.aligned):
 * a byte below 0x80 is its character, any other stands for U+FFFD.
 */
export function bytesAre(u: Uint8Array, at: number, t: string): boolean {
  const n = t.length;
  if (at < 0 || at + n > u.length) return false;
  for (let i = 0; i < n; i++) {
    const b = u[at + i]!;
    if (b < 0x80 ? b !== t.charCodeAt(i) : t.charCodeAt(i) !== 0xfffd) return false;
  }
  return true;
}
