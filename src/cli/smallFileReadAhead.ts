/**
 * Small files read ahead, a few at a time. A folder of thousands of one-line
 * files spends its time waiting on the disk, one open/read/close after
 * another, as the analysis asks for each file in turn; reading the next
 * files while it works on this one keeps the file system's threads busy.
 * Each file's bytes stay until a few files later, as the analysis opens an
 * input twice (a peek at its head, then the read proper). Memory stays at
 * (AHEAD + KEEP) small files; larger files are streamed as before.
 */
import { readFile } from 'node:fs/promises';

/** Files up to this size are read whole, ahead of use. */
export const SMALL_FILE = 64 << 10;
const AHEAD = 32;
const KEEP = 8;

export class SmallFileReadAhead {
  private readonly read = new Map<number, Promise<Uint8Array>>();
  private started = 0;

  constructor(private readonly files: readonly { path: string; size: number }[]) {}

  /** The bytes of file i (which must be small), starting the reads of the small files after it. */
  bytesOf(i: number): Promise<Uint8Array> {
    for (const k of this.read.keys()) if (k < i - KEEP) this.read.delete(k);
    for (let j = Math.max(this.started, i); j < Math.min(this.files.length, i + AHEAD); j++) {
      if (this.files[j]!.size <= SMALL_FILE && !this.read.has(j)) this.start(j);
    }
    this.started = Math.max(this.started, i + AHEAD);
    return this.read.get(i) ?? this.start(i);
  }

  /** Yields file i's bytes as a stream input's one chunk. */
  async *chunks(i: number): AsyncGenerator<Uint8Array> {
    const bytes = await this.bytesOf(i);
    if (bytes.length > 0) yield bytes;
  }

  private start(j: number): Promise<Uint8Array> {
    const p = readFile(this.files[j]!.path);
    p.catch(() => {}); // a file read ahead and never asked for must not be an unhandled rejection; who asks sees the error
    this.read.set(j, p);
    return p;
  }
}
