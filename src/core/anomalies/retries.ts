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
 */
import { serviceOf } from '../correlate/correlationProposals';
import type { MessageEnds } from '../correlate/messageEnds';
import { ATTEMPT_FIELD, MessageRole } from '../correlate/messageConventions';
import { diffMs } from '../model/eventTime';
import { eventId, type Execution, hasTime, textOf } from '../model/execution';
import type { Anomaly, AnomalySeverity } from './anomaly';
import { fieldColumnIfAny } from './fieldColumn';
import type { Operations } from './idempotency';
import { LazyAnomaly } from './lazyAnomaly';
import { outEdges, RetryOutcomes } from './retryOutcome';

export const IDEMPOTENCY_KEY_FIELDS = ['idempotency_key', 'idempotency-key', 'Idempotency-Key', 'idempotencyKey'] as const;
const REDELIVERED_FIELDS = ['redelivered', 'redelivery', 'JMSRedelivered', 'is_redelivery'] as const;
const DELIVERY_COUNT_FIELDS = ['delivery_count', 'deliveryCount', 'delivery_attempt', 'x-delivery-count', 'redelivery_count', 'deliveries'] as const;
/** Fields naming the consumer group a receive was delivered in (Kafka's group.id and kin). */
export const CONSUMER_GROUP_FIELDS = ['group', 'group_id', 'groupId', 'group.id', 'consumer_group', 'consumerGroup', 'consumer-group'] as const;
const RETRY_TEXT = /\b(?:timed? ?out|timeout|retry(?:ing)?|retried|retries|backoff|backing off|re-?sending|resend)\b/i;

type Outcome = 'executed-twice' | 'deduplicated' | 'unknown';
type Source = 'client' | 'broker' | 'server';

interface Unit {
  /** Its group, or G + the index of its idempotency key (unitKeys); its text is made only for a unit reported. */
  key: number;
  sends: number[];
  recvs: number[];
}

