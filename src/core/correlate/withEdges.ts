/**
 * Adds inferred edges to a built execution. Edges are found after build(),
 * over the canonical columns, so inference sees every input at once; this
 * rebuilds only the edge columns and the kinds they imply.
 */
import { sortIndexByKey } from '../base/sortIndexByKey';
import { EventKind, type Execution } from '../model/execution';

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

export function withEdges(x: Execution, extra: EdgeSpec[]): Execution {
  if (extra.length === 0) return x;
  const E = x.edgeCount;
  const m = E + extra.length;
  const from = new Uint32Array(m);
  const to = new Uint32Array(m);
  const rule = new Uint32Array(m);
  const key = new Uint32Array(m);
  from.set(x.edgeFrom.subarray(0, E));
  to.set(x.edgeTo.subarray(0, E));
  rule.set(x.edgeRule.subarray(0, E));
  key.set(x.edgeKey.subarray(0, E));
  const ruleIds = new Map<string, number>(); // a few rules name every edge
  for (let k = 0; k < extra.length; k++) {
    const e = extra[k]!;
    let r = ruleIds.get(e.rule);
    if (r === undefined) ruleIds.set(e.rule, (r = x.strings.intern(e.rule)));
    from[E + k] = e.from;
    to[E + k] = e.to;
    rule[E + k] = r;
    key[E + k] = x.strings.intern(e.key);
  }
  // A stable sort by (from, to) keeps the first rule for a duplicated pair, as build() does:
  // a radix sort of from × events + to where that is exact, else a comparator.
  const N = x.eventCount;
  let order: Uint32Array = Uint32Array.from({ length: m }, (_, i) => i);
  if (N <= 2 ** 26) {
    const pairKey = new Float64Array(m);
    for (let i = 0; i < m; i++) pairKey[i] = from[i]! * N + to[i]!;
    order = sortIndexByKey(pairKey, order);
  } else order = Uint32Array.from([...order].sort((a, b) => from[a]! - from[b]! || to[a]! - to[b]! || a - b));
  const kept: number[] = [];
  for (let j = 0; j < m; j++) {
    const i = order[j]!;
    const prev = j > 0 ? order[j - 1]! : -1;
    if (prev < 0 || from[i] !== from[prev] || to[i] !== to[prev]) kept.push(i);
  }
  const eventKind = x.eventKind.slice();
  for (const i of kept) {
    if (eventKind[from[i]!] === EventKind.Local) eventKind[from[i]!] = EventKind.Send;
    if (eventKind[to[i]!] !== EventKind.Receive) eventKind[to[i]!] = EventKind.Receive;
  }
  return {
    ...x,
    eventKind,
    edgeCount: kept.length,
    edgeFrom: Uint32Array.from(kept, (i) => from[i]!),
    edgeTo: Uint32Array.from(kept, (i) => to[i]!),
    edgeRule: Uint32Array.from(kept, (i) => rule[i]!),
    edgeKey: Uint32Array.from(kept, (i) => key[i]!),
  };
}
