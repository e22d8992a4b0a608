/**
 * FlatJsonScanner.scan over the chunk's aligned bytes (ChunkDecoder.aligned:
 * byte i is character i of the decoded text wherever it is below 0x80), for
 * chunks whose text has one character per byte — nearly every log. Reading a
 * byte costs V8 about half what charCodeAt does, and a byte table tells the
 * end of a string's plain run in one load, so this walks every character of a
 * line and needs no chunk-wide search for backslashes and control characters
 * first. It fills the scanner's arrays exactly as scan() does for the same
 * line (tests/property/flatJsonBytes); texts are still taken from the string.
 * Escaped strings are decoded from the string, whose indices are the same.
 */
import { bytesAre } from '../../base/occursAt';
import { FALSE, FlatJsonScanner, keyAtBytes, NULL, numberKind, otherSet, scanNumber, STRING, TRUE } from './flatJsonScanner';

const QUOTE = 34;
const BACKSLASH = 92;

/** Bytes that end a run of plain string characters: a quote, a backslash, a control character. */
const STRING_END = new Uint8Array(256);
STRING_END.fill(1, 0, 32);
STRING_END[QUOTE] = 1;
STRING_END[BACKSLASH] = 1;

/** Whether a word view reads byte i of a word as bits 8i to 8i+7 (x86 and ARM do). */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Words of a chunk's bytes, read four at a time where a string runs long (see plainRunEnd). */
export class ByteWords {
  private bytes: Uint8Array | null = null;
  /** u's buffer as words, from the word u starts in; `shift`: where u starts in that word. */
  words: Int32Array = new Int32Array(0);
  shift = 0;

  /** The words of u (made once per chunk). */
  of(u: Uint8Array): this {
    if (this.bytes !== u) {
      this.bytes = u;
      const start = u.byteOffset & ~3;
      this.words = LITTLE_ENDIAN ? new Int32Array(u.buffer, start, (u.buffer.byteLength - start) >> 2) : new Int32Array(0);
      this.shift = u.byteOffset - start;
    }
    return this;
  }
}

/**
 * Where the plain run of string characters that starts at u[q] ends: the first
 * quote, backslash or control character (the line's LF at the latest, or
 * u.length). Whole words are checked at once for any of those three
 * (the bit tricks for "a byte below 0x20" and "a zero byte", the latter after
 * XOR with the quote and the backslash); a word that has one is walked byte by
 * byte. Bytes past u in its buffer may be read, never past a stop in u.
 */
function plainRunEnd(u: Uint8Array, bw: ByteWords, q: number): number {
  const shift = bw.shift;
  while (((q + shift) & 3) !== 0) {
    if (STRING_END[u[q]!] !== 0) return q;
    q++;
  }
  const words = bw.words;
  let k = (q + shift) >> 2;
  const n = words.length;
  while (k < n) {
    const x = words[k]!;
    const a = x ^ 0x22222222;
    const b = x ^ 0x5c5c5c5c;
    if ((((x - 0x20202020) & ~x) | ((a - 0x01010101) & ~a) | ((b - 0x01010101) & ~b)) & 0x80808080) break;
    k++;
  }
  q = (k << 2) - shift;
  while (STRING_END[u[q]!] === 0) q++;
  return q;
}

