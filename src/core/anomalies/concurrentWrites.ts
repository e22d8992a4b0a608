/**
 * concurrent-writes: two writes to the same key whose events are concurrent
 * by the vector clocks. A last-write-wins store keeps whichever carries the
 * later timestamp, which is not the causally later write, because there is
 * none. Writes ordered by happened-before are never reported.
 *
 * A write is an event with a `key` field and a write operation (an operation
 * field of write, set, put, update, delete, incr…) or whose text says
 * `SET name=`. Writes are grouped by key (counting sort over interned ids) and
 * listed in Lamport order; each write is compared with the next
 * MAX_SPAN writes of its group only (a pair ordered by happened-before is
 * always in Lamport order, and a far-apart concurrent pair is usually also
 * reported through nearer ones), and at most MAX_PAIRS pairs are reported per
 * key, so a hot key costs O(writes · MAX_SPAN), not its square.
 */
import type { Clocks } from '../clocks/clockEngine';
import { markPossibleMatches } from '../base/chunkMatches';
import { type Execution, textOf } from '../model/execution';
import type { Anomaly } from './anomaly';
import { fieldColumnIfAny } from './fieldColumn';
import { findSet, SET_TEXT } from './setText';
import type { TextSearches } from './textSearches';

const WRITE_OPS = new Set(['write', 'set', 'put', 'update', 'delete', 'del', 'incr', 'decr', 'increment', 'decrement', 'insert', 'upsert', 'append', 'hset']);
const OP_FIELDS = ['op', 'operation', 'method', 'verb', 'action', 'cmd', 'command'] as const;
const MAX_SPAN = 64;
const MAX_PAIRS = 100;

/** `texts`: the texts that may hold a SET write, where a pass over every text (textSearches.ts) marked them already. */
export function findConcurrentWrites(x: Execution, clocks: Clocks, texts?: Pick<TextSearches, 'maybeSet' | 'setLines'>): Anomaly[] {
  const n = x.eventCount;
  // Most logs have no `key` field (then no operation field is read) and no SET line: nothing per event is made.
  const keyCol = fieldColumnIfAny(x, ['key']);
  const opCol = keyCol === null ? null : fieldColumnIfAny(x, OP_FIELDS);
  let maybeSet: Uint8Array;
  let setLines: number;
  if (texts !== undefined) ({ maybeSet, setLines } = texts);
  else {
    maybeSet = new Uint8Array(n);
    setLines = markPossibleMatches({ chunks: x.textChunks, starts: x.textStart }, n, findSet, maybeSet);
  }
  if (opCol === null && setLines === 0) return [];
  const isWriteOp = new Int8Array(opCol === null ? 0 : x.strings.size).fill(-1);
  // Keys found in text are numbered after the interned strings.
  const textKeys = new Map<string, number>();
  const keyNames = new Map<number, string>();
  const writeKey = new Float64Array(n).fill(-1);
  let writes = 0;
  for (let e = 0; e < n; e++) {
    let key = -1;
    const op = opCol === null ? -1 : opCol[e]!;
    if (op >= 0 && keyCol![e]! >= 0) {
      let w = isWriteOp[op]!;
      if (w < 0) isWriteOp[op] = w = WRITE_OPS.has(x.strings.get(op).trim().toLowerCase()) ? 1 : 0;
      if (w) key = keyCol![e]!;
    }
    if (key < 0 && maybeSet[e]) {
      const m = SET_TEXT.exec(textOf(x, e));
      if (m) {
        const name = m[1]!;
        const id = x.strings.find(name);
        if (id >= 0) key = id;
        else {
          let t = textKeys.get(name);
          if (t === undefined) textKeys.set(name, (t = x.strings.size + textKeys.size));
          key = t;
        }
        keyNames.set(key, name);
      }
    }
    if (key < 0) continue;
    writeKey[e] = key;
    writes++;
  }
  if (writes < 2) return [];

  // Writes grouped by key, each group in Lamport order (clocks.order is a linear extension).
  const groups = new Map<number, number[]>();
  for (const e of clocks.order) {
    const k = writeKey[e]!;
    if (k < 0) continue;
    let g = groups.get(k);
    if (!g) groups.set(k, (g = []));
    g.push(e);
  }
  const nameOf = (k: number) => keyNames.get(k) ?? x.strings.get(k);
  const out: Anomaly[] = [];
  const opOf = (e: number) => (opCol !== null && opCol[e]! >= 0 && keyCol![e]! >= 0 ? x.strings.get(opCol[e]!) : 'SET');
  for (const [k, g] of [...groups].sort((a, b) => (nameOf(a[0]) < nameOf(b[0]) ? -1 : 1))) {
    let reported = 0;
    for (let i = 0; i < g.length && reported < MAX_PAIRS; i++) {
      for (let j = i + 1; j < g.length && j <= i + MAX_SPAN && reported < MAX_PAIRS; j++) {
        const a = g[i]!;
        const b = g[j]!;
        if (!clocks.vc.concurrent(a, b)) continue;
        reported++;
        const pa = x.processNames[x.eventProc[a]!]!;
        const pb = x.processNames[x.eventProc[b]!]!;
        const key = nameOf(k);
        out.push({
          kind: 'concurrent-writes',
          severity: 'warning',
          events: [a, b],
          summary:
            `${pa} and ${pb} wrote ${key} concurrently (neither write happened before the other): ` +
            `last-write-wins keeps whichever clock read later, not the causally later write, as there is none`,
          detail: { key, processes: [pa, pb], operations: [opOf(a), opOf(b)] },
        });
      }
    }
  }
  return out;
}
