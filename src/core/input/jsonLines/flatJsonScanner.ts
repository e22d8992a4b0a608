/**
 * A scanner for the common JSON-lines shape: one flat object whose values are
 * strings, numbers, true, false or null. It walks the line where it lies in
 * the decoded chunk (no line string, no object) and records where each key
 * and value is, so the reader can take a value's text straight from the
 * chunk. It accepts only text that is valid JSON and that it fully
 * understands; anything else (a nested value, an escaped key, a control
 * character, any syntax error) makes scan() return false, and the reader then
 * reads the line with JSON.parse, so what a line gives never depends on which
 * of the two read it.
 *
 * Most lines hold no backslash and no control character (`clean`, which the
 * reader learns for a whole chunk with one regex pass): a string then ends at
 * the next quote, found with indexOf, which is several times faster than
 * looking at each character in JS. Other lines are read a character at a
 * time, escapes decoded as JSON.parse decodes them (surrogates as written,
 * paired or not).
 *
 * Keys are matched against the key sequences the reader knows (`keySets`),
 * starting with the one the last line had: lines of one logger repeat a few,
 * and a match is a short compare per key. Where a line's key differs from the
 * sequence followed so far (a line with a message id after one without), the
 * scan goes on with a known sequence that has the same keys up to there and
 * this key next, so a reader alternating between shapes never compares keys
 * twice.
 * Numbers are kept as their written text, which the reader turns into a
 * number only where it needs one.
 */

/** What a value is. */
export const STRING = 0;
/** An integer whose text is its own shortest form: `-?[1-9]\d{0,14}` or `0` (String(Number(t)) === t). */
export const INT = 1;
/** Any other number. */
export const NUMBER = 2;
export const TRUE = 3;
export const FALSE = 4;
export const NULL = 5;

import { bytesAt } from '../../base/asciiBytes';
import { bytesAre, occursAt } from '../../base/occursAt';

const QUOTE = 34;
const BACKSLASH = 92;

export class FlatJsonScanner {
  /** Keys on the line (a repeated key counts each time). */
  count = 0;
  /** Whether the keys were exactly one of the key sets, in order: keySets[set]. */
  matched = false;
  set = -1;
  /** Where each key's characters are (between its quotes). */
  readonly keyFrom: number[] = [];
  readonly keyTo: number[] = [];
  readonly kind: number[] = [];
  /** Where each value's text is: between the quotes for a string, the literal otherwise. */
  readonly from: number[] = [];
  readonly to: number[] = [];
  /** A string value with escapes, decoded; null when its text is the characters as they stand. */
  readonly decoded: (string | null)[] = [];

