/** focusSpan: what a focus request zooms to; a lone event brings its lane's neighbours as context. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONTEXT, focusSpan } from '../../src/ui/draw/focusSpan';

// Two lanes: events 0..9 on process 0 at 10, 20, … 100; events 10..14 on process 1 at 5, 15, … 45.
const pos = Float64Array.from([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 5, 15, 25, 35, 45]);
const eventProc = Uint32Array.from([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
const procStart = Uint32Array.from([0, 10, 15]);

describe('focusSpan', () => {
  it('spans events at different places exactly', () => {
    expect(focusSpan([2, 12], pos, eventProc, procStart)).toEqual({ lo: 25, hi: 30, instant: false, at: 27.5 });
  });

  it('gives a lone event the CONTEXT events either side on its own lane, never another lane', () => {
    expect(CONTEXT).toBe(4);
    expect(focusSpan([5], pos, eventProc, procStart)).toEqual({ lo: 20, hi: 100, instant: true, at: 60 });
    // At a lane's start and end the context stops at the lane (event 10 is process 1's first; 9 is process 0's last).
    expect(focusSpan([10], pos, eventProc, procStart)).toEqual({ lo: 5, hi: 45, instant: true, at: 5 });
    expect(focusSpan([9], pos, eventProc, procStart)).toEqual({ lo: 60, hi: 100, instant: true, at: 100 });
  });

  it('skips events with no place, and has no span when none has one', () => {
    const holes = pos.slice();
    holes[4] = NaN;
    holes[6] = NaN;
    expect(focusSpan([4, 5], holes, eventProc, procStart)).toEqual({ lo: 20, hi: 100, instant: true, at: 60 });
    expect(focusSpan([4, 6], holes, eventProc, procStart)).toBeNull();
    expect(focusSpan([], pos, eventProc, procStart)).toBeNull();
    // A lane of one event: its context is itself.
    expect(focusSpan([0], Float64Array.from([7]), Uint32Array.from([0]), Uint32Array.from([0, 1]))).toEqual({ lo: 7, hi: 7, instant: true, at: 7 });
  });

  it('always holds the events themselves, and widens only an instant', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 5 }),
        (lanes, picks) => {
          const p = Float64Array.from(lanes.flat());
          const proc = Uint32Array.from(lanes.flatMap((l, i) => l.map(() => i)));
          const start = Uint32Array.from([0, ...lanes.map((_, i) => lanes.slice(0, i + 1).reduce((s, l) => s + l.length, 0))]);
          const events = picks.map((k) => k % p.length);
          const s = focusSpan(events, p, proc, start)!;
          const us = events.map((e) => p[e]!);
          expect(s.lo).toBeLessThanOrEqual(Math.min(...us));
          expect(s.hi).toBeGreaterThanOrEqual(Math.max(...us));
          expect(s.instant).toBe(Math.min(...us) === Math.max(...us));
          if (!s.instant) expect([s.lo, s.hi]).toEqual([Math.min(...us), Math.max(...us)]);
          else expect(s.at).toBe(us[0]);
        },
      ),
    );
  });
});
