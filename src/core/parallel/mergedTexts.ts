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
import type { PackedTexts } from './packedTexts';

const LAST_IN_CHUNK = TEXTS_PER_CHUNK - 1;

/** The strings and the typed array that hold x's texts, for packing. */
export function textsForPack(x: Execution): { strings: readonly string[]; column: Uint16Array | Uint32Array } {
  // Texts read back from files when asked for (fileTexts.ts) are packed as strings.
  const chunks = x.textChunks;
  return { strings: Array.isArray(chunks) ? chunks : Array.from({ length: chunks.length }, (_, c) => chunks.at(c)!), column: x.textStart };
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

  /** The texts of x's events start .. end-1, in order; `packed`: x's texts as they came from a reading thread (packedTexts.ts). */
  append(x: Execution, start: number, end: number, packed: PackedTexts | null = null): void {
    const starts = x.textStart;
    for (let e = start; e < end; ) {
      const c = e >>> TEXT_CHUNK_SHIFT;
      if (packed?.isAscii(c)) {
        e = this.appendBytes(x, packed, e, end);
        continue;
      }
      // One piece: within one source chunk and one merged chunk.
      const stop = Math.min(end, (c + 1) << TEXT_CHUNK_SHIFT, e + TEXTS_PER_CHUNK - (this.out & LAST_IN_CHUNK));
      const chunk = packed ? packed.chunk(c) : x.textChunks.at(c)!;
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

  /**
   * From event e on, the events that fit in the open merged chunk and whose
   * texts lie in one ASCII piece of x's packed texts, as one decode of their
   * bytes (consecutive events are consecutive there, across x's chunks).
   * Returns where it stopped.
   */
  private appendBytes(x: Execution, packed: PackedTexts, e: number, end: number): number {
    const starts = x.textStart;
    const { pieceOf, base } = packed;
    const k = pieceOf[e >>> TEXT_CHUNK_SHIFT]!;
    let stop = Math.min(end, e + TEXTS_PER_CHUNK - (this.out & LAST_IN_CHUNK));
    // A piece holds whole chunks: stop at the first chunk of another.
    for (let c = (e >>> TEXT_CHUNK_SHIFT) + 1; c << TEXT_CHUNK_SHIFT < stop; c++) {
      if (pieceOf[c] !== k) {
        stop = c << TEXT_CHUNK_SHIFT;
        break;
      }
    }
    const from = base[e >>> TEXT_CHUNK_SHIFT]! + starts[e]!;
    const shift = this.at - from;
    for (let i = e; i < stop; i++) this.starts[this.out++] = base[i >>> TEXT_CHUNK_SHIFT]! + starts[i]! + shift;
    const last = stop - 1;
    const c = last >>> TEXT_CHUNK_SHIFT;
    const to = (last & LAST_IN_CHUNK) === LAST_IN_CHUNK || last + 1 === x.eventCount ? packed.end[c]! : base[c]! + starts[last + 1]!;
    this.pieces.push(packed.bytesOf(k, from, to));
    this.at += to - from;
    if ((this.out & LAST_IN_CHUNK) === 0) this.seal();
    return stop;
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
