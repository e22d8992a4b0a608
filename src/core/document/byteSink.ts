/**
 * UTF-8 output written straight into byte chunks, for the exports that write
 * a million rows: a row is a few dozen pieces, and built as a string it is a
 * rope of them that must be flattened and then encoded again to be written
 * (at ~50 MB/s, the largest cost of `--format json`). Here each piece is
 * copied into the open chunk as bytes: numbers as digits, strings a
 * character at a time (ASCII, the common case, as it is; other characters
 * as UTF-8), JSON strings escaped as JSON.stringify escapes them (jsonString;
 * a property test holds the two to the same bytes). A writer checks `full`
 * between rows and hands the chunks on with take(), so memory stays at about
 * one chunk, whatever it writes.
 */

const ENCODER = new TextEncoder();
/** Past this many characters a string is encoded natively (encodeInto), not a character at a time. */
const NATIVE_FROM = 64;
/** Characters JSON.stringify escapes, and surrogates (a lone one is escaped, TextEncoder would replace it). */
const UNSAFE = /[\u0000-\u001f"\\\ud800-\udfff]/;
/** The same and the line separators, for a sink that escapes those too (oneLine). */
const LINE_UNSAFE = /[\u0000-\u001f"\\\ud800-\udfff\u2028\u2029]/;
/** Per ASCII code: 0 copied as it is, else the character after the backslash (1: a \u00XX escape). */
const ESCAPE = new Uint8Array(128);
for (let c = 0; c < 0x20; c++) ESCAPE[c] = 1;
ESCAPE[0x08] = 0x62; // \b
ESCAPE[0x09] = 0x74; // \t
ESCAPE[0x0a] = 0x6e; // \n
ESCAPE[0x0c] = 0x66; // \f
ESCAPE[0x0d] = 0x72; // \r
ESCAPE[0x22] = 0x22; // \"
ESCAPE[0x5c] = 0x5c; // \\
const HEX = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102]; // lower case, as JSON.stringify writes

export class ByteSink {
  /** The open chunk: bytes [0, pos) are written. */
  buf: Uint8Array;
  pos = 0;
  private readonly done: Uint8Array[] = [];

  /** Chunks of about `chunkBytes`; a single piece longer than that gets a chunk of its own size. */
  /**
   * oneLine: JSON strings also escape U+2028 and U+2029 (`\u2028`), as the
   * NDJSON export writes them (exportNdjson.ts): the same JSON value, and no
   * line splitter breaks a line at them.
   */
  constructor(
    private readonly chunkBytes = CHUNK_BYTES,
    private readonly oneLine = false,
  ) {
    this.buf = new Uint8Array(0);
    this.close(chunkBytes + SLACK);
  }

  /** Whether chunks are ready to take (check between rows). */
  get full(): boolean {
    return this.pos >= this.chunkBytes || this.done.length > 0;
  }

  /** The chunks written so far; each is a fresh buffer of its own (a writer may keep or transfer it). */
  take(): Uint8Array[] {
    if (this.pos > 0) this.close(this.chunkBytes + SLACK);
    return this.done.splice(0);
  }

  /** Room for n more bytes in the open chunk. */
  room(n: number): void {
    if (this.pos + n > this.buf.length) this.close(Math.max(this.chunkBytes, n) + SLACK);
  }

  private close(next: number): void {
    if (this.pos > 0) this.done.push(this.buf.subarray(0, this.pos));
    const spare = next === CHUNK_BUFFER ? spares.pop() : undefined;
    this.buf = spare ? new Uint8Array(spare) : new Uint8Array(next);
    this.pos = 0;
  }

  /** One ASCII byte. */
  byte(c: number): void {
    if (this.pos >= this.buf.length) this.room(1);
    this.buf[this.pos++] = c;
  }

  /** Bytes as they are (pieces encoded once, e.g. `"name":`). */
  bytes(b: Uint8Array): void {
    const n = b.length;
    if (this.pos + n > this.buf.length) this.room(n);
    const buf = this.buf;
    let pos = this.pos;
    if (n > 32) {
      buf.set(b, pos);
      pos += n;
    } else for (let i = 0; i < n; i++) buf[pos++] = b[i]!;
    this.pos = pos;
  }

  /** A number as String(n) writes it. */
  number(n: number): void {
    if (this.pos + NUMBER_BYTES > this.buf.length) this.room(NUMBER_BYTES);
    this.pos = putNumber(this.buf, this.pos, n);
  }

  /** s as UTF-8, as TextEncoder writes it (a lone surrogate as U+FFFD). */
  text(s: string): void {
    const n = s.length;
    if (n > NATIVE_FROM) {
      this.native(s);
      return;
    }
    if (this.pos + n > this.buf.length) this.room(n);
    const buf = this.buf;
    const start = this.pos;
    let pos = start;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x80) {
        this.pos = start;
        this.native(s);
        return;
      }
      buf[pos++] = c;
    }
    this.pos = pos;
  }

  private native(s: string): void {
    this.room(s.length * 3);
    this.pos += ENCODER.encodeInto(s, this.buf.subarray(this.pos)).written;
  }

  /** JSON.stringify(s) as UTF-8. */
  jsonString(s: string): void {
    const n = s.length;
    if (n < NATIVE_FROM) this.escaped(s, 0, n);
    else if (this.oneLine ? LINE_UNSAFE.test(s) : UNSAFE.test(s)) {
      if (this.oneLine) this.escaped(s, 0, n);
      else this.native(JSON.stringify(s));
    } else {
      this.room(n * 3 + 2);
      this.buf[this.pos++] = 0x22;
      this.pos += ENCODER.encodeInto(s, this.buf.subarray(this.pos)).written;
      this.buf[this.pos++] = 0x22;
    }
  }

  /** JSON.stringify(s.slice(start, end)) as UTF-8 (a short one without making the slice). */
  jsonStringOf(s: string, start: number, end: number): void {
    if (end - start < NATIVE_FROM) this.escaped(s, start, end);
    else this.jsonString(s.slice(start, end));
  }

  /** JSON.stringify(s.slice(start, end)) as UTF-8, a character at a time. */
  private escaped(s: string, start: number, end: number): void {
    // At most 6 bytes a character (\u00XX, or a lone surrogate as \udXXX) and the quotes.
    const worst = (end - start) * 6 + 2;
    if (this.pos + worst > this.buf.length) this.room(worst);
    const buf = this.buf;
    let pos = this.pos;
    buf[pos++] = 0x22;
    for (let i = start; i < end; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        const x = ESCAPE[c]!;
        if (x === 0) buf[pos++] = c;
        else if (x === 1) {
          buf[pos++] = 0x5c;
          buf[pos++] = 0x75;
          buf[pos++] = 0x30;
          buf[pos++] = 0x30;
          buf[pos++] = HEX[c >> 4]!;
          buf[pos++] = HEX[c & 15]!;
        } else {
          buf[pos++] = 0x5c;
          buf[pos++] = x;
        }
      } else if (c < 0x800) {
        buf[pos++] = 0xc0 | (c >> 6);
        buf[pos++] = 0x80 | (c & 63);
      } else if ((c === 0x2028 || c === 0x2029) && this.oneLine) {
        buf[pos++] = 0x5c;
        buf[pos++] = 0x75;
        buf[pos++] = 0x32;
        buf[pos++] = 0x30;
        buf[pos++] = 0x32;
        buf[pos++] = c === 0x2028 ? 0x38 : 0x39;
      } else if (c < 0xd800 || c > 0xdfff) {
        buf[pos++] = 0xe0 | (c >> 12);
        buf[pos++] = 0x80 | ((c >> 6) & 63);
        buf[pos++] = 0x80 | (c & 63);
      } else {
        const d = i + 1 < end ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          buf[pos++] = 0xf0 | (cp >> 18);
          buf[pos++] = 0x80 | ((cp >> 12) & 63);
          buf[pos++] = 0x80 | ((cp >> 6) & 63);
          buf[pos++] = 0x80 | (cp & 63);
          i++;
        } else {
          // A lone surrogate: JSON.stringify writes it escaped (well-formed JSON.stringify).
          buf[pos++] = 0x5c;
          buf[pos++] = 0x75;
          buf[pos++] = HEX[c >> 12]!;
          buf[pos++] = HEX[(c >> 8) & 15]!;
          buf[pos++] = HEX[(c >> 4) & 15]!;
          buf[pos++] = HEX[c & 15]!;
        }
      }
    }
    buf[pos++] = 0x22;
    this.pos = pos;
  }
}

