/**
 * The matcher's message endpoints, as every later reader sees them: per
 * event its key, the role the pairing gave it (send, receive, or a mention
 * of the key: a commit, an ack, "processing …"), whether the log called it a
 * reply, its peer and its attempt. Rules and conventions each add the
 * endpoints they paired (ruleEdges.ts, inferEdges.ts); where both cover one
 * event, the first that gave it a direction wins, as the first rule wins a
 * duplicated edge. Anomaly detectors read roles from here and nowhere else,
 * so a role read from fields, wording, spans or rules is the same role the
 * edges were made with.
 *
 * Also kept: how each edge was chosen (EdgeEvidence), by (from, to), for the
 * analysis document.
 */
import { DiagnosticSink } from '../model/diagnostic';
import type { Execution } from '../model/execution';
import { MessageRole } from './messageConventions';
import { messageIdEndpoints } from './messageIds';
import { pairEndpoints, type Endpoints } from './pairEndpoints';
import type { EdgeEvidence, EdgeList, EdgeSpec } from './edgeList';

export interface MessageEnds {
  /** Per event: its key group (numbered across all sources), -1 when it names no key. */
  group: Int32Array;
  /** Per event: MessageRole.Send or Receive as paired; None for a mention (group ≥ 0) or no endpoint. */
  role: Uint8Array;
  /** Per event: 1 when the log called it a reply or response (a send on the server, a receive on the client). */
  reply: Uint8Array;
  /** Per event: the peer reference (PeerResolver) named for it: to for a send, from for a receive; -1 none. */
  peer: Int32Array;
  /** Per event: the attempt value (string id), -1 when absent. */
  attempt: Int32Array;
  groupCount: number;
  /** "msg_id=m1", "rule:orders key=o-1"… */
  keyOf(group: number): string;
  /** The peer of an endpoint as the log wrote it, or null. */
  peerName(e: number): string | null;
  /** Whether process p may be e's peer (true when it names none, or a name that is no loaded process). */
  accepts(e: number, p: number): boolean;
  /** The processes e's peer stands for; empty when it names none or none that is loaded. */
  peerMembers(e: number): readonly number[];
  /** How the edge from → to was chosen, where there was a choice. */
  evidence(from: number, to: number): EdgeEvidence | undefined;
}

/** What stays of the matching once anomalies are found: how each edge was chosen (the document's edges[].match). */
export interface MessageEvidence {
  evidence(from: number, to: number): EdgeEvidence | undefined;
}

/**
 * The evidence alone, made in a scope of its own: a closure made inside
 * finish() would keep finish()'s whole scope alive, and with it every
 * source's per-event arrays (about 60 bytes per event).
 */
function evidenceOnly(evidences: ReadonlyMap<number, EdgeEvidence>, n: number): MessageEvidence {
  return { evidence: (from, to) => evidences.get(from * n + to) };
}

/** What a source's endpoints are asked once paired (they use no `this`). */
type EndpointNames = Pick<Endpoints, 'keyOf' | 'accepts' | 'members' | 'peerName'>;

export class MessageEndsBuilder {
  // The columns, made when the first source comes. The first source's group, attempt and paired
  // roles are its own arrays, shared, not copied (every source but the first costs a copy, and
  // most executions have one: the conventions); a second source copies them before writing.
  private group: Int32Array | null = null;
  private role: Uint8Array | null = null;
  private reply: Uint8Array | null = null;
  private peer: Int32Array | null = null;
  private attempt: Int32Array | null = null;
  /** Per event, its source; null while there is one source (every endpoint's is 0). */
  private source: Int32Array | null = null;
  private shared = false;
  /** Each source's groups are numbered from its offset on (sources in order, offsets ascending). */
  private readonly sources: { ends: EndpointNames; offset: number }[] = [];
  private groupCount = 0;
  /** Keyed by from × eventCount + to (exact below 94 M events). */
  private readonly evidences = new Map<number, EdgeEvidence>();

  constructor(private readonly x: Execution) {}

  /** Endpoints that were paired, with their roles as paired and the edges made. */
  add(ends: Endpoints, paired: Uint8Array, edges: readonly EdgeSpec[] | EdgeList): void {
    const s = this.sources.length;
    const offset = this.groupCount;
    // Only the functions are kept: the per-event columns go once added (the source's own
    // group, attempt and roles live on here where shared).
    this.sources.push({ ends: { keyOf: ends.keyOf, accepts: ends.accepts, members: ends.members, peerName: ends.peerName }, offset });
    this.groupCount += ends.groupCount;
    const n = this.x.eventCount;
    if (s === 0) this.first(ends, paired);
    else this.more(ends, paired, s, offset);
    if (Array.isArray(edges)) {
      for (const ed of edges as readonly EdgeSpec[]) if (ed.evidence) this.evidences.set(ed.from * n + ed.to, ed.evidence);
    } else {
      const list = edges as EdgeList;
      for (const [k, ev] of list.withEvidence()) this.evidences.set(list.from[k]! * n + list.to[k]!, ev);
    }
  }

