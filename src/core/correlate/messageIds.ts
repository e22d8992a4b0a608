/**
 * Message-id edges: events that share an id field value (msg_id=abc) and say
 * which way the message went are linked send → receive.
 *
 * This file finds the endpoints by the conventions of messageConventions.ts;
 * pairEndpoints.ts pairs them. One pass over the field CSR gives each event
 * its group (id field + value, interned ids packed into one number; trace_id
 * with span_id when no id field is there), its role (send / receive / reply,
 * from dir, direction, kind or type, else from a to/from peer alone, else,
 * for ids whose events carry no such field at all, from the wording of the
 * text: textDirection.ts), its
 * to / from / peer processes and its attempt, all in typed arrays (a
 * topic or queue field names the other side where nothing else does). Edges made
 * this way are 'message-id', or 'request-response' when the answer came back
 * on the reverse channel.
 */
import type { DiagnosticSink } from '../model/diagnostic';
import type { Execution } from '../model/execution';
import {
  ATTEMPT_FIELD,
  DIRECTION_FIELDS,
  FROM_FIELDS,
  ID_FIELDS,
  isPlaceholderId,
  MessageRole,
  PEER_FIELD,
  roleOfWord,
  SPAN_FIELD,
  TO_FIELDS,
  TOPIC_FIELDS,
  TRACE_FIELD,
} from './messageConventions';
import { pairEndpoints, type Endpoints } from './pairEndpoints';
import { directionFromText } from './textDirection';
import { peerResolver } from './peerProcess';
import { EdgeList, type EdgeSpec } from './edgeList';
import { textOf } from '../model/execution';

export interface MessageIdResult {
  /** The edges, in columns. */
  list: EdgeList;
  /** The same as objects (list.specs(), made when read). */
  readonly edges: EdgeSpec[];
  /** The endpoints the edges were paired from (null: no id field), and their roles as paired. */
  endpoints: Endpoints | null;
  role: Uint8Array | null;
  /** Events that carry an id. */
  idEvents: number;
  /** Of those, events whose direction could not be told. */
  undirected: number;
  /** Id field names that occur, in ID_FIELDS order (trace_id+span_id last). */
  idFields: string[];
}

// Field-key categories; 1..ID_FIELDS.length are the id fields by priority.
const K_DIR = 20;
const K_TO = 21;
const K_FROM = 22;
const K_PEER = 23;
const K_ATTEMPT = 24;
const K_TRACE = 25;
const K_SPAN = 26;
const K_TOPIC = 27;
const TRACE_SPAN_ID = ID_FIELDS.length + 1;

export function inferMessageIdEdges(x: Execution, diagnostics: DiagnosticSink): MessageIdResult {
  const { endpoints, idEvents, undirected, idFields } = messageIdEndpoints(x);
  const paired = endpoints ? pairEndpoints(x, endpoints, (back) => (back ? 'request-response' : 'message-id'), diagnostics) : null;
  const list = paired?.list ?? EdgeList.empty();
  return {
    list,
    get edges() {
      return list.specs();
    },
    endpoints,
    role: paired?.role ?? null,
    idEvents,
    undirected,
    idFields,
  };
}

export interface MessageIdEndpoints {
  /** Null when no event has an id field at all. */
  endpoints: Endpoints | null;
  idEvents: number;
  undirected: number;
  idFields: string[];
}

