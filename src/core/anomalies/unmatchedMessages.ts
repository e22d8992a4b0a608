/**
 * unmatched-send / unmatched-receive: an endpoint the matcher made a send (or
 * a receive) that has no edge out (or in). Roles are the matcher's
 * (MessageEnds), whether read from fields, wording, spans or rules; mentions
 * of a key (commits, acks) are no endpoints. An edge set aside to break a
 * cycle still counts as a match: its other end is logged.
 *
 * A missing other end is evidence of loss only where it would have been
 * logged. So a send is reported as lost (warning) only when a log of its
 * peer is present and covers the send's time: the peer's first and last
 * timed events lie before and after it under every clock offset the
 * matched messages allow between the two domains (pairBounds.ts; raw
 * timestamps of different hosts are never compared). Where no message bounds
 * the two clocks, or an end has no time, the peer's log being present is
 * taken as covering it. The peer is the process, service or group the event
 * names; where it names none, the other processes that log the same key or
 * exchange messages with it. Unmatched receives follow the same rule with
 * their sender.
 *
 * Endpoints whose peer has no log at all, or whose time its log does not
 * cover, cannot be checked: they are summed into one info finding per peer
 * ("no log from billing: 40 sends to it cannot be checked"), not one per
 * message.
 */
import type { MessageEnds } from '../correlate/messageEnds';
import { MessageRole } from '../correlate/messageConventions';
import { pairBounds } from '../correlate/pairBounds';
import { diffMs } from '../model/eventTime';
import { hasTime, type Execution } from '../model/execution';
import type { Anomaly } from './anomaly';
import { LazyAnomaly } from './lazyAnomaly';
import { messageLinks, type MessageLinks } from './messageLinks';
import { formatMs } from './anomalyText';

/** Events listed in one per-peer finding, at most. */
const MAX_LISTED = 200;

interface Unchecked {
  peer: string;
  reason: 'no-log' | 'outside-log';
  sends: number[];
  receives: number[];
}

/** `links`: the messages indexed from both ends (findAnomalies makes them once for the detectors that read them). */
export function findUnmatchedMessages(x: Execution, ends: MessageEnds, links: MessageLinks = messageLinks(x)): Anomaly[] {
  const P = x.processNames.length;
  const { group } = ends;
  // The passes over every edge and event are functions of their own: compiled mid-loop, one
  // function lost its code (back to the interpreter) at each next loop.
  const lost = endsWithout(x.eventCount, ends.role, links);
  if (lost.length === 0) return [];
  const partners = partnersOf(x);
  const { slot, keyProcs } = keyProcessesOf(x, ends, lost);

  const first = new Int32Array(P).fill(-1);
  const last = new Int32Array(P).fill(-1);
  for (let p = 0; p < P; p++) {
    const lo = x.procStart[p]!;
    const hi = x.procStart[p + 1]!;
    let e = lo;
    while (e < hi && !hasTime(x, e)) e++;
    if (e === hi) continue;
    first[p] = e;
    e = hi - 1;
    while (!hasTime(x, e)) e--;
    last[p] = e;
  }
  const bounds = pairBounds(x, []);
  const dt = (a: number, b: number) => diffMs(x.timeMs[a]!, x.timeNs[a]!, x.timeMs[b]!, x.timeNs[b]!);
  /** Whether c's log surely spans e's time. */
  const covers = (c: number, e: number): boolean => {
    if (x.procStart[c + 1]! === x.procStart[c]!) return false;
    if (!hasTime(x, e) || first[c]! < 0) return true;
    const { low, high } = bounds.offsetRange(x.processDomain[x.eventProc[e]!]!, x.processDomain[c]!);
    const before = low === -Infinity || dt(first[c]!, e) < low;
    const after = high === Infinity || dt(last[c]!, e) > high;
    return before && after;
  };

  const out: Anomaly[] = [];
  const unchecked = new Map<string, Unchecked>();
  const note = (peer: string, reason: Unchecked['reason'], e: number, send: boolean) => {
    const k = `${reason}|${peer}`;
    let u = unchecked.get(k);
    if (!u) unchecked.set(k, (u = { peer, reason, sends: [], receives: [] }));
    (send ? u.sends : u.receives).push(e);
  };
  for (const e of lost) {
    const send = ends.role[e] === MessageRole.Send;
    const p = x.eventProc[e]!;
    const written = ends.peerName(e);
    let candidates: readonly number[] = ends.peerMembers(e);
    if (candidates.length === 0 && written === null) {
      const near = new Set<number>([...keyProcs[slot[group[e]! + 1]!]!, ...partners(p)]);
      candidates = [...near].sort((a, b) => a - b);
    }
    candidates = candidates.filter((c) => c !== p);
    const peerText = written ?? (candidates.length === 1 ? x.processNames[candidates[0]!]! : null);
    if (candidates.length === 0) {
      note(written ?? (send ? 'its receivers' : 'its senders'), 'no-log', e, send);
      continue;
    }
    if (!candidates.some((c) => covers(c, e))) {
      note(peerText ?? candidates.map((c) => x.processNames[c]!).join('/'), 'outside-log', e, send);
      continue;
    }
    out.push(lostAnomaly(send, e, x.processNames[p]!, ends.keyOf(ends.group[e]!), peerText, written));
  }
  for (const u of unchecked.values()) out.push(uncheckedFinding(x, u, first, last));
  return out;
}

