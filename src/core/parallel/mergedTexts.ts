/**
 * Every place parallel reading touches event texts, so a change in how an
 * Execution keeps them (model/textColumn.ts) is one edit here: what is packed
 * for transfer, what unpacking gives back, and copying runs of events into a
 * merged execution.
 *
 * The merge copies texts a chunk piece at a time: the texts of consecutive
 * events are one substring of their chunk, so a run of events costs one
 * slice per chunk it touches and integer work per event, not a string each.
 * It lays chunks and offsets out as TextColumn does (base/chunkedStrings.ts) (TEXTS_PER_CHUNK events to
 * a chunk, 16-bit offsets while every chunk is shorter than 64 Ki).
 */
import type { Execution } from '../model/execution';
import { CHUNK_SHIFT as TEXT_CHUNK_SHIFT, STRINGS_PER_CHUNK as TEXTS_PER_CHUNK } from '../base/chunkedStrings';
import type { StoredTexts } from '../model/textColumn';

const LAST_IN_CHUNK = TEXTS_PER_CHUNK - 1;

/** The strings and the typed array that hold x's texts, for packing. */
export function textsForPack(x: Execution): { strings: readonly string[]; column: Uint16Array | Uint32Array } {
  return { strings: x.textChunks, column: x.textStart };
}

/** Texts back from what textsForPack gave. */
export function textsFromPack(strings: string[], column: Uint16Array | Uint32Array): StoredTexts {
  return { textChunks: strings, textStart: column };
}

/** The texts of a merged execution of `eventCount` events, appended run by run. */
export class MergedTexts {
  private readonly chunks: string[] = [];
  private readonly starts: Uint32Array;
  private pieces: string[] = [];
  /** Events so far, and characters in the open chunk. */
  private out = 0;
  private at = 0;
  private maxChunk = 0;

  constructor(eventCount: number) {
    this.starts = new Uint32Array(eventCount);
  }

  /** The texts of x's events start .. end-1, in order. */
  append(x: Execution, start: number, end: number): void {
    const starts = x.textStart;
    for (let e = start; e < end; ) {
      const c = e >>> TEXT_CHUNK_SHIFT;
      // One piece: within one source chunk and one merged chunk.
      const stop = Math.min(end, (c + 1) << TEXT_CHUNK_SHIFT, e + TEXTS_PER_CHUNK - (this.out & LAST_IN_CHUNK));
      const chunk = x.textChunks[c]!;
      const from = starts[e]!;
      const last = stop - 1;
      const to = (last & LAST_IN_CHUNK) === LAST_IN_CHUNK || last + 1 === x.eventCount ? chunk.length : starts[last + 1]!;
      const shift = this.at - from;
      for (let i = e; i < stop; i++) this.starts[this.out++] = starts[i]! + shift;
      this.pieces.push(from === 0 && to === chunk.length ? chunk : chunk.slice(from, to));
      this.at += to - from;
      if ((this.out & LAST_IN_CHUNK) === 0) this.seal();
      e = stop;
    }
  }

  finish(): StoredTexts {
    if (this.pieces.length > 0 || (this.out & LAST_IN_CHUNK) !== 0) this.seal();
    return { textChunks: this.chunks, textStart: this.maxChunk <= 0xffff ? Uint16Array.from(this.starts) : this.starts };
  }

  private seal(): void {
    this.chunks.push(this.pieces.length === 1 ? this.pieces[0]! : this.pieces.join(''));
    if (this.at > this.maxChunk) this.maxChunk = this.at;
    this.pieces = [];
    this.at = 0;
  }
}
