/**
 * The texts of a merged execution when its parts keep texts as positions in
 * their input files (model/fileTexts.ts: the CLI's files, read on the
 * analysing thread and in reading threads alike): the merge copies each
 * event's position and length, not its text, so the merged texts are again
 * positions, read back from the files when asked for, as one reader's would
 * be. Texts kept as strings (lines not one byte per character, continuation
 * lines, inputs not read again) are carried over as strings, and a part
 * whose texts are all strings (packedTexts.ts, or chunks) gives strings.
 */
import { ChunkedStrings, CHUNK_SHIFT, STRINGS_PER_CHUNK, storedString } from '../base/chunkedStrings';
import type { Execution } from '../model/execution';
import { FileTextChunks, type FileTextLayout, type InputBytes } from '../model/fileTexts';
import type { StoredTexts } from '../model/textColumn';
import type { PackedTexts } from './packedTexts';

const LAST_IN_CHUNK = STRINGS_PER_CHUNK - 1;

/** x's texts as positions, if it keeps them so. */
export function fileTextLayout(x: Execution): FileTextLayout | null {
  return x.textChunks instanceof FileTextChunks ? x.textChunks.layout() : null;
}

export class MergedFileTexts {
  private readonly pos: Float64Array;
  /** Per merged event, where its text starts in its chunk (32-bit until finish). */
  private readonly starts: Uint32Array;
  private readonly chunkLength: Uint32Array;
  private readonly strings = new ChunkedStrings();
  private out = 0;
  private at = 0;
  private maxChunk = 0;

  constructor(private readonly eventCount: number) {
    this.pos = new Float64Array(eventCount);
    this.starts = new Uint32Array(eventCount);
    this.chunkLength = new Uint32Array((eventCount + LAST_IN_CHUNK) >>> CHUNK_SHIFT);
  }

  /** The texts of x's events start .. end-1, in order: `layout` when x keeps them as positions, else strings (`packed` as they crossed). */
  append(x: Execution, start: number, end: number, packed: PackedTexts | null, layout: FileTextLayout | null): void {
    if (layout) this.appendLaid(x, layout, start, end);
    else this.appendStrings(x, packed, start, end);
  }

  private appendLaid(x: Execution, layout: FileTextLayout, start: number, end: number): void {
    const { pos, chunkLength, strings, stringCount } = layout;
    const starts = x.textStart;
    const count = x.eventCount;
    for (let e = start; e < end; e++) {
      const p = pos[e]!;
      if (p < 0) {
        this.pushString(storedString(strings.chunks, strings.starts, stringCount, -p - 1));
        continue;
      }
      // Its length: to the next text's start in its chunk, or the chunk's end.
      const to = (e & LAST_IN_CHUNK) === LAST_IN_CHUNK || e + 1 === count ? chunkLength[e >>> CHUNK_SHIFT]! : starts[e + 1]!;
      this.pos[this.out] = p;
      this.grow(to - starts[e]!);
    }
  }

  private appendStrings(x: Execution, packed: PackedTexts | null, start: number, end: number): void {
    const starts = x.textStart;
    let c = -1;
    let chunk = '';
    for (let e = start; e < end; e++) {
      if (e >>> CHUNK_SHIFT !== c) {
        c = e >>> CHUNK_SHIFT;
        chunk = packed ? packed.chunk(c) : x.textChunks.at(c)!;
      }
      const to = (e & LAST_IN_CHUNK) === LAST_IN_CHUNK || e + 1 === x.eventCount ? chunk.length : starts[e + 1]!;
      this.pushString(chunk.slice(starts[e]!, to));
    }
  }

  /** The next merged event's text kept as a string. */
  private pushString(text: string): void {
    this.pos[this.out] = -(this.strings.length + 1);
    this.strings.push(text);
    this.grow(text.length);
  }

  /** The next merged event (its position set) has a text of n characters. */
  private grow(n: number): void {
    this.starts[this.out] = this.at;
    this.at += n;
    this.chunkLength[this.out >>> CHUNK_SHIFT] = this.at;
    if (this.at > this.maxChunk) this.maxChunk = this.at;
    if ((++this.out & LAST_IN_CHUNK) === 0) this.at = 0;
  }

  /** The stored texts, read back from `bytesOf` (per merged input) through `eventInput` (the merged column). */
  finish(eventInput: ArrayLike<number>, bytesOf: readonly (InputBytes | null)[]): StoredTexts {
    const strings = this.strings.length;
    const stored = this.strings.finish();
    let textStart: Uint16Array | Uint32Array = this.starts;
    if (this.maxChunk <= 0xffff) textStart = Uint16Array.from(this.starts);
    return { textChunks: new FileTextChunks(this.eventCount, this.pos, textStart, this.chunkLength, eventInput, bytesOf, stored, strings), textStart };
  }
}
