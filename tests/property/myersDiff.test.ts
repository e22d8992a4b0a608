import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { myersDiff } from '../../src/core/base/myersDiff';

/** Length of a longest common subsequence, by the textbook quadratic table. */
function lcsLength(a: readonly number[], b: readonly number[]): number {
  let prev = new Uint32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    const row = new Uint32Array(b.length + 1);
    for (let j = 1; j <= b.length; j++) row[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, row[j - 1]!);
    prev = row;
  }
  return prev[b.length]!;
}

/** The matched tokens, paired in order, must be equal: a common subsequence. */
function pairedTokens(a: readonly number[], b: readonly number[], ma: Uint8Array, mb: Uint8Array): { ok: boolean; count: number } {
  const ia = [...ma.keys()].filter((i) => ma[i] === 1);
  const ib = [...mb.keys()].filter((i) => mb[i] === 1);
  if (ia.length !== ib.length) return { ok: false, count: -1 };
  return { ok: ia.every((i, n) => a[i] === b[ib[n]!]), count: ia.length };
}

const tokens = (alphabet: number, max: number) => fc.array(fc.integer({ min: 0, max: alphabet - 1 }), { maxLength: max });

describe('myersDiff', () => {
  it('matches a longest common subsequence: its edit script is the shortest (small alphabets)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }).chain((k) => fc.tuple(tokens(k, 40), tokens(k, 40))), ([a, b]) => {
        const r = myersDiff(a, b);
        const p = pairedTokens(a, b, r.matchedA, r.matchedB);
        expect(p.ok).toBe(true);
        expect(r.coarse).toBe(false);
        const edits = a.length + b.length - 2 * p.count;
        expect(edits).toBe(a.length + b.length - 2 * lcsLength(a, b));
      }),
      { numRuns: 2000 },
    );
  });

  it('stays shortest on long runs edited in a few places', () => {
    fc.assert(
      fc.property(
        tokens(50, 300),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete', 'replace'), fc.integer({ min: 0, max: 60 })), { maxLength: 12 }),
        (a, edits) => {
          const b = [...a];
          for (const [at, op, t] of edits) {
            const i = b.length === 0 ? 0 : at % (b.length + 1);
            if (op === 'insert') b.splice(i, 0, t);
            else if (op === 'delete') b.splice(i, 1);
            else b.splice(i, 1, t);
          }
          const r = myersDiff(a, b);
          const p = pairedTokens(a, b, r.matchedA, r.matchedB);
          expect(p.ok).toBe(true);
          expect(p.count).toBe(lcsLength(a, b));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives up a part too different for its budget: all of it unmatched, still a common subsequence', () => {
    fc.assert(
      fc.property(tokens(3, 60), tokens(3, 60), fc.integer({ min: 1, max: 4 }), (a, b, maxHalfD) => {
        const r = myersDiff(a, b, maxHalfD);
        const p = pairedTokens(a, b, r.matchedA, r.matchedB);
        expect(p.ok).toBe(true);
        const best = lcsLength(a, b);
        expect(p.count).toBeLessThanOrEqual(best);
        if (!r.coarse) expect(p.count).toBe(best);
      }),
      { numRuns: 1000 },
    );
  });

  it('aligns the classic example and empty sides', () => {
    // Myers' paper: ABCABBA against CBABAC has D = 5 (LCS 4).
    const enc = (s: string) => [...s].map((c) => c.charCodeAt(0));
    const r = myersDiff(enc('ABCABBA'), enc('CBABAC'));
    expect([...r.matchedA].reduce((s, v) => s + v, 0)).toBe(4);
    expect(myersDiff([], [1, 2])).toEqual({ matchedA: new Uint8Array(0), matchedB: new Uint8Array(2), coarse: false });
    const same = myersDiff([1, 2, 3], [1, 2, 3]);
    expect([...same.matchedA, ...same.matchedB]).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('marks nothing matched when the sides share no token, without giving up', () => {
    const r = myersDiff(Array.from({ length: 500 }, (_, i) => i), Array.from({ length: 400 }, (_, i) => 1000 + i));
    expect(r.coarse).toBe(false);
    expect(r.matchedA.every((v) => v === 0) && r.matchedB.every((v) => v === 0)).toBe(true);
  });
});
