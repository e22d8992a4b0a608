/**
 * Many strings stored compactly: STRINGS_PER_CHUNK consecutive strings are
 * concatenated into one string (a chunk), and each keeps where it starts in
 * its chunk. A V8 string of its own costs a header, a pointer to it and
 * padding (about 28 bytes in Node) on top of its characters; a chunk pays
 * that once per 256 strings. Joining also copies the strings out of the
 * longer ones they may be slices of (decoded input), so those can be freed.
 * Event texts and the string table's strings after reading are kept so.
 *
 * Reading one slices its chunk: O(1), a sliced string (or a copy under 13
 * characters). A string's end is the next one's start, or its chunk's end for
 * the last of a chunk, so one offset per string suffices; offsets are 16-bit
 * when every chunk is shorter than 64 Ki characters.
 *
 * finish() keeps only what it returns (the chunks and the compact offsets),
 * not the growable 32-bit offsets: a builder that outlives its build (the
 * reading stage keeps them) then holds no second copy of the offsets.
 */
import { Growable } from './growable';

export const CHUNK_SHIFT = 8;
export const STRINGS_PER_CHUNK = 1 << CHUNK_SHIFT;
const LAST_IN_CHUNK = STRINGS_PER_CHUNK - 1;

export interface StoredStrings {
  chunks: string[];
  /** Per string i, where it starts in chunk `i >> CHUNK_SHIFT`. */
  starts: Uint16Array | Uint32Array;
}

/**
 * Chunks as they are read: an array, or chunks made when asked for
 * (model/fileTexts.ts: event texts read back from their files). Read chunk c
 * with at(c), which both have.
 */
export interface TextChunks {
  readonly length: number;
  at(c: number): string | undefined;
  /** Characters in all the chunks, where known without making them. */
  readonly chars?: number;
}

/** Where string i ends in its chunk (chunks[i >>> CHUNK_SHIFT]; it starts at starts[i]). */
export function endOf(chunk: string, starts: Uint16Array | Uint32Array, count: number, i: number): number {
  return (i & LAST_IN_CHUNK) === LAST_IN_CHUNK || i + 1 === count ? chunk.length : starts[i + 1]!;
}

/** String i of the `count` stored as chunks/starts. */
export function storedString(chunks: readonly string[], starts: Uint16Array | Uint32Array, count: number, i: number): string {
  const chunk = chunks[i >>> CHUNK_SHIFT]!;
  return chunk.slice(starts[i]!, endOf(chunk, starts, count, i));
}

/** Whether string i of the `count` stored is s, without making it. */
export function storedStringIs(chunks: readonly string[], starts: Uint16Array | Uint32Array, count: number, i: number, s: string): boolean {
  const chunk = chunks[i >>> CHUNK_SHIFT]!;
  const start = starts[i]!;
  const n = s.length;
  if (endOf(chunk, starts, count, i) - start !== n) return false;
  // A loop the compiler inlines: startsWith is a call into the runtime, several times slower on short strings.
  for (let k = 0; k < n; k++) if (chunk.charCodeAt(start + k) !== s.charCodeAt(k)) return false;
  return true;
}

/** Strings added in order, the open chunk's kept apart until it is full. */
export class ChunkedStrings {
  private chunks: string[] = [];
  /** Null once finished: `done` holds the offsets then. */
  private starts: Growable<Uint32Array> | null = new Growable(Uint32Array);
  private done: StoredStrings | null = null;
  /**
   * Strings of the open chunk, from `sealed` on: open[0 .. openCount - 1].
   * One array for every chunk, of the chunk's size: it is never grown.
   */
  private readonly open: string[] = new Array<string>(STRINGS_PER_CHUNK).fill('');
  private openCount = 0;
  private sealed = 0;
  /** Appends to strings in sealed chunks (rare): the whole new string, joined into its chunk at finish. */
  private late: Map<number, string> | null = null;
  private maxChunk = 0;

  get length(): number {
    return this.sealed + this.openCount;
  }

  push(s: string): void {
    if (this.done) finished();
    this.open[this.openCount] = s;
    if (++this.openCount === STRINGS_PER_CHUNK) this.seal();
  }

  get(i: number): string {
    if (this.done) return storedString(this.done.chunks, this.done.starts, this.sealed, i);
    if (i >= this.sealed) return this.open[i - this.sealed]!;
    const late = this.late?.get(i);
    if (late !== undefined) return late;
    return storedString(this.chunks, this.starts!.view(), this.sealed, i);
  }

  /** String i grows (a text's continuation lines). */
  append(i: number, more: string): void {
    if (this.done) finished();
    if (i >= this.sealed) this.open[i - this.sealed] += more;
    else (this.late ??= new Map()).set(i, this.get(i) + more);
  }

  /** The chunks and offsets (the same each call). The last chunk may be short: nothing is pushed after. */
  finish(): StoredStrings {
    if (this.done) return { chunks: this.done.chunks.slice(), starts: this.done.starts };
    if (this.openCount > 0) this.seal();
    if (this.late) {
      for (const c of new Set([...this.late.keys()].map((i) => i >>> CHUNK_SHIFT))) this.rejoin(c);
      this.late = null;
    }
    const all = this.starts!.view();
    const starts = this.maxChunk <= 0xffff ? new Uint16Array(all.length) : new Uint32Array(all.length);
    starts.set(all);
    this.done = { chunks: this.chunks, starts };
    this.starts = null;
    this.chunks = [];
    return { chunks: this.done.chunks.slice(), starts };
  }

  private seal(): void {
    const open = this.open;
    const count = this.openCount;
    let at = 0;
    for (let k = 0; k < count; k++) {
      this.starts!.push(at);
      at += open[k]!.length;
    }
    // join copies: the chunk is one flat string, and the pieces (slices of decoded input, appended trees) can go.
    this.chunks.push(count === STRINGS_PER_CHUNK ? open.join('') : open.slice(0, count).join(''));
    if (at > this.maxChunk) this.maxChunk = at;
    this.sealed += count;
    // The pieces are let go: the array is kept for the next chunk.
    open.fill('');
    this.openCount = 0;
  }

  private rejoin(c: number): void {
    const first = c << CHUNK_SHIFT;
    const last = Math.min(first + STRINGS_PER_CHUNK, this.sealed);
    const parts: string[] = [];
    for (let i = first; i < last; i++) parts.push(this.get(i));
    let at = 0;
    for (let i = first; i < last; i++) {
      this.starts!.set(i, at);
      at += parts[i - first]!.length;
    }
    this.chunks[c] = parts.join('');
    if (at > this.maxChunk) this.maxChunk = at;
  }
}

function finished(): never {
  throw new Error('Causeway invariant: strings added after finish()');
}
