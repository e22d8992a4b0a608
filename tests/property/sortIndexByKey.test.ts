import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sortIndexByKey } from '../../src/core/base/sortIndexByKey';

/** The obvious stable sort it must agree with. */
function reference(keys: Float64Array, index: Uint32Array): number[] {
  const rank = (x: number) => (Number.isNaN(x) ? 1 : 0);
  return [...index]
    .map((id, at) => ({ id, at }))
    .sort((p, q) => {
      const x = keys[p.id]!;
      const y = keys[q.id]!;
      return rank(x) - rank(y) || (rank(x) ? 0 : x < y ? -1 : x > y ? 1 : 0) || p.at - q.at;
    })
    .map((p) => p.id);
}

const key = fc.oneof(
  fc.double(),
  fc.integer({ min: -5, max: 5 }).map((v) => v), // many ties
  fc.constantFrom(0, -0, Infinity, -Infinity, NaN, Number.MIN_VALUE, -Number.MIN_VALUE, 1e300, -1e300),
  fc.double({ min: 1e12, max: 1e12 + 1000, noNaN: true }), // epoch-sized, high bits equal
);

describe('sortIndexByKey', () => {
  it('orders indices by key like a stable comparison sort, for small and radix-sized inputs', () => {
    fc.assert(
      fc.property(fc.array(key, { minLength: 0, maxLength: 900 }), fc.boolean(), (values, shuffled) => {
        const keys = Float64Array.from(values);
        const index = Uint32Array.from(values.keys());
        if (shuffled) index.reverse();
        expect([...sortIndexByKey(keys, index)]).toEqual(reference(keys, index));
      }),
      { numRuns: 200 },
    );
  });

  it('sorts a subset of indices and leaves the input array untouched', () => {
    const keys = Float64Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000);
    const index = Uint32Array.from({ length: 500 }, (_, i) => 999 - 2 * i);
    const before = index.slice();
    const out = sortIndexByKey(keys, index);
    expect([...index]).toEqual([...before]);
    expect([...out]).toEqual(reference(keys, index));
  });
});
