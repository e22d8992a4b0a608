/**
 * A part's texts read from their packed bytes (packedTexts.ts) merge to
 * exactly what reading them as strings gives: the same chunks and offsets,
 * whatever the runs, the place the runs land in the merged chunks, the
 * pieces the texts were packed in, and whether a piece is ASCII (read as
 * bytes) or not (decoded whole and sliced).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHUNK_SHIFT, STRINGS_PER_CHUNK } from '../../src/core/base/chunkedStrings';
import type { Execution } from '../../src/core/model/execution';
import { MergedTexts } from '../../src/core/parallel/mergedTexts';
import { PackedTexts } from '../../src/core/parallel/packedTexts';
import { packStrings } from '../../src/core/parallel/packPart';

/** An execution holding only texts, stored as builders store them: 256 to a chunk, offsets per event. */
function textsExecution(texts: string[]): Execution {
  const chunks: string[] = [];
  const starts = new Uint32Array(texts.length);
  for (let c = 0; c << CHUNK_SHIFT < texts.length; c++) {
    const some = texts.slice(c << CHUNK_SHIFT, (c + 1) << CHUNK_SHIFT);
    let at = 0;
    some.forEach((t, i) => {
      starts[(c << CHUNK_SHIFT) + i] = at;
      at += t.length;
    });
    chunks.push(some.join(''));
  }
  return { eventCount: texts.length, textChunks: chunks, textStart: starts } as unknown as Execution;
}

const chunkAt = (chunks: Execution['textChunks'], c: number) => (chunks as unknown as { at(c: number): string }).at(c);

function textsOfStored(n: number, chunks: Execution['textChunks'], starts: Uint16Array | Uint32Array): string[] {
  return Array.from({ length: n }, (_, e) => {
    const chunk = chunkAt(chunks, e >>> CHUNK_SHIFT)!;
    const last = (e & (STRINGS_PER_CHUNK - 1)) === STRINGS_PER_CHUNK - 1 || e + 1 === n;
    return chunk.slice(starts[e]!, last ? chunk.length : starts[e + 1]!);
  });
}

const asciiText = fc.string({ maxLength: 40 });
const anyText = fc.oneof(asciiText, asciiText, asciiText, fc.constantFrom('ümlaut ✓', '日本語', '😀', 'lone \ud800 lead', ''));

describe('PackedTexts', () => {
  it('merges runs from packed bytes exactly as from strings', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(asciiText, asciiText, anyText), { minLength: 1, maxLength: 1200 }),
        fc.array(asciiText, { maxLength: 300 }),
        fc.integer({ min: 1, max: 20_000 }),
        fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 1, maxLength: 20 }),
        (texts, before, pieceChars, cuts) => {
          const x = textsExecution(texts);
          const lead = textsExecution(before);
          const packed = new PackedTexts(packStrings(x.textChunks as string[], pieceChars));
          expect(packed.chunks()).toEqual(x.textChunks);
          const plain = new MergedTexts(before.length + texts.length);
          const fromBytes = new MergedTexts(before.length + texts.length);
          // Another source's events first, so the part's runs land anywhere in a merged chunk.
          plain.append(lead, 0, before.length);
          fromBytes.append(lead, 0, before.length);
          let at = 0;
          for (let k = 0; at < texts.length; k++) {
            const to = Math.min(texts.length, at + cuts[k % cuts.length]!);
            plain.append(x, at, to);
            fromBytes.append(x, at, to, packed);
            at = to;
          }
          const a = plain.finish();
          const b = fromBytes.finish();
          expect(b.textChunks).toEqual(a.textChunks);
          expect(b.textStart).toEqual(a.textStart);
          expect(textsOfStored(before.length + texts.length, b.textChunks, b.textStart)).toEqual([...before, ...texts]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reads an ASCII piece as bytes and any other piece as a decoded string', () => {
    const ascii = 'a'.repeat(300);
    const packed = new PackedTexts(packStrings([ascii, ascii, 'é'.repeat(300), ascii], 700));
    expect(packed.count).toBe(4);
    expect([0, 1, 2, 3].map((c) => packed.isAscii(c))).toEqual([true, true, false, false]);
    expect(packed.chunks()).toEqual([ascii, ascii, 'é'.repeat(300), ascii]);
  });
});
