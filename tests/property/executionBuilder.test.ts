import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventKind } from '../../src/core/model/execution';
import { ExecutionBuilder } from '../../src/core/model/executionBuilder';

// build() takes one pass when the events came in runs of processes in name order (nothing moves) and
// sorts them otherwise: both must give the canonical execution, whatever order the events came in.

interface Ev {
  proc: number;
  line: number;
  ms: number | null;
  kind: EventKind | undefined;
  fields: [string, string][];
}

const NAMES = ['svc-b', 'svc-a', 'svc-c', 'db', 'svc-a@h2'];
const event = fc.record({
  proc: fc.integer({ min: 0, max: NAMES.length - 1 }),
  line: fc.integer({ min: 1, max: 1000 }),
  ms: fc.option(fc.integer({ min: 0, max: 1e9 })),
  kind: fc.constantFrom(undefined, undefined, EventKind.Local, EventKind.Send, EventKind.Receive),
  fields: fc.array(fc.tuple(fc.constantFrom('k', 'to', 'msg_id'), fc.constantFrom('a', 'b', 'm1', '')), { maxLength: 3 }),
});
const edge = fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('r1', 'r2'), fc.constantFrom('x', 'y'));

/** A builder of the events in the order given (`order`: indexes into events); edges name events by index. */
function built(events: Ev[], order: number[], edges: [number, number, string, string][]) {
  const b = new ExecutionBuilder('x');
  // The same strings in the same order whatever the event order: string ids are then the same.
  for (const s of ['k', 'to', 'msg_id', 'a', 'b', 'm1', '', 'r1', 'r2', 'x', 'y']) b.strings.intern(s);
  for (const name of NAMES) b.process(name);
  const handle = new Array<number>(events.length);
  for (const i of order) {
    const e = events[i]!;
    handle[i] = b.beginEvent(e.proc, e.ms === null ? null : { ms: e.ms, ns: 0, digits: 3 }, `text ${i}`, 'in.log', e.line, e.kind);
    for (const [k, v] of e.fields) b.addField(k, v);
  }
  for (const [from, to, rule, key] of edges) b.addEdge(handle[from % events.length]!, handle[to % events.length]!, rule, key);
  return b.build();
}

describe('ExecutionBuilder.build', () => {
  it('gives the same execution for events added in any order as for events added in canonical order', () => {
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: 60 }), fc.array(edge, { maxLength: 20 }), fc.integer(), (events, edges, seed) => {
        // Canonical order: processes by name, each one's events in the order they were added.
        const byName = NAMES.map((_, p) => p).sort((a, b) => (NAMES[a]! < NAMES[b]! ? -1 : 1));
        const canonical = byName.flatMap((p) => events.map((_, i) => i).filter((i) => events[i]!.proc === p));
        // Any order that keeps each process's events in their order: interleave the processes by the seed.
        const queues = NAMES.map((_, p) => events.map((_, i) => i).filter((i) => events[i]!.proc === p));
        const mixed: number[] = [];
        let r = seed >>> 0;
        while (mixed.length < events.length) {
          r = (Math.imul(r, 1103515245) + 12345) >>> 0;
          const q = queues[r % queues.length]!;
          if (q.length > 0) mixed.push(q.shift()!);
        }
        const want = built(events, canonical, edges);
        const got = built(events, mixed, edges);
        expect(got).toEqual(want);
        // The canonical layout itself: processes by name, their events contiguous and in order.
        expect(want.processNames).toEqual(byName.map((p) => NAMES[p]));
        const procs = Array.from(want.eventProc);
        expect(procs).toEqual(canonical.map((i) => byName.indexOf(events[i]!.proc)));
        for (let p = 0; p < NAMES.length; p++) expect(want.procStart[p + 1]! - want.procStart[p]!).toBe(procs.filter((q) => q === p).length);
        expect(Array.from(want.eventLine)).toEqual(canonical.map((i) => events[i]!.line));
        expect(Array.from(want.fieldStart.subarray(1)).map((end, e) => end - want.fieldStart[e]!)).toEqual(canonical.map((i) => events[i]!.fields.length));
      }),
      { numRuns: 500 },
    );
  });
});
