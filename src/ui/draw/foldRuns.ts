/**
 * Runs of local events: consecutive events on one lane that neither send nor
 * receive. Folded, a run is drawn as one glyph with its count, which is what
 * makes a chatty process's messages readable. Runs never cross a send or a
 * receive, so folding hides no arrow end. Built once per execution.
 */
import type { LaneData } from '../../core/view/laneData';

/** EVENT_KIND_NAMES[0]: neither a send nor a receive. */
const LOCAL = 0;

export interface FoldRuns {
  /** Per event: its run's index, -1 when it is not in a run. */
  runOf: Int32Array;
  /** First and last event of each run (inclusive), in program order. */
  first: Uint32Array;
  last: Uint32Array;
}

/** Runs of at least `minRun` consecutive local events per lane. */
export function findFoldRuns(d: LaneData, minRun = 2): FoldRuns {
  const n = d.eventProc.length;
  const runOf = new Int32Array(n).fill(-1);
  const first: number[] = [];
  const last: number[] = [];
  for (let p = 0; p < d.processNames.length; p++) {
    const s = d.procStart[p]!;
    const t = d.procStart[p + 1]!;
    let e = s;
    while (e < t) {
      if (d.eventKind[e] !== LOCAL) {
        e++;
        continue;
      }
      let f = e;
      while (f < t && d.eventKind[f] === LOCAL) f++;
      if (f - e >= minRun) {
        const k = first.length;
        first.push(e);
        last.push(f - 1);
        runOf.fill(k, e, f);
      }
      e = f;
    }
  }
  return { runOf, first: Uint32Array.from(first), last: Uint32Array.from(last) };
}

/** The extent of run k on the axis: min and max position of its events (a lane's clock may step back). */
export function runExtent(runs: FoldRuns, k: number, pos: Float64Array): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let e = runs.first[k]!; e <= runs.last[k]!; e++) {
    const v = pos[e]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return [lo, hi];
}
