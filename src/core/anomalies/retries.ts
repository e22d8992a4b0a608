/**
 * non-idempotent-retry / idempotent-retry: one request key seen again,
 * wherever the log shows it, and what became of it.
 *
 * Roles come from the matcher (MessageEnds): fields, wording, spans or
 * rules alike. A request is a send or receive that is not an answer: not
 * called a reply, not a send back to the process the request came from, not
 * the client's receive of its answer. Requests are grouped by their request
 * key: the idempotency key when the event (or, for a receive, its matched
 * send) carries one, else the message key. A key is a retry when
 * - `client`: one process sent it twice or more, or sent it with
 *   `attempt` > 1, or after a timeout, retry or backoff line about the key;
 * - `broker`: one send was delivered twice (a delivery counter above 1 or a
 *   redelivered flag, or deliveries to two members of the consumer group or
 *   service the send named, or to two processes whose receives name one
 *   consumer group (a group gets each message once, so the second is the
 *   broker's repeat, while consumers in different groups are a fan-out), or
 *   to two instances of one service (`worker-1` and `worker-2`, `api` and
 *   `api@h2`) where no group field says they consume apart; or two
 *   deliveries to one process);
 * - `server`: one process received it twice or more from one sender (or
 *   from a sender not in the logs), though no sender's log shows a repeat.
 * The first that applies is the detail's `source`. The operation
 * (idempotency.ts) decides the kind; a retry of an operation nothing
 * classifies is not reported.
 *
 * Outcome (retryOutcome.ts): `deduplicated` when an event under the key, or
 * in a later delivery's handler, says the repeat was recognized;
 * `executed-twice` when two or more deliveries were each followed by the
 * operation's work; else `unknown`. Carrying an idempotency key is not proof
 * that the server used it, and a delivery is not proof that it was executed.
 *
 * The steps, a module each: requests marked in one pass in program order
 * (retryRequests.ts), grouped into units by key (retryUnits.ts), each
 * unit's source (retrySource.ts) and operation, its deliveries put in order
 * (deliveryOrder.ts), where a repeat was recognized (retryEvidence.ts), and
 * the anomaly (retryAnomaly.ts).
 */
import type { MessageEnds } from '../correlate/messageEnds';
import { ATTEMPT_FIELD } from '../correlate/messageConventions';
import type { Execution } from '../model/execution';
import type { Anomaly } from './anomaly';
import { inDeliveryOrder } from './deliveryOrder';
import { fieldColumnIfAny } from './fieldColumn';
import type { Operations } from './idempotency';
import { reportRetry } from './retryAnomaly';
import { recognizedRepeats } from './retryEvidence';
import { DELIVERY_COUNT_FIELDS, IDEMPOTENCY_KEY_FIELDS, REDELIVERED_FIELDS } from './retryFields';
import { messageLinks, type MessageLinks } from './messageLinks';
import { RetryOutcomes } from './retryOutcome';
import { markRequests } from './retryRequests';
import { RetrySources, type RetrySource } from './retrySource';
import { type ReadAhead, retryTextsAhead } from './retryTexts';
import { type RetryUnit, unitsOf } from './retryUnits';

export { CONSUMER_GROUP_FIELDS, IDEMPOTENCY_KEY_FIELDS } from './retryFields';

/** `links`: the messages indexed from both ends (findAnomalies makes them once for the detectors that read them). */
export function findRetries(x: Execution, ends: MessageEnds, ops: Operations, links: MessageLinks = messageLinks(x)): Anomaly[] {
  return startRetries(x, ends, ops, links).finish();
}

/**
 * A retry search in two parts: `startRetries` finds the units that may be retries (no text read
 * but the retry lines'), `finish` reads their texts and reports them. In between, the pass over
 * every text (textSearches.ts) gives each chunk to `readAhead`, which remembers what the texts
 * `finish` can ask for say (retryTexts.ts): texts read back from files are then not read one by one.
 */
