/**
 * FloatBuffers keyed by style (a colour), kept across frames: a frame only
 * resets the lengths of the styles it used, and each style's numbers leave as
 * one copy, in the order the styles were first used (paint order follows it).
 */
import { FloatBuffer } from './floatBuffer';

export class MarkBuffers {
  private readonly bufs = new Map<string, FloatBuffer>();
  /** Keys used this frame, in first-use order. */
  private used: string[] = [];

  reset(): void {
    for (const k of this.used) this.bufs.get(k)!.len = 0;
    this.used = [];
  }

  private at(key: string): FloatBuffer {
    let b = this.bufs.get(key);
    if (!b) this.bufs.set(key, (b = new FloatBuffer()));
    if (b.len === 0) this.used.push(key);
    return b;
  }

  push3(key: string, x: number, y: number, z: number): void {
    this.at(key).push3(x, y, z);
  }

  push4(key: string, x: number, y: number, z: number, w: number): void {
    this.at(key).push4(x, y, z, w);
  }

  /** This frame's styles and a copy of each one's numbers. */
  take(): [string, Float64Array][] {
    return this.used.map((k) => [k, this.bufs.get(k)!.copy()]);
  }
}
