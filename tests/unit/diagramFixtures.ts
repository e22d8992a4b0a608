/**
 * Small LaneData values built by hand for the diagram's unit tests: lanes
 * given as lists of events (Lamport, time or null, kind), edges as pairs of
 * [process, index-on-lane].
 */
import type { LaneData } from '../../src/core/view/laneData';

export interface FixtureEvent {
  lamport: number;
  /** ms since the epoch (may be fractional), or null for no time. */
  ms?: number | null;
  kind?: 'local' | 'send' | 'receive';
}

export function makeLanes(
  lanes: FixtureEvent[][],
  edges: [[number, number], [number, number]][] = [],
  opts: { domains?: number[]; domainNames?: string[]; correction?: number[]; names?: string[]; ignored?: number[] } = {},
): LaneData {
  const P = lanes.length;
  const procStart = new Uint32Array(P + 1);
  lanes.forEach((l, p) => (procStart[p + 1] = procStart[p]! + l.length));
  const n = procStart[P]!;
  const eventProc = new Uint32Array(n);
  const lamport = new Uint32Array(n);
  const timeMs = new Float64Array(n);
  const timeNs = new Uint32Array(n);
  const eventKind = new Uint8Array(n);
  lanes.forEach((l, p) =>
    l.forEach((ev, i) => {
      const e = procStart[p]! + i;
      eventProc[e] = p;
      lamport[e] = ev.lamport;
      if (ev.ms === null || ev.ms === undefined) timeMs[e] = NaN;
      else {
        timeMs[e] = Math.floor(ev.ms);
        timeNs[e] = Math.round((ev.ms - Math.floor(ev.ms)) * 1e6);
      }
      eventKind[e] = ev.kind === 'send' ? 1 : ev.kind === 'receive' ? 2 : 0;
    }),
  );
  const domains = opts.domains ?? lanes.map((_, p) => p);
  const D = Math.max(...domains) + 1;
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => lamport[a]! - lamport[b]! || a - b);
  const at = ([p, i]: [number, number]) => procStart[p]! + i;
  return {
    name: 'fixture',
    processNames: opts.names ?? lanes.map((_, p) => `p${p}`),
    processDomain: Uint32Array.from(domains),
    domainNames: opts.domainNames ?? Array.from({ length: D }, (_, d) => `host${d}`),
    procStart,
    eventProc,
    lamport,
    timeMs,
    timeNs,
    domainCorrectionMs: Float64Array.from(opts.correction ?? Array.from({ length: D }, () => 0)),
    eventKind,
    edgeFrom: Uint32Array.from(edges.map((e) => at(e[0]))),
    edgeTo: Uint32Array.from(edges.map((e) => at(e[1]))),
    edgeIgnored: Uint8Array.from(edges.map((_, k) => (opts.ignored?.includes(k) ? 1 : 0))),
    order,
  };
}
