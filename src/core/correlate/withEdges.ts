/**
 * Adds inferred edges to a built execution. Edges are found after build(),
 * over the canonical columns, so inference sees every input at once; this
 * rebuilds only the edge columns and the kinds they imply. The edges are
 * kept as build() keeps them: sorted by (from, to), the first rule of a
 * duplicated pair winning, the execution's own edges before the new ones;
 * columns throughout (edgeOrder.ts), no object per edge.
 */
import { EventKind, type Execution } from '../model/execution';
import { edgeOrder } from '../model/edgeOrder';
import type { EdgeList, EdgeSpec } from './edgeList';

export type { EdgeEvidence, EdgeSpec } from './edgeList';

export function withEdges(x: Execution, extra: readonly EdgeSpec[] | EdgeList): Execution {
  const added = extra.length;
  if (added === 0) return x;
  if (x.edgeCount === 0 && !isSpecs(extra) && inOrder(extra.from, extra.to, added)) return withListAlone(x, extra);
  const m0 = x.edgeCount;
  const m = m0 + added;
  const from = new Uint32Array(m);
  const to = new Uint32Array(m);
  const rule = new Uint32Array(m);
  const key = new Uint32Array(m);
  from.set(x.edgeFrom.subarray(0, m0));
  to.set(x.edgeTo.subarray(0, m0));
  rule.set(x.edgeRule.subarray(0, m0));
  key.set(x.edgeKey.subarray(0, m0));
  if (isSpecs(extra)) {
    extra.forEach((e, i) => {
      from[m0 + i] = e.from;
      to[m0 + i] = e.to;
      rule[m0 + i] = x.strings.intern(e.rule);
      key[m0 + i] = x.strings.intern(e.key);
    });
  } else {
    from.set(extra.from.subarray(0, added), m0);
    to.set(extra.to.subarray(0, added), m0);
    extra.internInto(x.strings, rule, key, m0);
  }
  const kept = edgeOrder(from, to, m, x.eventCount, true);
  const count = kept.length;
  const edgeFrom = new Uint32Array(count);
  const edgeTo = new Uint32Array(count);
  const edgeRule = new Uint32Array(count);
  const edgeKey = new Uint32Array(count);
  const eventKind = x.eventKind.slice();
  for (let i = 0; i < count; i++) {
    const k = kept[i]!;
    const f = from[k]!;
    const t = to[k]!;
    edgeFrom[i] = f;
    edgeTo[i] = t;
    edgeRule[i] = rule[k]!;
    edgeKey[i] = key[k]!;
    if (eventKind[f] === EventKind.Local) eventKind[f] = EventKind.Send;
    eventKind[t] = EventKind.Receive;
  }
  return { ...x, eventKind, edgeCount: count, edgeFrom, edgeTo, edgeRule, edgeKey };
}

/**
 * The common case, an execution with no edges of its own given the matcher's list, already
 * sorted by (from, to) with no pair twice: the list's columns are the execution's, and only
 * the rule and key ids and the kinds are made.
 */
function withListAlone(x: Execution, list: EdgeList): Execution {
  const m = list.length;
  const edgeRule = new Uint32Array(m);
  const edgeKey = new Uint32Array(m);
  list.internInto(x.strings, edgeRule, edgeKey, 0);
  const eventKind = x.eventKind.slice();
  markKinds(eventKind, list.from, list.to, m);
  return { ...x, eventKind, edgeCount: m, edgeFrom: list.from, edgeTo: list.to, edgeRule, edgeKey };
}

/** A sender's kind becomes Send unless it has one already; a receiver's becomes Receive. */
function markKinds(eventKind: Uint8Array, from: Uint32Array, to: Uint32Array, m: number): void {
  for (let i = 0; i < m; i++) {
    if (eventKind[from[i]!] === EventKind.Local) eventKind[from[i]!] = EventKind.Send;
    eventKind[to[i]!] = EventKind.Receive;
  }
}

/** Whether from/to hold exactly m edges in strictly ascending (from, to) order. */
function inOrder(from: Uint32Array, to: Uint32Array, m: number): boolean {
  if (from.length !== m || to.length !== m) return false;
  for (let i = 1; i < m; i++) {
    const f = from[i - 1]!;
    if (from[i]! < f || (from[i] === f && to[i]! <= to[i - 1]!)) return false;
  }
  return true;
}

function isSpecs(extra: readonly EdgeSpec[] | EdgeList): extra is readonly EdgeSpec[] {
  return Array.isArray(extra);
}
