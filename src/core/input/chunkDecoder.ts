/**
 * Bytes to text, chunk by chunk, with the rules of decodeText: a byte-order
 * mark picks UTF-8 or UTF-16 (otherwise UTF-8); mostly NUL and control bytes
 * in the first 8 KB of a UTF-8 input, or mostly undecodable characters in its
 * first 8 K characters, mean it is not text. Lone CRs become line breaks, and
 * lines holding a NUL are dropped (lineCleaner.ts). A character split between two chunks
 * comes out whole, and the text it gives is exactly what decoding all the
 * bytes at once would give: UTF-16 runs the decoder in streaming mode; UTF-8
 * holds back the bytes of a character the chunk ends inside of and decodes
 * the rest in one call, as Node's streaming mode gives two-byte strings even
 * for ASCII (double the memory of every text and value sliced from them).
 */

import type { DiagnosticSink } from '../model/diagnostic';
import { LineCleaner } from './lineCleaner';

/** How much of the start the not-text checks look at. */
export const PROBE_BYTES = 8192;
/** Bytes of an unfinished last line held for the next chunk; a longer one is given as it is. */
const HOLD_LINE = 1 << 16;
/** Past this share of NUL and control bytes in the probe, an input is binary, not text with stray NULs. */
const BINARY_SHARE = 0.3;

export class ChunkDecoder {
  private decoder: TextDecoder | null = null;
  /** UTF-8 after the first call: no byte-order mark is stripped from later chunks. */
  private later: TextDecoder | null = null;
  /** UTF-8 bytes of a character the last chunk ended inside of. */
  private tail: Uint8Array | null = null;
  /** Bytes held until the byte-order mark can be told (fewer than 3 seen). */
  private held: Uint8Array | null = null;
  private utf8 = true;
  /** NUL bytes among the probed ones. */
  private nul = 0;
  /** NUL and control bytes (not tab, line breaks, form feed or escape) among the probed ones. */
  private binary = 0;
  /** UTF-8 body bytes looked at for NULs (up to PROBE_BYTES). */
  private probed = 0;
  /** Characters decoded, up to PROBE_BYTES, and U+FFFD among them. */
  private headChars = 0;
  private headBad = 0;
  /** A UTF-16 text's last CR, held until the next text shows whether an LF follows. */
  private heldCr = false;
  private readonly cleaner = new LineCleaner();

  /**
   * The bytes the last push() decoded when its text has one character per
   * byte (ASCII, and bytes that decoded to U+FFFD one each): then byte i is
   * character i where it is below 0x80, and U+FFFD where it is not. Else
   * null. Readers scan these bytes for a line's structure (a byte is cheaper
   * to read than a character) and take texts from the string.
   */
  aligned: Uint8Array | null = null;

  /**
   * Where the aligned text of the last push() starts in the input, when its
   * bytes are the input's own, unchanged (no CR or NUL line cleaned away):
   * character i is then the byte at alignedAt + i. Else -1.
   */
  alignedAt = -1;
  /** Bytes pushed so far. */
  private fed = 0;
  /** Where `body` starts in the input. */
  private bodyAt = -1;

  /** Lines dropped for holding a NUL byte, so far. */
  get nulLines(): number {
    return this.cleaner.nulLines;
  }

  /** After end(): the last line was dropped and had no break, so no reader saw it, even as a blank line. */
  get endsDropped(): boolean {
    return this.cleaner.endsDropped;
  }

  /** Characters that were not valid UTF-8 (each shown as U+FFFD), so far. */
  get invalidChars(): number {
    return this.cleaner.invalid;
  }

  /** What decoding changed, once per input, after its last chunk: lines dropped for a NUL, characters not valid UTF-8. */
  report(input: string, sink: DiagnosticSink): void {
    const { nulLines, invalid } = this.cleaner;
    if (nulLines > 0) sink.skipMany(input, nulLines, `${nulLines} line${nulLines === 1 ? '' : 's'} held NUL bytes and ${nulLines === 1 ? 'was' : 'were'} not read`);
    if (invalid > 0) sink.add(input, 0, 'warning', `${invalid} character${invalid === 1 ? ' is' : 's are'} not valid UTF-8 and ${invalid === 1 ? 'is' : 'are'} read as U+FFFD (�)`);
  }

  /** Decoded text of this chunk (may be '' while a character or the BOM is incomplete). */
  push(chunk: Uint8Array): string {
    const text = this.clean(this.pushRaw(chunk), false);
    this.fed += chunk.length;
    return text;
  }

  /** The UTF-8 bytes the last decode read (to tell a written U+FFFD from a made one). */
  private body: Uint8Array | null = null;

