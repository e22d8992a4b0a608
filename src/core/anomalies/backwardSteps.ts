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
 *
 * All of this takes line order for the order events happened, which holds
 * for a log written as it goes. A file sorted or sampled by something else
 * (loghub's HPC sample is in record-id order: a node's lines go back by days
 * every few lines) is not: where at least UNORDERED_MIN steps and
 * UNORDERED_SHARE of an input's consecutive pairs go back, the input is said
 * to be out of time order and its steps are not classified (no clock step,
 * no out-of-line stamp is claimed for it). A host's clock stepped back
 * makes each source on that host go back once, so in a file shared by many
 * sources (one per host, compose or kubectl prefixes) only the steps beyond
 * one per source count towards UNORDERED_MIN.
 */
import type { Execution } from '../model/execution';
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
  /** Inputs whose lines are out of time order (their steps are left out above). */
  unordered: UnorderedInput[];
}

export interface UnorderedInput {
  /** Index into x.inputs. */
  input: number;
  /** Consecutive timed pairs of one process whose later line reads earlier. */
  backs: number;
  pairs: number;
  maxMs: number;
  /** The first such pair: [before, after]. */
  first: [number, number];
}

const UNORDERED_MIN = 3;
const UNORDERED_SHARE = 0.05;

export function backwardSteps(x: Execution): BackwardSteps {
  const out: BackwardSteps = { before: [], after: [], outlier: [], stepMs: [], unordered: [] };
  const pairs = new Uint32Array(x.inputs.length);
  // The columns in locals: the loop visits every event and reads no property of x.
  const { timeMs, timeNs, eventInput, procStart } = x;
  const t = (e: number, f: number) => diffMs(timeMs[e]!, timeNs[e]!, timeMs[f]!, timeNs[f]!);
  const P = x.processNames.length;
  for (let p = 0; p < P; p++) {
    const end = procStart[p + 1]!;
    // z, a, b, c: four consecutive timed events of p (-1 where there is none)
    let z = -1;
    let a = -1;
    const nextTimed = (from: number) => {
      for (let e = from; e < end; e++) if (!Number.isNaN(timeMs[e])) return e;
      return -1;
    };
    let b = nextTimed(procStart[p]!);
    while (b >= 0) {
      const c = nextTimed(b + 1);
      if (a >= 0) {
        pairs[eventInput[b]!]!++;
        const step = t(a, b);
        // Most steps go forward (step ≤ 0 < any unit): the precisions are read only for one that goes back.
        const unit = step > 0 ? Math.max(precisionMs(x, a), precisionMs(x, b)) : 0;
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
  return withoutUnordered(x, out, pairs);
}

/** Moves the steps of inputs out of time order into `unordered`. */
function withoutUnordered(x: Execution, steps: BackwardSteps, pairs: Uint32Array): BackwardSteps {
  const backs = new Uint32Array(x.inputs.length);
  // Sources of each input that go back; steps come process by process.
  const sources = new Uint32Array(x.inputs.length);
  const lastProc = new Int32Array(x.inputs.length).fill(-1);
  for (const b of steps.after) {
    const i = x.eventInput[b]!;
    backs[i]!++;
    if (lastProc[i] !== x.eventProc[b]!) {
      lastProc[i] = x.eventProc[b]!;
      sources[i]!++;
    }
  }
  const unordered = new Map<number, UnorderedInput>();
  for (let i = 0; i < x.inputs.length; i++) {
    if (backs[i]! - sources[i]! >= UNORDERED_MIN && backs[i]! >= UNORDERED_SHARE * pairs[i]!) {
      unordered.set(i, { input: i, backs: backs[i]!, pairs: pairs[i]!, maxMs: 0, first: [-1, -1] });
    }
  }
  if (unordered.size === 0) return steps;
  const kept: BackwardSteps = { before: [], after: [], outlier: [], stepMs: [], unordered: [] };
  for (let k = 0; k < steps.after.length; k++) {
    const u = unordered.get(x.eventInput[steps.after[k]!]!);
    if (u) {
      if (u.first[0] < 0) u.first = [steps.before[k]!, steps.after[k]!];
      u.maxMs = Math.max(u.maxMs, steps.stepMs[k]!);
      continue;
    }
    kept.before.push(steps.before[k]!);
    kept.after.push(steps.after[k]!);
    kept.outlier.push(steps.outlier[k]!);
    kept.stepMs.push(steps.stepMs[k]!);
  }
  kept.unordered = [...unordered.values()];
  return kept;
}