export function findRetries(x: Execution, ends: MessageEnds, ops: Operations): Anomaly[] {
  const n = x.eventCount;
  const G = ends.groupCount;
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
  const { group } = ends;
  const { eventProc } = x;
  const edges = outEdges(x);
  const { outStart, outTo } = edges;
  const groupKeys = new Set(CONSUMER_GROUP_FIELDS.map((f) => x.strings.find(f)).filter((id) => id >= 0));
  // For the deliveries of one send at a time (sourceOf), marked with that send's stamp: the processes
  // delivered to, and per service (numbered, serviceOf read once per process) the consumer group of
  // its last delivery. Arrays made once, not a Set and a Map per send.
  const P = x.processNames.length;
  const procMark = new Int32Array(P).fill(-1);
  const serviceOfProc = new Int32Array(P).fill(-1);
  const serviceIds = new Map<string, number>();
  const serviceMark = new Int32Array(P).fill(-1);
  const serviceGroup = new Int32Array(P);
  let stamp = 0;
  /** The consumer group e's fields name (string id), or -1; read only for sends delivered twice. */
  const consumerGroupOf = (e: number) => {
    if (groupKeys.size === 0) return -1;
    for (let i = x.fieldStart[e]!; i < x.fieldStart[e + 1]!; i++) if (groupKeys.has(x.fieldKey[i]!)) return x.fieldValue[i]!;
    return -1;
  };
  const sendOf = new Int32Array(n).fill(-1);
  for (let k = x.edgeCount - 1, { edgeFrom, edgeTo } = x; k >= 0; k--) sendOf[edgeTo[k]!] = edgeFrom[k]!;

  const { request, requests, requestCount, afterRetryLine } = markRequests(x, ends, sendOf);
  const { units, delivery, keyText } = unitsOf(x, ends, idem, sendOf, request, requests, requestCount, (e) =>
    numberOf(attemptCol, e) > 1 || afterRetryLine[e] === 1 || outStart[e + 1]! - outStart[e]! >= 2, redelivered === null && deliveryCount === null ? null : isRedelivered);
  const outcomes = new RetryOutcomes(x, ends, delivery, IDEMPOTENCY_KEY_FIELDS, edges);

  const found: { u: Unit; source: Source; op: string; idempotent: boolean }[] = [];
  for (const u of units) {
    const source = sourceOf(u);
    if (!source) continue;
    let op: string | null = null;
    for (const e of u.sends) if ((op = ops.of(e)) !== null) break;
    if (op === null) for (const e of u.recvs) if ((op = ops.of(e)) !== null) break;
    const idempotent = op === null ? null : ops.idempotent(op);
    if (op === null || idempotent === null) continue;
    u.recvs = inDeliveryOrder(u);
    found.push({ u, source, op, idempotent });
  }
  if (found.length === 0) return [];

  // Recognized repeats: first in the handlers of the later deliveries, in delivery order
  // (the first repeat recognized, however the lanes are named), then one pass over the
  // events under any reported key.
  const evidence = new Int32Array(found.length).fill(-1);
  found.forEach(({ u }, i) => {
    for (let j = 1; j < u.recvs.length && evidence[i]! < 0; j++) evidence[i] = outcomes.dedupInHandler(u.recvs[j]!);
  });
  const byGroup = new Int32Array(G).fill(-1);
  /** 1 for a group some reported unit holds: most events' groups are not, and this is read for every event. */
  const reported = new Uint8Array(G);
  const byIdem = new Map<number, number>();
  const isAttempt = new Int32Array(n).fill(-1);
  found.forEach(({ u }, i) => {
    for (let k = 0, m = u.sends.length + u.recvs.length; k < m; k++) {
      const e = k < u.sends.length ? u.sends[k]! : u.recvs[k - u.sends.length]!;
      if (group[e]! >= 0 && byGroup[group[e]!]! < 0) {
        byGroup[group[e]!] = i;
        reported[group[e]!] = 1;
      }
      if (idem !== null && idem[e]! >= 0 && !byIdem.has(idem[e]!)) byIdem.set(idem[e]!, i);
    }
    for (const e of u.sends) isAttempt[e] = i;
  });
  if (evidence.includes(-1)) recognizedUnderKeys(n, idem, group, byIdem, byGroup, reported, isAttempt, evidence, outcomes);
  return found.map(({ u, source, op, idempotent }, i) => report(u, source, op, idempotent, evidence[i]!));

  function sourceOf(u: Unit): Source | null {
    const { sends } = u;
    for (let i = 0; i < sends.length; i++) {
      const s = sends[i]!;
      // Sends are ascending and a process's events contiguous: a process's second send follows its first.
      if ((i > 0 && eventProc[sends[i - 1]!] === eventProc[s]) || numberOf(attemptCol, s) > 1 || afterRetryLine[s]) return 'client';
    }
    if (redelivered !== null || deliveryCount !== null) for (const r of u.recvs) if (isRedelivered(r)) return 'broker';
    for (const s of u.sends) {
      if (outStart[s + 1]! - outStart[s]! < 2) continue;
      const group = ends.peerMembers(s);
      const mark = stamp++;
      /** The processes delivered to, in delivery order. */
      const procs: number[] = [];
      let groups: Set<number> | null = null;
      for (let i = outStart[s]!; i < outStart[s + 1]!; i++) {
        const r = outTo[i]!;
        const p = x.eventProc[r]!;
        if (procMark[p] === mark) return 'broker';
        procMark[p] = mark;
        procs.push(p);
        const cg = consumerGroupOf(r);
        if (cg >= 0 && groups !== null && groups.has(cg)) return 'broker';
        if (cg >= 0) (groups ??= new Set()).add(cg);
        let v = serviceOfProc[p]!;
        if (v < 0) {
          const name = serviceOf(x.processNames[p]!).service;
          v = serviceIds.get(name) ?? serviceIds.size;
          serviceIds.set(name, v);
          serviceOfProc[p] = v;
        }
        // The consumer group of the service's last delivery before this one (-1 for none).
        if (serviceMark[v] === mark) {
          const before = serviceGroup[v]!;
          if (before < 0 || cg < 0 || before === cg) return 'broker';
        }
        serviceMark[v] = mark;
        serviceGroup[v] = cg;
      }
      let inGroup = 0;
      if (group.length > 1) for (const p of procs) if (group.includes(p)) inGroup++;
      if (inGroup >= 2) return 'broker';
    }
    const perSender = new Map<number, number>();
    for (const r of u.recvs) {
      const s = sendOf[r]!;
      const k = eventProc[r]! * (P + 1) + (s >= 0 ? eventProc[s]! + 1 : 0); // (receiver, sender or none)
      const c = (perSender.get(k) ?? 0) + 1;
      perSender.set(k, c);
      if (c >= 2) return 'server';
    }
    return null;
  }

  /**
   * The deliveries by the attempt they answer (the client's order), then by stamp, then
   * canonically: the order they happened in, whatever the lanes are called (an instance's
   * name decides the canonical order, and `worker-2` may be `worker` in another log shape).
   * Stamps of different hosts only order the list; they decide nothing.
   */
  function inDeliveryOrder(u: Unit): number[] {
    if (u.recvs.length < 2) return u.recvs.slice();
    // A request is one event: each send is in u.sends once.
    const rankOf = (r: number) => {
      const i = sendOf[r]! >= 0 ? u.sends.indexOf(sendOf[r]!) : -1;
      return i < 0 ? u.sends.length : i;
    };
    const before = (a: number, b: number) => {
      const d = rankOf(a) - rankOf(b);
      if (d !== 0) return d;
      const ta = hasTime(x, a);
      const tb = hasTime(x, b);
      if (ta && tb) {
        const t = diffMs(x.timeMs[a]!, x.timeNs[a]!, x.timeMs[b]!, x.timeNs[b]!);
        if (t !== 0) return t;
      } else if (ta !== tb) return ta ? -1 : 1;
      return a - b;
    };
    // A total order (events differ), so any sort gives the one answer: a few deliveries are put in
    // place one by one (Array.prototype.sort made a work copy and state for each of thousands of keys).
    const out = u.recvs.slice();
    if (out.length > 16) return out.sort(before);
    for (let i = 1; i < out.length; i++) {
      const r = out[i]!;
      let j = i - 1;
      for (; j >= 0 && before(out[j]!, r) > 0; j--) out[j + 1] = out[j]!;
      out[j + 1] = r;
    }
    return out;
  }

  function report(u: Unit, source: Source, op: string, idempotent: boolean, ev: number): Anomaly {
    const deliveries = u.recvs;
    const requesterOf = (r: number) => (sendOf[r]! >= 0 ? x.eventProc[sendOf[r]!]! : -1);
    const work: number[] = [];
    for (const r of deliveries) {
      const w = outcomes.workOf(r, requesterOf(r));
      if (w >= 0) work.push(w);
    }
    const outcome: Outcome = ev >= 0 ? 'deduplicated' : work.length >= 2 ? 'executed-twice' : 'unknown';
    const severity: AnomalySeverity = idempotent ? 'info' : outcome === 'executed-twice' ? 'critical' : outcome === 'unknown' ? 'warning' : 'info';
    /** The processes' names, each once, in order of first appearance. */
    const names = (es: number[]) => {
      if (es.length > 32) return [...new Set(es.map((e) => x.processNames[x.eventProc[e]!]!))];
      const out: string[] = [];
      for (const e of es) {
        const name = x.processNames[x.eventProc[e]!]!;
        if (!out.includes(name)) out.push(name);
      }
      return out;
    };
    const clients = names(u.sends);
    const servers = names(deliveries);
    const client = clients.length ? clients.join(' and ') : null;
    const detail: RetryDetail = {
      operation: op,
      idempotent,
      key: keyText(u.key),
      outcome,
      source,
      attempts: u.sends.length,
      deliveries: deliveries.length,
      client,
      servers,
      evidence: ev >= 0 ? eventId(x, ev) : null,
      work: work.map((e) => eventId(x, e)),
    };
    return retryAnomaly(x, severity, [...u.sends, ...deliveries, ...(ev >= 0 ? [ev] : [])], detail, ev);
  }
}

