import { CHUNK_SHIFT, endOf, storedString, storedStringIs, STRINGS_PER_CHUNK } from './chunkedStrings';
import { bytesAre, occursAt } from './occursAt';
/**
 * Interns strings to dense integer ids so columns can hold a Uint32 instead of a
 * string per event. Id 0 is always the empty string, which lets zeroed typed
 * arrays mean "no value".
 *
 * While an execution is read, strings are kept one by one and looked up
 * through an open-addressing table that keeps each slot's hash beside its id
 * (`readSlots`: id + 1, hash, and where the string's characters are in
 * `arena`, side by side). A Map held the same, but its lookups compare the
 * key with each string on the probe chain, and with hundreds of thousands of
 * message ids those strings are scattered over the heap: ~600 ns a lookup, a
 * tenth of reading JSON lines. Here a probe reads one cache line of one typed
 * array and compares characters only when the hashes match: those of a short
 * ASCII string from the arena, a byte array of them written one after the
 * other (where a message id met a second time is one cache miss, its string
 * two more: the array of strings, then the string).
 *
 * seal(), when reading is over, stores them 256 to a chunk (chunkedStrings.ts:
 * the characters and a 16-bit offset, where a string object and a pointer
 * cost about 40 bytes) and trades the reading table for an index of ids alone
 * (4 to 6 bytes a string; hashes are computed again on lookup): after reading,
 * lookups are few (key names, edge keys) and get() slices a chunk. Strings
 * interned after seal() (edge keys) wait in `recent` until 256 of them make a
 * chunk. Beside each index slot a byte of its string's hash (`tags`) turns
 * away nearly every other string on a probe chain unread: edge keys
 * (`msg_id=m00012345`) share their length and a long prefix, and a new one
 * was compared with each of ~8 on its chain, character by character.
 */
export class StringTable {
  /**
   * Until seal(): slot i is [4i] = id + 1 (0: empty), [4i + 1] = the hash of
   * that string, [4i + 2] = its length and [4i + 3] = where its characters are
   * in `arena` (NOT_IN_ARENA: compare the string); null after.
   */
  private readSlots: Uint32Array | null = new Uint32Array(4096);
  /** Until seal(): the characters of the short ASCII strings, as bytes, one after the other. */
  private arena: Uint8Array | null = new Uint8Array(4096);
  private arenaLength = 0;
  /** Strings not in a chunk (all of them before seal): id = sealedCount + index. */
  private recent: string[] = [];
  /** Strings in chunks: a multiple of STRINGS_PER_CHUNK. */
  private sealedCount = 0;
  private readonly sealedChunks: string[] = [];
  /** Per chunked string, its start in its chunk; spare room past sealedCount. */
  private sealedStarts: Uint16Array | Uint32Array = new Uint16Array(0);
  /** Slots hold id + 1, so a zeroed slot is empty. */
  private index: Uint32Array | null = null;
  /** Per index slot, tagOf the hash of its string. */
  private tags: Uint8Array | null = null;

  constructor() {
    this.intern('');
  }

  /**
   * `copy`: whether s may be a slice of a longer string (a line of a chunk)
   * that the table must not keep alive; strings made on their own (JSON.parse
   * values) need no copy.
   */
  intern(s: string, copy = true): number {
    const slots = this.readSlots;
    if (slots === null) return this.internSealed(s, copy);
    const h = hashOf(s, 0, s.length);
    const mask = slots.length - 4;
    let at = (h << 2) & mask;
    for (let slot = slots[at]!; slot !== 0; slot = slots[at]!) {
      if (slots[at + 1] === h && this.recent[slot - 1] === s) return slot - 1;
      at = (at + 4) & mask;
    }
    const id = this.recent.length;
    this.recent.push(copy ? freshString(s) : s);
    slots[at] = id + 1;
    slots[at + 1] = h;
    slots[at + 2] = s.length;
    slots[at + 3] = this.toArena(s, 0, s.length, null);
    if ((id + 1) * 16 > slots.length * 3) this.growReadSlots();
    return id;
  }

