/**
 * Append-only typed-array columns that double on overflow, as builders fill
 * columns before they know how many events there will be.
 */
type TypedCtor<T> = { new (n: number): T };

export class Growable<T extends Uint8Array | Uint32Array | Int32Array | Float64Array> {
  private buf: T;
  length = 0;

  constructor(
    private readonly ctor: TypedCtor<T>,
    capacity = 1024,
  ) {
    this.buf = new ctor(capacity);
  }

  push(v: number): void {
    if (this.length === this.buf.length) {
      const next = new this.ctor(this.buf.length * 2);
      (next as Float64Array).set(this.buf as Float64Array);
      this.buf = next;
    }
    this.buf[this.length++] = v;
  }

  get(i: number): number {
    return this.buf[i] as number;
  }

  set(i: number, v: number): void {
    this.buf[i] = v;
  }

  /** The pushed values, without a copy (valid until the next push). */
  view(): T {
    return this.buf.subarray(0, this.length) as T;
  }

  /** A right-sized copy: the builder's spare capacity is not kept. */
  finish(): T {
    return this.buf.slice(0, this.length) as T;
  }
}