/** A retry's detail, which its summary is written from. */
type RetryDetail = {
  operation: string;
  idempotent: boolean;
  key: string;
  outcome: Outcome;
  source: Source;
  attempts: number;
  deliveries: number;
  client: string | null;
  servers: string[];
  evidence: string | null;
  work: string[];
};

/** Top-level, so the summary's closure holds the detail and the execution, not the detector's per-event arrays. */
function retryAnomaly(x: Execution, severity: AnomalySeverity, events: number[], detail: RetryDetail, ev: number): Anomaly {
  return new LazyAnomaly(detail.idempotent ? 'idempotent-retry' : 'non-idempotent-retry', severity, events, detail, () => retrySummary(x, detail, ev));
}

/** `ev`: the event that recognized the repeat (-1: none). */
function retrySummary(x: Execution, d: RetryDetail, ev: number): string {
  const { source, operation: op, idempotent, outcome, client, attempts, deliveries } = d;
  const worked = d.work.length;
  const server = d.servers.length ? d.servers.join(' and ') : 'the receiver';
  const what = `${op} ${d.key}`;
  const times = (k: number) => (k === 1 ? 'once' : k === 2 ? 'twice' : `${k} times`);
  let seen: string;
  if (source === 'client') seen = `${client} sent ${what} ${times(attempts)}${attempts === 1 ? ' as a retry' : ''}`;
  else if (source === 'broker') seen = `${what}${client ? `, sent once by ${client},` : ''} was delivered ${times(deliveries)} (to ${server})`;
  else seen = `${server} received ${what} ${times(deliveries)}${client ? ` though ${client} logged ${times(attempts)} sending it` : ''}`;
  if (source === 'client') seen += deliveries ? ` and ${server} received it ${times(deliveries)}` : `, and no receive of it is in the logs`;
  if (outcome === 'deduplicated') {
    const t = textOf(x, ev);
    const evText = t.length > 60 ? `${t.slice(0, 57)}…` : t;
    return `${seen}; ${x.processNames[x.eventProc[ev]!]} recognized the repeat ("${evText}"), so it ran once`;
  }
  if (outcome === 'executed-twice') {
    return idempotent
      ? `${seen} and did the work ${times(worked)}; ${op} is idempotent, so repeating it is safe`
      : `${seen} and did the work ${times(worked)} with no sign of deduplication: a non-idempotent operation ran ${times(worked)}`;
  }
  if (deliveries >= 2) {
    return idempotent
      ? `${seen}; whether each delivery did the work is not in the logs, and ${op} is idempotent, so repeating it is safe`
      : `${seen}; whether each delivery did the work is not in the logs: it may have run ${times(deliveries)}`;
  }
  return idempotent
    ? `${seen}; the earlier attempt's fate is not in the logs, and ${op} is idempotent, so repeating it is safe`
    : `${seen}; the earlier attempt's fate is not in the logs: it may have run twice`;
}