  /**
   * Writes s[from, to) (or u's bytes there) to the arena when it is short and
   * ASCII: where it starts, else NOT_IN_ARENA.
   */
  private toArena(s: string, from: number, to: number, u: Uint8Array | null): number {
    const n = to - from;
    if (n > ARENA_MAX) return NOT_IN_ARENA;
    let arena = this.arena!;
    const at = this.arenaLength;
    if (at + n > arena.length) {
      const grown = new Uint8Array(arena.length * 2);
      grown.set(arena);
      this.arena = arena = grown;
    }
    for (let i = 0; i < n; i++) {
      const c = u === null ? s.charCodeAt(from + i) : u[from + i]!;
      if (c >= 0x80) return NOT_IN_ARENA;
      arena[at + i] = c;
    }
    this.arenaLength = at + n;
    return at;
  }

  /**
   * intern(s.slice(from, to)) without making the slice when the text was
   * interned before (message ids come twice: sent and received). `u`: the
   * chunk's aligned bytes (ChunkDecoder.aligned), read instead of s when
   * given; the hash is the same either way (a byte from 0x80 up hashes as
   * U+FFFD, the character it decoded to).
   */
  internIn(s: string, from: number, to: number, u: Uint8Array | null): number {
    const slots = this.readSlots;
    if (slots === null) return this.intern(s.slice(from, to));
    const h = u === null ? hashOf(s, from, to) : hashOfBytes(u, from, to);
    const mask = slots.length - 4;
    const len = to - from;
    let at = (h << 2) & mask;
    for (let slot = slots[at]!; slot !== 0; slot = slots[at]!) {
      if (slots[at + 1] === h && slots[at + 2] === len) {
        const where = slots[at + 3]!;
        if (where !== NOT_IN_ARENA ? this.inArena(where, s, from, len, u) : this.sameAs(slot - 1, s, from, u)) return slot - 1;
      }
      at = (at + 4) & mask;
    }
    const id = this.recent.length;
    this.recent.push(freshString(s.slice(from, to)));
    slots[at] = id + 1;
    slots[at + 1] = h;
    slots[at + 2] = len;
    slots[at + 3] = this.toArena(s, from, to, u);
    if ((id + 1) * 16 > slots.length * 3) this.growReadSlots();
    return id;
  }

  /** Whether the ASCII characters at arena[where] are s[from, from + len) (or u's bytes there: one from 0x80 up is no ASCII character). */
  private inArena(where: number, s: string, from: number, len: number, u: Uint8Array | null): boolean {
    const arena = this.arena!;
    if (u !== null) {
      for (let i = 0; i < len; i++) if (arena[where + i] !== u[from + i]) return false;
    } else {
      for (let i = 0; i < len; i++) if (arena[where + i] !== s.charCodeAt(from + i)) return false;
    }
    return true;
  }

  /** Whether string `id` (of the same length) is s[from, ...) (or u's bytes there). */
  private sameAs(id: number, s: string, from: number, u: Uint8Array | null): boolean {
    const known = this.recent[id]!;
    return u === null ? occursAt(s, from, known) : bytesAre(u, from, known);
  }

  /** Twice the slots, placed again from what they keep: no string is read. */
  private growReadSlots(): void {
    const old = this.readSlots!;
    const slots = new Uint32Array(old.length * 2);
    const mask = slots.length - 4;
    for (let i = 0; i < old.length; i += 4) {
      const slot = old[i]!;
      if (slot === 0) continue;
      const h = old[i + 1]!;
      let at = (h << 2) & mask;
      while (slots[at] !== 0) at = (at + 4) & mask;
      slots[at] = slot;
      slots[at + 1] = h;
      slots[at + 2] = old[i + 2]!;
      slots[at + 3] = old[i + 3]!;
    }
    this.readSlots = slots;
  }

