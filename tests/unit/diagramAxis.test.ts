import { describe, expect, it } from 'vitest';
import { buildAxisPositions, eventAt, laneWindow } from '../../src/core/view/axisPositions';
import { axisTicks, clockLabel, niceStep } from '../../src/ui/draw/axisTicks';
import { makeLanes } from './diagramFixtures';

const T = Date.UTC(2024, 2, 1, 12, 0, 0);

describe('axis positions', () => {
  it('logical: dense Lamport ranks, no gaps', () => {
    const d = makeLanes([[{ lamport: 1 }, { lamport: 2 }, { lamport: 10 }], [{ lamport: 3 }, { lamport: 11 }]]);
    const a = buildAxisPositions(d, 'logical');
    expect([...a.pos]).toEqual([0, 1, 3, 2, 4]);
    expect([...a.lamportOfRank]).toEqual([1, 2, 3, 10, 11]);
    expect([a.min, a.max]).toEqual([0, 4]);
    expect(a.laneSorted).toEqual([null, null]);
    expect(a.untimed.every((v) => v === 0)).toBe(true);
  });

  it('logical: dense ranks also when Lamport values are far beyond the event count (logged clocks)', () => {
    const d = makeLanes([[{ lamport: 4_000_000_000 }, { lamport: 7 }], [{ lamport: 7 }, { lamport: 3_000_000 }]]);
    const a = buildAxisPositions(d, 'logical');
    expect([...a.pos]).toEqual([2, 0, 0, 1]);
    expect([...a.lamportOfRank]).toEqual([7, 3_000_000, 4_000_000_000]);
  });

  it('raw: ms from the earliest time, keeping sub-ms precision', () => {
    const d = makeLanes([[{ lamport: 1, ms: T + 5.25 }, { lamport: 2, ms: T + 7 }], [{ lamport: 3, ms: T }]]);
    const a = buildAxisPositions(d, 'raw');
    expect(a.originMs).toBe(T);
    expect([...a.pos].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([5.25, 7, 0]);
  });

  it('corrected: subtracts the domain correction (the document’s correctedTime)', () => {
    const d = makeLanes([[{ lamport: 1, ms: T }], [{ lamport: 2, ms: T - 45 }]], [], { correction: [0, -50] });
    const raw = buildAxisPositions(d, 'raw');
    const cor = buildAxisPositions(d, 'corrected');
    expect(raw.pos[1]! - raw.pos[0]!).toBe(-45);
    expect(cor.pos[1]! - cor.pos[0]!).toBe(5);
  });

  it('places untimed events between timed neighbours, evenly, and flags them', () => {
    const d = makeLanes([
      [{ lamport: 1, ms: T }, { lamport: 2, ms: null }, { lamport: 3, ms: null }, { lamport: 4, ms: T + 30 }, { lamport: 5, ms: null }],
      [{ lamport: 1, ms: null }, { lamport: 2, ms: T + 10 }],
    ]);
    const a = buildAxisPositions(d, 'raw');
    expect([...a.pos]).toEqual([0, 10, 20, 30, 30, 10, 10]);
    expect([...a.untimed]).toEqual([0, 1, 1, 0, 1, 1, 0]);
  });

  it('spreads a lane with no time at all over the whole axis', () => {
    const d = makeLanes([[{ lamport: 1, ms: T }, { lamport: 2, ms: T + 100 }], [{ lamport: 1, ms: null }, { lamport: 2, ms: null }, { lamport: 3, ms: null }]]);
    const a = buildAxisPositions(d, 'raw');
    expect([...a.pos.subarray(2)]).toEqual([0, 50, 100]);
  });

  it('gives a lane whose clock steps back a sorted index, and culls it by binary search', () => {
    const d = makeLanes([[{ lamport: 1, ms: T + 10 }, { lamport: 2, ms: T + 5 }, { lamport: 3, ms: T + 20 }], [{ lamport: 1, ms: T }]]);
    const a = buildAxisPositions(d, 'raw');
    expect(a.laneSorted[0] && [...a.laneSorted[0]]).toEqual([1, 0, 2]);
    expect(a.laneSorted[1]).toBeNull();
    const [from, to] = laneWindow(a, d, 0, 4, 12);
    expect([from, to]).toEqual([0, 2]);
    expect([eventAt(a, 0, 0), eventAt(a, 0, 1)]).toEqual([1, 0]);
    // The logical axis of the same lane is monotone.
    expect(buildAxisPositions(d, 'logical').laneSorted[0]).toBeNull();
  });

  it('culls a monotone lane to the window, ends inclusive', () => {
    const d = makeLanes([[1, 2, 3, 4, 5, 6].map((l) => ({ lamport: l }))]);
    const a = buildAxisPositions(d, 'logical');
    expect(laneWindow(a, d, 0, 1, 3)).toEqual([1, 4]);
    expect(laneWindow(a, d, 0, 1.5, 2.5)).toEqual([2, 3]);
    expect(laneWindow(a, d, 0, 10, 20)).toEqual([6, 6]);
  });
});

describe('axis ticks', () => {
  it('steps 1-2-5', () => {
    expect([0.3, 1, 1.5, 3, 7, 40, 0.0012].map(niceStep)).toEqual([0.5, 1, 2, 5, 10, 50, 0.002]);
  });

  it('labels wall-clock ticks at the precision of the step, without rounding into the next second', () => {
    expect(clockLabel(T + 1000.4, 1000)).toBe('12:00:01');
    expect(clockLabel(T + 20, 10)).toBe('12:00:00.02');
    expect(clockLabel(T + 999.9999, 1)).toBe('12:00:01.000');
    expect(clockLabel(T + 0.25, 0.05)).toBe('12:00:00.00025');
  });

  it('labels logical ticks with the Lamport value of the rank', () => {
    const d = makeLanes([[{ lamport: 1 }, { lamport: 5 }, { lamport: 9 }]]);
    const ticks = axisTicks(buildAxisPositions(d, 'logical'), 0, 2, 1);
    expect(ticks.map((t) => t.label)).toEqual(['1', '5', '9']);
  });

  it('puts wall-clock ticks on round absolute times', () => {
    const d = makeLanes([[{ lamport: 1, ms: T + 3 }, { lamport: 2, ms: T + 40 }]]);
    const a = buildAxisPositions(d, 'raw');
    const ticks = axisTicks(a, 0, 37, 10);
    expect(ticks.map((t) => t.label)).toEqual(['12:00:00.01', '12:00:00.02', '12:00:00.03', '12:00:00.04']);
    expect(ticks[0]!.u).toBe(7);
  });
});