export function scanFlatJsonBytes(
  sc: FlatJsonScanner,
  u: Uint8Array,
  bw: ByteWords,
  s: string,
  from: number,
  to: number,
  keySets: readonly (readonly string[] | null)[],
  /** keySets as bytes (asciiBytes, null for a key with other characters), or none. */
  keyBytes: readonly (readonly (Uint8Array | null)[] | null)[] | null,
  first: number,
): boolean {
  if (u[from] !== 123 || u[to - 1] !== 125 || to - from < 2) return false;
  const keyFrom = sc.keyFrom;
  const keyTo = sc.keyTo;
  const kind = sc.kind;
  const vFrom = sc.from;
  const vTo = sc.to;
  const decoded = sc.decoded;
  let set = first;
  let expected = first >= 0 ? (keySets[first] ?? null) : null;
  let expectedBytes = first >= 0 && keyBytes !== null ? (keyBytes[first] ?? null) : null;
  let matched = true;
  let n = 0;
  let p = from + 1;
  let c = u[p]!;
  while (c === 32 || c === 9 || c === 13) c = u[++p]!;
  if (c === 125) {
    p++;
  } else {
    for (;;) {
      if (c !== QUOTE) return false;
      const k0 = p + 1;
      let k1: number;
      const known = matched && expected !== null && n < expected.length ? expected[n]! : null;
      let alt = -1;
      if (known !== null && keyAtBytes(u, k0, to, known, expectedBytes === null ? null : expectedBytes[n]!)) {
        k1 = k0 + known.length;
      } else if (matched && (alt = otherSet(u, k0, to, keySets, expected, set, n, false)) >= 0) {
        set = alt;
        expected = keySets[alt]!;
        expectedBytes = keyBytes === null ? null : (keyBytes[alt] ?? null);
        k1 = k0 + expected[n]!.length;
      } else {
        matched = false;
        k1 = k0;
        for (;;) {
          if (k1 >= to) return false;
          const d = u[k1]!;
          if (d === QUOTE) break;
          if (d === BACKSLASH || d < 32) return false;
          k1++;
        }
      }
      keyFrom[n] = k0;
      keyTo[n] = k1;
      p = k1 + 1;
      c = u[p]!;
      while (c === 32 || c === 9 || c === 13) c = u[++p]!;
      if (c !== 58 /* : */) return false;
      c = u[++p]!;
      while (c === 32 || c === 9 || c === 13) c = u[++p]!;
      if (c === QUOTE) {
        const v0 = p + 1;
        // No bounds check: the LF after the line (or the chunk's end, where u[q] is undefined) stops the walk.
        let q = plainRunEnd(u, bw, v0);
        if (q >= to) return false;
        const d = u[q]!;
        if (d === QUOTE) {
          decoded[n] = null;
        } else if (d === BACKSLASH) {
          q = sc.decodeString(s, v0, q, to, n);
          if (q < 0) return false;
        } else {
          return false;
        }
        kind[n] = STRING;
        vFrom[n] = v0;
        vTo[n] = q;
        p = q + 1;
      } else if (c === 45 || (c >= 48 && c <= 57)) {
        // Numbers are rare beside strings: read from the text, whose characters are the bytes' here.
        const q = scanNumber(s, p, to);
        if (q < 0) return false;
        kind[n] = numberKind(s, p, q);
        vFrom[n] = p;
        vTo[n] = q;
        p = q;
      } else if (c === 116 /* t */ && bytesAre(u, p, 'true')) {
        kind[n] = TRUE;
        vFrom[n] = p;
        vTo[n] = p += 4;
      } else if (c === 102 /* f */ && bytesAre(u, p, 'false')) {
        kind[n] = FALSE;
        vFrom[n] = p;
        vTo[n] = p += 5;
      } else if (c === 110 /* n */ && bytesAre(u, p, 'null')) {
        kind[n] = NULL;
        vFrom[n] = p;
        vTo[n] = p += 4;
      } else {
        return false;
      }
      n++;
      c = u[p]!;
      while (c === 32 || c === 9 || c === 13) c = u[++p]!;
      if (c === 44 /* , */) {
        c = u[++p]!;
        while (c === 32 || c === 9 || c === 13) c = u[++p]!;
        continue;
      }
      if (c !== 125) return false;
      p++;
      break;
    }
  }
  if (p !== to) return false;
  sc.count = n;
  if (matched && (expected === null || n !== expected.length)) {
    set = otherSet(u, 0, 0, keySets, expected, set, n, true);
    matched = set >= 0;
  }
  sc.matched = matched;
  sc.set = matched ? set : -1;
  return true;
}
