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
 */
import type { DiagnosticSink } from '../model/diagnostic';
import { hasTime, type Execution } from '../model/execution';
import { diffMs } from '../model/eventTime';
import { alignChannel } from './alignChannel';
import { MessageRole } from './messageConventions';
import { pairBounds, type PairBounds } from './pairBounds';
import { EdgeList, type EdgeEvidence, type EdgeNaming, type EdgeSpec } from './edgeList';
import { edgeOrder } from '../model/edgeOrder';

export type { EdgeNaming } from './edgeList';

/** Message endpoints of one execution, one entry per event. */
export interface Endpoints {
  /** The event's key group, 0 .. groupCount-1, or -1 when it is no endpoint. */
  group: Int32Array;
  groupCount: number;
  /** A MessageRole; None takes no part in pairing (a mention of the key). */
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
  /** The processes a reference stands for (PeerResolver.members). */
  members?(ref: number): readonly number[];
  /** The peer of e as the log wrote it (to for a send, from for a receive, else peer), or null. */
  peerName?(e: number): string | null;
}

export interface Paired {
  /** Sorted by (from, to), in columns. */
  list: EdgeList;
  /** The same edges as objects (list.specs(), made when read). */
  readonly edges: EdgeSpec[];
  /** Per event: Send or Receive as paired (replies resolved), None for mentions and non-endpoints. */
  role: Uint8Array;
}

/** Numbers kept per group member (pairEndpoints' counting sort). */
const M = 5;
/** Beyond this many sender × receiver process pairs a group is no message. */
const MAX_CHANNELS = 1_000_000;
/** Largest send × receive count aligned by time; larger channels pair in program order. */
export const MAX_ALIGN_CELLS = 4096;
const MAX_ALTERNATIVES = 3;
/** Rounds of aligning repeated channels as the bounds grow; the last aligns what is left. */
const MAX_ROUNDS = 6;
/** Largest channel between unbounded clocks aligned by the spread of its delays (alignFree, quadratic). */
const MAX_FREE_CELLS = 256;
/** Largest number of pairs of one sender and key to a set that swapAcrossSet compares (quadratic). */
const MAX_SWAP_PAIRS = 64;
/** pairScore's cost of a pair between unbounded clocks: above any delay, below a ruled-out pair. */
const UNBOUNDED_PAIR = 1e12;

interface Pending {
  group: number;
  out: number[];
  inn: number[];
}