// The passes over every event or request live in functions of their own: each is compiled
// (on-stack, mid-loop) as a small function, and a deoptimization in one of them does not
// send the whole detector back to the interpreter.

interface Requests {
  /** Per event: 1 a request sent, 2 a request received (a delivery), 0 neither. */
  request: Uint8Array;
  /** The events once marked, ascending (canonical order): the passes after read only these. */
  requests: Int32Array;
  requestCount: number;
  /** Per send: 1 when its process logged a retry line about the key before it. */
  afterRetryLine: Uint8Array;
}

/**
 * Requests, in canonical order. Per group, p + 1 marks what process p did earlier in its
 * own program order (processes are contiguous, so a mark of another process never matches).
 */
function markRequests(x: Execution, ends: MessageEnds, sendOf: Int32Array): Requests {
  const n = x.eventCount;
  const request = new Uint8Array(n);
  const requests = new Int32Array(n);
  const afterRetryLine = new Uint8Array(n);
  const requestCount = markInProgramOrder(x, ends, sendOf, request, requests, afterRetryLine);
  dropAnswerReceipts(request, requests, requestCount, sendOf);
  return { request, requests, requestCount, afterRetryLine };
}

/**
 * One flat loop over the events, not one per process around one per event: compiled while
 * in the first process's events, a nested loop lost its code (and went back to the
 * interpreter) when that process ended, as its outer step had not run yet.
 */
function markInProgramOrder(x: Execution, ends: MessageEnds, sendOf: Int32Array, request: Uint8Array, requests: Int32Array, afterRetryLine: Uint8Array): number {
  const G = ends.groupCount;
  const { group, role, reply, peer } = ends;
  const { eventProc } = x;
  let requestCount = 0;
  // Per group, side by side (one cache line where four arrays cost a miss each: a group's
  // events lie far apart, on several processes): at RECEIVED the mark of the process that last
  // received a request of it, at RECEIVED_SEND that receive's matched send (-1: none; its
  // process is read only where a send of the group follows), at SENT the mark of the process
  // that last sent one, at RETRY_LINE the mark of one that logged a retry line about it.
  const state = new Int32Array(4 * G);
  // Processes' events are contiguous and in process order: event order is the per-process order.
  for (let e = 0, n = x.eventCount; e < n; e++) {
    const g = group[e]!;
    if (g < 0) continue;
    const at = 4 * g;
    const mark = eventProc[e]! + 1;
    const r = role[e]!;
    if (r === MessageRole.None) {
      if (state[at + RETRY_LINE] !== mark && RETRY_TEXT.test(textOf(x, e))) state[at + RETRY_LINE] = mark;
    } else if (r === MessageRole.Send) {
      const rs = state[at + RECEIVED_SEND]!;
      const from = state[at + RECEIVED] === mark ? (rs >= 0 ? eventProc[rs]! : -1) : -2;
      const answer = reply[e] === 1 || (from !== -2 && (from < 0 ? peer[e]! < 0 : ends.accepts(e, from)));
      if (!answer) {
        request[e] = 1;
        requests[requestCount++] = e;
        state[at + SENT] = mark;
        if (state[at + RETRY_LINE] === mark) afterRetryLine[e] = 1;
      }
    } else if (r === MessageRole.Receive && reply[e] !== 1 && state[at + SENT] !== mark) {
      state[at + RECEIVED] = mark;
      state[at + RECEIVED_SEND] = sendOf[e]!;
      request[e] = 2;
      requests[requestCount++] = e;
    }
  }
  return requestCount;
}