  /**
   * Scans s[from, to), which must start with `{` and end with `}`, as a flat
   * JSON object; false when it is anything else. `clean`: the range holds no
   * backslash and no character below U+0020 but CR. `keySets`: key sequences
   * written as they are (null: none at that place), keySets[first] tried first.
   */
  scan(s: string, from: number, to: number, keySets: readonly (readonly string[] | null)[], first: number, clean: boolean): boolean {
    // The closing brace at to-1 ends every whitespace run and literal below: none reads past `to`.
    if (s.charCodeAt(from) !== 123 || s.charCodeAt(to - 1) !== 125 || to - from < 2) return false;
    const keyFrom = this.keyFrom;
    const keyTo = this.keyTo;
    const kind = this.kind;
    const vFrom = this.from;
    const vTo = this.to;
    const decoded = this.decoded;
    let set = first;
    let expected = first >= 0 ? (keySets[first] ?? null) : null;
    let matched = true;
    let n = 0;
    let p = from + 1;
    let c = s.charCodeAt(p);
    while (c === 32 || c === 9 || c === 13) c = s.charCodeAt(++p);
    if (c === 125) {
      p++;
    } else {
      for (;;) {
        if (c !== QUOTE) return false;
        // The key: the expected one at this place (plain keys hold no quote, backslash or control character), else scanned.
        const k0 = p + 1;
        let k1: number;
        const known = matched && expected !== null && n < expected.length ? expected[n]! : null;
        let alt = -1;
        if (known !== null && keyAt(s, k0, to, known)) {
          k1 = k0 + known.length;
        } else if (matched && (alt = otherSet(s, k0, to, keySets, expected, set, n, false)) >= 0) {
          set = alt;
          expected = keySets[alt]!;
          k1 = k0 + expected[n]!.length;
        } else {
          matched = false;
          if (clean) {
            k1 = s.indexOf('"', k0);
            if (k1 < 0 || k1 >= to) return false;
          } else {
            k1 = k0;
            for (;;) {
              if (k1 >= to) return false;
              const d = s.charCodeAt(k1);
              if (d === QUOTE) break;
              // Escaped keys are left to JSON.parse.
              if (d === BACKSLASH || d < 32) return false;
              k1++;
            }
          }
        }
        keyFrom[n] = k0;
        keyTo[n] = k1;
        p = k1 + 1;
        c = s.charCodeAt(p);
        while (c === 32 || c === 9 || c === 13) c = s.charCodeAt(++p);
        if (c !== 58 /* : */) return false;
        c = s.charCodeAt(++p);
        while (c === 32 || c === 9 || c === 13) c = s.charCodeAt(++p);
        if (c === QUOTE) {
          const v0 = p + 1;
          let q: number;
          if (clean) {
            q = s.indexOf('"', v0);
            if (q < 0 || q >= to) return false;
            decoded[n] = null;
          } else {
            q = v0;
            let d = 0;
            for (;;) {
              if (q >= to) return false;
              d = s.charCodeAt(q);
              if (d === QUOTE || d === BACKSLASH || d < 32) break;
              q++;
            }
            if (d === QUOTE) {
              decoded[n] = null;
            } else if (d === BACKSLASH) {
              q = this.decodeString(s, v0, q, to, n);
              if (q < 0) return false;
            } else {
              return false;
            }
          }
          kind[n] = STRING;
          vFrom[n] = v0;
          vTo[n] = q;
          p = q + 1;
        } else if (c === 45 || (c >= 48 && c <= 57)) {
          const q = scanNumber(s, p, to);
          if (q < 0) return false;
          kind[n] = numberKind(s, p, q);
          vFrom[n] = p;
          vTo[n] = q;
          p = q;
        } else if (c === 116 /* t */ && occursAt(s, p, 'true')) {
          kind[n] = TRUE;
          vFrom[n] = p;
          vTo[n] = p += 4;
        } else if (c === 102 /* f */ && occursAt(s, p, 'false')) {
          kind[n] = FALSE;
          vFrom[n] = p;
          vTo[n] = p += 5;
        } else if (c === 110 /* n */ && occursAt(s, p, 'null')) {
          kind[n] = NULL;
          vFrom[n] = p;
          vTo[n] = p += 4;
        } else {
          // A nested object or array, or not JSON at all.
          return false;
        }
        n++;
        c = s.charCodeAt(p);
        while (c === 32 || c === 9 || c === 13) c = s.charCodeAt(++p);
        if (c === 44 /* , */) {
          c = s.charCodeAt(++p);
          while (c === 32 || c === 9 || c === 13) c = s.charCodeAt(++p);
          continue;
        }
        if (c !== 125) return false;
        p++;
        break;
      }
    }
    // The brace that closed the object must be the last one on the line.
    if (p !== to) return false;
    this.count = n;
    if (matched && (expected === null || n !== expected.length)) {
      // The line ended before the set followed so far did: a shorter set with these keys, if one is known.
      set = otherSet(s, 0, 0, keySets, expected, set, n, true);
      matched = set >= 0;
    }
    this.matched = matched;
    this.set = matched ? set : -1;
    return true;
  }

  /**
   * Decodes the string value that starts at v0 and has its first backslash at
   * q into decoded[n]; the index of its closing quote, or -1 when it is not
   * valid JSON.
   */
  decodeString(s: string, v0: number, q: number, to: number, n: number): number {
    let out = s.slice(v0, q);
    let run = q;
    for (;;) {
      if (q >= to) return -1;
      const d = s.charCodeAt(q);
      if (d === QUOTE) break;
      if (d < 32) return -1;
      if (d !== BACKSLASH) {
        q++;
        continue;
      }
      if (q > run) out += s.slice(run, q);
      if (q + 1 >= to) return -1;
      const e = s.charCodeAt(q + 1);
      let ch: number;
      switch (e) {
        case 34:
        case 92:
        case 47:
          ch = e;
          break;
        case 98:
          ch = 8;
          break;
        case 102:
          ch = 12;
          break;
        case 110:
          ch = 10;
          break;
        case 114:
          ch = 13;
          break;
        case 116:
          ch = 9;
          break;
        case 117: {
          if (q + 6 > to) return -1;
          ch = 0;
          for (let i = q + 2; i < q + 6; i++) {
            const h = hexValue(s.charCodeAt(i));
            if (h < 0) return -1;
            ch = ch * 16 + h;
          }
          q += 4;
          break;
        }
        default:
          return -1;
      }
      out += String.fromCharCode(ch);
      q += 2;
      run = q;
    }
    if (q > run) out += s.slice(run, q);
    this.decoded[n] = out;
    return q;
  }
}

