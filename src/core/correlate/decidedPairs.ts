/**
 * The pairs the matcher has decided so far, flat [send, recv, …] in a typed
 * array that doubles as it fills, each with its key group and, where there
 * was a choice, its evidence (by pair index). Beside them, per event: the
 * sends taken (a send to a set that one member's channel paired is not
 * offered to another member's) and, per receive, how many channels still to
 * align hold it (a receive from a set is on each member's channel). The
 * views of the pairs that bound clock offsets (uncontested, pairsBut,
 * settledBut) read these.
 */
import type { EdgeEvidence } from './edgeList';

/** Most alternatives an edge's evidence lists. */
export const MAX_ALTERNATIVES = 3;

export class DecidedPairs {
  count = 0;
  pairs: Uint32Array;
  group: Uint32Array;
  readonly evidence = new Map<number, EdgeEvidence>();
  readonly taken: Uint8Array;
  /** Made when the first channel waits (most executions have none). */
  private waitingCount: Uint32Array | null = null;

  constructor(
    private readonly n: number,
    capacity: number,
  ) {
    this.pairs = new Uint32Array(capacity);
    this.group = new Uint32Array(this.pairs.length >> 1);
    this.taken = new Uint8Array(n);
  }

  /** Per receive, how many channels still to align hold it. */
  get waiting(): Uint32Array {
    return (this.waitingCount ??= new Uint32Array(this.n));
  }

  push(s: number, r: number, g: number, ev?: EdgeEvidence): void {
    this.taken[s] = 1;
    if (this.count === this.group.length) {
      const more = new Uint32Array(this.pairs.length * 2);
      more.set(this.pairs);
      this.pairs = more;
      const groups = new Uint32Array(this.group.length * 2);
      groups.set(this.group);
      this.group = groups;
    }
    this.pairs[2 * this.count] = s;
    this.pairs[2 * this.count + 1] = r;
    this.group[this.count] = g;
    if (ev) this.evidence.set(this.count, ev);
    this.count++;
  }

  /**
   * The decided pairs, flat, but those whose receive has two or more senders (a `from` naming
   * a set, paired on several members' channels), or may yet have (another member's channel
   * that holds it is still to align): oneSenderPerReceive keeps only one of them, so until
   * then none vouches for the offsets. A reply paired alone on one instance's channel while
   * another instance's, which also sent one, waits would otherwise bound the clocks by a
   * pairing that may be dropped, and pull the requests after it onto the wrong instance.
   */
  uncontested(): number[] {
    const { pairs, count } = this;
    const waiting = this.waiting;
    const seen = new Uint8Array(this.n);
    for (let k = 0; k < count; k++) if (seen[pairs[2 * k + 1]!]! < 2) seen[pairs[2 * k + 1]!]!++;
    const out: number[] = [];
    for (let k = 0; k < count; k++) {
      const r = pairs[2 * k + 1]!;
      if (seen[r] === 1 && waiting[r] === 0) out.push(pairs[2 * k]!, r);
    }
    return out;
  }

  /** pairsBut(choices), less the pairs whose receive has two senders or more. */
  settledBut(choices: Map<number, number[]>): number[] {
    const { pairs, count } = this;
    const senders = new Uint8Array(this.n);
    for (let k = 0; k < count; k++) if (senders[pairs[2 * k + 1]!]! < 2) senders[pairs[2 * k + 1]!]!++;
    const all = this.pairsBut(choices);
    const out: number[] = [];
    for (let i = 0; i < all.length; i += 2) if (senders[all[i + 1]!] === 1) out.push(all[i]!, all[i + 1]!);
    return out;
  }

  /** The decided pairs, flat, but those listed in `choices` under an end with a choice to make (two pairs or more). */
  pairsBut(choices: Map<number, number[]>): number[] {
    const { pairs, count } = this;
    const skip = new Uint8Array(count);
    for (const ks of choices.values()) if (ks.length > 1) for (const k of ks) skip[k] = 1;
    const out: number[] = [];
    for (let k = 0; k < count; k++) if (!skip[k]) out.push(pairs[2 * k]!, pairs[2 * k + 1]!);
    return out;
  }
}

/** The sends of a channel but the i-th, a few at most: the alternatives of the i-th's pair. */
export function others(out: number[], i: number): number[] {
  const alt: number[] = [];
  for (let k = 0; k < out.length && alt.length < MAX_ALTERNATIVES; k++) if (k !== i) alt.push(out[k]!);
  return alt;
}
