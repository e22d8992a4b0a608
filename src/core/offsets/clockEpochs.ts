/**
 * Clock epochs: a clock stepped back (clock-regression, backwardSteps.ts)
 * reads a different offset before and after the step, so its domain is split
 * into epochs and each epoch gets its own offset (domainOffsets.ts).
 *
 * Offsets are solved over slots, not domains: domain d's first epoch is slot
 * d, its later epochs are slots D, D + 1, … in domain order. With no step
 * anywhere there are no extra slots and nothing changes.
 *
 * Which epoch an event is in:
 *  - on the process that shows the domain's steps (the one with most steps,
 *    ties by index), by program order: the events up to a step's earlier
 *    event are before it, those from its later event on are after;
 *  - on another process of the same domain that shows as many steps, by its
 *    own program order likewise;
 *  - on any other process of the domain, by its time read on the same clock
 *    (the same host's clock, never another host's): the epoch whose time
 *    range holds it. A step back makes the ranges of consecutive epochs
 *    overlap by the step. And the clock read more than the stamps show: up
 *    to the step it kept rising past the last stamp before it, and after it
 *    started below the first stamp after it, by up to the time between the
 *    two (taken to be at most the step). So each range is widened by the step
 *    on the side of each of its steps, and an event in an overlap is
 *    `ambiguous`, given the later epoch (the usual line there is the time
 *    daemon's report of the step, written after it), and its messages bound
 *    no offset. The time between a step's two events is not known, though,
 *    so where happened-before is given (the analysis gives it), it decides:
 *    an event after a step's later event is after the step, one before its
 *    earlier event before it, and any other (concurrent with the step) is
 *    `ambiguous`, placed by its time as above.
 * The earlier and later events of a step are one process's program order, so
 * they bound the later epoch's offset against the earlier one's too: the
 * lead's steps, and those of every process split by its own program order.
 */
import { hasTime, type Execution } from '../model/execution';
import { diffMs, toFloatMs } from '../model/eventTime';
import type { BackwardSteps } from '../anomalies/backwardSteps';

export interface ClockEpochs {
  /** Slots in all: D plus one per step. */
  slots: number;
  /** Per slot: its domain and its epoch within the domain (0 = first). */
  slotDomain: Int32Array;
  slotEpoch: Int32Array;
  /** Per slot: a name for bounds relative to it ("app-3" for a first epoch, "app-3 epoch 2" after). */
  slotNames: string[];
  /** Per slot: the stepping process's first and last event in it (-1 for an unstepped domain). */
  slotFrom: Int32Array;
  slotTo: Int32Array;
  /** Per event: its slot. */
  eventSlot: Int32Array;
  /** Per event: 1 when its epoch is not known for sure (its time lies where two epochs overlap). */
  ambiguous: Uint8Array;
  /**
   * The steps as pairs of events of one process: step i leads into slot
   * stepSlot[i]. The leading process's come first, in slot order, then those
   * of every other process that shows as many steps (each bounds the later
   * epoch's offset against the earlier one's too).
   */
  stepBefore: number[];
  stepAfter: number[];
  stepSlot: number[];
}

