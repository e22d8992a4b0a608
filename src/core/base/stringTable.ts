/**
 * Interns strings to dense integer ids so columns can hold a Uint32 instead of a
 * string per event. Id 0 is always the empty string, which lets zeroed typed
 * arrays mean "no value".
 */
export class StringTable {
  private readonly ids = new Map<string, number>();
  readonly strings: string[] = [];

  constructor() {
    this.intern('');
  }

  /**
   * `copy`: whether s may be a slice of a longer string (a line of a chunk)
   * that the table must not keep alive; strings made on their own (JSON.parse
   * values) need no copy.
   */
  intern(s: string, copy = true): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.strings.length;
      const own = copy ? freshString(s) : s;
      this.strings.push(own);
      this.ids.set(own, id);
    }
    return id;
  }

  get(id: number): string {
    const s = this.strings[id];
    if (s === undefined) throw new Error(`Causeway invariant: no string ${id}`);
    return s;
  }

  /** The id of s if it was interned, else -1: lookups never grow the table. */
  find(s: string): number {
    return this.ids.get(s) ?? -1;
  }

  get size(): number {
    return this.strings.length;
  }
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
