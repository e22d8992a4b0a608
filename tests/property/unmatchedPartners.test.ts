/**
 * partnersOf (unmatchedMessages.ts) lists the processes each process
 * exchanged messages with, from a P × P table for a few processes, else by
 * sorting the edges' process pairs: both ways give the same lists, each
 * ascending and without repeats, on random executions and edges.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { partnersOf } from '../../src/core/anomalies/unmatchedMessages';
import { withEdges } from '../../src/core/correlate/withEdges';
import { ExecutionBuilder } from '../../src/core/model/executionBuilder';

describe('partnersOf', () => {
  it('gives the same partners from the table as from the sorted pairs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.array(fc.nat(6), { minLength: 1, maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(1000), fc.nat(1000)), { maxLength: 40 }),
        (P, procOf, pairs) => {
          const b = new ExecutionBuilder('p');
          const procs = Array.from({ length: P }, (_, p) => b.process(`svc-${p}`));
          // Added in process order, so the built event index is the added order.
          const owners = procOf.map((p) => p % P).sort((p, q) => p - q);
          owners.forEach((p, i) => b.addEvent(procs[p]!, { text: `e${i}`, input: `svc-${p}.log`, line: i + 1 }));
          const n = owners.length;
          const edges = pairs.map(([a, c]) => ({ from: a % n, to: c % n, rule: 'test', key: `k${a}` })).filter((e) => e.from !== e.to);
          const x = withEdges(b.build(), edges);
          const table = partnersOf(x);
          const sorted = partnersOf(x, 0);
          const expected = Array.from({ length: P }, () => new Set<number>());
          for (let k = 0; k < x.edgeCount; k++) {
            const p = x.eventProc[x.edgeFrom[k]!]!;
            const q = x.eventProc[x.edgeTo[k]!]!;
            if (p === q) continue;
            expected[p]!.add(q);
            expected[q]!.add(p);
          }
          for (let p = 0; p < P; p++) {
            expect([...table(p)]).toEqual([...expected[p]!].sort((a, c) => a - c));
            expect([...sorted(p)]).toEqual([...table(p)]);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
