/**
 * The requests of a retry search grouped into units, one per request key:
 * the idempotency key where the request (or, for a receive, its matched send)
 * carries one, else the message key's group (the answer receipts unmarked
 * on the way, retryRequests.ts). Three passes over the requests,
 * each a function of its own (compiled mid-loop, a function lost its code at
 * its next loop): each request's unit, per unit its sends and receives
 * counted with whether one says it is a repeat, then the units that may be
 * retries gathered in the order of their first request. A unit's key text is
 * made only for a unit reported.
 */
import type { MessageEnds } from '../correlate/messageEnds';
import type { Execution } from '../model/execution';
import { isAnswerReceipt } from './retryRequests';

/** The requests under one key. */
export interface RetryUnit {
  /** Its group, or G + the index of its idempotency key (unitKeys); its text is made only for a unit reported. */
  key: number;
  sends: number[];
  recvs: number[];
}

/**
 * The requests grouped by key (the message key's group, or G + a dense index of the
 * idempotency key), keeping only units with two requests of a kind or one that says it
 * is a repeat (`sendFlagged`, `receiveFlagged`): those can be retries. Units in the order
 * of their first request. Requests received stay marked 2 in `request` (the deliveries); the
 * client's receipts of answers are unmarked on the first pass (retryRequests.ts).
 */
export function unitsOf(
  x: Execution,
  ends: MessageEnds,
  idem: Int32Array | null,
  sendOf: Int32Array,
  request: Uint8Array,
  requests: Int32Array,
  requestCount: number,
  sendFlagged: (e: number) => boolean,
  /** null: no receive says it is a repeat. */
  receiveFlagged: ((e: number) => boolean) | null,
): { units: RetryUnit[]; keyText: (k: number) => string } {
  // Each pass in a function of its own: compiled mid-loop, a function lost its code at the next loop.
  const { unitOf, idemIndex } = unitKeys(ends, idem, sendOf, request, requests, requestCount);
  const U = ends.groupCount + idemIndex.size;
  const sends = new Uint32Array(U);
  const recvs = new Uint32Array(U);
  const flagged = new Uint8Array(U);
  countUnits(unitOf, request, requests, requestCount, sendFlagged, receiveFlagged, sends, recvs, flagged);
  // flagged[k] becomes "may be a retry": one byte per unit read per request below, not three arrays.
  for (let k = 0; k < U; k++) if (sends[k]! >= 2 || recvs[k]! >= 2) flagged[k] = 1;
  const idemText = new Map<number, number>();
  for (const [v, i] of idemIndex) idemText.set(i, v);
  const keyText = (k: number) => (k >= ends.groupCount ? `idempotency key ${x.strings.get(idemText.get(k - ends.groupCount)!)}` : ends.keyOf(k));
  const units = gatherUnits(unitOf, requests, requestCount, flagged, request);
  return { units, keyText };
}

/**
 * Per request (index into `requests`), its unit (-1 for none): its group, or G + a dense index of its
 * idempotency key. Unmarks the answer receipts (retryRequests.ts) as it goes.
 */
function unitKeys(
  ends: MessageEnds,
  idem: Int32Array | null,
  sendOf: Int32Array,
  request: Uint8Array,
  requests: Int32Array,
  requestCount: number,
): { unitOf: Int32Array; idemIndex: Map<number, number> } {
  const G = ends.groupCount;
  const { group } = ends;
  const idemIndex = new Map<number, number>();
  const unitOf = new Int32Array(requestCount).fill(-1);
  for (let j = 0; j < requestCount; j++) {
    const e = requests[j]!;
    if (isAnswerReceipt(request, sendOf, e)) request[e] = 0;
    if (!request[e]) continue;
    if (idem === null) {
      unitOf[j] = group[e]!;
      continue;
    }
    const keyEvent = request[e] === 2 && idem[e]! < 0 && sendOf[e]! >= 0 ? sendOf[e]! : e;
    const v = idem[keyEvent]!;
    if (v < 0) unitOf[j] = group[e]!;
    else {
      let i = idemIndex.get(v);
      if (i === undefined) idemIndex.set(v, (i = idemIndex.size));
      unitOf[j] = G + i;
    }
  }
  return { unitOf, idemIndex };
}

/** Per unit, its sends and receives counted, and whether one of them says it is a repeat. */
function countUnits(
  unitOf: Int32Array,
  request: Uint8Array,
  requests: Int32Array,
  requestCount: number,
  sendFlagged: (e: number) => boolean,
  receiveFlagged: ((e: number) => boolean) | null,
  sends: Uint32Array,
  recvs: Uint32Array,
  flagged: Uint8Array,
): void {
  for (let j = 0; j < requestCount; j++) {
    const e = requests[j]!;
    const u = unitOf[j]!;
    if (u < 0) continue;
    if (request[e] === 1) {
      sends[u]!++;
      if (sendFlagged(e)) flagged[u] = 1;
    } else {
      recvs[u]!++;
      if (receiveFlagged !== null && receiveFlagged(e)) flagged[u] = 1;
    }
  }
}

/** The units that can be retries, in the order of their first request (as a Map in insertion order would list them). */
function gatherUnits(
  unitOf: Int32Array,
  requests: Int32Array,
  requestCount: number,
  /** Per unit, 1 when it may be a retry: two requests of a kind, or one that says it is a repeat. */
  mayRetry: Uint8Array,
  request: Uint8Array,
): RetryUnit[] {
  const units: RetryUnit[] = [];
  const unitAt = new Int32Array(mayRetry.length).fill(-1);
  for (let j = 0; j < requestCount; j++) {
    const k = unitOf[j]!;
    if (k < 0 || mayRetry[k] !== 1) continue;
    let u = unitAt[k]! >= 0 ? units[unitAt[k]!]! : undefined;
    if (!u) {
      unitAt[k] = units.length;
      units.push((u = { key: k, sends: [], recvs: [] }));
    }
    const e = requests[j]!;
    (request[e] === 1 ? u.sends : u.recvs).push(e);
  }
  return units;
}
