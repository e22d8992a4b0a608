/**
 * Growable Float64 buffers keyed by style (a colour), kept across frames.
 * A frame pushes tens of thousands of numbers per style; growing a fresh
 * number[] per style per frame was a tenth of a pan frame in pushes and
 * garbage. Here the buffers stay allocated, a frame only resets their
 * lengths, and each style's numbers leave as one exact-size copy.
 */
export class MarkBuffers {
  private readonly bufs = new Map<string, { buf: Float64Array; len: number }>();
  /** Keys used this frame, in first-use order (paint order follows it). */
  private used: string[] = [];

  reset(): void {
    for (const k of this.used) this.bufs.get(k)!.len = 0;
    this.used = [];
  }

  private at(key: string, n: number): { buf: Float64Array; len: number } {
    let b = this.bufs.get(key);
    if (!b) this.bufs.set(key, (b = { buf: new Float64Array(1024), len: 0 }));
    if (b.len === 0) this.used.push(key);
    if (b.len + n > b.buf.length) {
      const next = new Float64Array(Math.max(b.buf.length * 2, b.len + n));
      next.set(b.buf.subarray(0, b.len));
      b.buf = next;
    }
    return b;
  }

  push3(key: string, x: number, y: number, z: number): void {
    const b = this.at(key, 3);
    const i = b.len;
    b.buf[i] = x;
    b.buf[i + 1] = y;
    b.buf[i + 2] = z;
    b.len = i + 3;
  }

  push4(key: string, x: number, y: number, z: number, w: number): void {
    const b = this.at(key, 4);
    const i = b.len;
    b.buf[i] = x;
    b.buf[i + 1] = y;
    b.buf[i + 2] = z;
    b.buf[i + 3] = w;
    b.len = i + 4;
  }

  /** This frame's styles and a copy of each one's numbers. */
  take(): [string, Float64Array][] {
    return this.used.map((k) => {
      const b = this.bufs.get(k)!;
      return [k, b.buf.slice(0, b.len)];
    });
  }
}
