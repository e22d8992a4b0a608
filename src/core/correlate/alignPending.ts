/**
 * The channels that are still ambiguous once every other is paired
 * (repeats: retries, lost messages, redeliveries), aligned by time. The pairs
 * so far bound the clock offsets between domains (pairBounds.ts; only
 * uncontested ones vouch), and each channel is aligned (alignChannel.ts):
 * order-keeping, as many pairs as order allows, the least past the bounds,
 * the smallest total delay measured from the offset the bounds make
 * likeliest, so a lost first reply leaves that reply unmatched and pairs the
 * one that arrived. Channels with as many sends as receives go first, and
 * their pairs tighten the bounds for the rest; each set goes in rounds, the
 * channels whose clocks are bounded first, so a request channel waits for
 * the replies that bound its server's clock. Between clocks nothing bounds,
 * the assignment with the smallest spread of delays whatever the offset
 * (alignFree.ts) is taken. A send to a set already paired on one member's
 * channel is not offered to another's. Past MAX_ALIGN_CELLS, program order
 * pairs the i-th with the i-th, said once in a diagnostic. Afterwards a
 * receive left alone beside a send no receive took pairs with it
 * (orphansToSpares.ts), and one left over after an earlier receive of the
 * channel paired is a redelivery of that send, when the bounds allow.
 */
import type { DiagnosticSink } from '../model/diagnostic';
import { hasTime, type Execution } from '../model/execution';
import { diffMs } from '../model/eventTime';
import { alignChannel } from './alignChannel';
import { alignFree } from './alignFree';
import { MAX_ALTERNATIVES, others, type DecidedPairs } from './decidedPairs';
import { inOrder, type PendingChannel } from './decideChannel';
import { orphansToSpares } from './orphansToSpares';
import { pairBounds, type PairBounds } from './pairBounds';
import type { Endpoints } from './endpoints';
import { offsetReference, precision } from './pairScore';

/** Largest send × receive count aligned by time; larger channels pair in program order. */
export const MAX_ALIGN_CELLS = 4096;
/** Rounds of aligning repeated channels as the bounds grow; the last aligns what is left. */
const MAX_ROUNDS = 6;
/** Largest channel between unbounded clocks aligned by the spread of its delays (alignFree, quadratic). */
const MAX_FREE_CELLS = 256;

export function alignPending(x: Execution, ends: Endpoints, decided: DecidedPairs, pending: PendingChannel[], diagnostics: DiagnosticSink): void {
  let tooLarge = 0;
  const resolve = (c: PendingChannel, bounds: PairBounds) => {
    for (const r of c.inn) decided.waiting[r]!--;
    if (c.out.length * c.inn.length > MAX_ALIGN_CELLS) {
      tooLarge++;
      inOrder(decided, c.group, c.out, c.inn);
    } else align(x, ends, decided, c, bounds);
  };
  // Channels whose two clocks the pairs so far bound go first, in rounds: each round's pairs
  // may bound the next round's channels (a request channel waits for the replies that say
  // how far behind the server's clock may be). What no round bounds is aligned last.
  const bounded = (c: PendingChannel, bounds: PairBounds) =>
    bounds.offsetRange(x.processDomain[x.eventProc[c.out[0]!]!]!, x.processDomain[x.eventProc[c.inn[0]!]!]!).low > -Infinity;
  const rounds = (left: PendingChannel[]) => {
    for (let round = 0; left.length > 0; round++) {
      const bounds = pairBounds(x, decided.uncontested());
      const wait: PendingChannel[] = [];
      for (const c of left) {
        if (round === MAX_ROUNDS - 1 || bounded(c, bounds)) resolve(c, bounds);
        else wait.push(c);
      }
      if (wait.length === left.length) {
        // Stuck: nothing bounds any of them. Channels with two pairs or more to make go
        // first (the spacing of their stamps tells their alignment apart whatever the
        // offset); a lone receive among several sends waits for the bounds they give.
        const informative = (c: PendingChannel) => Math.min(c.out.length, c.inn.length) >= 2;
        const some = wait.filter(informative);
        if (some.length === 0 || some.length === wait.length) {
          for (const c of wait) resolve(c, bounds);
          break;
        }
        for (const c of some) resolve(c, bounds);
        left = wait.filter((c) => !informative(c));
        continue;
      }
      left = wait;
    }
  };
  // Channels with as many sends as receives first (most often every message arrived),
  // then, with the bounds their pairs add, the ones where some did not.
  rounds(pending.filter((c) => c.out.length === c.inn.length));
  rounds(pending.filter((c) => c.out.length !== c.inn.length));
  if (tooLarge > 0) {
    diagnostics.add(
      x.inputs[0] ?? x.name,
      0,
      'info',
      `${tooLarge} repeated message key${tooLarge === 1 ? '' : 's'} had too many sends and receives on one channel to pair by time (more than ${MAX_ALIGN_CELLS} send × receive combinations); they were paired in program order`,
    );
  }
}