const RECEIVED = 0;
const RECEIVED_SEND = 1;
const SENT = 2;
const RETRY_LINE = 3;

/**
 * A receive whose matched send is an answer is the client's receipt of that answer.
 * (A send's mark is never changed here, so the order of this pass does not matter.)
 */
function dropAnswerReceipts(request: Uint8Array, requests: Int32Array, requestCount: number, sendOf: Int32Array): void {
  for (let j = 0; j < requestCount; j++) {
    const e = requests[j]!;
    if (request[e] === 2 && sendOf[e]! >= 0 && request[sendOf[e]!] !== 1) request[e] = 0;
  }
}

/**
 * The requests grouped by key (the message key's group, or G + a dense index of the
 * idempotency key), keeping only units with two requests of a kind or one that says it
 * is a repeat (`sendFlagged`, `receiveFlagged`): those can be retries. Units in the order
 * of their first request; `delivery` marks the requests received.
 */
function unitsOf(
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
): { units: Unit[]; delivery: Uint8Array; keyText: (k: number) => string } {
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
  const delivery = new Uint8Array(x.eventCount);
  const units = gatherUnits(unitOf, request, requests, requestCount, flagged, delivery);
  return { units, delivery, keyText };
}

/** Per request (index into `requests`), its unit (-1 for none): its group, or G + a dense index of its idempotency key. */
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

/** The units that can be retries, in the order of their first request (as a Map in insertion order would list them); marks the deliveries. */
function gatherUnits(
  unitOf: Int32Array,
  request: Uint8Array,
  requests: Int32Array,
  requestCount: number,
  /** Per unit, 1 when it may be a retry: two requests of a kind, or one that says it is a repeat. */
  mayRetry: Uint8Array,
  delivery: Uint8Array,
): Unit[] {
  const units: Unit[] = [];
  const unitAt = new Int32Array(mayRetry.length).fill(-1);
  for (let j = 0; j < requestCount; j++) {
    const e = requests[j]!;
    if (request[e] === 2) delivery[e] = 1;
    const k = unitOf[j]!;
    if (k < 0 || mayRetry[k] !== 1) continue;
    let u = unitAt[k]! >= 0 ? units[unitAt[k]!]! : undefined;
    if (!u) {
      unitAt[k] = units.length;
      units.push((u = { key: k, sends: [], recvs: [] }));
    }
    (request[e] === 1 ? u.sends : u.recvs).push(e);
  }
  return units;
}

/** For each reported key still without evidence: the first event under it, not one of its attempts, that says deduplicated. */
function recognizedUnderKeys(
  n: number,
  idem: Int32Array | null,
  group: Int32Array,
  byIdem: ReadonlyMap<number, number>,
  byGroup: Int32Array,
  reported: Uint8Array,
  isAttempt: Int32Array,
  evidence: Int32Array,
  outcomes: RetryOutcomes,
): void {
  for (let e = 0; e < n; e++) {
    let i = idem !== null && idem[e]! >= 0 ? (byIdem.get(idem[e]!) ?? -1) : -1;
    if (i < 0 && group[e]! >= 0 && reported[group[e]!] === 1) i = byGroup[group[e]!]!;
    if (i < 0 || evidence[i]! >= 0 || isAttempt[e] === i) continue;
    if (outcomes.saysDeduplicated(e)) evidence[i] = e;
  }
}
