/**
 * The diagram's wall-clock axes (src/core/view/timeAxes.ts): off where no
 * event has a time, with the reading report's reasons; on with the timeless
 * lanes named where only some have none.
 */
import { describe, expect, it } from 'vitest';
import { timeAxesOf } from '../../src/core/view/timeAxes';

function lanes(perProcess: (number | null)[][]) {
  const procStart = new Uint32Array(perProcess.length + 1);
  const times: number[] = [];
  perProcess.forEach((ts, p) => {
    for (const t of ts) times.push(t ?? NaN);
    procStart[p + 1] = times.length;
  });
  return { processNames: perProcess.map((_, p) => `p${p}`), procStart, timeMs: Float64Array.from(times) };
}

describe('time axes', () => {
  it('are off where no event has a time, titled with the reasons', () => {
    const a = timeAxesOf(lanes([[null, null], [null]]), ['d.log: no time layout reads the lines of this input']);
    expect(a.available).toBe(false);
    expect(a.untimedLanes).toEqual(['p0', 'p1']);
    expect(a.note).toBe('No time axis: d.log: no time layout reads the lines of this input.');
    expect(timeAxesOf(lanes([[null]]), []).note).toBe('No time axis: no event has a time.');
  });

  it('are on when one event has a time, naming the lanes that have none', () => {
    const a = timeAxesOf(lanes([[1, null], [null, null], [], [null], [null], [null]]), ['x.log: no time']);
    expect(a.available).toBe(true);
    expect(a.untimedLanes).toEqual(['p1', 'p3', 'p4', 'p5']);
    expect(a.note).toBe('No time on the lanes p1, p3, p4 and 1 more (x.log: no time): on this axis their events are only placed between others, not by time.');
  });

  it('say nothing when every lane has a time, even with untimed events among timed ones', () => {
    expect(timeAxesOf(lanes([[1, null, 3], [null, 2]]), [])).toEqual({ available: true, untimedLanes: [], note: '' });
  });
});
