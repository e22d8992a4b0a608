/**
 * Stored strings (chunkedStrings.ts: 256 to a chunk) written into a ByteSink
 * as JSON strings. Most chunks of log text are plain ASCII with no quote,
 * backslash or control character: such a chunk is encoded once (natively)
 * and each of its strings is then copied out of those bytes, whose offsets
 * are the characters'. Rows visit chunks in causal order, hopping between
 * processes, so encoded chunks are kept in a small cache; if it thrashes
 * (many more bytes encoded than copied out, as with thousands of processes
 * a few events each), or for a chunk that is not plain, each string is
 * written on its own (ByteSink.jsonString: the same bytes).
 */
import { CHUNK_SHIFT, endOf } from '../base/chunkedStrings';
import type { ByteSink } from './byteSink';

/** Characters a JSON string holds as they are and UTF-8 writes as one byte each. */
const PLAIN = /^[\u0020\u0021\u0023-\u005b\u005d-\u007f]*$/;
const ENCODER = new TextEncoder();
/** Bytes of encoded chunks kept at most. */
const CACHE_BYTES = 8 << 20;
/** Bytes encoded past 8 × those copied out before the cache counts as thrashing. */
const THRASH_SLACK = 4 << 20;

export class StoredTextWriter {
  /** Chunk index → its bytes, or null for a chunk that is not plain; oldest first. */
  private readonly cache = new Map<number, Uint8Array | null>();
  private cachedBytes = 0;
  private encoded = 0;
  private copied = 0;
  private caching = true;

  constructor(
    private readonly chunks: readonly string[],
    private readonly starts: Uint16Array | Uint32Array,
    private readonly count: number,
    private readonly limits = { cacheBytes: CACHE_BYTES, thrashSlack: THRASH_SLACK },
  ) {}

  /** JSON.stringify(string i) as UTF-8. */
  write(sink: ByteSink, i: number): void {
    const c = i >>> CHUNK_SHIFT;
    const chunk = this.chunks[c]!;
    const start = this.starts[i]!;
    const end = endOf(chunk, this.starts, this.count, i);
    const bytes = this.caching ? this.bytesOf(c, chunk) : null;
    if (bytes === null) {
      sink.jsonStringOf(chunk, start, end);
      return;
    }
    const n = end - start;
    sink.room(n + 2);
    const buf = sink.buf;
    let pos = sink.pos;
    buf[pos++] = 0x22;
    if (n > 24) buf.set(bytes.subarray(start, end), pos);
    else for (let k = 0; k < n; k++) buf[pos + k] = bytes[start + k]!;
    pos += n;
    buf[pos++] = 0x22;
    sink.pos = pos;
    this.copied += n;
  }

  private bytesOf(c: number, chunk: string): Uint8Array | null {
    const hit = this.cache.get(c);
    if (hit !== undefined) return hit;
    let bytes: Uint8Array | null = null;
    if (PLAIN.test(chunk)) {
      bytes = new Uint8Array(chunk.length);
      ENCODER.encodeInto(chunk, bytes);
      this.encoded += chunk.length;
      // Encoding far more than is copied out: the cache is thrashing; write each string on its own from now on.
      if (this.encoded > 8 * this.copied + this.limits.thrashSlack) this.caching = false;
    }
    this.cache.set(c, bytes);
    this.cachedBytes += bytes ? bytes.length : 0;
    for (const [k, v] of this.cache) {
      if (this.cachedBytes <= this.limits.cacheBytes && this.cache.size <= 4096) break;
      this.cache.delete(k);
      this.cachedBytes -= v ? v.length : 0;
    }
    return bytes;
  }
}
