/**
 * Correlation groups: ids (correlationTokens.ts) that events on two or more
 * processes share. Such an id says the events belong to one request, block or
 * object, not which way anything went, so it makes no edge; it is listed, and
 * may back a proposed rule (correlationProposals.ts).
 *
 * One pass over the events: each event's id-like field values (through a memo
 * per interned value) and the ids in its text (found by the one search of
 * every text, anomalies/textSearches.ts), each value interned once, give
 * (value, event) occurrences in event order. A counting sort by value then
 * gives each value's events in order, de-duplicated, and its processes (events
 * of a process are contiguous, so they change only at a new process). All
 * linear in events and text.
 *
 * Not correlations: a value on one process only; a value that edges already
 * join (a message id paired send → receive: the edge says more); and a value
 * on more than MAX_SHARE of all events (a tenant, a cluster uid, a default
 * trace id): such values are counted in one diagnostic instead.
 */
import { cmp } from '../model/executionBuilder';
import type { DiagnosticSink } from '../model/diagnostic';
import { CHUNK_SHIFT, endOf } from '../base/chunkedStrings';
import { textOf, type Execution } from '../model/execution';
import { compileCorrelationPatterns, isCorrelationKey, isTrivialId, mayHoldBuiltinId, scanTokens, TokenScanner, type UserPattern } from './correlationTokens';
import { searchTexts, type TextSearches } from '../anomalies/textSearches';

/** A value on more than this share of all events is too common to correlate anything. */
export const MAX_SHARE = 0.1;
/** ...unless it is on this few events or fewer (small logs). */
export const MIN_CAP = 16;

export interface Correlation {
  /** The shared value. */
  key: string;
  /** Where it was found: a field's key, or a token kind (correlationTokens.ts TokenKind) as a number. */
  source: string | number;
  /** Event indices, ascending (so each process's events in program order). */
  events: number[];
  /** Process indices, ascending. */
  processes: number[];
}

export interface CorrelationOptions {
  correlationPatterns?: string[];
}

/** Groups in document order: by processes spanned (most first), then by key. */
/** `texts`: the built-in ids in the texts, where a pass over every text (textSearches.ts) found them already; searched here when not given. */
export function findCorrelations(x: Execution, options: CorrelationOptions = {}, diagnostics?: DiagnosticSink, texts: TextSearches = searchTexts(x)): Correlation[] {
  const { patterns, problems } = compileCorrelationPatterns(options.correlationPatterns);
  for (const p of problems) diagnostics?.add('options', 0, 'error', p);
  const occ = collectOccurrences(x, patterns, texts);
  const V = occ.values.length;
  const n = occ.length;
  // Counting sort of occurrences by value; within a value they stay in event order.
  const start = new Uint32Array(V + 1);
  for (let i = 0; i < n; i++) start[occ.value[i]! + 1]!++;
  for (let v = 0; v < V; v++) start[v + 1]! += start[v]!;
  const cursor = start.slice(0, V);
  const events = new Uint32Array(n);
  for (let i = 0; i < n; i++) events[cursor[occ.value[i]!]!++] = occ.event[i]!;

  // Made when a value first spans two processes: most executions have none, and 200 k edges cost a set each.
  let edgeKeys: Map<string, Set<number>> | null = null;
  const cap = Math.max(MIN_CAP, Math.floor(x.eventCount * MAX_SHARE));
  const out: Correlation[] = [];
  let capped = 0;
  let widest = -1;
  let widestCount = 0;
  for (let v = 0; v < V; v++) {
    const list: number[] = [];
    const procs: number[] = [];
    for (let i = start[v]!; i < start[v + 1]!; i++) {
      const e = events[i]!;
      if (list.length > 0 && list[list.length - 1] === e) continue;
      list.push(e);
      const p = x.eventProc[e]!;
      if (procs.length === 0 || procs[procs.length - 1] !== p) procs.push(p);
    }
    if (procs.length < 2) continue;
    if (list.length > cap) {
      capped++;
      if (list.length > widestCount) [widest, widestCount] = [v, list.length];
      continue;
    }
    const key = occ.values[v]!;
    const joined = (edgeKeys ??= edgeKeyEnds(x)).get(key);
    if (joined && list.every((e) => joined.has(e))) continue;
    out.push({ key, source: occ.source[v]!, events: list, processes: procs });
  }
  if (capped > 0 && diagnostics) {
    const first = events[start[widest]!]!;
    diagnostics.add(
      x.inputs[x.eventInput[first]!] ?? x.name,
      0,
      'info',
      `${capped} shared id${capped === 1 ? ' is' : 's are'} on more than ${MAX_SHARE * 100} % of the ${x.eventCount} events of ${x.name} ` +
        `(the most: "${occ.values[widest]}" on ${widestCount}): too common to correlate anything, not listed as correlations`,
    );
  }
  out.sort((a, b) => b.processes.length - a.processes.length || cmp(a.key, b.key));
  return out;
}

