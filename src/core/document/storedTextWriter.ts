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
 *
 * The cache is one buffer used as a ring: a chunk is encoded where the last
 * one ended (at the start again when it does not fit before the end), and the
 * oldest chunks it overlaps are dropped. A chunk encoded into a buffer of its
 * own each time made 80 MB of garbage buffers for a million events, which
 * wait for a full collection to be freed (the peak memory of `--format json`).
 */
import { CHUNK_SHIFT, endOf, STRINGS_PER_CHUNK, type TextChunks } from '../base/chunkedStrings';
import type { ByteSink } from './byteSink';

/** Characters a JSON string holds as they are and UTF-8 writes as one byte each. */
const PLAIN = /^[\u0020\u0021\u0023-\u005b\u005d-\u007f]*$/;
const ENCODER = new TextEncoder();
/** Bytes of encoded chunks kept at most. */
const CACHE_BYTES = 8 << 20;
/** Bytes encoded past 8 × those copied out before the cache counts as thrashing. */
const THRASH_SLACK = 4 << 20;
/** Chunks cached at most (small chunks: thousands of processes with a few events each). */
const MAX_CHUNKS = 4096;
const EMPTY = new Uint8Array(0);
const LAST_IN_CHUNK = STRINGS_PER_CHUNK - 1;

export class StoredTextWriter {
  /** Chunk index → its bytes (a view of the ring), oldest first. */
  private readonly cache = new Map<number, Uint8Array>();
  /** Chunks that are not plain: written string by string. */
  private readonly notPlain = new Set<number>();
  private ring: Uint8Array | null = null;
  /** Where the next chunk goes in the ring. */
  private head = 0;
  private encoded = 0;
  private copied = 0;
  private caching = true;

  constructor(
    private readonly chunks: TextChunks,
    private readonly starts: Uint16Array | Uint32Array,
    private readonly count: number,
    private readonly limits = { cacheBytes: CACHE_BYTES, thrashSlack: THRASH_SLACK },
  ) {}

  /** JSON.stringify(string i) as UTF-8. */
  write(sink: ByteSink, i: number): void {
    const c = i >>> CHUNK_SHIFT;
    const start = this.starts[i]!;
    // A chunk whose bytes are cached is not asked for again: chunks made when read (model/fileTexts.ts) are made
    // once, and not kept alive (and promoted) while the rows hop between processes.
    let bytes = this.caching ? this.cache.get(c) : undefined;
    if (bytes === undefined) {
      const chunk = this.chunks.at(c)!;
      bytes = (this.caching && this.bytesOf(c, chunk)) || undefined;
      if (bytes === undefined) {
        sink.jsonStringOf(chunk, start, endOf(chunk, this.starts, this.count, i));
        return;
      }
    }
    // A plain chunk's bytes are its characters.
    const end = (i & LAST_IN_CHUNK) === LAST_IN_CHUNK || i + 1 === this.count ? bytes.length : this.starts[i + 1]!;
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

  /** Chunk c's bytes (valid until the next call), or null for a chunk that is not plain. */
  private bytesOf(c: number, chunk: string): Uint8Array | null {
    const hit = this.cache.get(c);
    if (hit !== undefined) return hit;
    if (this.notPlain.has(c)) return null;
    if (!PLAIN.test(chunk)) {
      this.notPlain.add(c);
      return null;
    }
    const n = chunk.length;
    // A chunk of empty strings has no bytes and takes no room: not put in the ring, whose drop loop reads the cache's
    // order as the ring's (an empty entry at the head's offset would end that loop before the chunks it must drop).
    if (n === 0) return EMPTY;
    this.encoded += n;
    // Encoding far more than is copied out: the cache is thrashing; write each string on its own from now on.
    if (this.encoded > 8 * this.copied + this.limits.thrashSlack) this.caching = false;
    const ring = (this.ring ??= new Uint8Array(Math.min(this.limits.cacheBytes, this.textBytes())));
    if (n > ring.length) {
      // Larger than the whole cache: encoded on its own, not kept.
      const own = new Uint8Array(n);
      ENCODER.encodeInto(chunk, own);
      return own;
    }
    if (this.head + n > ring.length) {
      // Around again: the chunks past head are the oldest (the last lap's); they go first.
      for (const [k, v] of this.cache) {
        if (v.byteOffset < this.head) break;
        this.cache.delete(k);
      }
      this.head = 0;
    }
    const from = this.head;
    const to = from + n;
    // The oldest chunks are where the ring goes on: drop those the new one overlaps (and any past the count).
    for (const [k, v] of this.cache) {
      const at = v.byteOffset;
      if (!(at < to && from < at + v.length) && this.cache.size < MAX_CHUNKS) break;
      this.cache.delete(k);
    }
    const bytes = ring.subarray(from, to);
    ENCODER.encodeInto(chunk, bytes);
    this.head = to;
    this.cache.set(c, bytes);
    return bytes;
  }

  /** Characters in all the chunks: a ring no larger than the texts (a small execution needs no 8 MB). */
  private textBytes(): number {
    // Chunks made when read (fileTexts.ts) know their size without being made.
    if (this.chunks.chars !== undefined) return this.chunks.chars;
    let n = 0;
    for (let c = 0; c < this.chunks.length; c++) n += this.chunks.at(c)!.length;
    return n;
  }
}