/** The most bytes putNumber writes (String(-Number.MIN_VALUE) is 6e-324 long; -1.7976931348623157e+308 the longest). */
export const NUMBER_BYTES = 24;

/**
 * Writers of a piece at buf[pos] that return the position after it, for a
 * row's fixed parts written with its room taken once (the caller makes sure
 * of the room).
 */
export function putBytes(buf: Uint8Array, pos: number, b: Uint8Array): number {
  const n = b.length;
  for (let i = 0; i < n; i++) buf[pos + i] = b[i]!;
  return pos + n;
}

/** A string of ASCII characters (a number's, a time's). */
export function putAscii(buf: Uint8Array, pos: number, s: string): number {
  for (let i = 0; i < s.length; i++) buf[pos++] = s.charCodeAt(i);
  return pos;
}

/** String(n), at most NUMBER_BYTES (digits by hand for the non-negative integers rows are made of). */
export function putNumber(buf: Uint8Array, pos: number, n: number): number {
  if (!(n >= 0 && n < 0x80000000 && (n | 0) === n)) return putAscii(buf, pos, String(n));
  if (n < 10) {
    buf[pos] = 48 + n;
    return pos + 1;
  }
  const end = pos + (n < 100 ? 2 : n < 1000 ? 3 : n < 10000 ? 4 : n < 100000 ? 5 : n < 1000000 ? 6 : n < 10000000 ? 7 : n < 100000000 ? 8 : n < 1000000000 ? 9 : 10);
  let at = end;
  let m = n;
  do {
    const q = (m / 10) | 0;
    buf[--at] = 48 + m - q * 10;
    m = q;
  } while (m > 0);
  return end;
}

