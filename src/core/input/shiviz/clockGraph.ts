/**
 * Rebuilds the happened-before graph from logged vector clocks, as ShiViz
 * does. Program order on a host is the order of its own clock entry (GoVector
 * sets interleave hosts across files, and a file's order is not the clock's).
 *
 * Edges: an event e of host h with clock V learned something new about host q
 * when V[q] exceeds its program predecessor's V_p[q]. Each such q names the
 * event of q whose own entry is V[q]: a candidate sender. A candidate whose
 * knowledge is already carried by another candidate (that candidate's logged
 * clock has q ≥ V[q]) reached e through it, so only the remaining candidates
 * are direct senders. For a consistent log this gives exactly the clocks that
 * were logged when the engine recomputes them; checkLoggedClocks verifies it.
 */
import { cmp } from '../../model/executionBuilder';
import { entryOf } from './clockJson';
import type { LoggedEvent } from './loggedEvent';

/** Host → its events in program order; hosts in name order. */
export type Lanes = Map<string, LoggedEvent[]>;

export function programOrder(events: readonly LoggedEvent[]): Lanes {
  const byHost = new Map<string, LoggedEvent[]>();
  for (const ev of events) {
    let lane = byHost.get(ev.host);
    if (!lane) byHost.set(ev.host, (lane = []));
    lane.push(ev);
  }
  const lanes: Lanes = new Map();
  for (const host of [...byHost.keys()].sort(cmp)) {
    lanes.set(host, byHost.get(host)!.sort((a, b) => a.own - b.own || a.arrival - b.arrival));
  }
  return lanes;
}

export interface ClockEdge {
  from: LoggedEvent;
  to: LoggedEvent;
  /** The sender as `host:own entry`. */
  key: string;
}

export function deriveEdges(lanes: Lanes): ClockEdge[] {
  // Sender lookup by (host, own entry); with a duplicated entry the first in program order stands.
  const byOwn = new Map<string, Map<number, LoggedEvent>>();
  for (const [host, lane] of lanes) {
    const m = new Map<number, LoggedEvent>();
    for (const ev of lane) if (!m.has(ev.own)) m.set(ev.own, ev);
    byOwn.set(host, m);
  }
  const edges: ClockEdge[] = [];
  for (const [host, lane] of lanes) {
    let prev: LoggedEvent | undefined;
    for (const ev of lane) {
      const candidates: { q: string; v: number; sender: LoggedEvent }[] = [];
      for (const [q, v] of ev.clock) {
        if (q === host || v <= entryOf(prev?.clock, q)) continue;
        const sender = byOwn.get(q)?.get(v);
        // No such event: an unknown host or a count past the host's events, reported by the clock check.
        if (sender) candidates.push({ q, v, sender });
      }
      for (const c of candidates) {
        const implied = candidates.some((o) => o !== c && entryOf(o.sender.clock, c.q) >= c.v);
        if (!implied) edges.push({ from: c.sender, to: ev, key: `${c.q}:${c.v}` });
      }
      prev = ev;
    }
  }
  return edges;
}
