/**
 * Pairs message endpoints into send → receive edges, whoever found them
 * (the message-id conventions, a user rule's key). Input is columnar: per
 * event a key group (-1: no endpoint), a role, the process named by to /
 * from / peer, and an attempt; nothing here knows field names.
 *
 * A counting sort lists each group's events in canonical order, i.e. by
 * process and, within one, program order. Within a group, a reply is a
 * receive on a process that sent earlier in its own program order (the
 * client) and a send anywhere else (the server). Pairing is then per channel:
 * for sender process A and receiver process B ≠ A, the sends of A that may go
 * to B (no `to`, or `to` = B; a send's peer stands in for `to`) pair with the
 * receives of B that may come from A (no `from`, or `from` = A; a receive's
 * peer stands in for `from`) — by equal attempt when every one of them has
 * it, else the i-th with the i-th, so retries pair in program order. As
 * channels are independent, one send received on several processes is a
 * multicast (an edge to each) and a receive matched by distinct senders joins
 * them. An edge whose reverse channel in the same group also has one (the
 * answer came back) is a request-response pair; the caller names both kinds.
 *
 * Only program order and names decide: timestamps of different hosts are
 * never compared, since their skew is what is being analyzed.
 */
import type { DiagnosticSink } from '../model/diagnostic';
import type { Execution } from '../model/execution';
import { MessageRole } from './messageConventions';
import type { EdgeSpec } from './withEdges';

/** Message endpoints of one execution, one entry per event. */
export interface Endpoints {
  /** The event's key group, 0 .. groupCount-1, or -1 when it is no endpoint. */
  group: Int32Array;
  groupCount: number;
  /** A MessageRole; None takes no part in pairing. */
  role: Uint8Array;
  /** Peer references (peerProcess.ts) named by to / from / peer; -1 for none (or a name that is no process). */
  toProc: Int32Array;
  fromProc: Int32Array;
  peerProc: Int32Array;
  /** Any number equal on both sides of one try (e.g. an interned value); -1 when absent. */
  attempt: Int32Array;
  /** The key text of a group, shown on its edges and in messages. */
  keyOf(group: number): string;
  /** Whether process p is (one of) the peer(s) a to / from / peer reference stands for (PeerResolver.accepts). */
  accepts(ref: number, p: number): boolean;
}

/** The rule an edge is recorded with; requestResponse when its reverse channel also has an edge. */
export type EdgeNaming = (requestResponse: boolean) => string;

/** Beyond this many sender × receiver process pairs a group is no message. */
const MAX_CHANNELS = 1_000_000;

