/**
 * Short texts a reader compares against a chunk's bytes again and again
 * (known keys, the hints of the line before), held as bytes: a byte array
 * compared with a byte array costs V8 about half what a byte array compared
 * with a string's characters does.
 */

/** The characters of text as bytes, or null when one is from U+0080 up (compare those as a string). */
export function asciiBytes(text: string): Uint8Array | null {
  const n = text.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) return null;
    out[i] = c;
  }
  return out;
}

/** Whether the bytes t are at u[at] (within u). */
export function bytesAt(u: Uint8Array, at: number, t: Uint8Array): boolean {
  const n = t.length;
  if (at < 0 || at + n > u.length) return false;
  for (let i = 0; i < n; i++) if (u[at + i] !== t[i]) return false;
  return true;
}
