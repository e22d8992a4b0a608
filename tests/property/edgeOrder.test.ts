import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { edgeOrder } from '../../src/core/model/edgeOrder';
import { withEdges, type EdgeSpec } from '../../src/core/correlate/withEdges';
import { ExecutionBuilder } from '../../src/core/model/executionBuilder';

/** The obvious stable sort by (from, to) it must agree with, less repeats when deduped. */
function reference(from: number[], to: number[], dedupe: boolean): number[] {
  const sorted = from.map((_, k) => k).sort((a, b) => from[a]! - from[b]! || to[a]! - to[b]! || a - b);
  return dedupe ? sorted.filter((k, i) => i === 0 || from[k] !== from[sorted[i - 1]!] || to[k] !== to[sorted[i - 1]!]) : sorted;
}

/** Edges among n events: few senders, so runs of one sender (short ones and, past 32, long ones) and repeats. */
const edges = fc.integer({ min: 1, max: 60 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    list: fc.array(fc.tuple(fc.integer({ min: 0, max: Math.min(n - 1, 4) }), fc.integer({ min: 0, max: n - 1 })), { maxLength: 120 }),
  }),
);

describe('edgeOrder', () => {
  it('orders edges as a stable sort by (from, to) does, and leaves out repeats when asked', () => {
    fc.assert(
      fc.property(edges, fc.boolean(), ({ n, list }, dedupe) => {
        const from = list.map((e) => e[0]);
        const to = list.map((e) => e[1]);
        const got = edgeOrder(Uint32Array.from(from), Uint32Array.from(to), list.length, n, dedupe);
        expect([...got]).toEqual(reference(from, to, dedupe));
      }),
      { numRuns: 300 },
    );
  });
});

describe('withEdges', () => {
  it('keeps the execution’s edges and the first rule of a repeated pair, sorted, with the kinds they imply', () => {
    fc.assert(
      fc.property(edges, fc.array(fc.tuple(fc.nat(), fc.nat(), fc.constantFrom('r1', 'r2'), fc.constantFrom('k1', 'k2'))), ({ n, list }, more) => {
        const b = new ExecutionBuilder('t');
        const p = b.process('A');
        for (let i = 0; i < n; i++) b.addEvent(p, { text: `e${i}`, input: 'a', line: i + 1 });
        const built = list.slice(0, list.length >> 1);
        for (const [f, t] of built) b.addEdge(f, t, 'own', 'k0');
        const x = b.build();
        const extra: EdgeSpec[] = more.map(([f, t, rule, key]) => ({ from: f % n, to: t % n, rule, key }));
        const y = withEdges(x, extra);
        const all = [
          ...Array.from({ length: x.edgeCount }, (_, k) => ({ from: x.edgeFrom[k]!, to: x.edgeTo[k]!, rule: x.strings.get(x.edgeRule[k]!), key: x.strings.get(x.edgeKey[k]!) })),
          ...extra,
        ];
        const kept = reference(all.map((e) => e.from), all.map((e) => e.to), true).map((k) => all[k]!);
        const got = Array.from({ length: y.edgeCount }, (_, k) => ({ from: y.edgeFrom[k]!, to: y.edgeTo[k]!, rule: y.strings.get(y.edgeRule[k]!), key: y.strings.get(y.edgeKey[k]!) }));
        expect(got).toEqual(kept.map(({ from, to, rule, key }) => ({ from, to, rule, key })));
        if (extra.length === 0) expect(y).toBe(x);
        for (const e of kept) {
          expect(y.eventKind[e.to]).toBe(2);
          expect(y.eventKind[e.from]).not.toBe(0);
        }
      }),
      { numRuns: 200 },
    );
  });
});
