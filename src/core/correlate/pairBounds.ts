/**
 * Clock-offset bounds for pairing: from messages already paired beyond doubt
 * (a channel with one send and one receive, a pair decided by attempt
 * numbers, edges already in the execution), how far apart two domains'
 * clocks can be, so an ambiguous channel can reject a pairing whose receive
 * would come before its send whatever the offsets (domainOffsets.ts has the
 * reasoning: each message A→B says off(B) − off(A) ≤ t_r − t_s).
 *
 * `slack(s, r)` is t_r − t_s + dist(B→A), where dist is the tightest bound
 * on off(A) − off(B) along paths of known messages: a pair with slack below
 * −tolerance would need a negative delay under every offset the known
 * messages allow. Domains no known message connects put no bound (slack
 * +Infinity). Shortest paths are all-pairs (Floyd–Warshall) up to
 * MAX_PATH_DOMAINS domains; past that only direct bounds are used, which
 * are weaker but still sound, kept per pair that has one (a map, not a
 * domain × domain table: thousands of domains with few messages). Contradictory
 * bounds (a negative cycle: a clock jump, a wrong pairing) bound nothing.
 */
import { hasTime, type Execution } from '../model/execution';
import { diffMs } from '../model/eventTime';

const MAX_PATH_DOMAINS = 128;

export interface PairBounds {
  /** +Infinity when nothing bounds the two domains or an end is untimed. */
  slack(send: number, recv: number): number;
  /** off(b) − off(a) lies in [low, high] for domains a, b (±Infinity where unbounded; [0, 0] for a = b). */
  offsetRange(a: number, b: number): { low: number; high: number };
}

/** `known`: flat [send, recv, send, recv, …] pairs; the execution's own edges are added. */
export function pairBounds(x: Execution, known: readonly number[]): PairBounds {
  const D = x.domainNames.length;
  const dense = D <= MAX_PATH_DOMAINS;
  const dist = dense ? new Float64Array(D * D).fill(Infinity) : null;
  const direct = dense ? null : new Map<number, number>();
  const get = (a: number, b: number) => (dist ? dist[a * D + b]! : (direct!.get(a * D + b) ?? Infinity));
  if (dist) for (let d = 0; d < D; d++) dist[d * D + d] = 0;
  const add = (s: number, r: number) => {
    if (!hasTime(x, s) || !hasTime(x, r)) return;
    const a = x.processDomain[x.eventProc[s]!]!;
    const b = x.processDomain[x.eventProc[r]!]!;
    if (a === b) return;
    const w = diffMs(x.timeMs[r]!, x.timeNs[r]!, x.timeMs[s]!, x.timeNs[s]!);
    if (w < get(a, b)) {
      if (dist) dist[a * D + b] = w;
      else direct!.set(a * D + b, w);
    }
  };
  for (let k = 0; k < x.edgeCount; k++) add(x.edgeFrom[k]!, x.edgeTo[k]!);
  for (let i = 0; i + 1 < known.length; i += 2) add(known[i]!, known[i + 1]!);
  let contradictory = false;
  if (dist) {
    for (let k = 0; k < D; k++)
      for (let i = 0; i < D; i++) {
        const ik = dist[i * D + k]!;
        if (ik === Infinity) continue;
        for (let j = 0; j < D; j++) {
          const v = ik + dist[k * D + j]!;
          if (v < dist[i * D + j]!) dist[i * D + j] = v;
        }
      }
    for (let d = 0; d < D; d++) if (dist[d * D + d]! < -1e-6) contradictory = true;
  }
  return {
    slack(s, r) {
      if (contradictory || !hasTime(x, s) || !hasTime(x, r)) return Infinity;
      const a = x.processDomain[x.eventProc[s]!]!;
      const b = x.processDomain[x.eventProc[r]!]!;
      const back = a === b ? 0 : get(b, a);
      if (back === Infinity) return Infinity;
      return diffMs(x.timeMs[r]!, x.timeNs[r]!, x.timeMs[s]!, x.timeNs[s]!) + back;
    },
    offsetRange(a, b) {
      if (a === b) return { low: 0, high: 0 };
      if (contradictory) return { low: -Infinity, high: Infinity };
      return { low: -get(b, a), high: get(a, b) };
    },
  };
}
