/**
 * Where a comparison's difference is shown in the diagram, which draws one
 * execution at a time. A difference has events on one side (only in A, only
 * in B) or both (differs). The execution on the diagram is kept when it is a
 * side with events in the difference; otherwise the diagram switches to the
 * side that has them (A first), and `switched` says so, with the reason, for
 * the page to tell. A difference of a whole lane (a process on one side only,
 * a lane too different to align) can hold every event of a long lane: the
 * first and last MAX_EACH_END are kept, which on a lane in program order
 * span the same stretch, so a history entry does not carry a million numbers.
 */
import type { DiffHunk } from '../../core/session/executionDiff';

export const MAX_EACH_END = 1000;

export interface DifferenceTarget {
  /** The execution to draw, and which side of the comparison it is. */
  exec: number;
  side: 'A' | 'B';
  /** Its events in the difference (event indices in `exec`). */
  events: number[];
  /** Null when the execution on the diagram is kept; else why the diagram changes to `exec`. */
  switched: string | null;
}

/** `a`, `b`: the executions compared; `shown`: the one on the diagram; `names`: each execution's name. */
export function differenceTarget(h: DiffHunk, a: number, b: number, shown: number, names: readonly string[]): DifferenceTarget {
  const side = differenceSide(h, a, b, shown);
  const exec = side === 'A' ? a : b;
  const events = side === 'A' ? spread(h.fromA, h.countA) : spread(h.fromB, h.countB);
  let switched: string | null = null;
  if (exec !== shown) {
    const only = h.countA === 0 || h.countB === 0;
    const name = names[exec] ?? `execution ${exec + 1}`;
    switched = only ? `This difference is only in ${side}, so the diagram now shows ${side} (${name}).` : `The diagram now shows ${side} (${name}), one side of the comparison.`;
  }
  return { exec, side, events, switched };
}

/** The side drawn: the one shown when it has events in the difference, else the one that has (A first). */
export function differenceSide(h: DiffHunk, a: number, b: number, shown: number): 'A' | 'B' {
  if (shown === a && h.countA > 0) return 'A';
  if (shown === b && h.countB > 0) return 'B';
  return h.countA > 0 ? 'A' : 'B';
}

function spread(from: number, count: number): number[] {
  if (count <= 2 * MAX_EACH_END) return Array.from({ length: count }, (_, i) => from + i);
  const out: number[] = [];
  for (let i = 0; i < MAX_EACH_END; i++) out.push(from + i);
  for (let i = count - MAX_EACH_END; i < count; i++) out.push(from + i);
  return out;
}
