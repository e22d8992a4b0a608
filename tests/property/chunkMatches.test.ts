import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markPossibleMatches } from '../../src/core/base/chunkMatches';
import { ChunkedStrings } from '../../src/core/base/chunkedStrings';

/** Exact regexes with \b, and the loose ones run over chunks in their place (the same less \b). */
const CASES: [RegExp, RegExp][] = [
  [/\bSET\s+([^\s=]+)=/i, /SET\s+[^\s=]+=/gi],
  [/\b(?:timed? ?out|retry(?:ing)?|backoff)\b/i, /(?:timed? ?out|retry(?:ing)?|backoff)/gi],
];

// Pieces that make near misses across string ends: a string ending in "SET" before one starting " k=", words run together.
const piece = fc.constantFrom('SET', 'set', ' ', '  ', '=', 'k', 'key', 'x=', 'Se', 'T', 'retry', 'ing', 'timed', 'out', 'back', 'off', '\t', '-', '');
const text = fc.array(piece, { maxLength: 8 }).map((p) => p.join(''));

describe('markPossibleMatches', () => {
  it('marks every stored string the exact regex matches, across chunk and string boundaries', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 700 }), fc.integer({ min: 0, max: CASES.length - 1 }), (texts, c) => {
        const [exact, loose] = CASES[c]!;
        const stored = new ChunkedStrings();
        for (const t of texts) stored.push(t);
        const marks = new Uint8Array(texts.length);
        const marked = markPossibleMatches(stored.finish(), texts.length, loose, marks);
        expect(marked).toBe(marks.reduce((s, m) => s + m, 0));
        texts.forEach((t, i) => {
          if (exact.test(t)) expect(marks[i], `string ${i}: ${JSON.stringify(t)}`).toBe(1);
          // A mark is a loose match that starts in the string (it may run past its end).
          if (marks[i]) expect(new RegExp(loose.source, 'i').test(texts.slice(i).join(''))).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('marks nothing in strings without the words, and only the strings that have them', () => {
    const texts = Array.from({ length: 1000 }, (_, i) => (i % 300 === 7 ? `cache SET user:${i}=1` : `request ${i} served`));
    const stored = new ChunkedStrings();
    for (const t of texts) stored.push(t);
    const marks = new Uint8Array(texts.length);
    expect(markPossibleMatches(stored.finish(), texts.length, /SET\s+[^\s=]+=/gi, marks)).toBe(4);
    expect([...marks.keys()].filter((i) => marks[i])).toEqual([7, 307, 607, 907]);
  });
});
