import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUILTIN_SOURCES, mayHoldBuiltinId, scanTokens, TokenScanner } from '../../src/core/correlate/correlationTokens';

// scanTokens tries the built-in shapes only where one can start; it must find exactly what one
// global alternation run over the whole text finds (the reference), ids next to ids included.
const REFERENCE = new RegExp(`(?<![0-9A-Za-z_])(?:(${BUILTIN_SOURCES[0]})|(${BUILTIN_SOURCES[1]})|(${BUILTIN_SOURCES[2]})|(${BUILTIN_SOURCES[3]}))(?![0-9A-Za-z_])`, 'g');

function reference(text: string): [string, number, number, number][] {
  const out: [string, number, number, number][] = [];
  REFERENCE.lastIndex = 0;
  for (let m = REFERENCE.exec(text); m !== null; m = REFERENCE.exec(text)) {
    const kind = m[1] !== undefined ? 0 : m[2] !== undefined ? 1 : m[3] !== undefined ? 2 : 3;
    out.push([kind === 1 ? m[0] : m[0].toLowerCase(), kind, m.index, m.index + m[0].length]);
  }
  return out;
}

function scanned(text: string): [string, number, number, number][] {
  const out: [string, number, number, number][] = [];
  scanTokens(text, [], (v, k, s, e) => out.push([v, k, s, e]));
  return out;
}

const hex = fc.constantFrom(...'0123456789abcdefABCDEF');
const hexRun = (n: number) => fc.array(hex, { minLength: n, maxLength: n }).map((a) => a.join(''));
const uuid = fc.tuple(hexRun(8), hexRun(4), hexRun(4), hexRun(4), hexRun(12)).map((p) => p.join('-'));
const piece = fc.oneof(
  uuid,
  uuid.map((u) => `req-${u}`),
  hexRun(32),
  hexRun(31),
  hexRun(33),
  fc.integer({ min: -99999, max: 99999 }).map((n) => `blk_${n}`),
  fc.constantFrom('req-', 'blk_', 'blk', 'bl', 'r', '-', '_', ' ', '=', '.', 'x', 'id=', 'tenant-24', 'm00000048', 'deadbeef', 'DEADBEEF', 'é', 'ü=', '日本', '😀', 'req', 'eq-'),
  fc.string({ maxLength: 6 }),
);

describe('scanTokens', () => {
  it('finds the ids one global alternation over the text finds, at the same places', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        expect(scanned(text)).toEqual(reference(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads a text stored in a chunk of texts as it reads the text alone, whatever surrounds it', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 6 }), fc.array(piece, { maxLength: 4 }), fc.array(piece, { maxLength: 4 }), (mid, before, after) => {
        const text = mid.join('');
        const head = before.join('');
        const chunk = head + text + after.join('');
        const got: [string, number, number, number][] = [];
        scanTokens(chunk, [], (v, k, s, e) => got.push([v, k, s - head.length, e - head.length]), head.length, head.length + text.length);
        expect(got).toEqual(reference(text));
      }),
      { numRuns: 3000 },
    );
  });

  // collectOccurrences reads a chunk's texts in order through one scanner, whose searches for req- and
  // blk_ run on past a text into the next ones: each text must still read as it reads alone, with ids
  // and halves of ids at the texts' edges (an id split over two texts is no id of either).
  it('reads the texts of chunks through one scanner, in order or not, as it reads each text alone', () => {
    const texts = fc.array(fc.array(piece, { maxLength: 5 }).map((p) => p.join('')), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(fc.array(texts, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.integer(), (chunks, inOrder, seed) => {
        const spans: [number, number, number][] = [];
        const joined = chunks.map((c, ci) => {
          let at = 0;
          for (const t of c) {
            spans.push([ci, at, at + t.length]);
            at += t.length;
          }
          return c.join('');
        });
        if (!inOrder) {
          // A fixed shuffle by the seed: texts out of order, chunks interleaved.
          let r = seed >>> 0;
          for (let i = spans.length - 1; i > 0; i--) {
            r = (Math.imul(r, 1103515245) + 12345) >>> 0;
            const j = r % (i + 1);
            [spans[i], spans[j]] = [spans[j]!, spans[i]!];
          }
        }
        const scanner = new TokenScanner();
        for (const [ci, from, to] of spans) {
          const got: [string, number, number, number][] = [];
          scanner.scan(joined[ci]!, [], (v, k, s, e) => got.push([v, k, s - from, e - from]), from, to);
          expect(got).toEqual(reference(joined[ci]!.slice(from, to)));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('reads ids in a log line', () => {
    const line = 'req-1f2e3d4c-0000-4a4a-8b8b-0123456789ab served blk_-42 for 1F2E3D4C-0000-4A4A-8B8B-0123456789AB trace=0123456789abcdef0123456789abcdef';
    expect(scanned(line).map(([v, k]) => `${k}:${v}`)).toEqual([
      '0:req-1f2e3d4c-0000-4a4a-8b8b-0123456789ab',
      '1:blk_-42',
      '2:1f2e3d4c-0000-4a4a-8b8b-0123456789ab',
      '3:0123456789abcdef0123456789abcdef',
    ]);
  });
});

describe('where ids may be', () => {
  it('mayHoldBuiltinId says no only for values the scan finds no id in', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 3 }).map((p) => p.join('')), (v) => {
        if (!mayHoldBuiltinId(v)) expect(scanned(v)).toEqual([]);
      }),
      { numRuns: 2000 },
    );
    expect(mayHoldBuiltinId('blk_7')).toBe(true);
    expect(mayHoldBuiltinId('m00000006')).toBe(false);
  });
});