  get(id: number): string {
    if (id < this.sealedCount && id >= 0) return storedString(this.sealedChunks, this.sealedStarts, this.sealedCount, id);
    const s = this.recent[id - this.sealedCount];
    if (s === undefined) throw new Error(`Causeway invariant: no string ${id}`);
    return s;
  }

  /**
   * Where string id lies, for a writer that copies it out without making it
   * (a slice per field value is garbage by the million): the string holding
   * it, its place there set in span ([start, end)).
   */
  locate(id: number, span: Int32Array): string {
    if (id < this.sealedCount && id >= 0) {
      const chunk = this.sealedChunks[id >>> CHUNK_SHIFT]!;
      span[0] = this.sealedStarts[id]!;
      span[1] = endOf(chunk, this.sealedStarts, this.sealedCount, id);
      return chunk;
    }
    const s = this.get(id);
    span[0] = 0;
    span[1] = s.length;
    return s;
  }

  /** The id of s if it was interned, else -1: lookups never grow the table. */
  find(s: string): number {
    const slots = this.readSlots;
    if (slots !== null) {
      const h = hashOf(s, 0, s.length);
      const mask = slots.length - 4;
      for (let at = (h << 2) & mask; ; at = (at + 4) & mask) {
        const slot = slots[at]!;
        if (slot === 0) return -1;
        if (slots[at + 1] === h && this.recent[slot - 1] === s) return slot - 1;
      }
    }
    return this.findSealed(s, hashOf(s, 0, s.length));
  }

  /** find(s) after seal(), s's hash given. */
  private findSealed(s: string, h: number): number {
    const index = this.index!;
    const tags = this.tags!;
    const tag = tagOf(h);
    const mask = index.length - 1;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const slot = index[at]!;
      if (slot === 0) return -1;
      if (tags[at] === tag && this.is(slot - 1, s)) return slot - 1;
    }
  }

  get size(): number {
    return this.sealedCount + this.recent.length;
  }

  /** Reading is over: the strings go to chunks, lookups to the compact index (see above). Once. */
  seal(): void {
    const slots = this.readSlots;
    if (slots === null) return;
    this.readSlots = null;
    this.arena = null;
    const all = this.recent;
    const whole = all.length - (all.length % STRINGS_PER_CHUNK);
    this.sealedStarts = new Uint16Array(whole);
    for (let at = 0; at < whole; at += STRINGS_PER_CHUNK) this.addChunk(all.slice(at, at + STRINGS_PER_CHUNK));
    this.recent = all.slice(whole);
    // The index from the hashes the reading slots kept: no string is hashed again.
    this.index = new Uint32Array(indexSize(all.length));
    this.tags = new Uint8Array(this.index.length);
    for (let i = 0; i < slots.length; i += 4) if (slots[i] !== 0) this.place(slots[i]! - 1, slots[i + 1]!);
  }

  private addChunk(strings: string[]): void {
    const base = this.sealedCount;
    if (base + strings.length > this.sealedStarts.length) this.sealedStarts = grown(this.sealedStarts, Math.max(1024, base + strings.length, this.sealedStarts.length + (this.sealedStarts.length >> 1)));
    let at = 0;
    for (let k = 0; k < strings.length; k++) {
      this.sealedStarts[base + k] = at;
      at += strings[k]!.length;
    }
    if (at > 0xffff && this.sealedStarts instanceof Uint16Array) {
      // A chunk too long for 16-bit offsets: all of them widen (recomputed, as the ones just written wrapped).
      this.sealedStarts = Uint32Array.from(this.sealedStarts);
      at = 0;
      for (let k = 0; k < strings.length; k++) {
        this.sealedStarts[base + k] = at;
        at += strings[k]!.length;
      }
    }
    // join copies: one flat string, and the pieces (slices of longer strings) can go.
    this.sealedChunks.push(strings.join(''));
    this.sealedCount = base + strings.length;
  }

  private is(id: number, s: string): boolean {
    if (id < this.sealedCount) return storedStringIs(this.sealedChunks, this.sealedStarts, this.sealedCount, id, s);
    return this.recent[id - this.sealedCount] === s;
  }

  private internSealed(s: string, copy: boolean): number {
    const h = hashOf(s, 0, s.length);
    const found = this.findSealed(s, h);
    if (found >= 0) return found;
    const id = this.size;
    const own = copy ? freshString(s) : s;
    this.recent.push(own);
    if (indexSize(id + 1) > this.index!.length) this.reindex(id + 1);
    else this.place(id, h);
    if (this.recent.length === STRINGS_PER_CHUNK) {
      this.addChunk(this.recent);
      this.recent = [];
    }
    return id;
  }

  /** A new index for `count` strings, hashed from the chunks (flat strings: the fastest to read). */
  private reindex(count: number): void {
    this.index = new Uint32Array(indexSize(count));
    this.tags = new Uint8Array(this.index.length);
    const starts = this.sealedStarts;
    for (let c = 0; c < this.sealedChunks.length; c++) {
      const chunk = this.sealedChunks[c]!;
      const first = c << CHUNK_SHIFT;
      for (let id = first; id < first + STRINGS_PER_CHUNK; id++) {
        const end = id === first + STRINGS_PER_CHUNK - 1 ? chunk.length : starts[id + 1]!;
        this.place(id, hashOf(chunk, starts[id]!, end));
      }
    }
    this.recent.forEach((r, k) => this.place(this.sealedCount + k, hashOf(r, 0, r.length)));
  }

  private place(id: number, hash: number): void {
    const index = this.index!;
    const mask = index.length - 1;
    let at = hash & mask;
    while (index[at] !== 0) at = (at + 1) & mask;
    index[at] = id + 1;
    this.tags![at] = tagOf(hash);
  }
}

