import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { edgeSpanIndex, MAX_SAMPLE_LEVEL, sampledRange, sampleLevel, shortRange } from '../../src/core/view/edgeSpanIndex';

/** The edges the index lets through for a window, after the exact span test edgeMarks applies. */
function viaIndex(pos: Float64Array, from: Uint32Array, to: Uint32Array, lo: number, hi: number): number[] {
  const proc = new Uint32Array(pos.length);
  const idx = edgeSpanIndex(pos, from, to, proc);
  const [a0, a1] = shortRange(idx, lo, hi);
  const out: number[] = [];
  const visit = (i: number) => {
    const k = idx.edge[i]!;
    expect(idx.posFrom[i]).toBe(pos[from[k]!]);
    expect(idx.posTo[i]).toBe(pos[to[k]!]);
    if (Math.max(idx.posFrom[i]!, idx.posTo[i]!) >= lo && Math.min(idx.posFrom[i]!, idx.posTo[i]!) <= hi) out.push(k);
  };
  for (let i = a0; i < a1; i++) visit(i);
  for (let i = idx.shortCount; i < idx.edge.length; i++) visit(i);
  return out.sort((x, y) => x - y);
}

describe('the edge span index', () => {
  it('finds exactly the messages whose span meets a window, whatever their lengths', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 2, maxLength: 300 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 1200 }),
        fc.double({ min: -10, max: 1010, noNaN: true }),
        fc.double({ min: 0, max: 300, noNaN: true }),
        (p, pairs, lo, width) => {
          const pos = Float64Array.from(p);
          const from = Uint32Array.from(pairs, ([a]) => a % p.length);
          const to = Uint32Array.from(pairs, ([, b]) => b % p.length);
          const hi = lo + width;
          const brute = [...from.keys()].filter((k) => Math.max(pos[from[k]!]!, pos[to[k]!]!) >= lo && Math.min(pos[from[k]!]!, pos[to[k]!]!) <= hi);
          expect(viaIndex(pos, from, to, lo, hi)).toEqual(brute);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('splits at the 99th percentile span, short entries by start then long ones, ties by edge', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 2, maxLength: 60 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 700 }), (p, pairs) => {
        const pos = Float64Array.from(p);
        const from = Uint32Array.from(pairs, ([a]) => a % p.length);
        const to = Uint32Array.from(pairs, ([, b]) => b % p.length);
        const span = (k: number) => Math.abs(pos[from[k]!]! - pos[to[k]!]!);
        const start = (k: number) => Math.min(pos[from[k]!]!, pos[to[k]!]!);
        const spans = [...from.keys()].map(span).sort((x, y) => x - y);
        const idx = edgeSpanIndex(pos, from, to, new Uint32Array(p.length));
        expect(idx.shortSpan).toBe(spans[Math.min(spans.length - 1, Math.floor(spans.length * 0.99))]);
        const keys = [...from.keys()];
        const shorts = keys.filter((k) => span(k) <= idx.shortSpan).sort((x, y) => start(x) - start(y) || x - y);
        const longs = keys.filter((k) => span(k) > idx.shortSpan);
        expect([...idx.edge]).toEqual([...shorts, ...longs]);
        expect([...idx.starts]).toEqual(shorts.map(start));
      }),
      { numRuns: 200 },
    );
  });

  it('lists per sample level the entries of that level or more, and their part in a window', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 2, maxLength: 80 }),
        fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3000 }),
        fc.integer({ min: 1, max: MAX_SAMPLE_LEVEL }),
        fc.integer({ min: -20, max: 420 }),
        fc.integer({ min: 0, max: 200 }),
        (p, pairs, bits, lo, width) => {
          const pos = Float64Array.from(p);
          const from = Uint32Array.from(pairs, ([a]) => a % p.length);
          const to = Uint32Array.from(pairs, ([, b]) => b % p.length);
          const idx = edgeSpanIndex(pos, from, to, new Uint32Array(p.length));
          const entries = [...idx.edge.keys()];
          for (let l = 1; l <= MAX_SAMPLE_LEVEL; l++) {
            const list = [...idx.sampled.subarray(idx.sampledStart[l]!, idx.sampledStart[l + 1]!)];
            expect(list).toEqual(entries.filter((i) => sampleLevel(idx.edge[i]!) >= l));
          }
          const [a0, a1] = shortRange(idx, lo, lo + width);
          const inWindow = entries.filter((i) => (i >= a0 && i < a1) || i >= idx.shortCount);
          expect([...sampledRange(idx, bits, a0, a1)]).toEqual(inWindow.filter((i) => sampleLevel(idx.edge[i]!) >= bits));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('samples by the hash the diagram always used: the top bits of the edge’s Fibonacci hash', () => {
    let differ = 0;
    let kept = 0;
    for (let k = 0; k < 200_000; k++)
      for (let bits = 1; bits <= MAX_SAMPLE_LEVEL; bits++) {
        const old = Math.imul(k + 1, 0x9e3779b1) >>> (32 - bits) === 0;
        if (sampleLevel(k) >= bits !== old) differ++;
        if (old) kept++;
      }
    expect(differ).toBe(0);
    expect(kept).toBeGreaterThan(190_000); // about 200 000 × (1/2 + 1/4 + …)
  });
});