export interface RetrySearch {
  /** null: nothing to read ahead (texts in the heap, or few asked for). */
  readAhead: ReadAhead | null;
  finish(): Anomaly[];
}

export function startRetries(x: Execution, ends: MessageEnds, ops: Operations, links: MessageLinks = messageLinks(x)): RetrySearch {
  // null: no event carries any of the names (most logs carry no idempotency key, redelivery flag or count).
  const idem = fieldColumnIfAny(x, IDEMPOTENCY_KEY_FIELDS);
  const attemptCol = fieldColumnIfAny(x, [ATTEMPT_FIELD]);
  const redelivered = fieldColumnIfAny(x, REDELIVERED_FIELDS);
  const deliveryCount = fieldColumnIfAny(x, DELIVERY_COUNT_FIELDS);
  /** The numbers the values (string ids) of a column read as, read once per value. */
  const numbers = new Map<number, number>();
  const numberOf = (col: Int32Array | null, e: number) => {
    const v = col === null ? -1 : col[e]!;
    if (v < 0) return NaN;
    let k = numbers.get(v);
    if (k === undefined) numbers.set(v, (k = Number(x.strings.get(v))));
    return k;
  };
  const isRedelivered = (e: number) => {
    const v = redelivered === null ? -1 : redelivered[e]!;
    return (v >= 0 && /^(true|1|yes)$/i.test(x.strings.get(v).trim())) || numberOf(deliveryCount, e) > 1;
  };
  const { outStart, sendOf } = links;

  const { request, requests, requestCount, afterRetryLine } = markRequests(x, ends, sendOf);
  const receiveFlagged = redelivered === null && deliveryCount === null ? null : isRedelivered;
  const { units, keyText } = unitsOf(x, ends, idem, sendOf, request, requests, requestCount, (e) =>
    numberOf(attemptCol, e) > 1 || afterRetryLine[e] === 1 || outStart[e + 1]! - outStart[e]! >= 2, receiveFlagged);
  // A delivery is a request received: request 2, once unitsOf has unmarked the answer receipts.
  const outcomes = new RetryOutcomes(x, ends, request, IDEMPOTENCY_KEY_FIELDS, links);
  const sources = new RetrySources(x, ends, sendOf, links, afterRetryLine, (e) => numberOf(attemptCol, e) > 1, receiveFlagged);

  const sourced: { u: RetryUnit; source: RetrySource }[] = [];
  for (const u of units) {
    const source = sources.of(u);
    if (source) sourced.push({ u, source });
  }
  const readAhead = retryTextsAhead(x, ends, idem, request, sourced.map((s) => s.u), ops, outcomes);
  return { readAhead, finish: () => finishRetries(x, ends, ops, idem, sendOf, sourced, outcomes, keyText) };
}

function finishRetries(
  x: Execution,
  ends: MessageEnds,
  ops: Operations,
  idem: Int32Array | null,
  sendOf: Int32Array,
  sourced: readonly { u: RetryUnit; source: RetrySource }[],
  outcomes: RetryOutcomes,
  keyText: (k: number) => string,
): Anomaly[] {
  const found: { u: RetryUnit; source: RetrySource; op: string; idempotent: boolean }[] = [];
  for (const { u, source } of sourced) {
    let op: string | null = null;
    for (const e of u.sends) if ((op = ops.of(e)) !== null) break;
    if (op === null) for (const e of u.recvs) if ((op = ops.of(e)) !== null) break;
    const idempotent = op === null ? null : ops.idempotent(op);
    if (op === null || idempotent === null) continue;
    u.recvs = inDeliveryOrder(x, sendOf, u);
    found.push({ u, source, op, idempotent });
  }
  if (found.length === 0) return [];
  const evidence = recognizedRepeats(x.eventCount, ends.groupCount, idem, ends.group, found, outcomes);
  return found.map(({ u, source, op, idempotent }, i) => reportRetry(x, u, source, op, idempotent, evidence[i]!, sendOf, outcomes, keyText));
}
