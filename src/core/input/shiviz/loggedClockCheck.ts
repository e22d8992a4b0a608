/**
 * Checks logged vector clocks against the engine's, after analysis. The
 * parser derived edges from the clocks; the engine recomputed every clock
 * from those edges and program order. Where a logged clock differs, it is not
 * the merge of its predecessors (or names a host or event that does not
 * exist), which ShiViz never checks.
 *
 * Engine entries count positions (the k-th event of q); they are compared in
 * the log's own numbering (the own entry the k-th event of q logged), so a
 * host whose own entries skip a number — already reported by the parser —
 * does not make every later clock that mentions it differ too.
 *
 * One wrong clock is copied forward by program order and by messages, so a
 * mismatch whose exact difference (entry, logged, engine) is already on an
 * immediate predecessor is marked `inherited`; only the others are reported.
 */
import type { Clocks } from '../../clocks/clockEngine';
import type { DiagnosticSink } from '../../model/diagnostic';
import { eventId, fieldValue, type Execution } from '../../model/execution';
import { parseClock, type VectorClock } from './clockJson';
import { CLOCK_FIELD } from './loggedEvent';

export type ClockMismatchKind = 'unknown-host' | 'beyond-count' | 'not-merge';

export interface ClockMismatch {
  event: number;
  /** The clock entry (host name) that differs. */
  entry: string;
  logged: number;
  /** The engine's entry, in the log's numbering; 0 for a host with no events. */
  computed: number;
  kind: ClockMismatchKind;
  /** The same difference is on an immediate predecessor: a consequence, not a cause. */
  inherited: boolean;
}

/** Each event's logged clock (the `clock` field), or null where it has none that counts its own host. */
export function readLoggedClocks(x: Execution): (VectorClock | null)[] {
  const out = new Array<VectorClock | null>(x.eventCount).fill(null);
  const key = x.strings.find(CLOCK_FIELD);
  if (key < 0) return out;
  for (let e = 0; e < x.eventCount; e++) {
    const raw = fieldValue(x, e, key);
    if (raw === undefined) continue;
    const parsed = parseClock(raw);
    // A `clock` field that is not a vector clock of this event's host is some other format's field.
    if (parsed.ok && (parsed.value.get(x.processNames[x.eventProc[e]!]!) ?? 0) > 0) out[e] = parsed.value;
  }
  return out;
}

export function checkLoggedClocks(x: Execution, clocks: Clocks, logged: readonly (VectorClock | null)[]): ClockMismatch[] {
  const P = x.processNames.length;
  const procIndex = new Map(x.processNames.map((name, p) => [name, p] as const));
  // The own entry each event logged (its position where it logged none), and each host's highest.
  const ownLogged = new Uint32Array(x.eventCount);
  const maxOwn = new Uint32Array(P);
  for (let q = 0; q < P; q++) {
    for (let e = x.procStart[q]!; e < x.procStart[q + 1]!; e++) {
      const own = logged[e]?.get(x.processNames[q]!) ?? e - x.procStart[q]! + 1;
      ownLogged[e] = own;
      if (own > maxOwn[q]!) maxOwn[q] = own;
    }
  }
  const inLogNumbering = (q: number, k: number) => (k === 0 ? 0 : ownLogged[x.procStart[q]! + k - 1]!);

  const perEvent: ClockMismatch[][] = [];
  for (let e = 0; e < x.eventCount; e++) {
    const clock = logged[e];
    if (!clock) continue;
    const p = x.eventProc[e]!;
    const found: ClockMismatch[] = [];
    for (let q = 0; q < P; q++) {
      if (q === p) continue;
      const name = x.processNames[q]!;
      const l = clock.get(name) ?? 0;
      const c = inLogNumbering(q, clocks.vc.entry(e, q));
      if (l !== c) {
        found.push({ event: e, entry: name, logged: l, computed: c, kind: l > maxOwn[q]! ? 'beyond-count' : 'not-merge', inherited: false });
      }
    }
    for (const [name, v] of clock) {
      if (v > 0 && !procIndex.has(name)) {
        found.push({ event: e, entry: name, logged: v, computed: 0, kind: 'unknown-host', inherited: false });
      }
    }
    if (found.length > 0) perEvent[e] = found;
  }

  const adj = clocks.adjacency;
  const sameOn = (pred: number, m: ClockMismatch) =>
    perEvent[pred]?.some((o) => o.entry === m.entry && o.logged === m.logged && o.computed === m.computed) ?? false;
  const out: ClockMismatch[] = [];
  perEvent.forEach((found, e) => {
    const p = x.eventProc[e]!;
    for (const m of found) {
      m.inherited = (e > x.procStart[p]! && sameOn(e - 1, m)) || incoming(adj, e).some((from) => sameOn(from, m));
      out.push(m);
    }
  });
  return out;

  function incoming(a: Clocks['adjacency'], e: number): number[] {
    const froms: number[] = [];
    for (let k = a.inStart[e]!; k < a.inStart[e + 1]!; k++) {
      const edge = a.inEdge[k]!;
      if (!a.skip[edge]) froms.push(x.edgeFrom[edge]!);
    }
    return froms;
  }
}

/** Reads, checks and reports (as errors naming input and line) the clocks that are not inherited mismatches. */
export function verifyLoggedClocks(x: Execution, clocks: Clocks, sink: DiagnosticSink): ClockMismatch[] {
  const logged = readLoggedClocks(x);
  if (!logged.some((c) => c !== null)) return [];
  const mismatches = checkLoggedClocks(x, clocks, logged);
  for (const m of mismatches) {
    if (m.inherited) continue;
    sink.add(x.inputs[x.eventInput[m.event]!]!, x.eventLine[m.event]!, 'error', describe(x, m));
  }
  return mismatches;
}

function describe(x: Execution, m: ClockMismatch): string {
  const who = `the vector clock of ${eventId(x, m.event)}`;
  const q = JSON.stringify(m.entry);
  switch (m.kind) {
    case 'unknown-host':
      return `${who} names host ${q} (entry ${m.logged}), which has no events in this execution`;
    case 'beyond-count':
      return `${who} has entry ${q}: ${m.logged}, but host ${q} has only ${eventsOf(x, m.entry)} events: no event ${m.logged} of ${q} exists`;
    case 'not-merge':
      return (
        `${who} is not the merge of its predecessors: entry ${q} is ${m.logged} in the log but ${m.computed} ` +
        (m.logged > m.computed
          ? `from its program predecessor and the messages it received (no message brought ${q}'s event ${m.logged})`
          : `from its program predecessor and the messages it received (the log forgets what it already knew)`)
      );
  }
}

function eventsOf(x: Execution, host: string): number {
  const q = x.processNames.indexOf(host);
  return q < 0 ? 0 : x.procStart[q + 1]! - x.procStart[q]!;
}