/** Each event's id group, role, peers and attempt, by the conventions. */
export function messageIdEndpoints(x: Execution): MessageIdEndpoints {
  const n = x.eventCount;
  const S = x.strings.size;
  const keyKind = new Uint8Array(S);
  let any = false;
  const mark = (name: string, kind: number) => {
    const id = x.strings.find(name);
    if (id >= 0) keyKind[id] = kind;
    return id >= 0;
  };
  ID_FIELDS.forEach((f, i) => (any = mark(f, i + 1) || any));
  const hasTrace = mark(TRACE_FIELD, K_TRACE);
  const hasSpan = mark(SPAN_FIELD, K_SPAN);
  const result: MessageIdEndpoints = { endpoints: null, idEvents: 0, undirected: 0, idFields: [] };
  if (!any && !(hasTrace && hasSpan)) return result;
  DIRECTION_FIELDS.forEach((f) => mark(f, K_DIR));
  TO_FIELDS.forEach((f) => mark(f, K_TO));
  FROM_FIELDS.forEach((f) => mark(f, K_FROM));
  mark(PEER_FIELD, K_PEER);
  mark(ATTEMPT_FIELD, K_ATTEMPT);
  TOPIC_FIELDS.forEach((f) => mark(f, K_TOPIC));

  // Per-string caches, so each distinct value is lower-cased or looked up once.
  const roleOfValue = new Int8Array(S).fill(-1);
  const procOfValue = new Int32Array(S).fill(-2);
  const placeholder = new Int8Array(S).fill(-1);
  const peers = peerResolver(x);
  const resolvePeer = peers.resolve;

  const groupOf = new Int32Array(n).fill(-1);
  const role = new Uint8Array(n);
  const toProc = new Int32Array(n).fill(-1);
  const fromProc = new Int32Array(n).fill(-1);
  const peerProc = new Int32Array(n).fill(-1);
  const attempt = new Int32Array(n).fill(-1);
  const saidPeer = new Map<number, string>();
  // The group of an id value, per id field (a table by string id, made when the field occurs);
  // trace + span pairs, a pair of strings, by a map.
  const groupOfValue: (Int32Array | undefined)[] = [];
  const groupOfTraceSpan = new Map<number, number>();
  // Per group: its id field (kind), value and span (trace + span groups), grown as groups come.
  let groupCount = 0;
  let groupField = new Int32Array(1024);
  let groupValue = new Int32Array(1024);
  let groupSpan = new Int32Array(1024);
  const fieldUsed = new Uint8Array(TRACE_SPAN_ID + 1);

  const { fieldStart, fieldKey, fieldValue } = x;
  const undirected: number[] = [];
  let idEvents = 0;
  for (let e = 0; e < n; e++) {
    let idKind = 99;
    let idValue = -1;
    let trace = -1;
    let span = -1;
    let r: number = MessageRole.None;
    for (let i = fieldStart[e]!; i < fieldStart[e + 1]!; i++) {
      const kind = keyKind[fieldKey[i]!]!;
      if (kind === 0) continue;
      const v = fieldValue[i]!;
      if (kind <= ID_FIELDS.length) {
        if (kind < idKind && !isPlaceholderCached(x, placeholder, v)) {
          idKind = kind;
          idValue = v;
        }
      } else if (kind === K_DIR) {
        if (r === MessageRole.None) {
          let c = roleOfValue[v]!;
          if (c < 0) roleOfValue[v] = c = roleOfWord(x.strings.get(v));
          r = c;
        }
      } else if (kind === K_TO) {
        toProc[e] = procOfCached(x, procOfValue, resolvePeer, v);
      } else if (kind === K_FROM) {
        fromProc[e] = procOfCached(x, procOfValue, resolvePeer, v);
      } else if (kind === K_PEER) peerProc[e] = procOfCached(x, procOfValue, resolvePeer, v);
      else if (kind === K_ATTEMPT) attempt[e] = v;
      else if (kind === K_TRACE) trace = v;
      else if (kind === K_SPAN) span = v;
    }
    let byValue: Int32Array | undefined;
    let key = -1;
    if (idValue >= 0) byValue = groupOfValue[idKind] ??= new Int32Array(S).fill(-1);
    else if (trace >= 0 && span >= 0 && !isPlaceholderCached(x, placeholder, span)) {
      idKind = TRACE_SPAN_ID;
      key = trace * S + span;
    } else continue;
    idEvents++;
    fieldUsed[idKind] = 1;
    if (r === MessageRole.None) r = toProc[e]! >= 0 ? MessageRole.Send : fromProc[e]! >= 0 ? MessageRole.Receive : MessageRole.None;
    if (r === MessageRole.None) undirected.push(e);
    role[e] = r;
    let g = byValue ? byValue[idValue]! : (groupOfTraceSpan.get(key) ?? -1);
    if (g < 0) {
      g = groupCount++;
      if (g === groupField.length) {
        groupField = grown(groupField);
        groupValue = grown(groupValue);
        groupSpan = grown(groupSpan);
      }
      if (byValue) byValue[idValue] = g;
      else groupOfTraceSpan.set(key, g);
      groupField[g] = idKind;
      groupValue[g] = idKind === TRACE_SPAN_ID ? trace : idValue;
      groupSpan[g] = idKind === TRACE_SPAN_ID ? span : -1;
    }
    groupOf[e] = g;
  }
  result.idEvents = idEvents;
  // Where a process says which way an id went in no field, its wording may ("sent … to
  // B", "<- A", "handling"). Where it does in fields, the fields are that log's convention
  // for the id, and its other lines ("writing response failed", "returning the stored
  // response") are about the message, not the message. This is decided per process, so
  // a JSON log with dir fields and a text log with wording pair with each other, and a
  // line that only mentions the id (a commit, an ack) stays a mention either way.
  // directedBy[g] = p + 1 once process p has a field-directed event of g; processes are
  // contiguous in canonical order, so this is checked per process without a set.
  const directedBy = new Int32Array(undirected.length > 0 ? groupCount : 0);
  let u = 0;
  for (let p = 0; undirected.length > 0 && p < x.processNames.length; p++) {
    const end = x.procStart[p + 1]!;
    for (let e = x.procStart[p]!; e < end; e++) if (groupOf[e]! >= 0 && role[e] !== MessageRole.None) directedBy[groupOf[e]!] = p + 1;
    for (; u < undirected.length && undirected[u]! < end; u++) {
      const e = undirected[u]!;
      const said = directedBy[groupOf[e]!] === p + 1 ? null : directionFromText(textOf(x, e));
      if (!said) {
        result.undirected++;
        continue;
      }
      role[e] = said.role;
      if (said.peer !== null) saidPeer.set(e, said.peer);
      const peer = said.peer === null ? -1 : resolvePeer(said.peer);
      if (peer >= 0 && said.role === MessageRole.Send && toProc[e]! < 0) toProc[e] = peer;
      if (peer >= 0 && said.role === MessageRole.Receive && fromProc[e]! < 0) fromProc[e] = peer;
    }
  }
  ID_FIELDS.forEach((f, i) => fieldUsed[i + 1] && result.idFields.push(f));
  if (fieldUsed[TRACE_SPAN_ID]) result.idFields.push(`${TRACE_FIELD}+${SPAN_FIELD}`);

  result.endpoints = {
    group: groupOf,
    groupCount,
    role,
    toProc,
    fromProc,
    peerProc,
    attempt,
    ...endpointTexts(x, keyKind, role, saidPeer, groupField, groupValue, groupSpan),
    // keyText concatenates: field, '=', value.
    keysMade: true,
    accepts: peers.accepts,
    members: peers.members,
  };
  return result;
}

