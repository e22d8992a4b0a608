/**
 * The difference constraints between clock domains, sparse: one entry per
 * ordered pair of domains that some message bounds (the tightest bound and
 * the edge that gave it), never a domain × domain table, so ten thousand
 * domains with no messages cost ten thousand slots, not a hundred million.
 *
 * `constraintGraph` lays the entries out twice as CSR: out-lists by sender
 * (targets ascending) and in-lists by receiver (sources ascending). Those are
 * the orders the dense solver visited pairs in (row by row, column by
 * column), which the shortest-path sweeps keep so they reach the same values
 * bit for bit.
 */

export class OffsetConstraints {
  /** Per entry: sender domain, receiver domain, bound (ms), edge index. */
  readonly from: number[] = [];
  readonly to: number[] = [];
  readonly w: number[] = [];
  readonly via: number[] = [];
  private readonly slot = new Map<number, number>();

  constructor(readonly domains: number) {}

  /** off(b) − off(a) ≤ bound, from edge k; keeps the tightest per pair (the first of equal ones). */
  tighten(a: number, b: number, bound: number, k: number): void {
    if (!(bound < Infinity)) return; // as the dense table: +Infinity (or NaN) bounds nothing
    const key = a * this.domains + b;
    const i = this.slot.get(key);
    if (i === undefined) {
      this.slot.set(key, this.from.length);
      this.from.push(a);
      this.to.push(b);
      this.w.push(bound);
      this.via.push(k);
    } else if (bound < this.w[i]!) {
      this.w[i] = bound;
      this.via[i] = k;
    }
  }

  get size(): number {
    return this.from.length;
  }
}

export function emptyConstraints(D: number): OffsetConstraints {
  return new OffsetConstraints(D);
}

/** The constraints as adjacency lists both ways. */
export interface ConstraintGraph {
  D: number;
  /** Out-lists: entries outStart[a] .. outStart[a + 1] are a → outTo[i], targets ascending. */
  outStart: Int32Array;
  outFrom: Int32Array;
  outTo: Int32Array;
  outW: Float64Array;
  outVia: Int32Array;
  /** In-lists: entries inStart[b] .. inStart[b + 1] are inFrom[i] → b, sources ascending. */
  inStart: Int32Array;
  inFrom: Int32Array;
  inW: Float64Array;
}

export function constraintGraph(c: OffsetConstraints): ConstraintGraph {
  const D = c.domains;
  const E = c.size;
  // Two stable counting sorts each way: by the minor key, then by the major one.
  const byTo = countingOrder(c.to, D, null);
  const out = countingOrder(c.from, D, byTo);
  const byFrom = countingOrder(c.from, D, null);
  const inn = countingOrder(c.to, D, byFrom);
  const g: ConstraintGraph = {
    D,
    outStart: starts(c.from, D),
    outFrom: new Int32Array(E),
    outTo: new Int32Array(E),
    outW: new Float64Array(E),
    outVia: new Int32Array(E),
    inStart: starts(c.to, D),
    inFrom: new Int32Array(E),
    inW: new Float64Array(E),
  };
  for (let i = 0; i < E; i++) {
    const j = out[i]!;
    g.outFrom[i] = c.from[j]!;
    g.outTo[i] = c.to[j]!;
    g.outW[i] = c.w[j]!;
    g.outVia[i] = c.via[j]!;
    const m = inn[i]!;
    g.inFrom[i] = c.from[m]!;
    g.inW[i] = c.w[m]!;
  }
  return g;
}

/** Entry indices stably sorted by key (0 ≤ key < D); `within` is the order to keep among equal keys. */
function countingOrder(key: readonly number[], D: number, within: Int32Array | null): Int32Array {
  const E = key.length;
  const next = starts(key, D).subarray(0, D);
  const order = new Int32Array(E);
  for (let n = 0; n < E; n++) {
    const i = within ? within[n]! : n;
    order[next[key[i]!]!++] = i;
  }
  return order;
}

function starts(key: readonly number[], D: number): Int32Array {
  const s = new Int32Array(D + 1);
  for (const k of key) s[k + 1]!++;
  for (let d = 0; d < D; d++) s[d + 1]! += s[d]!;
  return s;
}
