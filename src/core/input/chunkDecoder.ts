/**
 * Bytes to text, chunk by chunk, with the rules of decodeText: a byte-order
 * mark picks UTF-8 or UTF-16 (otherwise UTF-8); NUL bytes in the first 8 KB
 * of a UTF-8 input, or mostly undecodable characters in its first 8 K
 * characters, mean it is not text. A character split between two chunks
 * comes out whole, and the text it gives is exactly what decoding all the
 * bytes at once would give: UTF-16 runs the decoder in streaming mode; UTF-8
 * holds back the bytes of a character the chunk ends inside of and decodes
 * the rest in one call, as Node's streaming mode gives two-byte strings even
 * for ASCII (double the memory of every text and value sliced from them).
 */

/** How much of the start the not-text checks look at. */
export const PROBE_BYTES = 8192;

export class ChunkDecoder {
  private decoder: TextDecoder | null = null;
  /** UTF-8 after the first call: no byte-order mark is stripped from later chunks. */
  private later: TextDecoder | null = null;
  /** UTF-8 bytes of a character the last chunk ended inside of. */
  private tail: Uint8Array | null = null;
  /** Bytes held until the byte-order mark can be told (fewer than 3 seen). */
  private held: Uint8Array | null = null;
  private utf8 = true;
  private nul = 0;
  /** UTF-8 body bytes looked at for NULs (up to PROBE_BYTES). */
  private probed = 0;

  /**
   * The bytes the last push() decoded when its text has one character per
   * byte (ASCII, and bytes that decoded to U+FFFD one each): then byte i is
   * character i where it is below 0x80, and U+FFFD where it is not. Else
   * null. Readers scan these bytes for a line's structure (a byte is cheaper
   * to read than a character) and take texts from the string.
   */
  aligned: Uint8Array | null = null;

  /** Decoded text of this chunk (may be '' while a character or the BOM is incomplete). */
  push(chunk: Uint8Array): string {
    this.aligned = null;
    if (!this.decoder) {
      const bytes = this.held ? join(this.held, chunk) : chunk;
      if (bytes.length < 3) {
        this.held = bytes;
        return '';
      }
      this.held = null;
      return this.start(bytes, true);
    }
    if (this.utf8 && this.probed < PROBE_BYTES) this.countNul(chunk);
    if (!this.utf8) return this.decoder.decode(chunk, { stream: true });
    return this.decodeUtf8(this.tail ? join(this.tail, chunk) : chunk, this.later!);
  }

  /** Decodes all of bytes but an incomplete character at its end, which waits for the next chunk. */
  private decodeUtf8(bytes: Uint8Array, decoder: TextDecoder): string {
    const cut = completeEnd(bytes);
    this.tail = cut < bytes.length ? bytes.slice(cut) : null;
    const body = cut < bytes.length ? bytes.subarray(0, cut) : bytes;
    const text = decoder.decode(body);
    // A valid sequence of 2-4 bytes gives fewer characters than bytes and an invalid one at most one per byte: equal lengths align.
    this.aligned = text.length === body.length ? body : null;
    return text;
  }

  /** The rest of the text (an incomplete character at the end becomes U+FFFD). */
  end(): string {
    this.aligned = null;
    if (!this.decoder) {
      const bytes = this.held ?? new Uint8Array(0);
      this.held = null;
      return this.start(bytes, false);
    }
    if (!this.utf8) return this.decoder.decode();
    const tail = this.tail;
    this.tail = null;
    return tail ? this.later!.decode(tail) : '';
  }

  /**
   * Why the input is not text, judged on its first characters (`headText`,
   * at least PROBE_BYTES of them unless the input is shorter), or null.
   */
  notTextReason(headText: string): string | null {
    if (!this.utf8) return null;
    if (this.nul > 0) return `not a text file (${this.nul} NUL bytes in its first ${this.probed} bytes)`;
    return badCharReason(headText);
  }

  private start(bytes: Uint8Array, stream: boolean): string {
    let body = bytes;
    let label = 'utf-8';
    if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) [label, body] = ['utf-16le', bytes.subarray(2)];
    else if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) [label, body] = ['utf-16be', bytes.subarray(2)];
    else if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) body = bytes.subarray(3);
    this.utf8 = label === 'utf-8';
    this.decoder = new TextDecoder(label, { fatal: false });
    if (!this.utf8) return stream ? this.decoder.decode(body, { stream: true }) : this.decoder.decode(body);
    this.countNul(body);
    this.later = new TextDecoder(label, { fatal: false, ignoreBOM: true });
    return stream ? this.decodeUtf8(body, this.decoder) : this.decoder.decode(body);
  }

  private countNul(body: Uint8Array): void {
    const n = Math.min(body.length, PROBE_BYTES - this.probed);
    for (let i = 0; i < n; i++) if (body[i] === 0) this.nul++;
    this.probed += n;
  }
}

/** Mostly U+FFFD among the first PROBE_BYTES characters: not UTF-8 text. */
export function badCharReason(text: string): string | null {
  const n = Math.min(text.length, PROBE_BYTES);
  let bad = 0;
  for (let i = 0; i < n; i++) if (text.charCodeAt(i) === 0xfffd) bad++;
  if (n > 0 && bad / n > 0.1) return `not a text file (${bad} of its first ${n} characters are not valid UTF-8)`;
  return null;
}

/**
 * Where the complete UTF-8 characters of bytes end: before a lead byte in the
 * last three whose sequence the bytes do not finish. Bytes that cannot start
 * or continue a character decode the same now or later, so they are not held.
 */
function completeEnd(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let i = n - 1; i >= Math.max(0, n - 3); i--) {
    const b = bytes[i]!;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xc2 && b <= 0xdf ? 2 : 1;
    return n - i < need ? i : n;
  }
  return n;
}

function join(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}