/** readSlots' place in the arena of a string kept only as a string (long, or not ASCII). */
const NOT_IN_ARENA = 0xffffffff;
/** The longest string whose characters the arena keeps: ids and names; longer values are rarely met twice. */
const ARENA_MAX = 64;

function grown(a: Uint16Array | Uint32Array, size: number): Uint16Array | Uint32Array {
  const b = a instanceof Uint16Array ? new Uint16Array(size) : new Uint32Array(size);
  b.set(a);
  return b;
}

/** The hash's top byte: the index's mask keeps its low bits. */
function tagOf(hash: number): number {
  return hash >>> 24;
}

/** A power of two above 4/3 of the count: linear probing at most three quarters full. */
function indexSize(count: number): number {
  let size = 16;
  while (size * 3 < count * 4) size *= 2;
  return size;
}

/** FNV-1a over the UTF-16 code units of s[start, end), with a final mix for the low bits the mask keeps. */
function hashOf(s: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}

/** hashOf of the text whose aligned bytes are u[start, end) (a byte from 0x80 up is U+FFFD). */
function hashOfBytes(u: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    const b = u[i]!;
    h = Math.imul(h ^ (b < 0x80 ? b : 0xfffd), 0x01000193);
  }
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  return (h ^ (h >>> 13)) >>> 0;
}

/**
 * The same text in a string of its own. A slice of a longer string (a line
 * of a decoded chunk, a value JSON.parse took from a line) keeps the whole
 * longer string alive in V8; strings that outlive the read (event texts,
 * interned values) are copied so chunks can be freed. Short strings are
 * copied by slicing anyway.
 *
 * The copy is a concatenation flattened at once (charCodeAt flattens it): the
 * flat result has exactly s's characters, and the garbage collector drops the
 * concatenation's own header, so the copy costs no more than the characters.
 * (`(' ' + s).slice(1)` kept a 32-byte slice header over a copy one longer.)
 */
export function freshString(s: string): string {
  if (s.length < 13) return s;
  const t = s[0]! + s.slice(1);
  t.charCodeAt(0);
  return t;
}