/** Whether the key k is written at s[k0], closed by its quote before `to`. */
function keyAt(s: string, k0: number, to: number, k: string): boolean {
  return k0 + k.length < to && s.charCodeAt(k0 + k.length) === QUOTE && occursAt(s, k0, k);
}

/**
 * A key set other than keySets[current] whose first n keys are those of
 * `followed` (the line's so far) and whose key n is written at k0 (in the
 * chunk's text, or in its aligned bytes); with `atEnd`, one of exactly n
 * keys. -1 when none is. Taken only where a line leaves the set it followed.
 */
export function otherSet(s: string | Uint8Array, k0: number, to: number, keySets: readonly (readonly string[] | null)[], followed: readonly string[] | null, current: number, n: number, atEnd: boolean): number {
  for (let t = 0; t < keySets.length; t++) {
    const keys = keySets[t];
    if (t === current || keys == null || (atEnd ? keys.length !== n : keys.length <= n)) continue;
    if (!atEnd && !(typeof s === 'string' ? keyAt(s, k0, to, keys[n]!) : keyAtBytes(s, k0, to, keys[n]!, null))) continue;
    let same = true;
    for (let i = 0; i < n; i++) {
      if (keys[i] !== followed![i]) {
        same = false;
        break;
      }
    }
    if (same) return t;
  }
  return -1;
}

/** keyAt in a chunk's aligned bytes; `kb`: k as bytes (asciiBytes), or null to compare with k's characters. */
export function keyAtBytes(u: Uint8Array, k0: number, to: number, k: string, kb: Uint8Array | null): boolean {
  return k0 + k.length < to && u[k0 + k.length] === QUOTE && (kb !== null ? bytesAt(u, k0, kb) : bytesAre(u, k0, k));
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * INT or NUMBER for the JSON number s[p, q): INT for a shortest-form integer
 * (no fraction or exponent, no "-0", at most 15 digits), which is its own text.
 */
export function numberKind(s: string, p: number, q: number): number {
  const c = s.charCodeAt(p);
  const len = q - p;
  if (len === 1 && c === 48) return INT;
  const lead = c === 45 ? s.charCodeAt(p + 1) : c;
  if (lead === 48 || len > (c === 45 ? 16 : 15)) return NUMBER;
  for (let i = p + 1; i < q; i++) {
    const e = s.charCodeAt(i);
    if (e < 48 || e > 57) return NUMBER;
  }
  return INT;
}

/** The end of the JSON number at p (before `to`), or -1 when it is not one. */
export function scanNumber(s: string, p: number, to: number): number {
  let q = p;
  if (s.charCodeAt(q) === 45) q++;
  if (q >= to) return -1;
  let c = s.charCodeAt(q);
  if (c === 48) {
    q++;
  } else if (c >= 49 && c <= 57) {
    q++;
    while (q < to && isDigit(s.charCodeAt(q))) q++;
  } else {
    return -1;
  }
  if (q < to && s.charCodeAt(q) === 46 /* . */) {
    q++;
    const d0 = q;
    while (q < to && isDigit(s.charCodeAt(q))) q++;
    if (q === d0) return -1;
  }
  if (q < to) {
    c = s.charCodeAt(q);
    if (c === 101 || c === 69) {
      q++;
      if (q < to) {
        c = s.charCodeAt(q);
        if (c === 43 || c === 45) q++;
      }
      const d0 = q;
      while (q < to && isDigit(s.charCodeAt(q))) q++;
      if (q === d0) return -1;
    }
  }
  return q;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
