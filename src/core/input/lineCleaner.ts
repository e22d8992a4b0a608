/**
 * What the decoder does to decoded text before any reader sees it, so that
 * every format (text, JSON lines, logfmt, CSV, documents) splits and drops
 * lines the same way:
 * - a lone CR (classic Mac, or mixed with LF and CRLF) is a line break: it
 *   becomes LF, in the text and in its aligned bytes; a CR at the end of a
 *   chunk is held by the decoder until the next one shows whether an LF
 *   follows;
 * - a line holding a NUL byte (a crash leaves runs of them, a stray one
 *   appears in an otherwise good log) is dropped: its characters are cut,
 *   its line break kept, so the lines after it keep their numbers. A line
 *   that goes on into the next chunk is cut there too (`dropping`);
 * - characters that are not valid UTF-8 (U+FFFD the decoder produced, not
 *   one written in the file) are counted, to be reported once per input.
 * Text without CR, NUL or U+FFFD (nearly every chunk) costs three native
 * scans and is passed through as it is.
 */

export interface CleanChunk {
  text: string;
  /** The aligned bytes of `text` (ChunkDecoder.aligned), or null. */
  bytes: Uint8Array | null;
}

export class LineCleaner {
  /** Lines dropped for holding a NUL byte. */
  nulLines = 0;
  /** Characters that were not valid UTF-8. */
  invalid = 0;
  /** A dropped line goes on into the next chunk. */
  private dropping = false;

  /** After the input's last text: whether its last line was dropped and had no line break (nothing of it is left to count). */
  get endsDropped(): boolean {
    return this.dropping;
  }

  /**
   * `text` and its aligned bytes (or null); `body`: the UTF-8 bytes it was
   * decoded from (null for UTF-16), to tell a U+FFFD written in the file from
   * one made for invalid bytes. `bytes` is never written to: changed bytes
   * are a copy.
   */
  clean(text: string, bytes: Uint8Array | null, body: Uint8Array | null): CleanChunk {
    const fffd = text.indexOf('\ufffd');
    if (fffd >= 0) this.countInvalid(text, fffd, bytes !== null, body);
    const cr = text.indexOf('\r');
    const nul = text.indexOf('\0');
    if (cr < 0 && nul < 0 && !this.dropping) return { text, bytes };
    let out: CleanChunk = { text, bytes };
    if (cr >= 0) out = loneCrToLf(out, cr);
    if (nul >= 0 || this.dropping) out = this.dropNulLines(out, nul);
    return out;
  }

  private countInvalid(text: string, first: number, aligned: boolean, body: Uint8Array | null): void {
    let n = 0;
    for (let i = first; i >= 0; i = text.indexOf('\ufffd', i + 1)) n++;
    // Aligned text has one character per byte: every U+FFFD stands for one invalid byte.
    if (!aligned && body !== null) {
      for (let i = body.indexOf(0xef); i >= 0 && i + 2 < body.length; i = body.indexOf(0xef, i + 1)) {
        if (body[i + 1] === 0xbf && body[i + 2] === 0xbd) n--;
      }
    }
    if (n > 0) this.invalid += n;
  }

  /** Cuts the characters of every line holding a NUL, keeping line breaks. */
  private dropNulLines(chunk: CleanChunk, firstNul: number): CleanChunk {
    const { text, bytes } = chunk;
    const cuts: number[] = []; // [from, to) pairs
    let pos = 0;
    if (this.dropping) {
      const nl = text.indexOf('\n');
      if (nl < 0) return { text: '', bytes: bytes && bytes.subarray(0, 0) };
      this.dropping = false;
      if (nl > 0) cuts.push(0, nl);
      pos = nl;
    }
    for (let at = firstNul >= pos ? firstNul : text.indexOf('\0', pos); at >= 0; ) {
      const from = text.lastIndexOf('\n', at) + 1;
      const nl = text.indexOf('\n', at);
      this.nulLines++;
      if (cuts.length > 0 && cuts[cuts.length - 1]! >= from) cuts[cuts.length - 1] = nl < 0 ? text.length : nl;
      else cuts.push(Math.max(from, pos), nl < 0 ? text.length : nl);
      if (nl < 0) {
        this.dropping = true;
        break;
      }
      at = text.indexOf('\0', nl);
    }
    return cutRanges(text, bytes, cuts);
  }
}

/** Every CR not followed by LF becomes LF (a CR ending the text is a lone one: the decoder holds back one that may not be). */
function loneCrToLf(chunk: CleanChunk, first: number): CleanChunk {
  const { text } = chunk;
  let lone = -1;
  for (let i = first; i >= 0; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) !== 10) {
      lone = i;
      break;
    }
  }
  if (lone < 0) return chunk;
  const fixed = text.replace(/\r(?!\n)/g, '\n');
  let bytes = chunk.bytes;
  if (bytes !== null) {
    bytes = bytes.slice();
    for (let i = lone; i >= 0; i = text.indexOf('\r', i + 1)) if (text.charCodeAt(i + 1) !== 10) bytes[i] = 10;
  }
  return { text: fixed, bytes };
}

function cutRanges(text: string, bytes: Uint8Array | null, cuts: number[]): CleanChunk {
  if (cuts.length === 0) return { text, bytes };
  const parts: string[] = [];
  let kept = 0;
  let from = 0;
  for (let i = 0; i < cuts.length; i += 2) {
    parts.push(text.slice(from, cuts[i]));
    kept += cuts[i]! - from;
    from = cuts[i + 1]!;
  }
  parts.push(text.slice(from));
  kept += text.length - from;
  if (bytes === null) return { text: parts.join(''), bytes: null };
  const out = new Uint8Array(kept);
  let at = 0;
  from = 0;
  for (let i = 0; i <= cuts.length; i += 2) {
    const to = i < cuts.length ? cuts[i]! : text.length;
    out.set(bytes.subarray(from, to), at);
    at += to - from;
    if (i < cuts.length) from = cuts[i + 1]!;
  }
  return { text: parts.join(''), bytes: out };
}
