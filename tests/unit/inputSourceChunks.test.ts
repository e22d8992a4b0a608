import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { chunksOf } from '../../src/core/input/inputSource';

async function all(bytes: Uint8Array, chunk: number): Promise<Uint8Array[]> {
  const out: Uint8Array[] = [];
  for await (const c of chunksOf({ name: 'x', bytes }, chunk)) out.push(c);
  return out;
}

describe('chunksOf (in-memory bytes)', () => {
  it('cuts after the last line break of each chunk, so no line is split between two', async () => {
    const text = new TextEncoder().encode('alpha\nbeta\ngamma delta\nepsilon\n');
    const chunks = await all(text, 12);
    expect(chunks.map((c) => new TextDecoder().decode(c))).toEqual(['alpha\nbeta\n', 'gamma delta\n', 'epsilon\n']);
  });

  it('gives a chunk whole when no line break is in it (one long line)', async () => {
    const text = new TextEncoder().encode('x'.repeat(20) + '\nend\nmore');
    const chunks = await all(text, 8);
    expect(chunks.map((c) => new TextDecoder().decode(c))).toEqual(['x'.repeat(8), 'x'.repeat(8), 'xxxx\n', 'end\nmore']);
  });

  it('always gives every byte, in order, each chunk non-empty and at most the chunk size', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 1, max: 40 }), fc.boolean(), async (raw, size, lines) => {
        const bytes = lines ? raw.map((b) => (b % 7 === 0 ? 10 : b)) : raw;
        const chunks = await all(bytes, size);
        const joined = new Uint8Array(chunks.reduce((s, c) => s + c.length, 0));
        let at = 0;
        for (const c of chunks) {
          expect(c.length).toBeGreaterThan(0);
          expect(c.length).toBeLessThanOrEqual(size);
          joined.set(c, at);
          at += c.length;
        }
        expect([...joined]).toEqual([...bytes]);
      }),
      { numRuns: 300 },
    );
  });
});
