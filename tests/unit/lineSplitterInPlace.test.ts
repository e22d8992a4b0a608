/**
 * LineSplitter with an in-place sink: for any text cut into any chunks, the
 * lines it gives (line() strings, and lineIn() ranges sliced from their
 * chunk) are, with their numbers and in order, exactly the lines of a plain
 * LineSplitter. A lineIn() range is a line that lies whole in the chunk it was
 * given with: it starts the chunk's text after a line break, and ends right
 * before the chunk's '\n' (or the CR of its CRLF).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter, type LineInSink } from '../../src/core/input/lineSplitter';

type Given = { n: number; text: string; how: 'line' | 'in' };

/** The text cut at `cuts` (positions in it, any order, repeats allowed). */
function chunksOf(text: string, cuts: readonly number[]): string[] {
  const points = [...new Set(cuts.map((c) => Math.min(c, text.length)))].sort((a, b) => a - b);
  const out: string[] = [];
  let at = 0;
  for (const p of [...points, text.length]) {
    out.push(text.slice(at, p));
    at = p;
  }
  return out;
}

function plainLines(chunks: readonly string[]): [number, string][] {
  const out: [number, string][] = [];
  const splitter = new LineSplitter({ line: (text, n) => out.push([n, text]) });
  for (const c of chunks) splitter.text(c);
  splitter.end();
  expect(splitter.lines).toBe(out.length);
  return out;
}

/** The lines an in-place splitter gives; every lineIn range is checked against the chunk it came with. */
function inPlaceLines(chunks: readonly string[]): Given[] {
  const out: Given[] = [];
  let current = '';
  const sink: LineInSink = {
    line: (text, n) => out.push({ n, text, how: 'line' }),
    lineIn: (s, from, to, n) => {
      // The very chunk being read, and a range of it that is a whole line.
      expect(s).toBe(current);
      expect(0 <= from && from <= to && to < s.length).toBe(true);
      expect(from > 0 && s[from - 1] === '\n').toBe(true);
      const brk = s.slice(to, to + 2);
      expect(brk === '\r\n' || brk[0] === '\n').toBe(true);
      expect(s.slice(from, to)).not.toContain('\n');
      out.push({ n, text: s.slice(from, to), how: 'in' });
    },
  };
  const splitter = new LineSplitter(sink, sink);
  for (const c of chunks) {
    current = c;
    splitter.text(c);
  }
  current = '';
  splitter.end();
  expect(splitter.lines).toBe(out.length);
  return out;
}

const piece = fc.constantFrom('a', 'line', ' ', '\n', '\n', '\r\n', '\r', '\r\r\n', '\n\n', 'é', '😀', '\u2028', '\t', '=', 'k=v');

describe('LineSplitter in place', () => {
  it('gives the lines and numbers of a plain splitter, for any text and cuts', () => {
    let inPlace = 0;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 80 }), fc.array(fc.nat(300), { maxLength: 10 }), (pieces, cuts) => {
        const text = pieces.join('');
        const chunks = chunksOf(text, cuts);
        const got = inPlaceLines(chunks);
        expect(got.map(({ n, text }) => [n, text])).toEqual(plainLines(chunks));
        // And those of the whole text at once.
        expect(got.map(({ n, text }) => [n, text])).toEqual(plainLines([text]));
        inPlace += got.filter((g) => g.how === 'in').length;
      }),
      { numRuns: 2000 },
    );
    // Not vacuous: many lines were given in place.
    expect(inPlace).toBeGreaterThan(1000);
  });

  it('gives a chunk’s first line and the last line at end() as strings, the lines between in place', () => {
    const got = inPlaceLines(['x\na\nb\r\n\nc', 'd\r', '\ne\nf\r']);
    expect(got).toEqual([
      { n: 1, text: 'x', how: 'line' },
      { n: 2, text: 'a', how: 'in' },
      { n: 3, text: 'b', how: 'in' },
      { n: 4, text: '', how: 'in' },
      { n: 5, text: 'cd', how: 'line' },
      { n: 6, text: 'e', how: 'in' },
      { n: 7, text: 'f', how: 'line' },
    ]);
  });

  it('gives every line as a string without an in-place sink', () => {
    const got: [number, string][] = [];
    const sink: LineInSink = {
      line: (text, n) => got.push([n, text]),
      lineIn: () => {
        throw new Error('lineIn without an in-place sink');
      },
    };
    const splitter = new LineSplitter(sink);
    splitter.text('a\nb\nc\r\nd');
    splitter.end();
    expect(got).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
      [4, 'd'],
    ]);
  });
});