function align(x: Execution, ends: Endpoints, decided: DecidedPairs, c: PendingChannel, bounds: PairBounds): void {
  const { inn, group: g } = c;
  const { toProc, peerProc } = ends;
  const taken = decided.taken;
  // A send to a set (a service's instances) that another member's channel already paired
  // went there: it is left out here, as long as enough sends remain for the receives (else
  // one publish reached two members, a redelivery, and spreadOverSet sorts it out).
  const free = c.out.filter((s) => !(taken[s] && (toProc[s]! >= 0 ? toProc[s]! : peerProc[s]!) >= x.processNames.length));
  const out = free.length >= inn.length ? free : c.out;
  const tolerance = (s: number, r: number) => Math.max(precision(x, s), precision(x, r));
  const feasible = (i: number, j: number) => bounds.slack(out[i]!, inn[j]!) >= -tolerance(out[i]!, inn[j]!);
  // By how far a pair goes past the bounds: pairs come first, the least past them next (alignChannel).
  const violation = (i: number, j: number) => Math.max(0, -(bounds.slack(out[i]!, inn[j]!) + tolerance(out[i]!, inn[j]!)));
  // The implied delay: the raw difference corrected by the offset the known pairs make likeliest
  // (offsetReference), as a distance, so a pair that would force the offset past what the known
  // pairs say costs as much as one that is slow (with no bound at all the reference is 0: an
  // assignment choice among pairs the logs cannot tell apart, no claim about causality).
  const theta = offsetReference(bounds, x.processDomain[x.eventProc[out[0]!]!]!, x.processDomain[x.eventProc[inn[0]!]!]!);
  const delay = (i: number, j: number) => {
    const s = out[i]!;
    const r = inn[j]!;
    return hasTime(x, s) && hasTime(x, r) ? Math.abs(diffMs(x.timeMs[r]!, x.timeNs[r]!, x.timeMs[s]!, x.timeNs[s]!) - theta) : NaN;
  };
  const { low, high } = bounds.offsetRange(x.processDomain[x.eventProc[out[0]!]!]!, x.processDomain[x.eventProc[inn[0]!]!]!);
  const match =
    low === -Infinity && high === Infinity && out.length * inn.length <= MAX_FREE_CELLS
      ? alignFree(x, out, inn, feasible)
      : alignChannel(out.length, inn.length, { delay, allowed: () => true, violation });
  orphansToSpares(match, out.length);
  let last = -1;
  for (let j = 0; j < inn.length; j++) {
    const i = match[j]!;
    if (i >= 0 && !feasible(i, j)) {
      // Past the bounds (alignChannel, orphansToSpares): a clock that stepped, which offsets and anomalies report.
      decided.push(out[i]!, inn[j]!, g, { by: 'order', alternatives: others(out, i) });
      last = i;
    } else if (i >= 0) {
      const alternatives: number[] = [];
      // Alternatives from every send of the channel, those another member took included.
      for (const f of c.out)
        if (alternatives.length < MAX_ALTERNATIVES && f !== out[i] && bounds.slack(f, inn[j]!) >= -tolerance(f, inn[j]!)) alternatives.push(f);
      decided.push(out[i]!, inn[j]!, g, { by: 'delay', alternatives });
      last = i;
    } else if (last >= 0 && feasible(last, j)) {
      decided.push(out[last]!, inn[j]!, g, { by: 'redelivery', alternatives: [] });
    }
  }
}
