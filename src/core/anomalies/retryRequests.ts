/**
 * The requests of a retry search, marked in one pass over every event in
 * program order (processes are contiguous and in order, so event order is
 * each process's own order). A send is a request unless it is called a reply
 * or answers the request its process was the last to receive under the key
 * (it goes back to that request's sender, or names no peer when the sender is
 * not in the logs); a receive is a request unless it is called a reply or
 * its process was the last to send a request under the key; a receive whose
 * matched send is no request is then dropped (the client's receipt of its
 * answer). A send after its process logged a timeout, retry or backoff line
 * about the key is marked as one.
 *
 * The passes over every event live in functions of their own: each is compiled
 * (on-stack, mid-loop) as a small function, and a deoptimization in one of them
 * does not send the whole detector back to the interpreter.
 */
import type { MessageEnds } from '../correlate/messageEnds';
import { MessageRole } from '../correlate/messageConventions';
import { type Execution, textOf } from '../model/execution';

const RETRY_TEXT = /\b(?:timed? ?out|timeout|retry(?:ing)?|retried|retries|backoff|backing off|re-?sending|resend)\b/i;

export interface Requests {
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
export function markRequests(x: Execution, ends: MessageEnds, sendOf: Int32Array): Requests {
  const n = x.eventCount;
  const request = new Uint8Array(n);
  const requests = new Int32Array(n);
  const afterRetryLine = new Uint8Array(n);
  const requestCount = markInProgramOrder(x, ends, sendOf, request, requests, afterRetryLine);
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
 * A receive whose matched send is an answer is the client's receipt of that answer: not a
 * request after all. Unmarked (request 0) by the first pass over the requests after this one
 * (retryUnits.ts unitKeys), not a pass of its own: only receives are unmarked, and what decides
 * is whether the send is marked 1, so the order does not matter.
 */
export function isAnswerReceipt(request: Uint8Array, sendOf: Int32Array, e: number): boolean {
  return request[e] === 2 && sendOf[e]! >= 0 && request[sendOf[e]!] !== 1;
}
