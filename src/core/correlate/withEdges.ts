/**
 * Adds inferred edges to a built execution. Edges are found after build(),
 * over the canonical columns, so inference sees every input at once; this
 * rebuilds only the edge columns and the kinds they imply.
 */
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
  const all: { from: number; to: number; rule: number; key: number }[] = [];
  for (let k = 0; k < x.edgeCount; k++)
    all.push({ from: x.edgeFrom[k]!, to: x.edgeTo[k]!, rule: x.edgeRule[k]!, key: x.edgeKey[k]! });
  for (const e of extra) all.push({ from: e.from, to: e.to, rule: x.strings.intern(e.rule), key: x.strings.intern(e.key) });
  // Stable sort keeps the first rule for a duplicated (from, to), as build() does.
  all.sort((a, b) => a.from - b.from || a.to - b.to);
  const kept = all.filter((ed, i) => i === 0 || ed.from !== all[i - 1]!.from || ed.to !== all[i - 1]!.to);
  const eventKind = x.eventKind.slice();
  for (const { from, to } of kept) {
    if (eventKind[from] === EventKind.Local) eventKind[from] = EventKind.Send;
    if (eventKind[to] !== EventKind.Receive) eventKind[to] = EventKind.Receive;
  }
  return {
    ...x,
    eventKind,
    edgeCount: kept.length,
    edgeFrom: Uint32Array.from(kept, (e) => e.from),
    edgeTo: Uint32Array.from(kept, (e) => e.to),
    edgeRule: Uint32Array.from(kept, (e) => e.rule),
    edgeKey: Uint32Array.from(kept, (e) => e.key),
  };
}
