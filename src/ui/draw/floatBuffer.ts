/**
 * A growable run of Float64 numbers, kept across frames: a frame resets the
 * length and pushes, and the numbers leave as one exact-size copy. Growing a
 * fresh number[] every frame was a tenth of a pan frame in pushes and garbage.
 */
export class FloatBuffer {
  buf = new Float64Array(1024);
  len = 0;

  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = new Float64Array(Math.max(this.buf.length * 2, this.len + n));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  push3(a: number, b: number, c: number): void {
    this.room(3);
    const i = this.len;
    this.buf[i] = a;
    this.buf[i + 1] = b;
    this.buf[i + 2] = c;
    this.len = i + 3;
  }

  push4(a: number, b: number, c: number, d: number): void {
    this.room(4);
    const i = this.len;
    this.buf[i] = a;
    this.buf[i + 1] = b;
    this.buf[i + 2] = c;
    this.buf[i + 3] = d;
    this.len = i + 4;
  }

  /** This frame's numbers, as a copy a later frame cannot change. */
  copy(): Float64Array {
    return this.buf.slice(0, this.len);
  }
}