/** Top-level, so the summary's closure holds these values only, not the detector's arrays. */
function lostAnomaly(send: boolean, e: number, proc: string, key: string, peerText: string | null, written: string | null): Anomaly {
  const who = peerText ?? 'the other side';
  const detail = { process: proc, key, peer: written };
  return send
    ? new LazyAnomaly(
        'unmatched-send',
        'warning',
        [e],
        detail,
        () =>
          `${proc} sent ${key}${peerText ? ` to ${peerText}` : ''} but no receive of it is in the logs, though ${possessiveOf(who)} log covers that time: the message was lost, or ${who} dropped it unlogged`,
      )
    : new LazyAnomaly(
        'unmatched-receive',
        'warning',
        [e],
        detail,
        () =>
          `${proc} received ${key}${peerText ? ` from ${peerText}` : ''} but no send of it is in the logs, though ${possessiveOf(who)} log covers that time: the send was not logged, or came from elsewhere`,
      );
}

/** The sends with no edge out and the receives with no edge in, ascending. */
function endsWithout(n: number, role: Uint8Array, { outStart, sendOf }: MessageLinks): number[] {
  const lost: number[] = [];
  for (let e = 0; e < n; e++) {
    const r = role[e]!;
    if ((r === MessageRole.Send && outStart[e + 1] === outStart[e]) || (r === MessageRole.Receive && sendOf[e]! < 0)) lost.push(e);
  }
  return lost;
}

/**
 * The processes that log each key with an unmatched end: slot[g + 1] indexes keyProcs, -1 for
 * other keys. Events are in canonical order, so each process's events come together and a
 * repeat is the last one listed.
 */
function keyProcessesOf(x: Execution, ends: MessageEnds, lost: readonly number[]): { slot: Int32Array; keyProcs: number[][] } {
  const { group } = ends;
  const { eventProc } = x;
  const slot = new Int32Array(ends.groupCount + 1).fill(-1);
  const keyProcs: number[][] = [];
  for (const e of lost) if (slot[group[e]! + 1]! < 0) slot[group[e]! + 1] = keyProcs.push([]) - 1;
  for (let e = 0, n = x.eventCount; e < n; e++) {
    const k = slot[group[e]! + 1]!;
    if (k < 0) continue;
    const procs = keyProcs[k]!;
    const p = eventProc[e]!;
    if (procs[procs.length - 1] !== p) procs.push(p);
  }
  return { slot, keyProcs };
}

/** Processes up to this many square (P²) are paired in a table of P² bytes; more, by sorting the edges' pairs. */
const PAIR_TABLE_MAX = 1 << 22;

/**
 * The processes each process exchanged messages with, either way, made on the first call
 * (most unmatched ends name their peer and never ask): the edges' process pairs, marked in
 * a P × P table (or, for many processes, sorted and deduplicated) once, not a Set per
 * process fed an entry per edge.
 */
