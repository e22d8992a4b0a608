/**
 * Places where a process's timestamps go backwards in program order by more
 * than the input's precision, each classified as a clock step or a single
 * out-of-place stamp.
 *
 * A clock that is stepped back (NTP) stays back: the events after the step
 * keep reading the new time. A stamp written after the fact is one event out
 * of line: take it away and its neighbours are in order again. So for the
 * consecutive timed events a, b with t(b) < t(a): a is an outlier when it is
 * also later than the event after b while the event before it is not later
 * than b; b is an outlier when it is also earlier than the event before a
 * while a is not later than the event after b. Otherwise it is a step. A
 * step back within the precision is what truncation and rounding of stamps
 * do, and is not reported.
 */
import { hasTime, type Execution } from '../model/execution';
import { diffMs } from '../model/eventTime';
import { precisionMs } from './anomalyText';

export interface BackwardSteps {
  /** Pairs of consecutive timed events of one process, later-stamped first. */
  before: number[];
  after: number[];
  /** Per pair: 1 when one stamp is out of line (logged after the fact), 0 for a clock step. */
  outlier: number[];
  /** Per pair: t(before) − t(after), ms. */
  stepMs: number[];
}

export function backwardSteps(x: Execution): BackwardSteps {
  const out: BackwardSteps = { before: [], after: [], outlier: [], stepMs: [] };
  const t = (e: number, f: number) => diffMs(x.timeMs[e]!, x.timeNs[e]!, x.timeMs[f]!, x.timeNs[f]!);
  const P = x.processNames.length;
  for (let p = 0; p < P; p++) {
    const end = x.procStart[p + 1]!;
    // z, a, b, c: four consecutive timed events of p (-1 where there is none)
    let z = -1;
    let a = -1;
    const nextTimed = (from: number) => {
      for (let e = from; e < end; e++) if (hasTime(x, e)) return e;
      return -1;
    };
    let b = nextTimed(x.procStart[p]!);
    while (b >= 0) {
      const c = nextTimed(b + 1);
      if (a >= 0) {
        const unit = Math.max(precisionMs(x, a), precisionMs(x, b));
        const step = t(a, b);
        if (step > unit) {
          const aOut = c >= 0 && t(a, c) > unit && (z < 0 || t(z, b) <= unit);
          const bOut = c >= 0 && z >= 0 && t(z, b) > unit && t(a, c) <= unit;
          out.before.push(a);
          out.after.push(b);
          out.outlier.push(aOut || bOut ? 1 : 0);
          out.stepMs.push(step);
        }
      }
      z = a;
      a = b;
      b = c;
    }
  }
  return out;
}
