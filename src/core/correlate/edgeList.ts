/**
 * Edges as the matcher makes them, in columns: from, to, the key group and
 * whether the reverse channel also has an edge (request-response), per edge;
 * the evidence only where the matcher had a choice. The rule and key texts
 * are made when asked for: withEdges interns them straight into the
 * execution's string table, one key per group, with no object per edge
 * (a hundred thousand edges made as objects, sorted and copied again cost
 * more than the matching itself). specs() gives the objects for callers
 * that want them.
 */
import type { StringTable } from '../base/stringTable';

export interface EdgeSpec {
  from: number;
  to: number;
  rule: string;
  key: string;
  /** How the matcher chose this pair among others (pairEndpoints.ts); not stored in the execution. */
  evidence?: EdgeEvidence;
}

/**
 * Why a send was paired with this receive: `attempt` numbers on both sides,
 * the `only` send and receive of their channel, the smallest total `delay`
 * among order-keeping pairings that fit the clock-offset bounds, program
 * `order` (no times, or a channel too large to align), or a `redelivery`
 * (a second delivery of one send). `alternatives` are other sends the
 * receive could have been paired with (event indices, a few at most).
 */
export interface EdgeEvidence {
  by: 'attempt' | 'only' | 'delay' | 'order' | 'redelivery';
  alternatives: number[];
}

/** The rule an edge is recorded with; requestResponse when its reverse channel also has an edge. */
export type EdgeNaming = (requestResponse: boolean) => string;

export class EdgeList {
  private made: EdgeSpec[] | null = null;

  constructor(
    readonly length: number,
    readonly from: Uint32Array,
    readonly to: Uint32Array,
    /** Per edge, its key group (keyOf's argument). */
    private readonly group: Uint32Array,
    /** Per edge, 1 where the reverse channel of its group also has an edge. */
    private readonly back: Uint8Array,
    /** By edge index, ascending. */
    private readonly evidences: ReadonlyMap<number, EdgeEvidence>,
    private readonly keyOf: (group: number) => string,
    private readonly name: EdgeNaming,
    /** Whether keyOf makes each text anew (Endpoints.keysMade): interned without a copy. */
    private readonly keysMade = false,
  ) {}

  static empty(): EdgeList {
    const none = new Uint32Array(0);
    return new EdgeList(0, none, none, none, new Uint8Array(0), new Map(), () => '', () => '');
  }

  evidence(k: number): EdgeEvidence | undefined {
    return this.evidences.get(k);
  }

  /** [edge index, evidence] where the matcher had a choice, by edge index. */
  withEvidence(): Iterable<[number, EdgeEvidence]> {
    return this.evidences;
  }

  /** The edges as objects, made once. */
  specs(): EdgeSpec[] {
    if (this.made) return this.made;
    const keys = new Map<number, string>();
    const names = [this.name(false), this.name(true)];
    const out: EdgeSpec[] = [];
    for (let k = 0; k < this.length; k++) {
      const g = this.group[k]!;
      let key = keys.get(g);
      if (key === undefined) keys.set(g, (key = this.keyOf(g)));
      const ev = this.evidences.get(k);
      const rule = names[this.back[k]!]!;
      out.push(ev ? { from: this.from[k]!, to: this.to[k]!, rule, key, evidence: ev } : { from: this.from[k]!, to: this.to[k]!, rule, key });
    }
    return (this.made = out);
  }

  /**
   * Interns each edge's rule and key, in edge order and rule before key, and
   * writes their ids to rule/key from `at` on. Interning a string again gives
   * the id it got the first time, so asking once per rule and once per group
   * gives the very ids interning every edge's texts one by one would.
   */
  internInto(strings: StringTable, rule: Uint32Array, key: Uint32Array, at: number): void {
    const names = [-1, -1];
    let groups = 0;
    for (let k = 0; k < this.length; k++) if (this.group[k]! >= groups) groups = this.group[k]! + 1;
    const keyIds = new Int32Array(groups).fill(-1);
    for (let k = 0; k < this.length; k++) {
      const b = this.back[k]!;
      let r = names[b]!;
      if (r < 0) names[b] = r = strings.intern(this.name(b === 1));
      const g = this.group[k]!;
      let id = keyIds[g]!;
      if (id < 0) keyIds[g] = id = strings.intern(this.keyOf(g), !this.keysMade);
      rule[at + k] = r;
      key[at + k] = id;
    }
  }
}
