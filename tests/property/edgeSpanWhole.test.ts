import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortIndexByKey } from '../../src/core/base/sortIndexByKey';
import { edgeSpanIndex, kthSmallestWhole, sortIndexByWholeKey } from '../../src/core/view/edgeSpanIndex';

/** Whole keys as the logical axis has them, with many ties, and -0 now and then. */
const wholeKeys = (max: number) => fc.array(fc.oneof(fc.integer({ min: 0, max }), fc.constant(-0), fc.integer({ min: 0, max: 3 })), { minLength: 0, maxLength: 1500 });

describe('the edge span index on whole positions (counting paths)', () => {
  it('sortIndexByWholeKey orders like sortIndexByKey, stably, for any subset of indices', () => {
    fc.assert(
      fc.property(wholeKeys(5000), fc.integer({ min: 0, max: 1 << 30 }), (values, seed) => {
        const keys = Float64Array.from(values);
        // A subset in ascending order, as edgeSpanIndex passes its short edges.
        const index = Uint32Array.from([...keys.keys()].filter((i) => (seed >>> i % 30) & 1 || i % 3 === 0));
        const max = index.reduce((m, i) => Math.max(m, keys[i]!), 0);
        expect([...sortIndexByWholeKey(keys, index, max)]).toEqual([...sortIndexByKey(keys, index)]);
      }),
      { numRuns: 300 },
    );
  });

  it('kthSmallestWhole is the k-th of the sorted values (spans: Math.abs, so never -0)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 1500 }), fc.nat(), (values, k0) => {
        const a = Float64Array.from(values);
        const k = k0 % a.length;
        const max = values.reduce((m, v) => Math.max(m, v), 0);
        expect(kthSmallestWhole(a, k, max)).toBe([...a].sort((x, y) => x - y)[k]);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the index the plain building blocks give, for ranks of radix-sized runs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 4000 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 1500 }),
        fc.integer({ min: 1, max: 4000 }),
        (n, pairs, spread) => {
          // Dense ranks as buildAxisPositions makes them: whole, below n, many events per rank.
          const pos = Float64Array.from({ length: n }, (_, e) => Math.floor((e * spread) / n) % n);
          const from = Uint32Array.from(pairs, ([a]) => a % n);
          const to = Uint32Array.from(pairs, ([, b]) => b % n);
          const proc = Uint32Array.from({ length: n }, (_, e) => e % 7);
          const idx = edgeSpanIndex(pos, from, to, proc);
          const m = from.length;
          const start = Float64Array.from(from, (a, k) => Math.min(pos[a]!, pos[to[k]!]!));
          const span = Float64Array.from(from, (a, k) => Math.abs(pos[a]! - pos[to[k]!]!));
          const shortSpan = [...span].sort((x, y) => x - y)[Math.min(m - 1, Math.floor(m * 0.99))]!;
          const shorts = Uint32Array.from([...span.keys()].filter((k) => span[k]! <= shortSpan));
          const longs = [...span.keys()].filter((k) => span[k]! > shortSpan);
          const edge = [...sortIndexByKey(start, shorts), ...longs];
          expect(idx.shortSpan).toBe(shortSpan);
          expect(idx.shortCount).toBe(shorts.length);
          expect([...idx.edge]).toEqual(edge);
          expect([...idx.starts]).toEqual(edge.slice(0, shorts.length).map((k) => start[k]!));
          expect([...idx.posFrom]).toEqual(edge.map((k) => pos[from[k]!]!));
          expect([...idx.procTo]).toEqual(edge.map((k) => proc[to[k]!]!));
        },
      ),
      { numRuns: 200 },
    );
  });
});