export function partnersOf(x: Execution, tableMax = PAIR_TABLE_MAX): (p: number) => Uint32Array {
  let start: Uint32Array | null = null;
  let all = new Uint32Array(0);
  const make = () => {
    const P = x.processNames.length;
    const { edgeFrom, edgeTo, eventProc } = x;
    if (P * P <= tableMax) {
      const seen = new Uint8Array(P * P);
      let count = 0;
      for (let k = 0; k < x.edgeCount; k++) {
        const a = eventProc[edgeFrom[k]!]!;
        const b = eventProc[edgeTo[k]!]!;
        if (a === b || seen[a * P + b] === 1) continue;
        seen[a * P + b] = 1;
        seen[b * P + a] = 1;
        count += 2;
      }
      const s = new Uint32Array(P + 1);
      all = new Uint32Array(count);
      let m = 0;
      // Row a, ascending: as the sorted pairs a * P + b list them.
      for (let a = 0; a < P; a++) {
        for (let b = 0, row = a * P; b < P; b++) if (seen[row + b] === 1) all[m++] = b;
        s[a + 1] = m;
      }
      return s;
    }
    const pairs = P <= 0xffff ? new Uint32Array(2 * x.edgeCount) : new Float64Array(2 * x.edgeCount);
    let count = 0;
    for (let k = 0; k < x.edgeCount; k++) {
      const a = eventProc[edgeFrom[k]!]!;
      const b = eventProc[edgeTo[k]!]!;
      if (a === b) continue;
      pairs[count++] = a * P + b;
      pairs[count++] = b * P + a;
    }
    const sorted = pairs.subarray(0, count).sort();
    const s = new Uint32Array(P + 1);
    all = new Uint32Array(count);
    let m = 0;
    for (let i = 0; i < count; i++) {
      if (i > 0 && sorted[i] === sorted[i - 1]) continue;
      const a = Math.floor(sorted[i]! / P);
      s[a + 1]!++;
      all[m++] = sorted[i]! - a * P;
    }
    for (let p = 0; p < P; p++) s[p + 1]! += s[p]!;
    return s;
  };
  return (p) => {
    start ??= make();
    return all.subarray(start[p]!, start[p + 1]!);
  };
}

function possessiveOf(name: string): string {
  return name.endsWith('s') ? `${name}'` : `${name}'s`;
}

function uncheckedFinding(x: Execution, u: Unchecked, first: Int32Array, last: Int32Array): Anomaly {
  const parts: string[] = [];
  if (u.sends.length) parts.push(`${u.sends.length} send${u.sends.length === 1 ? '' : 's'} to it`);
  if (u.receives.length) parts.push(`${u.receives.length} receive${u.receives.length === 1 ? '' : 's'} from it`);
  const count = u.sends.length + u.receives.length;
  const what = `${parts.join(' and ')} ${count === 1 ? 'has' : 'have'} no other end in the logs and cannot be checked`;
  let summary: string;
  if (u.reason === 'no-log') summary = `no log from ${u.peer}: ${what}`;
  else {
    const span = spanOf(x, u.peer, first, last);
    summary = `${possessiveOf(u.peer)} log does not cover their time${span}: ${what}`;
  }
  const events = [...u.sends, ...u.receives].sort((a, b) => a - b);
  return {
    kind: u.sends.length ? 'unmatched-send' : 'unmatched-receive',
    severity: 'info',
    events: events.slice(0, MAX_LISTED),
    summary,
    detail: { peer: u.peer, reason: u.reason, sends: u.sends.length, receives: u.receives.length },
  };
}

function spanOf(x: Execution, peer: string, first: Int32Array, last: Int32Array): string {
  const p = x.processNames.indexOf(peer);
  if (p < 0 || first[p]! < 0) return '';
  const ms = diffMs(x.timeMs[last[p]!]!, x.timeNs[last[p]!]!, x.timeMs[first[p]!]!, x.timeNs[first[p]!]!);
  return ` (its events span ${formatMs(ms)})`;
}
