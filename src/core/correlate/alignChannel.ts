/**
 * Pairs the sends and receives of one ambiguous channel (one key, sender
 * process A, receiver process B, several sends or several receives) by a
 * monotone alignment: the i-th pair's send and receive both come after the
 * (i-1)-th's in their process's program order, so no two messages cross.
 *
 * Among alignments of allowed pairs (`allowed`, a hard rule of the caller's),
 * the one with the most pairs wins, then the one that goes least past the
 * clock-offset bounds (`violation`: by how many ms a receive would come
 * before its send under every offset the bounds allow, 0 within them;
 * timestamps of different hosts are compared only through those bounds),
 * then the one with the smallest total delay. Pairs come before bounds: a
 * receive comes from a send, and bounds learnt from other messages, at
 * other times, do not hold across a clock step no log shows; when every
 * alignment with as many pairs goes past them, the pair that goes least
 * past them is a clock that stepped, which offsets and anomalies report,
 * not a lost message and a receive from nowhere. Within one channel every
 * pair crosses the same two domains, so the offset correction is the same
 * constant for each pair and cancels out of the comparison of total delays:
 * raw differences rank alignments exactly as corrected ones do.
 *
 * Ties go to the earliest sends (a lost message is taken to be a later one),
 * which is also what program order alone gives: with no times this is FIFO.
 * A lost first reply and a delivered second one come out as exactly that,
 * because pairing the second has the smaller delay.
 *
 * With one send there is nothing to choose: every receive is a delivery of
 * it (the first, then redeliveries), whatever the bounds say, as a channel
 * of one send and one receive pairs without them.
 *
 * O(sends × receives): callers cap the channel size (pairEndpoints.ts).
 */

/**
 * delay(i, j): t(recv j) − t(send i) in ms, or NaN when either is untimed;
 * allowed(i, j): the pair may be one message at all; violation(i, j): ms past
 * the offset bounds (0 within them, the default).
 */
export interface ChannelCosts {
  delay(i: number, j: number): number;
  allowed(i: number, j: number): boolean;
  violation?(i: number, j: number): number;
}

/** match[j] = index of the send receive j pairs with, or -1. */
export function alignChannel(sends: number, recvs: number, costs: ChannelCosts): Int32Array {
  if (sends === 1) return new Int32Array(recvs);
  const W = recvs + 1;
  // count and delay of the best alignment of sends[0..i) with recvs[0..j)
  const count = new Int32Array((sends + 1) * W);
  const past = new Float64Array((sends + 1) * W);
  const delay = new Float64Array((sends + 1) * W);
  const better = (c1: number, v1: number, d1: number, c2: number, v2: number, d2: number) =>
    c1 > c2 || (c1 === c2 && (v1 < v2 - 1e-9 || (Math.abs(v1 - v2) <= 1e-9 && d1 < d2 - 1e-9)));
  const pairDelay = (i: number, j: number) => {
    const d = costs.delay(i, j);
    return Number.isNaN(d) ? 0 : d;
  };
  const pairPast = costs.violation ?? (() => 0);
  for (let i = 1; i <= sends; i++) {
    for (let j = 1; j <= recvs; j++) {
      const at = i * W + j;
      let c = count[at - W]!;
      let v = past[at - W]!;
      let d = delay[at - W]!;
      if (better(count[at - 1]!, past[at - 1]!, delay[at - 1]!, c, v, d)) {
        c = count[at - 1]!;
        v = past[at - 1]!;
        d = delay[at - 1]!;
      }
      if (costs.allowed(i - 1, j - 1)) {
        const pc = count[at - W - 1]! + 1;
        const pv = past[at - W - 1]! + pairPast(i - 1, j - 1);
        const pd = delay[at - W - 1]! + pairDelay(i - 1, j - 1);
        if (better(pc, pv, pd, c, v, d)) {
          c = pc;
          v = pv;
          d = pd;
        }
      }
      count[at] = c;
      past[at] = v;
      delay[at] = d;
    }
  }
  const match = new Int32Array(recvs).fill(-1);
  // Walk back; prefer leaving the later send unmatched, then pairing, then skipping the receive.
  let i = sends;
  let j = recvs;
  while (i > 0 && j > 0) {
    const at = i * W + j;
    const c = count[at]!;
    const v = past[at]!;
    const d = delay[at]!;
    if (count[at - W] === c && Math.abs(past[at - W]! - v) <= 1e-9 && Math.abs(delay[at - W]! - d) <= 1e-9) {
      i--;
      continue;
    }
    if (
      costs.allowed(i - 1, j - 1) &&
      count[at - W - 1]! + 1 === c &&
      Math.abs(past[at - W - 1]! + pairPast(i - 1, j - 1) - v) <= 1e-9 &&
      Math.abs(delay[at - W - 1]! + pairDelay(i - 1, j - 1) - d) <= 1e-9
    ) {
      match[j - 1] = i - 1;
      i--;
      j--;
      continue;
    }
    j--;
  }
  return match;
}