/** Edges sorted by (from, to). */
export function pairEndpoints(x: Execution, ends: Endpoints, name: EdgeNaming, diagnostics: DiagnosticSink): EdgeSpec[] {
  const n = x.eventCount;
  const { group, role, toProc, fromProc, peerProc, attempt } = ends;
  const G = ends.groupCount;
  const edges: EdgeSpec[] = [];

  // Counting sort of endpoints by group; e ascending keeps canonical order inside.
  const start = new Uint32Array(G + 1);
  for (let e = 0; e < n; e++) if (group[e]! >= 0) start[group[e]! + 1]!++;
  for (let g = 0; g < G; g++) start[g + 1]! += start[g]!;
  const members = new Uint32Array(start[G]!);
  const cursor = start.slice(0, G);
  for (let e = 0; e < n; e++) if (group[e]! >= 0) members[cursor[group[e]!]!++] = e;

  const P = x.processNames.length;
  const sends: number[] = [];
  const sendTo: number[] = [];
  const recvs: number[] = [];
  const recvFrom: number[] = [];
  const pairs: number[] = [];
  const channels = new Set<number>();
  for (let g = 0; g < G; g++) {
    const a = start[g]!;
    const b = start[g + 1]!;
    if (b - a < 2 || x.eventProc[members[a]!] === x.eventProc[members[b - 1]!]) continue;
    sends.length = sendTo.length = recvs.length = recvFrom.length = pairs.length = 0;
    let proc = -1;
    let sentHere = false;
    for (let i = a; i < b; i++) {
      const e = members[i]!;
      if (x.eventProc[e] !== proc) {
        proc = x.eventProc[e]!;
        sentHere = false;
      }
      let r = role[e]!;
      if (r === MessageRole.Reply) r = sentHere ? MessageRole.Receive : MessageRole.Send;
      else if (r === MessageRole.Send) sentHere = true;
      if (r === MessageRole.Send) {
        sends.push(e);
        sendTo.push(toProc[e]! >= 0 ? toProc[e]! : peerProc[e]!);
      } else if (r === MessageRole.Receive) {
        recvs.push(e);
        recvFrom.push(fromProc[e]! >= 0 ? fromProc[e]! : peerProc[e]!);
      }
    }
    if (sends.length === 0 || recvs.length === 0) continue;
    const sendRuns = runsByProcess(x, sends);
    const recvRuns = runsByProcess(x, recvs);
    if ((sendRuns.length / 2) * (recvRuns.length / 2) > MAX_CHANNELS) {
      const e = members[a]!;
      diagnostics.add(
        x.inputs[x.eventInput[e]!]!,
        x.eventLine[e]!,
        'warning',
        `${ends.keyOf(g)} is on ${b - a} events across too many processes to be one message; not used for edges`,
      );
      continue;
    }
    for (let s = 0; s < sendRuns.length; s += 2) {
      const A = x.eventProc[sends[sendRuns[s]!]!]!;
      for (let t = 0; t < recvRuns.length; t += 2) {
        const B = x.eventProc[recvs[recvRuns[t]!]!]!;
        if (A === B) continue;
        const before = pairs.length;
        pairChannel(sendRuns[s]!, sendRuns[s + 1]!, recvRuns[t]!, recvRuns[t + 1]!, A, B);
        if (pairs.length > before) channels.add(A * P + B);
      }
    }
    if (pairs.length === 0) continue;
    const key = ends.keyOf(g);
    for (let k = 0; k < pairs.length; k += 2) {
      const from = pairs[k]!;
      const to = pairs[k + 1]!;
      const back = channels.has(x.eventProc[to]! * P + x.eventProc[from]!);
      edges.push({ from, to, rule: name(back), key });
    }
    channels.clear();
  }
  edges.sort((p, q) => p.from - q.from || p.to - q.to);
  return edges;

  /** Pairs sends[s0..s1) of A with recvs[r0..r1) of B into `pairs`. */
  function pairChannel(s0: number, s1: number, r0: number, r1: number, A: number, B: number): void {
    const out: number[] = [];
    const inn: number[] = [];
    let attempts = true;
    for (let i = s0; i < s1; i++) {
      if (!ends.accepts(sendTo[i]!, B)) continue;
      out.push(sends[i]!);
      if (attempt[sends[i]!]! < 0) attempts = false;
    }
    for (let i = r0; i < r1; i++) {
      if (!ends.accepts(recvFrom[i]!, A)) continue;
      inn.push(recvs[i]!);
      if (attempt[recvs[i]!]! < 0) attempts = false;
    }
    if (!attempts) {
      for (let i = 0; i < Math.min(out.length, inn.length); i++) pairs.push(out[i]!, inn[i]!);
      return;
    }
    // The k-th receive of attempt n pairs with the k-th send of attempt n.
    const used = new Uint8Array(out.length);
    for (const r of inn) {
      for (let i = 0; i < out.length; i++) {
        if (used[i] || attempt[out[i]!] !== attempt[r]) continue;
        used[i] = 1;
        pairs.push(out[i]!, r);
        break;
      }
    }
  }
}

/** [start, end) index pairs of the runs of equal process in a canonical-order list. */
function runsByProcess(x: Execution, events: number[]): number[] {
  const runs: number[] = [];
  for (let i = 0; i < events.length; ) {
    const p = x.eventProc[events[i]!];
    let j = i + 1;
    while (j < events.length && x.eventProc[events[j]!] === p) j++;
    runs.push(i, j);
    i = j;
  }
  return runs;
}