/** The epochs of every domain with a clock step; null where no clock stepped. */
export function clockEpochs(x: Execution, steps: BackwardSteps, happenedBefore?: (a: number, b: number) => boolean): ClockEpochs | null {
  const D = x.domainNames.length;
  const P = x.processNames.length;
  // Per process, its clock steps (not single stamps out of line), in program order.
  const own = new Map<number, { before: number[]; after: number[] }>();
  for (let i = 0; i < steps.before.length; i++) {
    if (steps.outlier[i]) continue;
    const p = x.eventProc[steps.before[i]!]!;
    let s = own.get(p);
    if (!s) own.set(p, (s = { before: [], after: [] }));
    s.before.push(steps.before[i]!);
    s.after.push(steps.after[i]!);
  }
  if (own.size === 0) return null;
  const lead = new Int32Array(D).fill(-1);
  for (const [p, s] of own) {
    const d = x.processDomain[p]!;
    const l = lead[d]!;
    if (l < 0 || s.before.length > own.get(l)!.before.length || (s.before.length === own.get(l)!.before.length && p < l)) lead[d] = p;
  }
  const firstSlot = new Int32Array(D + 1); // extra slots of domain d: firstSlot[d] .. firstSlot[d + 1]
  let slots = D;
  for (let d = 0; d < D; d++) {
    firstSlot[d] = slots;
    if (lead[d]! >= 0) slots += own.get(lead[d]!)!.before.length;
  }
  firstSlot[D] = slots;
  const slotOf = (d: number, epoch: number) => (epoch === 0 ? d : firstSlot[d]! + epoch - 1);
  const slotDomain = new Int32Array(slots);
  const slotEpoch = new Int32Array(slots);
  const slotNames: string[] = [...x.domainNames];
  for (let d = 0; d < D; d++) {
    slotDomain[d] = d;
    for (let s = firstSlot[d]!; s < firstSlot[d + 1]!; s++) {
      slotDomain[s] = d;
      slotEpoch[s] = s - firstSlot[d]! + 1;
      slotNames.push(`${x.domainNames[d]!} epoch ${slotEpoch[s]! + 1}`);
    }
  }
  const slotFrom = new Int32Array(slots).fill(-1);
  const slotTo = new Int32Array(slots).fill(-1);
  const eventSlot = new Int32Array(x.eventCount);
  const ambiguous = new Uint8Array(x.eventCount);
  const out: ClockEpochs = { slots, slotDomain, slotEpoch, slotNames, slotFrom, slotTo, eventSlot, ambiguous, stepBefore: [], stepAfter: [], stepSlot: [] };
  const byProgramOrder = (p: number, after: number[]) => {
    let epoch = 0;
    for (let e = x.procStart[p]!; e < x.procStart[p + 1]!; e++) {
      while (epoch < after.length && e >= after[epoch]!) epoch++;
      eventSlot[e] = slotOf(x.processDomain[p]!, epoch);
    }
  };
  for (let p = 0; p < P; p++) {
    const d = x.processDomain[p]!;
    if (lead[d]! < 0) {
      eventSlot.fill(d, x.procStart[p]!, x.procStart[p + 1]!);
      continue;
    }
    const l = lead[d]!;
    const mine = own.get(p);
    if (p === l || (mine && mine.before.length === own.get(l)!.before.length)) byProgramOrder(p, (mine ?? own.get(l)!).after);
  }
  // Epoch ranges and bounds on the leading processes, then the other processes of stepped domains by time.
  for (let d = 0; d < D; d++) {
    const l = lead[d]!;
    if (l < 0) continue;
    const s = own.get(l)!;
    const n = s.before.length + 1;
    const lo = new Float64Array(n).fill(Infinity);
    const hi = new Float64Array(n).fill(-Infinity);
    for (let e = x.procStart[l]!; e < x.procStart[l + 1]!; e++) {
      const slot = eventSlot[e]!;
      if (slotFrom[slot]! < 0) slotFrom[slot] = e;
      slotTo[slot] = e;
      if (!hasTime(x, e)) continue;
      const k = slotEpoch[slot]!;
      const t = toFloatMs(x.timeMs[e]!, x.timeNs[e]!);
      lo[k] = Math.min(lo[k]!, t);
      hi[k] = Math.max(hi[k]!, t);
    }
    for (let i = 0; i < s.before.length; i++) {
      const stepMs = stepBoundMs(x, s.after[i]!, s.before[i]!);
      hi[i] = Math.max(hi[i]!, toFloatMs(x.timeMs[s.before[i]!]!, x.timeNs[s.before[i]!]!) + stepMs);
      lo[i + 1] = Math.min(lo[i + 1]!, toFloatMs(x.timeMs[s.after[i]!]!, x.timeNs[s.after[i]!]!) - stepMs);
      out.stepBefore.push(s.before[i]!);
      out.stepAfter.push(s.after[i]!);
      out.stepSlot.push(slotOf(d, i + 1));
    }
    for (let p = 0; p < P; p++) {
      if (x.processDomain[p] !== d || p === l) continue;
      const mine = own.get(p);
      if (mine && mine.before.length === s.before.length) {
        // Split by its own program order: its steps are facts of the same clock, and bound the epochs as the lead's do.
        for (let i = 0; i < mine.before.length; i++) {
          out.stepBefore.push(mine.before[i]!);
          out.stepAfter.push(mine.after[i]!);
          out.stepSlot.push(slotOf(d, i + 1));
        }
        continue;
      }
      let last = 0; // an untimed event goes with the timed one before it
      for (let e = x.procStart[p]!; e < x.procStart[p + 1]!; e++) {
        if (hasTime(x, e)) {
          const t = toFloatMs(x.timeMs[e]!, x.timeNs[e]!);
          let holds = 0;
          let nearest = 0;
          let gap = Infinity;
          for (let k = 0; k < n; k++) {
            if (t >= lo[k]! && t <= hi[k]!) {
              holds++;
              last = k;
            }
            const g = t < lo[k]! ? lo[k]! - t : t > hi[k]! ? t - hi[k]! : 0;
            if (g < gap) [gap, nearest] = [g, k];
          }
          if (holds === 0) last = nearest;
          if (holds > 1) ambiguous[e] = 1;
          if (happenedBefore) {
            // Causality is sure where time is not: after a step's later event, or before its earlier one.
            let kLo = 0;
            let kHi = n - 1;
            for (let i = 0; i < s.before.length; i++) {
              if (s.after[i] === e || happenedBefore(s.after[i]!, e)) kLo = i + 1;
              if (kHi === n - 1 && (s.before[i] === e || happenedBefore(e, s.before[i]!))) kHi = i;
            }
            last = Math.min(kHi, Math.max(kLo, last));
            ambiguous[e] = kLo === kHi ? 0 : 1;
          }
        }
        eventSlot[e] = slotOf(d, last);
      }
    }
  }
  return out;
}

/** The program-order bound a step gives: off(later epoch) − off(earlier) ≤ t(after) − t(before). */
export function stepBoundMs(x: Execution, before: number, after: number): number {
  return diffMs(x.timeMs[after]!, x.timeNs[after]!, x.timeMs[before]!, x.timeNs[before]!);
}