  private clean(text: string, final: boolean): string {
    if (!this.utf8) {
      if (this.heldCr) text = `\r${text}`;
      this.heldCr = !final && text.charCodeAt(text.length - 1) === 13;
      if (this.heldCr) text = text.slice(0, -1);
    }
    if (text.length === 0) return text;
    if (this.headChars < PROBE_BYTES) {
      // Undecodable characters at the start, counted before lines with NULs are dropped.
      const n = Math.min(text.length, PROBE_BYTES - this.headChars);
      for (let i = text.indexOf('\ufffd'); i >= 0 && i < n; i = text.indexOf('\ufffd', i + 1)) this.headBad++;
      this.headChars += n;
    }
    const out = this.cleaner.clean(text, this.aligned, this.utf8 ? this.body : null);
    this.alignedAt = out.bytes !== null && out.bytes === this.body ? this.bodyAt : -1;
    this.aligned = out.bytes;
    return out.text;
  }

  private pushRaw(chunk: Uint8Array): string {
    this.aligned = null;
    this.alignedAt = -1;
    this.body = null;
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
    this.bodyAt = this.fed - (this.tail ? this.tail.length : 0);
    return this.decodeUtf8(this.tail ? join(this.tail, chunk) : chunk, this.later!);
  }

  /** Decodes all of bytes but an incomplete character at its end, which waits for the next chunk. */
  private decodeUtf8(bytes: Uint8Array, decoder: TextDecoder): string {
    let cut = completeEnd(bytes);
    // An unfinished last line (up to HOLD_LINE bytes) waits for the next chunk, so that a NUL in its
    // rest can still drop it whole; a CR that ends the bytes waits too, to tell a CRLF from a lone CR.
    const lf = cut > 0 ? bytes.lastIndexOf(10, cut - 1) : -1;
    // A lone CR after the last LF ends a line too (looked for only there: the rest may hold none at all).
    let lineEnd = lf;
    for (let i = cut - 1; i > lf && i >= cut - 2 - HOLD_LINE; i--) {
      if (bytes[i] === 13) {
        lineEnd = i === cut - 1 ? i - 1 : i;
        break;
      }
    }
    if (cut - (lineEnd + 1) <= HOLD_LINE) cut = lineEnd + 1;
    else if (cut > 0 && cut === bytes.length && bytes[cut - 1] === 13) cut--;
    this.tail = cut < bytes.length ? bytes.slice(cut) : null;
    const body = cut < bytes.length ? bytes.subarray(0, cut) : bytes;
    const text = decoder.decode(body);
    this.body = body;
    // A valid sequence of 2-4 bytes gives fewer characters than bytes and an invalid one at most one per byte: equal lengths align.
    this.aligned = text.length === body.length ? body : null;
    return text;
  }

  /** The rest of the text (an incomplete character at the end becomes U+FFFD). */
  end(): string {
    return this.clean(this.endRaw(), true);
  }

  private endRaw(): string {
    this.aligned = null;
    this.alignedAt = -1;
    this.body = null;
    if (!this.decoder) {
      const bytes = this.held ?? new Uint8Array(0);
      this.held = null;
      return this.start(bytes, false);
    }
    if (!this.utf8) return this.decoder.decode();
    const tail = this.tail;
    this.tail = null;
    if (!tail) return '';
    this.body = tail;
    return this.later!.decode(tail);
  }

  /**
   * Why the input is not text, judged on its first characters (`headText`,
   * at least PROBE_BYTES of them unless the input is shorter), or null.
   */
  notTextReason(headText: string): string | null {
    if (!this.utf8) return null;
    // A stray NUL drops its line (lineCleaner.ts); only a mostly binary start refuses the file.
    const bad = this.headBad;
    if (this.probed > 0 && (this.binary + bad) / this.probed > BINARY_SHARE) {
      return `not a text file (${this.binary + bad} of its first ${this.probed} bytes are NUL, control or invalid bytes${this.nul > 0 ? `, ${this.nul} of them NUL` : ''})`;
    }
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
    // The held bytes and this chunk's are the input's first: the body starts after the byte-order mark.
    this.bodyAt = body.byteOffset - bytes.byteOffset;
    this.later = new TextDecoder(label, { fatal: false, ignoreBOM: true });
    if (stream) return this.decodeUtf8(body, this.decoder);
    this.body = body;
    return this.decoder.decode(body);
  }

  private countNul(body: Uint8Array): void {
    const n = Math.min(body.length, PROBE_BYTES - this.probed);
    for (let i = 0; i < n; i++) {
      const b = body[i]!;
      if (b >= 32) continue;
      if (b === 0) this.nul++;
      if (b < 9 || (b > 13 && b !== 27)) this.binary++;
    }
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