export function pairEndpoints(x: Execution, ends: Endpoints, name: EdgeNaming, diagnostics: DiagnosticSink): Paired {
  const n = x.eventCount;
  const { group, toProc, fromProc, peerProc, attempt } = ends;
  const resolved = new Uint8Array(n);
  const { start, mem, setPeers } = groupMembers(x, ends);

  // Decided pairs, flat [send, recv, …], with their group, and their evidence where there was a choice.
  let pairCount = 0;
  let pairs = new Uint32Array(2 * Math.max(16, mem.length / M / 2));
  let pairGroup = new Uint32Array(pairs.length >> 1);
  const pairEvidence = new Map<number, EdgeEvidence>();
  const pending: Pending[] = [];
  // Sends paired so far, so a send to a set that one member's channel took is not offered
  // to another member's (align).
  const taken = new Uint8Array(n);
  // Per receive, the channels still to align that hold it (a receive from a set is on each member's).
  const waiting = new Uint32Array(n);
  const push = (s: number, r: number, g: number, ev?: EdgeEvidence) => {
    taken[s] = 1;
    if (pairCount === pairGroup.length) {
      const more = new Uint32Array(pairs.length * 2);
      more.set(pairs);
      pairs = more;
      const groups = new Uint32Array(pairGroup.length * 2);
      groups.set(pairGroup);
      pairGroup = groups;
    }
    pairs[2 * pairCount] = s;
    pairs[2 * pairCount + 1] = r;
    pairGroup[pairCount] = g;
    if (ev) pairEvidence.set(pairCount, ev);
    pairCount++;
  };

  pairChannels(x, ends, start, mem, resolved, push, decideChannel, diagnostics);

  if (pending.length > 0) {
    let tooLarge = 0;
    const resolve = (c: Pending, bounds: PairBounds) => {
      for (const r of c.inn) waiting[r]!--;
      if (c.out.length * c.inn.length > MAX_ALIGN_CELLS) {
        tooLarge++;
        inOrder(c.group, c.out, c.inn);
      } else align(c, bounds);
    };
    // Channels whose two clocks the pairs so far bound go first, in rounds: each round's pairs
    // may bound the next round's channels (a request channel waits for the replies that say
    // how far behind the server's clock may be). What no round bounds is aligned last.
    const bounded = (c: Pending, bounds: PairBounds) =>
      bounds.offsetRange(x.processDomain[x.eventProc[c.out[0]!]!]!, x.processDomain[x.eventProc[c.inn[0]!]!]!).low > -Infinity;
    const rounds = (left: Pending[]) => {
      for (let round = 0; left.length > 0; round++) {
        const bounds = pairBounds(x, uncontested());
        const wait: Pending[] = [];
        for (const c of left) {
          if (round === MAX_ROUNDS - 1 || bounded(c, bounds)) resolve(c, bounds);
          else wait.push(c);
        }
        if (wait.length === left.length) {
          // Stuck: nothing bounds any of them. Channels with two pairs or more to make go
          // first (the spacing of their stamps tells their alignment apart whatever the
          // offset); a lone receive among several sends waits for the bounds they give.
          const informative = (c: Pending) => Math.min(c.out.length, c.inn.length) >= 2;
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

  const P = x.processNames.length;
  if (setPeers) {
    spreadOverSet();
    swapAcrossSet();
  }
  const K = pairCount;
  const dropped = setPeers ? oneSenderPerReceive() : new Uint8Array(K);

  const list = edgeListOf(x, ends, name, pairs, pairGroup, K, dropped, pairEvidence);
  return {
    list,
    get edges() {
      return list.specs();
    },
    role: resolved,
  };

  /**
   * A receive whose `from` names a set (a service's instances, a group) came from one of
   * them: where channels from several members each paired it, the one whose attempt
   * matches, else the smallest delay the offset bounds allow (corrected by the middle of
   * the bounds), else the first, keeps it; the others become its evidence's alternatives.
   * A receive naming no peer keeps every sender (a join), as before. Returns the pairs to
   * drop. Receives are looked at in pair order, so the result does not depend on a map's.
   */
  function oneSenderPerReceive(): Uint8Array {
    const drop = new Uint8Array(K);
    const byRecv = new Map<number, number[]>();
    for (let k = 0; k < K; k++) {
      const r = pairs[2 * k + 1]!;
      const ref = fromProc[r]! >= 0 ? fromProc[r]! : peerProc[r]!;
      if (ref < P) continue;
      const list = byRecv.get(r);
      if (list) list.push(k);
      else byRecv.set(r, [k]);
    }
    let bounds: PairBounds | null = null;
    for (const [r, ks] of byRecv) {
      if (ks.length < 2) continue;
      bounds ??= pairBounds(x, pairsBut(byRecv));
      let best = -1;
      let bestScore = Infinity;
      let byAttempt = false;
      let timed = false;
      for (const k of ks) {
        const s = pairs[2 * k]!;
        if (attempt[r]! >= 0 && attempt[s]! >= 0 && attempt[r] !== attempt[s]) byAttempt = true;
        if (hasTime(x, s) && hasTime(x, r)) timed = true;
        const score = pairScore(s, r, bounds);
        if (score < bestScore) {
          bestScore = score;
          best = k;
        }
      }
      const alternatives: number[] = [];
      for (const k of ks) {
        if (k === best) continue;
        drop[k] = 1;
        if (alternatives.length < MAX_ALTERNATIVES) alternatives.push(pairs[2 * k]!);
      }
      const had = pairEvidence.get(best);
      pairEvidence.set(best, {
        by: had && had.by !== 'only' ? had.by : byAttempt ? 'attempt' : timed ? 'delay' : 'order',
        alternatives: [...(had?.alternatives ?? []), ...alternatives].slice(0, MAX_ALTERNATIVES),
      });
    }
    return drop;
  }

  /**
   * How unlikely the pair s → r is, for choosing among pairs: a differing attempt costs most,
   * then a delay the offset bounds rule out, then a pair between clocks nothing bounds (its
   * delay says nothing: any offset fits it), then the delay itself, corrected by the offset
   * the bounds make likeliest (offsetReference).
   */
  function pairScore(s: number, r: number, bounds: PairBounds): number {
    let score = 0;
    if (attempt[r]! >= 0 && attempt[s]! >= 0 && attempt[r] !== attempt[s]) score += 2e15;
    if (hasTime(x, s) && hasTime(x, r)) {
      const a = x.processDomain[x.eventProc[s]!]!;
      const b = x.processDomain[x.eventProc[r]!]!;
      const { low, high } = bounds.offsetRange(a, b);
      const delay = diffMs(x.timeMs[r]!, x.timeNs[r]!, x.timeMs[s]!, x.timeNs[s]!) - offsetReference(bounds, a, b);
      if (bounds.slack(s, r) < -Math.max(precision(x, s), precision(x, r))) score += 1e15;
      else score += (low === -Infinity && high === Infinity ? UNBOUNDED_PAIR : 0) + Math.abs(delay);
    }
    return score;
  }

  /**
   * A send whose `to` names a set (a service's instances, a group) went to one of them. Each
   * member's channel is paired on its own, so one send may have taken a receive on two
   * members while another send of the same process, key and peer took none (a retry that
   * reached the other instance). There the likeliest of its pairs (pairScore) stays, and each
   * other receive moves to the likeliest unpaired such send the bounds allow. Without a
   * spare send both pairs stay: one publish delivered to two members (a redelivery).
   */
  function spreadOverSet(): void {
    const K0 = pairCount;
    const bySend = new Map<number, number[]>();
    for (let k = 0; k < K0; k++) {
      const e = pairs[2 * k]!;
      const ref = toProc[e]! >= 0 ? toProc[e]! : peerProc[e]!;
      if (ref < P) continue;
      const list = bySend.get(e);
      if (list) list.push(k);
      else bySend.set(e, [k]);
    }
    let paired: Uint8Array | null = null;
    let bounds: PairBounds | null = null;
    for (const [e, ks] of bySend) {
      if (ks.length < 2) continue;
      const proc = x.eventProc[e]!;
      const ref = toProc[e]! >= 0 ? toProc[e]! : peerProc[e]!;
      const g = group[e]!;
      // Unpaired sends of the same process, key and peer: the spares.
      if (!paired) {
        paired = new Uint8Array(n);
        for (let k = 0; k < K0; k++) paired[pairs[2 * k]!] = 1;
      }
      const spares: number[] = [];
      for (let i = start[g]!; i < start[g + 1]!; i++) {
        const f = mem[i * M]!;
        if (f !== e && !paired[f] && x.eventProc[f] === proc && resolved[f] === MessageRole.Send && (toProc[f]! >= 0 ? toProc[f]! : peerProc[f]!) === ref) spares.push(f);
      }
      if (spares.length === 0) continue;
      // Bounds from the other pairs only: a pair in question would vouch for itself.
      bounds ??= pairBounds(x, pairsBut(bySend));
      let keep = ks[0]!;
      for (const k of ks) if (pairScore(e, pairs[2 * k + 1]!, bounds) < pairScore(e, pairs[2 * keep + 1]!, bounds)) keep = k;
      for (const k of ks) {
        if (k === keep || spares.length === 0) continue;
        const r = pairs[2 * k + 1]!;
        let best = -1;
        let bestScore = 1e15;
        spares.forEach((f, i) => {
          const score = ends.accepts(fromOf(r), proc) ? pairScore(f, r, bounds!) : Infinity;
          if (score < bestScore) {
            bestScore = score;
            best = i;
          }
        });
        if (best < 0) continue;
        const f = spares.splice(best, 1)[0]!;
        pairs[2 * k] = f;
        paired![f] = 1;
        pairEvidence.set(k, { by: 'delay', alternatives: [e] });
      }
    }
  }

  /**
   * Sends to a set (a service's instances) are split over its members' channels, each aligned
   * on its own, so a channel aligned later may be left only sends that fit it badly: a lone
   * receive given the one attempt no other member took, stamped 200 ms before it was sent,
   * while the attempt that fits it went to another member where a later one fits as well.
   * Two such pairs of one sender and key on two members swap their sends where both members'
   * program order still holds, the bounds allow both new pairs, and fewer receives come before
   * their sends, or by less (delays corrected as alignment corrects them): a skew finding must
   * not come from an assignment the logs did not make. Pairs decided by attempt stay.
   */
  function swapAcrossSet(): void {
    const K0 = pairCount;
    const byOrigin = new Map<number, number[]>();
    // How many pairs each send to a set has (only those are looked at).
    const uses = new Map<number, number>();
    const toSet = (e: number) => (toProc[e]! >= 0 ? toProc[e]! : peerProc[e]!) >= P;
    for (let k = 0; k < K0; k++) if (toSet(pairs[2 * k]!)) uses.set(pairs[2 * k]!, (uses.get(pairs[2 * k]!) ?? 0) + 1);
    for (let k = 0; k < K0; k++) {
      const e = pairs[2 * k]!;
      if (!toSet(e) || pairEvidence.get(k)?.by === 'attempt' || uses.get(e)! > 1 || !hasTime(x, e) || !hasTime(x, pairs[2 * k + 1]!)) continue;
      const origin = pairGroup[k]! * P + x.eventProc[e]!;
      const list = byOrigin.get(origin);
      if (list) list.push(k);
      else byOrigin.set(origin, [k]);
    }
    let bounds: PairBounds | null = null;
    for (const ks of byOrigin.values()) {
      if (ks.length < 2 || ks.length > MAX_SWAP_PAIRS) continue;
      const recvProc = (k: number) => x.eventProc[pairs[2 * k + 1]!]!;
      if (ks.every((k) => recvProc(k) === recvProc(ks[0]!))) continue;
      // Bounds from the other pairs only, and none whose receive another sender also claims (a
      // reply from a set, before oneSenderPerReceive): the pairs in question would vouch for themselves.
      bounds ??= pairBounds(x, settledBut(byOrigin));
      const b = bounds;
      // How far the receive comes before its send: under every offset the bounds allow, or, where
      // they leave that side open, as stamped (the pair alone would then set the offset, and a skew).
      const past = (s: number, r: number) => {
        const tol = Math.max(precision(x, s), precision(x, r));
        const slack = b.slack(s, r);
        const d = slack < Infinity ? slack : diffMs(x.timeMs[r]!, x.timeNs[r]!, x.timeMs[s]!, x.timeNs[s]!);
        return d < -tol ? -d : 0;
      };
      const ordered = (k: number, send: number, except: number) => {
        const r = pairs[2 * k + 1]!;
        for (const o of ks) {
          if (o === k || o === except || recvProc(o) !== recvProc(k)) continue;
          if (pairs[2 * o]! < send !== pairs[2 * o + 1]! < r) return false;
        }
        return true;
      };
      for (let changed = true, rounds = 0; changed && rounds < ks.length; rounds++) {
        changed = false;
        for (const a of ks)
          for (const c of ks) {
            if (a >= c || recvProc(a) === recvProc(c)) continue;
            const sa = pairs[2 * a]!;
            const ra = pairs[2 * a + 1]!;
            const sc = pairs[2 * c]!;
            const rc = pairs[2 * c + 1]!;
            const tol = (s: number, r: number) => -Math.max(precision(x, s), precision(x, r));
            if (b.slack(sc, ra) < tol(sc, ra) || b.slack(sa, rc) < tol(sa, rc)) continue;
            if (!ordered(a, sc, c) || !ordered(c, sa, a)) continue;
            const before = [past(sa, ra), past(sc, rc)];
            const after = [past(sc, ra), past(sa, rc)];
            const inverted = (v: number[]) => (v[0]! > 0 ? 1 : 0) + (v[1]! > 0 ? 1 : 0);
            const better = inverted(after) < inverted(before) || (inverted(after) === inverted(before) && after[0]! + after[1]! < before[0]! + before[1]! - 1e-9);
            if (!better) continue;
            pairs[2 * a] = sc;
            pairs[2 * c] = sa;
            const alternatives = (k: number, now: number, was: number) =>
              [...new Set([was, ...(pairEvidence.get(k)?.alternatives ?? [])])].filter((f) => f !== now).slice(0, MAX_ALTERNATIVES);
            pairEvidence.set(a, { by: 'delay', alternatives: alternatives(a, sc, sa) });
            pairEvidence.set(c, { by: 'delay', alternatives: alternatives(c, sa, sc) });
            changed = true;
          }
      }
    }
  }

  /**
   * The decided pairs, flat, but those whose receive has two or more senders (a `from` naming
   * a set, paired on several members' channels), or may yet have (another member's channel
   * that holds it is still to align): oneSenderPerReceive keeps only one of them, so until
   * then none vouches for the offsets. A reply paired alone on one instance's channel while
   * another instance's, which also sent one, waits would otherwise bound the clocks by a
   * pairing that may be dropped, and pull the requests after it onto the wrong instance.
   */
  function uncontested(): number[] {
    const seen = new Uint8Array(n);
    for (let k = 0; k < pairCount; k++) if (seen[pairs[2 * k + 1]!]! < 2) seen[pairs[2 * k + 1]!]!++;
    const out: number[] = [];
    for (let k = 0; k < pairCount; k++) {
      const r = pairs[2 * k + 1]!;
      if (seen[r] === 1 && waiting[r] === 0) out.push(pairs[2 * k]!, r);
    }
    return out;
  }

  /** pairsBut(choices), less the pairs whose receive has two senders or more. */
  function settledBut(choices: Map<number, number[]>): number[] {
    const senders = new Uint8Array(n);
    for (let k = 0; k < pairCount; k++) if (senders[pairs[2 * k + 1]!]! < 2) senders[pairs[2 * k + 1]!]!++;
    const all = pairsBut(choices);
    const out: number[] = [];
    for (let i = 0; i < all.length; i += 2) if (senders[all[i + 1]!] === 1) out.push(all[i]!, all[i + 1]!);
    return out;
  }

  /** The decided pairs, flat, but those listed in `choices` under an end with a choice to make (two pairs or more). */
  function pairsBut(choices: Map<number, number[]>): number[] {
    const skip = new Uint8Array(pairCount);
    for (const ks of choices.values()) if (ks.length > 1) for (const k of ks) skip[k] = 1;
    const out: number[] = [];
    for (let k = 0; k < pairCount; k++) if (!skip[k]) out.push(pairs[2 * k]!, pairs[2 * k + 1]!);
    return out;
  }

  function fromOf(r: number): number {
    return fromProc[r]! >= 0 ? fromProc[r]! : peerProc[r]!;
  }

  function decideChannel(g: number, out: number[], inn: number[]): void {
    let attempts = true;
    for (const e of out) if (attempt[e]! < 0) attempts = false;
    for (const e of inn) if (attempt[e]! < 0) attempts = false;
    if (attempts) {
      // The k-th receive of attempt n pairs with the k-th send of attempt n.
      const used = new Uint8Array(out.length);
      const several = out.length > 1 || inn.length > 1;
      for (const r of inn) {
        for (let i = 0; i < out.length; i++) {
          if (used[i] || attempt[out[i]!] !== attempt[r]) continue;
          used[i] = 1;
          push(out[i]!, r, g, several ? { by: 'attempt', alternatives: [] } : undefined);
          break;
        }
      }
      return;
    }
    if (out.length === 1 && inn.length === 1) {
      push(out[0]!, inn[0]!, g);
      return;
    }
    let timed = false;
    for (const e of out) if (hasTime(x, e)) timed = true;
    let timedRecv = false;
    for (const e of inn) if (hasTime(x, e)) timedRecv = true;
    if (timed && timedRecv) {
      pending.push({ group: g, out, inn });
      for (const r of inn) waiting[r]!++;
    }
    else inOrder(g, out, inn);
  }

  /**
   * A channel between two clocks nothing bounds: whatever the offset θ, the pairs' delays are
   * raw − θ, and the smallest total of them is Σ raw − m·min raw (θ as large as the pairs allow),
   * which depends on the assignment alone. Minimized exactly by trying each pair's raw difference
   * as the floor τ (pairs below it left out) and keeping the best full alignment; quadratic in
   * the channel's cells, so only for small channels (MAX_FREE_CELLS).
   */
  function alignFree(out: number[], inn: number[], feasible: (i: number, j: number) => boolean): Int32Array {
    const raw = (i: number, j: number) => {
      const s = out[i]!;
      const r = inn[j]!;
      return hasTime(x, s) && hasTime(x, r) ? diffMs(x.timeMs[r]!, x.timeNs[r]!, x.timeMs[s]!, x.timeNs[s]!) : NaN;
    };
    const floors = new Set<number>();
    for (let i = 0; i < out.length; i++) for (let j = 0; j < inn.length; j++) if (!Number.isNaN(raw(i, j))) floors.add(raw(i, j));
    let best: Int32Array | null = null;
    let bestCount = -1;
    let bestCost = Infinity;
    let bestNear = Infinity;
    let bestInverted = Infinity;
    for (const tau of [...floors].sort((p, q) => q - p)) {
      const ok = (i: number, j: number) => feasible(i, j) && !(raw(i, j) < tau);
      const match = alignChannel(out.length, inn.length, { delay: raw, allowed: ok });
      let count = 0;
      let cost = 0;
      let near = 0;
      let inverted = 0;
      for (let j = 0; j < inn.length; j++) {
        const i = match[j]!;
        if (i < 0) continue;
        count++;
        const d = raw(i, j);
        if (!Number.isNaN(d)) {
          cost += d - tau;
          near += Math.abs(d);
          if (d < 0) inverted++;
        }
      }
      // Equal spreads (always so for one pair): the logs cannot tell them apart. The pairing that
      // needs no clock skew to explain (fewest receives stamped before their sends), then the
      // smallest raw differences, choose; the edge's evidence lists the others. A skew finding
      // must not come from a choice the logs did not make.
      const tie = Math.abs(cost - bestCost) <= 1e-9;
      if (count > bestCount || (count === bestCount && (cost < bestCost - 1e-9 || (tie && (inverted < bestInverted || (inverted === bestInverted && near < bestNear - 1e-9)))))) {
        best = match;
        bestCount = count;
        bestCost = cost;
        bestNear = near;
        bestInverted = inverted;
      }
    }
    return best ?? alignChannel(out.length, inn.length, { delay: raw, allowed: feasible });
  }

  /** The i-th send with the i-th receive; receives past the sends are redeliveries of the last send. */
  function inOrder(g: number, out: number[], inn: number[]): void {
    const m = Math.min(out.length, inn.length);
    for (let i = 0; i < m; i++) push(out[i]!, inn[i]!, g, { by: 'order', alternatives: others(out, i) });
    for (let j = m; j < inn.length; j++) push(out[m - 1]!, inn[j]!, g, { by: 'redelivery', alternatives: [] });
  }

  function align(c: Pending, bounds: PairBounds): void {
    const { inn, group: g } = c;
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
        ? alignFree(out, inn, feasible)
        : alignChannel(out.length, inn.length, { delay, allowed: () => true, violation });
    orphansToSpares(match, out.length);
    let last = -1;
    for (let j = 0; j < inn.length; j++) {
      const i = match[j]!;
      if (i >= 0 && !feasible(i, j)) {
        // Past the bounds (alignChannel, orphansToSpares): a clock that stepped, which offsets and anomalies report.
        push(out[i]!, inn[j]!, g, { by: 'order', alternatives: others(out, i) });
        last = i;
      } else if (i >= 0) {
        const alternatives: number[] = [];
        // Alternatives from every send of the channel, those another member took included.
        for (const f of c.out)
          if (alternatives.length < MAX_ALTERNATIVES && f !== out[i] && bounds.slack(f, inn[j]!) >= -tolerance(f, inn[j]!)) alternatives.push(f);
        push(out[i]!, inn[j]!, g, { by: 'delay', alternatives });
        last = i;
      } else if (last >= 0 && feasible(last, j)) {
        push(out[last]!, inn[j]!, g, { by: 'redelivery', alternatives: [] });
      }
    }
  }
}

/**
 * The edges of the decided pairs but the dropped, sorted by (from, to). Request-response: the
 * reverse channel of the same group also has an edge. Pairs are listed by group (counting
 * sort), and each group's channels go in one reused set.
 */
function edgeListOf(
  x: Execution,
  ends: Endpoints,
  name: EdgeNaming,
  pairs: Uint32Array,
  pairGroup: Uint32Array,
  K: number,
  dropped: Uint8Array,
  pairEvidence: ReadonlyMap<number, EdgeEvidence>,
): EdgeList {
  const n = x.eventCount;
  const G = ends.groupCount;
  const P = x.processNames.length;
  const eventProc = x.eventProc;
  const byGroup = new Uint32Array(G + 1);
  let L = 0;
  for (let k = 0; k < K; k++) {
    byGroup[pairGroup[k]! + 1]!++;
    if (!dropped[k]) L++;
  }
  for (let g = 0; g < G; g++) byGroup[g + 1]! += byGroup[g]!;
  const order = new Uint32Array(K);
  const at = byGroup.slice(0, G);
  for (let k = 0; k < K; k++) order[at[pairGroup[k]!]!++] = k;
  const channels = new Set<number>();
  const listFrom = new Uint32Array(L);
  const listTo = new Uint32Array(L);
  const listGroup = new Uint32Array(L);
  const listBack = new Uint8Array(L);
  const listPair = new Uint32Array(L);
  let w = 0;
  for (let g = 0; g < G; g++) {
    const a = byGroup[g]!;
    const b = byGroup[g + 1]!;
    if (a === b) continue;
    // A few pairs (nearly every group) are searched for the reverse channel; more go in the set.
    const few = b - a <= 8;
    if (!few) {
      channels.clear();
      for (let i = a; i < b; i++) if (!dropped[order[i]!]) channels.add(eventProc[pairs[2 * order[i]!]!]! * P + eventProc[pairs[2 * order[i]! + 1]!]!);
    }
    for (let i = a; i < b; i++) {
      const k = order[i]!;
      if (dropped[k]) continue;
      const from = pairs[2 * k]!;
      const to = pairs[2 * k + 1]!;
      let back = false;
      // One pair alone has no reverse: its own channel runs between two processes.
      if (b - a === 1) back = false;
      else if (few) {
        const pf = eventProc[from]!;
        const pt = eventProc[to]!;
        for (let j = a; j < b && !back; j++) {
          const q = order[j]!;
          back = !dropped[q] && eventProc[pairs[2 * q]!] === pt && eventProc[pairs[2 * q + 1]!] === pf;
        }
      } else back = channels.has(eventProc[to]! * P + eventProc[from]!);
      listFrom[w] = from;
      listTo[w] = to;
      listGroup[w] = g;
      listBack[w] = back ? 1 : 0;
      listPair[w++] = k;
    }
  }
  // Sorted by (from, to), ties in group order (edgeOrder.ts).
  const sorted = edgeOrder(listFrom, listTo, L, n, false);
  const edgeFrom = new Uint32Array(L);
  const edgeTo = new Uint32Array(L);
  const edgeGroup = new Uint32Array(L);
  const edgeBack = new Uint8Array(L);
  // The evidence of the few pairs that have one, by edge index (ascending, as the edges come).
  const evidences = new Map<number, EdgeEvidence>();
  const chose = new Uint8Array(K);
  for (const k of pairEvidence.keys()) chose[k] = 1;
  for (let i = 0; i < L; i++) {
    const j = sorted[i]!;
    edgeFrom[i] = listFrom[j]!;
    edgeTo[i] = listTo[j]!;
    edgeGroup[i] = listGroup[j]!;
    edgeBack[i] = listBack[j]!;
    if (chose[listPair[j]!]) evidences.set(i, pairEvidence.get(listPair[j]!)!);
  }
  return new EdgeList(L, edgeFrom, edgeTo, edgeGroup, edgeBack, evidences, (g) => ends.keyOf(g), name);
}

/**
 * The loop over groups: resolves each member's role (a reply is a receive on a process that
 * sent earlier in the group, else a send) into `resolved`, and hands each channel (sender
 * process A, receiver B ≠ A) its sends and receives: a channel of one send and one receive is
 * paired here (attempts, where both have one, must agree: decideChannel's answer), any other
 * goes to `decide`.
 */
function pairChannels(
  x: Execution,
  ends: Endpoints,
  start: Uint32Array,
  mem: Int32Array,
  resolved: Uint8Array,
  push: (s: number, r: number, g: number) => void,
  decide: (g: number, out: number[], inn: number[]) => void,
  diagnostics: DiagnosticSink,
): void {
  const G = ends.groupCount;
  // Per group, its sends and receives (as member indices) and their runs by process: one set
  // of arrays for every group (most groups are one send and one receive).
  let largest = 0;
  for (let g = 0; g < G; g++) if (start[g + 1]! - start[g]! > largest) largest = start[g + 1]! - start[g]!;
  const sends = new Uint32Array(largest);
  const recvs = new Uint32Array(largest);
  const sendRuns = new Uint32Array(2 * largest);
  const recvRuns = new Uint32Array(2 * largest);
  for (let g = 0; g < G; g++) {
    const a = start[g]!;
    const b = start[g + 1]!;
    let ns = 0;
    let nr = 0;
    let proc = -1;
    let sentHere = false;
    for (let i = a; i < b; i++) {
      const procRole = mem[i * M + 1]!;
      if (procRole >> 2 !== proc) {
        proc = procRole >> 2;
        sentHere = false;
      }
      let r = procRole & 3;
      if (r === MessageRole.Reply) r = sentHere ? MessageRole.Receive : MessageRole.Send;
      else if (r === MessageRole.Send) sentHere = true;
      resolved[mem[i * M]!] = r;
      if (r === MessageRole.Send) sends[ns++] = i;
      else if (r === MessageRole.Receive) recvs[nr++] = i;
    }
    if (ns === 0 || nr === 0 || mem[a * M + 1]! >> 2 === mem[(b - 1) * M + 1]! >> 2) continue;
    const sendRunEnd = runsByProcess(mem, sends, ns, sendRuns);
    const recvRunEnd = runsByProcess(mem, recvs, nr, recvRuns);
    if ((sendRunEnd / 2) * (recvRunEnd / 2) > MAX_CHANNELS) {
      const e = mem[a * M]!;
      diagnostics.add(
        x.inputs[x.eventInput[e]!]!,
        x.eventLine[e]!,
        'warning',
        `${ends.keyOf(g)} is on ${b - a} events across too many processes to be one message; not used for edges`,
      );
      continue;
    }
    for (let s = 0; s < sendRunEnd; s += 2) {
      const A = mem[sends[sendRuns[s]!]! * M + 1]! >> 2;
      for (let t = 0; t < recvRunEnd; t += 2) {
        const B = mem[recvs[recvRuns[t]!]! * M + 1]! >> 2;
        if (A === B) continue;
        // Counted first: a channel of one send and one receive (the most common) needs no lists.
        let outCount = 0;
        let oneOut = 0;
        let innCount = 0;
        let oneInn = 0;
        for (let i = sendRuns[s]!; i < sendRuns[s + 1]!; i++)
          if (ends.accepts(mem[sends[i]! * M + 2]!, B)) {
            outCount++;
            oneOut = sends[i]!;
          }
        if (outCount === 0) continue;
        for (let i = recvRuns[t]!; i < recvRuns[t + 1]!; i++)
          if (ends.accepts(mem[recvs[i]! * M + 3]!, A)) {
            innCount++;
            oneInn = recvs[i]!;
          }
        if (innCount === 0) continue;
        if (outCount === 1 && innCount === 1) {
          const ao = mem[oneOut * M + 4]!;
          const ai = mem[oneInn * M + 4]!;
          if (ao < 0 || ai < 0 || ao === ai) push(mem[oneOut * M]!, mem[oneInn * M]!, g);
          continue;
        }
        const out: number[] = [];
        const inn: number[] = [];
        for (let i = sendRuns[s]!; i < sendRuns[s + 1]!; i++) if (ends.accepts(mem[sends[i]! * M + 2]!, B)) out.push(mem[sends[i]! * M]!);
        for (let i = recvRuns[t]!; i < recvRuns[t + 1]!; i++) if (ends.accepts(mem[recvs[i]! * M + 3]!, A)) inn.push(mem[recvs[i]! * M]!);
        decide(g, out, inn);
      }
    }
  }

}

/**
 * Counting sort of endpoints by group: counts summed into run ends, then filled from the last
 * event down, so each group's members are in canonical order and start[g] ends at the group's
 * first. Beside each member (M numbers: the event, its process × 4 + role, the peer it was
 * sent to (to, else peer), the one it came from (from, else peer), its attempt), what the loop
 * over groups reads of it: that loop then reads in sequence, and filling one place per member
 * touches one cache line where a column each would touch six. A function of its own, as are
 * the other loops over every event or pair here: each runs once per call, and V8 compiles a
 * small function's loop much sooner than one inside pairEndpoints.
 */
function groupMembers(x: Execution, ends: Endpoints): { start: Uint32Array; mem: Int32Array; setPeers: boolean } {
  const n = x.eventCount;
  const G = ends.groupCount;
  const { group, role, toProc, fromProc, peerProc, attempt } = ends;
  const eventProc = x.eventProc;
  const start = new Uint32Array(G + 1);
  for (let e = 0; e < n; e++) if (group[e]! >= 0) start[group[e]!]!++;
  for (let g = 1; g <= G; g++) start[g]! += start[g - 1]!;
  const E = start[G]!;
  const mem = new Int32Array(E * M);
  // Whether any endpoint's peer is a set (a service's instances, a host, a group): only then
  // have spreadOverSet, swapAcrossSet and oneSenderPerReceive anything to look at.
  const P0 = x.processNames.length;
  let setPeers = false;
  for (let e = n - 1; e >= 0; e--) {
    const g = group[e]!;
    if (g < 0) continue;
    const at = --start[g]! * M;
    const to = toProc[e]! >= 0 ? toProc[e]! : peerProc[e]!;
    const from = fromProc[e]! >= 0 ? fromProc[e]! : peerProc[e]!;
    mem[at] = e;
    mem[at + 1] = eventProc[e]! * 4 + role[e]!;
    mem[at + 2] = to;
    mem[at + 3] = from;
    mem[at + 4] = attempt[e]!;
    if (to >= P0 || from >= P0) setPeers = true;
  }
  return { start, mem, setPeers };
}

/**
 * A receive the alignment left alone while a send of the channel that no receive took lies
 * between the neighbouring pairs came from that send: a receive comes from a send, and when
 * the sender's own log has one unaccounted for in the right place, a clock that stepped (no
 * bound foresaw it) is the explanation, not a lost message and a receive from nowhere. As
 * alignChannel does for a channel of one send. Order is kept: the earliest such send. Such a
 * send wins over taking the receive as a second delivery of the send before it: the sender
 * logged a send there (a retry), and a redelivery is what is left when it logged none.
 */
function orphansToSpares(match: Int32Array, sends: number): void {
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

function others(out: number[], i: number): number[] {
  const alt: number[] = [];
  for (let k = 0; k < out.length && alt.length < MAX_ALTERNATIVES; k++) if (k !== i) alt.push(out[k]!);
  return alt;
}

/**
 * The offset off(b) − off(a) a pair's delay is measured against: the middle of the bounds, the
 * one bound there is (the offset the known pairs allow that gives them the smallest delays),
 * or 0 where nothing bounds the two clocks.
 */
function offsetReference(bounds: PairBounds, a: number, b: number): number {
  const { low, high } = bounds.offsetRange(a, b);
  return low > -Infinity && high < Infinity ? (low + high) / 2 : low > -Infinity ? low : high < Infinity ? high : 0;
}

/** The resolution of e's stamp in ms (0 when untimed). */
function precision(x: Execution, e: number): number {
  return hasTime(x, e) ? 10 ** (3 - x.timeDigits[e]!) : 0;
}

/** [start, end) index pairs of the runs of equal process in list[0, count) (members, canonical order), into runs; returns their length. */
function runsByProcess(mem: Int32Array, list: Uint32Array, count: number, runs: Uint32Array): number {
  let w = 0;
  for (let i = 0; i < count; ) {
    const p = mem[list[i]! * M + 1]! >> 2;
    let j = i + 1;
    while (j < count && mem[list[j]! * M + 1]! >> 2 === p) j++;
    runs[w++] = i;
    runs[w++] = j;
    i = j;
  }
  return w;
}
