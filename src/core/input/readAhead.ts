/**
 * Small inputs read ahead, a few at a time. A folder of thousands of one-line
 * files spends its time waiting on each read (a disk round trip in the CLI,
 * a message to the browser process for each File in the page), one after
 * another, as the analysis asks for each input in turn; reading the next
 * ones while it works on this one keeps those waits overlapped. Each input's
 * bytes stay until a few inputs later, as the analysis opens an input twice
 * (a peek at its head, then the read proper). Memory stays at
 * (AHEAD + KEEP) small inputs; larger ones are streamed as before. The reads
 * are asked for in batches (`readMany`), so a reader that can join them into
 * one (the page: one Blob of many Files, one read) does.
 */

/** Inputs up to this size are read whole, ahead of use. */
export const SMALL_INPUT = 64 << 10;
const AHEAD = 32;
const KEEP = 8;

export class ReadAhead {
  private readonly read = new Map<number, Promise<Uint8Array>>();

  /** `sizes[i]`: input i's size; `readMany(ix)`: all the bytes of each input of ix, one promise each. */
  constructor(
    private readonly sizes: readonly number[],
    private readonly readMany: (ix: number[]) => Promise<Uint8Array>[],
  ) {}

  /**
   * The bytes of input i (which should be small). When i is not read yet, or the read ahead runs
   * low (half the window left), the small inputs from i on that are not read yet are read in one
   * batch. Inputs outside [i − KEEP, i + AHEAD) are let go: the analysis goes through the inputs
   * in order, once to sniff each one's head and again to read it.
   */
  bytesOf(i: number): Promise<Uint8Array> {
    for (const k of this.read.keys()) if (k < i - KEEP || k >= i + AHEAD) this.read.delete(k);
    const n = this.sizes.length;
    const low = (j: number) => j < n && this.sizes[j]! <= SMALL_INPUT && !this.read.has(j);
    if (!this.read.has(i) || low(i + (AHEAD >> 1))) {
      const batch: number[] = [];
      for (let j = i; j < Math.min(n, i + AHEAD); j++) if (j === i ? !this.read.has(i) : low(j)) batch.push(j);
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
