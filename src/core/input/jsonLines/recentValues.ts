/**
 * Per field place of a line, the last few distinct values its key had there,
 * with their ids. Lines of one logger repeat most values (service, host) and
 * cycle a few others (level: info, warn, debug; dir: send, receive): four
 * remembered values find nearly all of them in the chunk's text, with no
 * string made and no table looked up, where one value missed at every change.
 *
 * A compare starts with the length and the last character, where values
 * that are not the same usually differ (counters, message ids), so a value
 * seen once costs four quick rejects. A key that finds fewer than a quarter
 * of its values here over a sample (a message id) stops being remembered at
 * that place (skips()): its values would only push the others out.
 */
import { bytesAre, occursAt } from '../../base/occursAt';

const WAYS = 4;
/** Characters of a remembered value kept as bytes too (findBytes compares those); longer values compare as strings. */
const POOLED = 32;
/** Lookups per sample; a key that found fewer than a quarter of its values here stops being remembered at its place. */
const SAMPLE = 1024;

export class RecentValues {
  private readonly keyAt: number[] = [];
  private readonly texts: (string | undefined)[] = [];
  private readonly ids: number[] = [];
  /** Per way, its text as bytes (at way * POOLED) when the text is ASCII and short enough; else pooled[way] is false. */
  private pool = new Uint8Array(0);
  private readonly pooled: boolean[] = [];
  /** Per place, the way the next new value takes (round robin: the oldest goes). */
  private readonly next: number[] = [];
  /** Per place, lookups and hits of the sample under way, and the key whose values are no longer remembered there (-1: none). */
  private readonly lookups: number[] = [];
  private readonly hits: number[] = [];
  private readonly skipKey: number[] = [];

  /**
   * Whether values of `keyId` at `place` are not remembered (a message id's
   * never come again): find() misses and add() must not be called; the
   * reader interns the value where it stands.
   */
  skips(place: number, keyId: number): boolean {
    return this.skipKey[place] === keyId;
  }

  /** Counts a lookup at `place` (a hit or not) and decides at each sample's end whether the place keeps remembering. */
  private counted(place: number, hit: boolean): void {
    const n = (this.lookups[place] ?? 0) + 1;
    const hits = (this.hits[place] ?? 0) + (hit ? 1 : 0);
    if (n < SAMPLE) {
      this.lookups[place] = n;
      this.hits[place] = hits;
      return;
    }
    if (hits * 4 < SAMPLE) this.skipKey[place] = this.keyAt[place]!;
    this.lookups[place] = this.hits[place] = 0;
  }

  /** The id of s[from, to) if it is one of the values key `keyId` had at `place` lately, else -1. */
  find(place: number, keyId: number, s: string, from: number, to: number): number {
    if (this.keyAt[place] !== keyId) return -1;
    const id = this.found(place, s, from, to);
    this.counted(place, id >= 0);
    return id;
  }

  private found(place: number, s: string, from: number, to: number): number {
    const texts = this.texts;
    const len = to - from;
    const last = len > 0 ? s.charCodeAt(to - 1) : -1;
    const base = place * WAYS;
    for (let w = base; w < base + WAYS; w++) {
      const m = texts[w];
      if (m === undefined) return -1;
      if (m.length === len && (len === 0 || m.charCodeAt(len - 1) === last) && occursAt(s, from, m)) return this.ids[w]!;
    }
    return -1;
  }

  /** find() of the text at u[from, to), the chunk's aligned bytes (ChunkDecoder.aligned). */
  findBytes(place: number, keyId: number, u: Uint8Array, from: number, to: number): number {
    if (this.keyAt[place] !== keyId) return -1;
    const id = this.foundBytes(place, u, from, to);
    this.counted(place, id >= 0);
    return id;
  }

  private foundBytes(place: number, u: Uint8Array, from: number, to: number): number {
    const texts = this.texts;
    const pool = this.pool;
    const len = to - from;
    const b = len > 0 ? u[to - 1]! : -1;
    const last = b < 0x80 ? b : 0xfffd;
    const base = place * WAYS;
    for (let w = base; w < base + WAYS; w++) {
      const m = texts[w];
      if (m === undefined) return -1;
      if (m.length !== len || (len > 0 && m.charCodeAt(len - 1) !== last)) continue;
      if (!this.pooled[w]) {
        if (bytesAre(u, from, m)) return this.ids[w]!;
        continue;
      }
      // ASCII bytes: a byte from 0x80 up in u (U+FFFD) never equals one.
      const at = w * POOLED;
      let i = 0;
      while (i < len && u[from + i] === pool[at + i]) i++;
      if (i === len) return this.ids[w]!;
    }
    return -1;
  }

  /** Remembers `text` (a string of its own, not a slice of a chunk) and its id, in place of the oldest value. */
  add(place: number, keyId: number, text: string, id: number): void {
    const base = place * WAYS;
    if (this.keyAt[place] !== keyId) {
      this.keyAt[place] = keyId;
      for (let w = base; w < base + WAYS; w++) this.texts[w] = undefined;
      this.next[place] = 0;
      this.lookups[place] = this.hits[place] = 0;
    }
    const w = base + this.next[place]!;
    this.texts[w] = text;
    this.ids[w] = id;
    this.pooled[w] = this.toPool(w, text);
    this.next[place] = (w - base + 1) % WAYS;
  }

  /** Writes text's characters into way w's bytes; false when it is too long or not ASCII. */
  private toPool(w: number, text: string): boolean {
    const n = text.length;
    if (n > POOLED) return false;
    if (this.pool.length < (w + 1) * POOLED) {
      const grown = new Uint8Array(Math.max((w + 1) * POOLED, this.pool.length * 2));
      grown.set(this.pool);
      this.pool = grown;
    }
    const pool = this.pool;
    const at = w * POOLED;
    for (let i = 0; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0x80) return false;
      pool[at + i] = c;
    }
    return true;
  }

  /** Forgets what `place` had (a value that is not read from the chunk's text). */
  forget(place: number): void {
    this.keyAt[place] = -1;
  }
}
