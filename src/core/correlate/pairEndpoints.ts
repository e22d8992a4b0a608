/**
 * Pairs message endpoints into send → receive edges, whoever found them
 * (the message-id conventions, a user rule's key). Input is columnar: per
 * event a key group (-1: no endpoint), a role, the peer named by to / from /
 * peer, and an attempt; nothing here knows field names. An endpoint with a
 * group and no role is a mention of the key (a commit, an ack, "processing
 * …"): it takes no part in pairing and never stops the others from pairing.
 *
 * A counting sort lists each group's events in canonical order, i.e. by
 * process and, within one, program order. Within a group, a reply is a
 * receive on a process that sent earlier in its own program order (the
 * client) and a send anywhere else (the server); the resolved roles are
 * returned, so every later reader sees the roles the pairing used. Pairing is
 * per channel: for sender process A and receiver process B ≠ A, the sends of
 * A that may go to B (no `to`, or a `to` that names B or a set B is in: a
 * service, a host, a consumer group; a send's peer stands in for `to`) with
 * the receives of B that may come from A (likewise by `from` / peer). As
 * channels are independent, one send received on several processes is a
 * multicast (an edge to each) and a receive matched by distinct senders joins
 * them, except where a peer names a set: a receive whose `from` names one
 * keeps one sender (oneSenderPerReceive), and a send to one that paired on
 * two members while a retry of it paired on none gives one receive to the
 * retry (spreadOverSet). An edge whose reverse channel in the same group also has one (the
 * answer came back) is a request-response pair; the caller names both kinds.
 *
 * Within a channel, in this order:
 * - attempt numbers, when every send and receive has one, decide: the k-th
 *   receive of attempt n pairs with the k-th send of attempt n;
 * - one send and one receive pair;
 * - channels that are still ambiguous (repeats: retries, lost messages,
 *   redeliveries) wait until the above are paired everywhere. Those pairs
 *   bound the clock offsets between domains (pairBounds.ts), and each
 *   ambiguous channel is aligned (alignChannel.ts): order-keeping, as many
 *   pairs as order allows, the least past the bounds, the smallest total
 *   delay, so a lost first reply leaves that reply unmatched and pairs the
 *   one that arrived. Delays are
 *   measured from the offset the bounds make likeliest. Channels with as
 *   many sends as receives go first, and their pairs tighten the bounds for
 *   the rest; each group goes in rounds, the channels whose clocks are
 *   bounded first, so a request channel waits for the replies that bound
 *   its server's clock. Between clocks nothing bounds, the assignment with
 *   the smallest total implied delay whatever the offset (alignFree) is
 *   taken, an assignment choice the evidence's alternatives qualify, never
 *   a claim from comparing the two clocks. A send to a set already paired
 *   on one member's channel is not offered to another's. With no times or
 *   past MAX_ALIGN_CELLS, program order pairs the i-th with the i-th (said
 *   once in a diagnostic when the size was the reason);
 * - a receive left alone beside a send no receive took, in order, pairs
 *   with it (a clock that stepped, reported by offsets and anomalies);
 * - a receive left over in a channel whose earlier receive did pair is a
 *   second delivery of that send (a redelivery), when the bounds allow.
 * Each edge of a channel with a choice carries its evidence and the other
 * sends it could have had (EdgeEvidence).
 *
 * Timestamps of different hosts are never compared directly: only through
 * the offset bounds that already-paired messages give.
 *
 * The steps, one file each: groupMembers.ts (the counting sort),
 * pairChannels.ts (roles and channels), decideChannel.ts (attempts, the one
 * send and one receive, program order), alignPending.ts (the ambiguous
 * channels by time), spreadOverSet.ts, swapAcrossSet.ts and
 * oneSenderPerReceive.ts (peers that name a set), edgeListOf.ts (the edges,
 * sorted, request-response told); decidedPairs.ts holds the pairs between
 * them.
 */
import type { DiagnosticSink } from '../model/diagnostic';
import type { Execution } from '../model/execution';
import { alignPending } from './alignPending';
import { DecidedPairs } from './decidedPairs';
import { decideChannel, type PendingChannel } from './decideChannel';
import { edgeListOf } from './edgeListOf';
import type { Endpoints } from './endpoints';
import type { EdgeList, EdgeNaming, EdgeSpec } from './edgeList';
import { groupMembers, M } from './groupMembers';
import { oneSenderPerReceive } from './oneSenderPerReceive';
import { pairChannels } from './pairChannels';
import { spreadOverSet } from './spreadOverSet';
import { swapAcrossSet } from './swapAcrossSet';

export type { EdgeNaming } from './edgeList';
export type { Endpoints } from './endpoints';
export { MAX_ALIGN_CELLS } from './alignPending';

export interface Paired {
  /** Sorted by (from, to), in columns. */
  list: EdgeList;
  /** The same edges as objects (list.specs(), made when read). */
  readonly edges: EdgeSpec[];
  /** Per event: Send or Receive as paired (replies resolved), None for mentions and non-endpoints. */
  role: Uint8Array;
}

export function pairEndpoints(x: Execution, ends: Endpoints, name: EdgeNaming, diagnostics: DiagnosticSink): Paired {
  const resolved = new Uint8Array(x.eventCount);
  const { start, mem, setPeers } = groupMembers(x, ends);
  const decided = new DecidedPairs(x.eventCount, 2 * Math.max(16, mem.length / M / 2));
  const pending: PendingChannel[] = [];
  pairChannels(
    x,
    ends,
    start,
    mem,
    resolved,
    (s, r, g) => decided.push(s, r, g),
    (g, out, inn) => decideChannel(x, ends.attempt, decided, pending, g, out, inn),
    diagnostics,
  );
  if (pending.length > 0) alignPending(x, ends, decided, pending, diagnostics);
  if (setPeers) {
    spreadOverSet(x, ends, decided, start, mem, resolved);
    swapAcrossSet(x, ends, decided);
  }
  const dropped = setPeers ? oneSenderPerReceive(x, ends, decided) : new Uint8Array(decided.count);
  const list = edgeListOf(x, ends, name, decided.pairs, decided.group, decided.count, dropped, decided.evidence);
  return {
    list,
    get edges() {
      return list.specs();
    },
    role: resolved,
  };
}