/** Room past a chunk's nominal size, so a row rarely has to start a new buffer mid-way. */
const SLACK = 1 << 16;
const CHUNK_BYTES = 1 << 18;
/** The buffer of a chunk of the usual size: the size a spare must have. */
const CHUNK_BUFFER = CHUNK_BYTES + SLACK;
/** Buffers of written chunks, given back by their writer (recycle). */
const spares: ArrayBuffer[] = [];
const MAX_SPARES = 16;

/**
 * A chunk (from take()) whose bytes have been written out and that nothing
 * reads any more: its buffer may hold a later chunk. Without this every
 * chunk is a new buffer, and a few hundred MB of them make the garbage
 * collector run full collections over the whole analysis (external memory
 * pressure).
 */
export function recycle(chunk: Uint8Array): void {
  const b = chunk.buffer;
  if (b instanceof ArrayBuffer && b.byteLength === CHUNK_BUFFER && spares.length < MAX_SPARES && !spares.includes(b)) spares.push(b);
}

/** s as UTF-8 bytes, for pieces written many times. */
export function utf8(s: string): Uint8Array {
  return ENCODER.encode(s);
}

/** Byte chunks as strings, split only between characters (for callers that want text: the page, tests). */
export function* decodeChunks(chunks: Iterable<Uint8Array>): Generator<string> {
  const decoder = new TextDecoder();
  for (const c of chunks) {
    const s = decoder.decode(c, { stream: true });
    if (s !== '') yield s;
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}
