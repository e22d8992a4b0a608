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

  intern(s: string): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.strings.length;
      this.strings.push(s);
      this.ids.set(s, id);
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
