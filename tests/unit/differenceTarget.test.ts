/** differenceTarget: which execution draws a comparison's difference, and its events there. */
import { describe, expect, it } from 'vitest';
import type { DiffHunk } from '../../src/core/session/executionDiff';
import { differenceSide, differenceTarget, MAX_EACH_END } from '../../src/ui/state/differenceTarget';

const names = ['1 · good.jsonl', '2 · bad.jsonl', '3 · other.jsonl'];
const hunk = (kind: DiffHunk['kind'], fromA: number, countA: number, fromB: number, countB: number): DiffHunk => ({ process: 'payments', kind, fromA, countA, fromB, countB, textA: '', textB: '' });

describe('differenceTarget', () => {
  it('keeps the execution shown when it is a side with events in the difference', () => {
    const d = hunk('differs', 10, 2, 12, 3);
    expect(differenceTarget(d, 0, 1, 0, names)).toEqual({ exec: 0, side: 'A', events: [10, 11], switched: null });
    expect(differenceTarget(d, 0, 1, 1, names)).toEqual({ exec: 1, side: 'B', events: [12, 13, 14], switched: null });
    // Sides picked the other way round: B is execution 0.
    expect(differenceTarget(d, 1, 0, 0, names)).toEqual({ exec: 0, side: 'B', events: [12, 13, 14], switched: null });
  });

  it('switches to the side that has the events, and says why', () => {
    const onlyB = hunk('only-b', 40, 0, 41, 1);
    const t = differenceTarget(onlyB, 0, 1, 0, names);
    expect(t).toMatchObject({ exec: 1, side: 'B', events: [41] });
    expect(t.switched).toBe('This difference is only in B, so the diagram now shows B (2 · bad.jsonl).');
    const onlyA = hunk('only-a', 7, 1, 9, 0);
    expect(differenceTarget(onlyA, 0, 1, 1, names)).toMatchObject({ exec: 0, side: 'A', events: [7], switched: 'This difference is only in A, so the diagram now shows A (1 · good.jsonl).' });
    // The diagram on neither side: A first, when it has events.
    expect(differenceTarget(hunk('differs', 3, 1, 3, 1), 0, 1, 2, names)).toMatchObject({ exec: 0, side: 'A', events: [3], switched: 'The diagram now shows A (1 · good.jsonl), one side of the comparison.' });
    expect(differenceSide(hunk('only-b', 3, 0, 3, 1), 0, 1, 2)).toBe('B');
  });

  it('keeps both ends of a whole lane, not every event', () => {
    const lane = hunk('only-a', 100, 1_000_000, 0, 0);
    const t = differenceTarget(lane, 0, 1, 0, names);
    expect(t.events).toHaveLength(2 * MAX_EACH_END);
    expect(t.events[0]).toBe(100);
    expect(t.events.at(-1)).toBe(100 + 1_000_000 - 1);
    expect(t.events[MAX_EACH_END - 1]).toBe(100 + MAX_EACH_END - 1);
    expect(t.events[MAX_EACH_END]).toBe(100 + 1_000_000 - MAX_EACH_END);
    // Up to twice the limit, every event.
    expect(differenceTarget(hunk('only-a', 0, 2 * MAX_EACH_END, 0, 0), 0, 1, 0, names).events).toEqual(Array.from({ length: 2 * MAX_EACH_END }, (_, i) => i));
  });
});