interface Occurrences {
  /** Interned values, and where each was first found. */
  values: string[];
  source: (string | number)[];
  value: Uint32Array;
  event: Uint32Array;
  length: number;
}

function collectOccurrences(x: Execution, patterns: readonly UserPattern[], texts: TextSearches): Occurrences {
  const values: string[] = [];
  const source: (string | number)[] = [];
  const ids = new Map<string, number>();
  let value = new Uint32Array(1024);
  let event = new Uint32Array(1024);
  let length = 0;
  const push = (v: number, e: number) => {
    if (length === value.length) {
      const nv = new Uint32Array(length * 2);
      nv.set(value);
      value = nv;
      const ne = new Uint32Array(length * 2);
      ne.set(event);
      event = ne;
    }
    value[length] = v;
    event[length++] = e;
  };
  const intern = (s: string, from: string | number): number => {
    let v = ids.get(s);
    if (v === undefined) {
      ids.set(s, (v = values.length));
      values.push(s);
      source.push(from);
    }
    return v;
  };
  // Per string id, as a field key: 0 not yet seen, 1 an id key, 2 not; as a field value: the values it holds,
  // found once (most hold none: a million msg_ids cost no array and no map entry each). valueFrom -1: not yet
  // read, -2: holds none (one read per field then, not two).
  const ofString = new Uint8Array(x.strings.size);
  const valueFrom = new Int32Array(x.strings.size).fill(-1);
  const valueCount = new Uint32Array(x.strings.size);
  const heldValues: number[] = [];
  let cur = 0;
  const onToken = (s: string, kind: number) => push(intern(s, kind), cur);
  const onValueToken = (t: string, kind: number) => heldValues.push(intern(t, kind));
  // The built-in ids of the texts, found beforehand (textSearches.ts), in event order; each distinct value interned when first met here.
  const { idEvent, idValue, idKind, idCount, idValues } = texts;
  const idOf = new Int32Array(idValues.length).fill(-1);
  let t = 0;
  // The user's patterns read the texts here, after the built-in shapes, as a scan of each text would.
  const users = new TokenScanner();
  // Columns in locals: this loop over every event and field runs once per analysis, mostly before it is optimized.
  const { fieldStart, fieldKey, fieldValue, textChunks, textStart } = x;
  for (let e = 0, n = x.eventCount; e < n; e++) {
    cur = e;
    for (let i = fieldStart[e]!, fields = fieldStart[e + 1]!; i < fields; i++) {
      const k = fieldKey[i]!;
      if (ofString[k] === 0) ofString[k] = isCorrelationKey(x.strings.get(k)) ? 1 : 2;
      const fv = fieldValue[i]!;
      if (valueFrom[fv] === -1) {
        const s = x.strings.get(fv);
        const from = heldValues.length;
        // A field named as an id is one whole; in another field, ids are found as in text.
        if (ofString[k] === 1) {
          if (!isTrivialId(s)) heldValues.push(intern(s, x.strings.get(k)));
        } else if (patterns.length > 0 || mayHoldBuiltinId(s)) scanTokens(s, patterns, onValueToken);
        valueFrom[fv] = heldValues.length > from ? from : -2;
        valueCount[fv] = heldValues.length - from;
      }
      const held = valueFrom[fv]!;
      if (held >= 0) for (let j = held, end = j + valueCount[fv]!; j < end; j++) push(heldValues[j]!, e);
    }
    for (; t < idCount && idEvent[t] === e; t++) {
      const local = idValue[t]!;
      if (idOf[local] === -1) idOf[local] = intern(idValues[local]!, idKind[t]!);
      push(idOf[local]!, e);
    }
    if (patterns.length > 0) {
      // Read in place in its chunk of texts: a text sliced out of it is slower to read character by character.
      const chunk = textChunks.at(e >>> CHUNK_SHIFT)!;
      users.scanUser(chunk, patterns, onToken, textStart[e]!, endOf(chunk, textStart, n, e));
    }
  }
  return { values, source, value, event, length };
}

/** Per edge key: the events edges with that key join. */
function edgeKeyEnds(x: Execution): Map<string, Set<number>> {
  const out = new Map<string, Set<number>>();
  const byId = new Map<number, Set<number>>();
  for (let k = 0; k < x.edgeCount; k++) {
    const id = x.edgeKey[k]!;
    let s = byId.get(id);
    if (!s) {
      byId.set(id, (s = new Set()));
      out.set(x.strings.get(id), s);
    }
    s.add(x.edgeFrom[k]!);
    s.add(x.edgeTo[k]!);
  }
  return out;
}
