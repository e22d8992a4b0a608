import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markPossibleMatches, regexSearch, type ChunkSearch } from '../../src/core/base/chunkMatches';
import { ChunkedStrings } from '../../src/core/base/chunkedStrings';
import { findSet, SET_TEXT } from '../../src/core/anomalies/setText';

/** Exact regexes, and the searches run over chunks in their place. */
const CASES: [string, RegExp, ChunkSearch][] = [
  ['SET_TEXT, by findSet', SET_TEXT, findSet],
  ['words with \\b', /\b(?:timed? ?out|retry(?:ing)?|backoff)\b/i, regexSearch(/(?:timed? ?out|retry(?:ing)?|backoff)/gi)],
];

// Pieces that make near misses across string ends (a string ending in "SET" before one starting " k="),
// words run together, odd spaces, and `=` where a name should be.
const piece = fc.constantFrom('SET', 'set', 'sEt', ' ', '  ', '\u00a0', '\u2003', '=', '==', 'k', 'key', 'x=', 'Se', 'T', 'ſet', 'retry', 'ing', 'timed', 'out', 'back', 'off', '\t', '\n', '-', '');
const text = fc.array(piece, { maxLength: 8 }).map((p) => p.join(''));

function marks(texts: string[], find: ChunkSearch): { marks: Uint8Array; marked: number } {
  const stored = new ChunkedStrings();
  for (const t of texts) stored.push(t);
  const out = new Uint8Array(texts.length);
  return { marks: out, marked: markPossibleMatches(stored.finish(), texts.length, find, out) };
}

describe('markPossibleMatches', () => {
  for (const [name, exact, find] of CASES)
    it(`marks every stored string the exact regex matches, across chunk and string boundaries: ${name}`, () => {
      fc.assert(
        fc.property(fc.array(text, { maxLength: 700 }), (texts) => {
          const r = marks(texts, find);
          expect(r.marked).toBe(r.marks.reduce((s, m) => s + m, 0));
          texts.forEach((t, i) => {
            if (exact.test(t)) expect(r.marks[i], `string ${i}: ${JSON.stringify(t)}`).toBe(1);
          });
        }),
        { numRuns: 200 },
      );
    });

  it('marks nothing in strings without the words, and only the strings that have them', () => {
    const texts = Array.from({ length: 1000 }, (_, i) => (i % 300 === 7 ? `cache SET user:${i}=1` : i % 2 ? `request ${i} served a=b` : `set ${i}`));
    expect([...marks(texts, findSet).marks.keys()].filter((i) => marks(texts, findSet).marks[i])).toEqual([7, 307, 607, 907]);
  });
});