/**
 * keyOf and peerName, made in a scope of their own: closures made in messageIdEndpoints
 * would keep its whole scope alive, and with it the to / from / peer columns (12 bytes per
 * event) for as long as the message ends are read.
 */
function endpointTexts(
  x: Execution,
  keyKind: Uint8Array,
  role: Uint8Array,
  saidPeer: ReadonlyMap<number, string>,
  groupField: Int32Array,
  groupValue: Int32Array,
  groupSpan: Int32Array,
): Pick<Endpoints, 'keyOf' | 'peerName'> {
  const { fieldStart, fieldKey, fieldValue } = x;
  return {
    keyOf: (g: number) => keyText(x, groupField[g]!, groupValue[g]!, groupSpan[g]!),
    // The peer names as written, for messages about peers that have no log: read again from the
    // event's fields when asked (for a few events), not kept in four columns for every event.
    peerName(e: number): string | null {
      let toName = -1;
      let fromName = -1;
      let peerName = -1;
      let topicName = -1;
      for (let i = fieldStart[e]!; i < fieldStart[e + 1]!; i++) {
        const kind = keyKind[fieldKey[i]!]!;
        if (kind === K_TO) toName = fieldValue[i]!;
        else if (kind === K_FROM) fromName = fieldValue[i]!;
        else if (kind === K_PEER) peerName = fieldValue[i]!;
        else if (kind === K_TOPIC) topicName = fieldValue[i]!;
      }
      const r = role[e]!;
      const v = r === MessageRole.Send && toName >= 0 ? toName : r === MessageRole.Receive && fromName >= 0 ? fromName : peerName;
      if (v >= 0) return x.strings.get(v);
      const v2 = toName >= 0 ? toName : fromName >= 0 ? fromName : topicName;
      return v2 >= 0 ? x.strings.get(v2) : (saidPeer.get(e) ?? null);
    },
  };
}

function keyText(x: Execution, kind: number, value: number, span: number): string {
  if (kind === TRACE_SPAN_ID) return `${TRACE_FIELD}=${x.strings.get(value)} ${SPAN_FIELD}=${x.strings.get(span)}`;
  return `${ID_FIELDS[kind - 1]}=${x.strings.get(value)}`;
}

function grown(a: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** The peer reference of string v, resolved once per string (-2 in the cache: not yet). */
function procOfCached(x: Execution, cache: Int32Array, resolve: (name: string) => number, v: number): number {
  let p = cache[v]!;
  if (p === -2) cache[v] = p = resolve(x.strings.get(v));
  return p;
}

function isPlaceholderCached(x: Execution, cache: Int8Array, v: number): boolean {
  let c = cache[v]!;
  if (c < 0) cache[v] = c = isPlaceholderId(x.strings.get(v)) ? 1 : 0;
  return c === 1;
}
