/**
 * The event-text column of an Execution: texts 256 events to a chunk (see
 * base/chunkedStrings.ts), read with textOf. Builders (and merges of parts)
 * push texts in event order and take the stored form at the end.
 */
import { ChunkedStrings } from '../base/chunkedStrings';

export interface StoredTexts {
  textChunks: string[];
  /** Per event, where its text starts in chunk `e >> CHUNK_SHIFT`. */
  textStart: Uint16Array | Uint32Array;
}

export class TextColumn {
  private readonly texts = new ChunkedStrings();

  get length(): number {
    return this.texts.length;
  }

  push(text: string): void {
    this.texts.push(text);
  }

  get(e: number): string {
    return this.texts.get(e);
  }

  /** Continuation lines: the text of event e grows. */
  append(e: number, more: string): void {
    this.texts.append(e, more);
  }

  /** The stored texts; nothing is pushed after. */
  finish(): StoredTexts {
    const { chunks, starts } = this.texts.finish();
    return { textChunks: chunks, textStart: starts };
  }
}
