/**
 * The host offset bounds the model implies. Every message received after it
 * was sent gives off(B) − off(A) ≤ stamp(receive) − stamp(send); the
 * tightest bound per host pair and shortest paths from a reference host give
 * the interval [truth − D(host → ref), truth + D(ref → host)] where D sums
 * the true delays along the way: what an analyzer that found exactly the
 * model's messages must report. A clock step can make the bounds contradict
 * each other (a negative cycle): then no bound is expected.
 */
import { hostOf, stampOf, type Incident } from './incidentModel';

export interface ExpectedOffsets {
  conflict: boolean;
  /** high(d) and low(d) relative to ref, null where no path bounds it; by host name. */
  bounds(ref: string, host: string): { low: number | null; high: number | null };
  /** off(host) − off(ref) when no host's clock stepped, else null. */
  truth(ref: string, host: string): number | null;
}

export function expectedOffsets(inc: Incident): ExpectedOffsets {
  const H = inc.hosts.length;
  const w = new Float64Array(H * H).fill(Infinity);
  const byId = new Map(inc.events.map((e) => [e.id, e]));
  for (const [s, r] of inc.edges) {
    const es = byId.get(s)!;
    const er = byId.get(r)!;
    const a = inc.procs[es.proc]!.host;
    const b = inc.procs[er.proc]!.host;
    if (a === b) continue;
    const bound = stampOf(hostOf(inc, er), er.trueMs) - stampOf(hostOf(inc, es), es.trueMs);
    w[a * H + b] = Math.min(w[a * H + b]!, bound);
  }
  // Floyd–Warshall: tiny graphs.
  const d = Float64Array.from(w);
  for (let i = 0; i < H; i++) d[i * H + i] = Math.min(0, d[i * H + i]!);
  for (let k = 0; k < H; k++) for (let i = 0; i < H; i++) for (let j = 0; j < H; j++) d[i * H + j] = Math.min(d[i * H + j]!, d[i * H + k]! + d[k * H + j]!);
  let conflict = false;
  for (let i = 0; i < H; i++) if (d[i * H + i]! < -1e-9) conflict = true;
  const index = (name: string) => inc.hosts.findIndex((h) => h.name === name);
  const stepped = inc.hosts.some((h) => h.step !== null);
  return {
    conflict,
    bounds(ref, host) {
      const r = index(ref);
      const h = index(host);
      const hi = d[r * H + h]!;
      const lo = d[h * H + r]!;
      return { low: Number.isFinite(lo) ? -lo : null, high: Number.isFinite(hi) ? hi : null };
    },
    truth(ref, host) {
      if (stepped) return null;
      return inc.hosts[index(host)]!.offsetMs - inc.hosts[index(ref)]!.offsetMs;
    },
  };
}
