/**
 * Small inputs read ahead, a few at a time. A folder of thousands of one-line
 * files spends its time waiting on each read (a disk round trip in the CLI,
 * a message to the browser process for each File in the page), one after
 * another, as the analysis asks for each input in turn; reading the next
 * ones while it works on this one keeps those waits overlapped. The analysis
 * opens an input more than once (a sniff of every head, then a peek and the
 * read proper), so what was read stays, up to HOLD_BYTES (then only a few
 * inputs behind the one asked for); larger inputs are streamed as before. The
 * reads are asked for in batches (`readMany`), so a reader that can join them
 * into one (the page: one Blob of many Files, one read) does.
 */

/** Inputs up to this size are read whole, ahead of use. */
export const SMALL_INPUT = 64 << 10;
/** Inputs behind the one asked for that are kept when memory is short. */
const KEEP = 8;
/** Bytes read ahead are all kept up to this much (a sniff pass and a read pass then read each input once). */
const HOLD_BYTES = 16 << 20;

export interface ReadAheadWindow {
  /** Inputs read ahead at most (the CLI: files open at once). Default 32. */
  inputs?: number;
  /** Bytes read ahead at most. Default 1 MiB. */
  bytes?: number;
}

export class ReadAhead {
  private readonly read = new Map<number, Promise<Uint8Array>>();
  private held = 0;
  private readonly ahead: number;
  private readonly aheadBytes: number;

  /** `sizes[i]`: input i's size; `readMany(ix)`: all the bytes of each input of ix, one promise each. */
  constructor(
    private readonly sizes: readonly number[],
    private readonly readMany: (ix: number[]) => Promise<Uint8Array>[],
    window: ReadAheadWindow = {},
  ) {
    this.ahead = Math.max(2, window.inputs ?? 32);
    this.aheadBytes = window.bytes ?? 1 << 20;
  }

  /**
   * The bytes of input i (which should be small). When i is not read yet, or the read ahead runs
   * low (half the window left), the small inputs from i on that are not read yet are read in one
   * batch. What was read is kept up to HOLD_BYTES, as the analysis goes through the inputs twice
   * (once to sniff each one's head, again to read it); past that, inputs outside
   * [i − KEEP, end of the window) are let go.
   */
  bytesOf(i: number): Promise<Uint8Array> {
    const n = this.sizes.length;
    let end = i + 1;
    for (let bytes = this.sizes[i] ?? 0; end < n && end - i < this.ahead && bytes + this.sizes[end]! <= this.aheadBytes; end++) bytes += this.sizes[end]!;
    if (this.held > HOLD_BYTES) {
      for (const k of this.read.keys())
        if (k < i - KEEP || k >= end) {
          this.read.delete(k);
          this.held -= this.sizes[k]!;
        }
    }
    const low = (j: number) => j < n && this.sizes[j]! <= SMALL_INPUT && !this.read.has(j);
    if (!this.read.has(i) || low(i + ((end - i) >> 1))) {
      const batch: number[] = [];
      for (let j = i; j < end; j++) if (j === i ? !this.read.has(i) : low(j)) batch.push(j);
      this.start(batch);
    }
    return this.read.get(i)!;
  }

  /** Input i's bytes as a stream input's one chunk. */
  async *chunks(i: number): AsyncGenerator<Uint8Array> {
    const bytes = await this.bytesOf(i);
    if (bytes.length > 0) yield bytes;
  }

  private start(batch: number[]): void {
    this.readMany(batch).forEach((p, k) => {
      p.catch(() => {}); // an input read ahead and never asked for must not be an unhandled rejection; who asks sees the error
      this.read.set(batch[k]!, p);
      this.held += this.sizes[batch[k]!]!;
    });
  }
}

/**
 * readMany for readers that read one input at a time, joined: `joined(ix)`
 * reads the inputs of ix as one byte array (in order, sizes as given); where
 * that fails (a file changed since it was listed), each is read alone, so the
 * error is that input's only.
 */
export function joinedReads(
  sizes: readonly number[],
  joined: (ix: number[]) => Promise<Uint8Array>,
  alone: (i: number) => Promise<Uint8Array>,
): (ix: number[]) => Promise<Uint8Array>[] {
  return (ix) => {
    if (ix.length === 1) return [alone(ix[0]!)];
    const all = joined(ix).then((bytes) => {
      const total = ix.reduce((s, i) => s + sizes[i]!, 0);
      if (bytes.length !== total) throw new Error('size changed');
      return bytes;
    });
    let at = 0;
    return ix.map((i) => {
      const from = at;
      at += sizes[i]!;
      return all.then(
        (bytes) => bytes.subarray(from, from + sizes[i]!),
        () => alone(i),
      );
    });
  };
}
