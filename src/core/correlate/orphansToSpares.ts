/**
 * A receive the alignment left alone while a send of the channel that no
 * receive took lies between the neighbouring pairs came from that send: a
 * receive comes from a send, and when the sender's own log has one
 * unaccounted for in the right place, a clock that stepped (no bound foresaw
 * it) is the explanation, not a lost message and a receive from nowhere. As
 * alignChannel does for a channel of one send. Order is kept: the earliest
 * such send. Such a send wins over taking the receive as a second delivery of
 * the send before it: the sender logged a send there (a retry), and a
 * redelivery is what is left when it logged none. `match` (per receive, its
 * send or -1) is completed in place.
 */
export function orphansToSpares(match: Int32Array, sends: number): void {
  // next[j]: the send of the first receive after j that the alignment paired (sends if none).
  const next = new Int32Array(match.length);
  for (let j = match.length - 1, after = sends; j >= 0; j--) {
    next[j] = after;
    if (match[j]! >= 0) after = match[j]!;
  }
  let prev = -1;
  for (let j = 0; j < match.length; j++) {
    if (match[j]! >= 0) prev = match[j]!;
    else if (prev + 1 < next[j]!) match[j] = prev = prev + 1;
  }
}
