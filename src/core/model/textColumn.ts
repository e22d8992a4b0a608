/**
 * The event-text column of an Execution: texts 256 events to a chunk (see
 * base/chunkedStrings.ts), read with textOf. Builders (and merges of parts)
 * push texts in event order and take the stored form at the end.
 *
 * A text may also be pushed as where it lies in its input (pushAt: the CLI's
 * files, fileTexts.ts): from the first such text on, the column keeps a
 * position per event (a string's index, negative, for texts pushed as
 * strings) and its length, and finish() gives chunks made when read
 * (FileTextChunks) instead of strings.
 */
import { ChunkedStrings, CHUNK_SHIFT, endOf, STRINGS_PER_CHUNK, storedString, type TextChunks } from '../base/chunkedStrings';
import { Growable } from '../base/growable';
import { freshString } from '../base/stringTable';
import { FileTextChunks, type InputBytes } from './fileTexts';

export interface StoredTexts {
  textChunks: TextChunks;
  /** Per event, where its text starts in chunk `e >> CHUNK_SHIFT`. */
  textStart: Uint16Array | Uint32Array;
}

export class TextColumn {
  /** The texts pushed as strings: all of them until a position is pushed (then string k is that of the event at −(k + 1)). */
  private readonly texts = new ChunkedStrings();
  /** Null while every text is a string; then per event, the position of its text in its input, or −(k + 1) for string k. */
  private pos: Growable<Float64Array> | null = null;
  /** Per event, the length of a text kept as a position (0 for a string). */
  private len: Growable<Uint32Array> | null = null;
  private n = 0;
  /** The last text pushed as a position, still in its decoded chunk (appendText's usual target). */
  private lastAt = -1;
  private lastChunk = '';
  private lastFrom = 0;

  get length(): number {
    return this.n;
  }

  push(text: string): void {
    if (this.pos !== null) {
      this.pos.push(-(this.texts.length + 1));
      this.len!.push(0);
      // Among positions a string comes now and then: a slice of its chunk of input would keep that chunk alive
      // until 256 strings fill a chunk of their own (a copy lets it go).
      this.texts.push(freshString(text));
    } else this.texts.push(text);
    this.n++;
  }

  /** Text chunk[from, to), which lies at `position` in its input, one character per byte. */
  pushAt(chunk: string, from: number, to: number, position: number): void {
    if (this.pos === null) {
      const pos = (this.pos = new Growable(Float64Array, Math.max(1024, this.n * 2)));
      const len = (this.len = new Growable(Uint32Array, Math.max(1024, this.n * 2)));
      for (let e = 0; e < this.n; e++) {
        pos.push(-(e + 1));
        len.push(0);
      }
    }
    this.lastAt = this.n;
    this.lastChunk = chunk;
    this.lastFrom = from;
    this.pos.push(position);
    this.len!.push(to - from);
    this.n++;
  }

  /** Text e; `bytes`: its input's, for a text kept as a position. */
  get(e: number, bytes?: InputBytes | null): string {
    const p = this.pos === null ? -(e + 1) : this.pos.get(e);
    if (p < 0) return this.texts.get(-p - 1);
    const n = this.len!.get(e);
    if (e === this.lastAt) return this.lastChunk.slice(this.lastFrom, this.lastFrom + n);
    const buf = new Uint8Array(n);
    if (!bytes || bytes.read(buf, 0, n, p) !== n) throw new Error(`${bytes?.name ?? 'an input'} changed while it was read: analyze it again`);
    return new TextDecoder().decode(buf);
  }

  /** Continuation lines: the text of event e grows (a text kept as a position becomes a string). */
  append(e: number, more: string, bytes?: InputBytes | null): void {
    const p = this.pos === null ? -(e + 1) : this.pos.get(e);
    if (p < 0) {
      // Among positions (see push), what is appended is copied too.
      this.texts.append(-p - 1, this.pos === null ? more : freshString(more));
      return;
    }
    const text = this.get(e, bytes) + more;
    if (e === this.lastAt) this.lastAt = -1;
    this.pos!.set(e, -(this.texts.length + 1));
    this.len!.set(e, 0);
    this.texts.push(freshString(text));
  }

  /**
   * The stored texts; nothing is pushed after. `order[e]`: the event pushed
   * that is event e (null: the same order). With texts kept as positions,
   * `eventInput` (in the final order) and `bytesOf` (per input) read them
   * back.
   */
  finish(order: Uint32Array | null = null, eventInput?: ArrayLike<number>, bytesOf?: readonly (InputBytes | null)[]): StoredTexts {
    this.lastChunk = '';
    const stored = this.texts.finish();
    const n = this.n;
    if (this.pos === null) {
      if (order === null) return { textChunks: stored.chunks, textStart: stored.starts };
      const texts = new ChunkedStrings();
      for (let e = 0; e < n; e++) texts.push(storedString(stored.chunks, stored.starts, n, order[e]!));
      const { chunks, starts } = texts.finish();
      return { textChunks: chunks, textStart: starts };
    }
    const srcPos = this.pos.view();
    const srcLen = this.len!.view();
    this.pos = null;
    this.len = null;
    const strings = this.texts.length;
    const pos = new Float64Array(n);
    const chunkLength = new Uint32Array((n + STRINGS_PER_CHUNK - 1) >>> CHUNK_SHIFT);
    const wide = new Uint32Array(n);
    let maxChunk = 0;
    for (let e = 0, at = 0; e < n; e++) {
      if ((e & (STRINGS_PER_CHUNK - 1)) === 0) at = 0;
      const h = order === null ? e : order[e]!;
      const p = (pos[e] = srcPos[h]!);
      let length = srcLen[h]!;
      if (p < 0) {
        const k = -p - 1;
        const chunk = stored.chunks[k >>> CHUNK_SHIFT]!;
        length = endOf(chunk, stored.starts, strings, k) - stored.starts[k]!;
      }
      wide[e] = at;
      at += length;
      chunkLength[e >>> CHUNK_SHIFT] = at;
      if (at > maxChunk) maxChunk = at;
    }
    let textStart: Uint16Array | Uint32Array = wide;
    if (maxChunk <= 0xffff) (textStart = new Uint16Array(n)).set(wide);
    return { textChunks: new FileTextChunks(n, pos, textStart, chunkLength, eventInput!, bytesOf!, stored, strings), textStart };
  }
}
