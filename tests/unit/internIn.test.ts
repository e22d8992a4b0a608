import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StringTable } from '../../src/core/base/stringTable';
import { type ParseContext } from '../../src/core/input/formatParser';
import { ChunkDecoder } from '../../src/core/input/chunkDecoder';
import { JsonLinesParser } from '../../src/core/input/jsonLines/jsonLinesParser';
import { TextLogParser } from '../../src/core/input/textLog/textLogParser';
import { collectingContext } from './readerKit';

/**
 * Interning a text where it stands (StringTable.internIn, from a chunk's
 * string or its aligned bytes) gives the ids intern() of the slice gives, in
 * the same order; and readers that stop remembering message ids per place
 * (RecentValues' and SpanFieldIds' samples, over a thousand lines) build the
 * same executions with and without aligned bytes as the plain readers.
 */

/** A chunk of pieces, each either ASCII text or one raw byte (an invalid one decodes to U+FFFD). */
const pieceArb = fc.oneof(
  // 'y' × 70: longer than the reading table's arena keeps (compared as a string).
  { weight: 6, arbitrary: fc.constantFrom('m1', 'm2', 'req-7', '', 'a', 'x'.repeat(20), 'svc-1', 'y'.repeat(70)) },
  { weight: 2, arbitrary: fc.integer({ min: 0x80, max: 0xff }) },
  { weight: 1, arbitrary: fc.string({ maxLength: 4 }).map((s) => s.replace(/[^\x20-\x7e]/g, '?')) },
);

function chunkOf(pieces: readonly (string | number)[]): { u: Uint8Array; s: string; at: [number, number][] } {
  const bytes: number[] = [];
  const at: [number, number][] = [];
  for (const p of pieces) {
    const from = bytes.length;
    if (typeof p === 'number') bytes.push(p);
    else for (let i = 0; i < p.length; i++) bytes.push(p.charCodeAt(i));
    at.push([from, bytes.length]);
    bytes.push(0x20);
  }
  const u = Uint8Array.from(bytes);
  return { u, s: new TextDecoder().decode(u), at };
}

describe('StringTable.internIn', () => {
  it('gives the ids intern() of the slice gives, from the string or the aligned bytes, mixed with intern(), before and after seal', () => {
    fc.assert(
      fc.property(fc.array(pieceArb, { minLength: 1, maxLength: 40 }), fc.array(fc.tuple(fc.nat(), fc.nat(2)), { maxLength: 120 }), fc.nat(120), (pieces, picks, sealAt) => {
        const { u, s, at } = chunkOf(pieces);
        expect(s.length).toBe(u.length);
        const plain = new StringTable();
        const inPlace = new StringTable();
        picks.forEach(([k, how], i) => {
          if (i === sealAt) {
            plain.seal();
            inPlace.seal();
          }
          const [from, to] = at[k % at.length]!;
          const want = plain.intern(s.slice(from, to));
          // how: from the string, from the aligned bytes, or by intern() (its text then found where it stands).
          const got = how === 2 ? inPlace.intern(s.slice(from, to)) : inPlace.internIn(s, from, to, how === 0 ? null : u);
          expect(got).toBe(want);
          expect(inPlace.get(got)).toBe(s.slice(from, to));
        });
        expect(inPlace.size).toBe(plain.size);
      }),
      { numRuns: 500 },
    );
  });
});

/** The execution a reader builds from bytes pushed through a ChunkDecoder in `cuts` (aligned bytes given or not). */
function readBytes(make: (ctx: ParseContext, head: string) => { text(t: string, u?: Uint8Array | null): void; end(): void }, input: Uint8Array, cuts: number[], withBytes: boolean) {
  const { ctx, result } = collectingContext();
  const head = new TextDecoder().decode(input.subarray(0, 65536));
  const reader = make(ctx, head);
  const d = new ChunkDecoder();
  let at = 0;
  let aligned = 0;
  for (const c of [...cuts, input.length]) {
    const t = d.push(input.subarray(at, c));
    if (withBytes && d.aligned) aligned += d.aligned.length;
    reader.text(t, withBytes ? d.aligned : null);
    at = c;
  }
  reader.text(d.end());
  reader.end();
  return { built: result(), aligned };
}

/** Lines where a message id rarely repeats (so the per-place memos stop remembering it), with other keys that do. */
function lines(n: number, seed: number, json: boolean): string {
  const out: string[] = [];
  let x = seed;
  const rnd = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (let i = 0; i < n; i++) {
    // Every fifth id comes again (a receive of an earlier send); a few early ids hold a non-ASCII character
    // (their chunk is read from text, the later ones from aligned bytes).
    const id = rnd() < 0.2 && i > 10 ? `m${Math.floor(rnd() * i)}` : `m${i}${i < 20 && rnd() < 0.3 ? 'é' : ''}`;
    const dir = rnd() < 0.5 ? 'send' : 'recv';
    const ts = `2026-03-14T09:${String(Math.floor(i / 600) % 60).padStart(2, '0')}:${String(Math.floor(i / 10) % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')}Z`;
    out.push(json ? `{"ts":"${ts}","service":"svc-${i % 3}","msg":"event ${i}","msg_id":"${id}","dir":"${dir}"}` : `${ts} INFO event ${i} service=svc-${i % 3} msg_id=${id} dir=${dir}`);
  }
  return out.join('\n') + '\n';
}

describe('readers past the message-id sample', () => {
  for (const [name, json] of [['JSON lines', true], ['text logs', false]] as const) {
    it(`${name}: the same execution from aligned bytes, from text, and read plainly`, () => {
      const input = new TextEncoder().encode(lines(5000, json ? 7 : 11, json));
      const cuts = [4096, 70000, 140001, 300000].filter((c) => c < input.length);
      const make = json
        ? (scan: boolean) => (ctx: ParseContext) => new JsonLinesParser(scan).reader('app.jsonl', '', ctx)
        : () => (ctx: ParseContext, head: string) => new TextLogParser().reader('app.log', head, ctx);
      const inPlace = readBytes(make(true), input, cuts, true);
      // Not vacuous: all but the first chunk come with aligned bytes.
      expect(inPlace.aligned).toBeGreaterThanOrEqual(input.length - 4096);
      const fromText = readBytes(make(true), input, cuts, false);
      expect(inPlace.built.x.eventCount).toBe(5000);
      expect(inPlace.built).toEqual(fromText.built);
      if (json) expect(inPlace.built).toEqual(readBytes(make(false), input, cuts, false).built);
    });
  }
});