  /** The first source: its group, attempt and roles as they are (paired is None off its endpoints); reply and peer in one pass. */
  private first(ends: Endpoints, paired: Uint8Array): void {
    const n = this.x.eventCount;
    const { group: endGroup, role: endRole, toProc, fromProc, peerProc, attempt: endAttempt } = ends;
    const reply = new Uint8Array(n);
    const peer = new Int32Array(n).fill(-1);
    // An attempt off the endpoints (a line with an attempt field and no key) is none here.
    let strayAttempt = false;
    for (let e = 0; e < n; e++) {
      if (endGroup[e]! < 0) {
        if (endAttempt[e]! >= 0) strayAttempt = true;
        continue;
      }
      const r = paired[e]!;
      if (endRole[e] === MessageRole.Reply) reply[e] = 1;
      const to = toProc[e]!;
      const from = fromProc[e]!;
      peer[e] = r === MessageRole.Send && to >= 0 ? to : r === MessageRole.Receive && from >= 0 ? from : peerProc[e]!;
    }
    this.group = endGroup;
    this.role = paired;
    if (strayAttempt) {
      const attempt = endAttempt.slice();
      for (let e = 0; e < n; e++) if (endGroup[e]! < 0) attempt[e] = -1;
      this.attempt = attempt;
    } else this.attempt = endAttempt;
    this.reply = reply;
    this.peer = peer;
    this.shared = true;
  }

  /** Another source: where both cover one event, the first that gave it a direction wins. */
  private more(ends: Endpoints, paired: Uint8Array, s: number, offset: number): void {
    const n = this.x.eventCount;
    if (this.shared) {
      this.group = this.group!.slice();
      this.role = this.role!.slice();
      this.attempt = this.attempt!.slice();
      this.shared = false;
    }
    if (!this.source) {
      const source = new Int32Array(n);
      const g0 = this.group!;
      for (let e = 0; e < n; e++) source[e] = g0[e]! >= 0 ? 0 : -1;
      this.source = source;
    }
    // The columns in locals: the loop over every event reads no property.
    const group = this.group!;
    const role = this.role!;
    const reply = this.reply!;
    const peer = this.peer!;
    const attempt = this.attempt!;
    const source = this.source;
    const { group: endGroup, role: endRole, toProc, fromProc, peerProc, attempt: endAttempt } = ends;
    for (let e = 0; e < n; e++) {
      const g = endGroup[e]!;
      if (g < 0) continue;
      const r = paired[e]!;
      if (group[e]! >= 0 && (role[e] !== MessageRole.None || r === MessageRole.None)) continue;
      group[e] = offset + g;
      role[e] = r;
      reply[e] = endRole[e] === MessageRole.Reply ? 1 : 0;
      const to = toProc[e]!;
      const from = fromProc[e]!;
      peer[e] = r === MessageRole.Send && to >= 0 ? to : r === MessageRole.Receive && from >= 0 ? from : peerProc[e]!;
      attempt[e] = endAttempt[e]!;
      source[e] = s;
    }
  }

  /** The evidence alone (see evidenceOnly), for what is kept after the analysis. */
  evidence(): MessageEvidence {
    return evidenceOnly(this.evidences, this.x.eventCount);
  }

  finish(): MessageEnds {
    const { x, sources } = this;
    const n = x.eventCount;
    const { evidence } = this.evidence();
    const sourceOfGroup = (g: number) => {
      let s = sources.length - 1;
      while (s > 0 && sources[s]!.offset > g) s--;
      return sources[s]!;
    };
    const group = this.group ?? new Int32Array(n).fill(-1);
    const peer = this.peer ?? new Int32Array(n).fill(-1);
    const source = this.source;
    // With one source, an endpoint's source is 0 and any other event's none.
    const sourceOf = source ? (e: number) => source[e]! : (e: number) => (group[e]! >= 0 ? 0 : -1);
    return {
      group,
      role: this.role ?? new Uint8Array(n),
      reply: this.reply ?? new Uint8Array(n),
      peer,
      attempt: this.attempt ?? new Int32Array(n).fill(-1),
      groupCount: this.groupCount,
      keyOf: (g) => {
        const s = sourceOfGroup(g);
        return s.ends.keyOf(g - s.offset);
      },
      peerName: (e) => (sourceOf(e) >= 0 ? (sources[sourceOf(e)]!.ends.peerName?.(e) ?? null) : null),
      accepts: (e, p) => sourceOf(e) < 0 || sources[sourceOf(e)]!.ends.accepts(peer[e]!, p),
      peerMembers: (e) => {
        const ref = peer[e]!;
        if (ref < 0 || sourceOf(e) < 0) return [];
        if (ref < x.processNames.length) return [ref];
        return sources[sourceOf(e)]!.ends.members?.(ref) ?? [];
      },
      evidence,
    };
  }
}

/**
 * The conventions' endpoints of an execution whose edges were made
 * elsewhere (a test, a caller without the pipeline): the same reading and
 * role resolution as inferEdges, paired into a discarded edge list.
 */
export function conventionEnds(x: Execution): MessageEnds {
  const builder = new MessageEndsBuilder(x);
  const found = messageIdEndpoints(x);
  if (found.endpoints) {
    const paired = pairEndpoints(x, found.endpoints, () => '', new DiagnosticSink());
    builder.add(found.endpoints, paired.role, []);
  }
  return builder.finish();
}
