import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HEAD_BYTES, PREFETCH_MAX, sessionFilesOf } from '../../workers/blobFiles';
import { SMALL_INPUT } from '../../src/core/input/readAhead';
import type { SessionFile } from '../../src/core/session/analyzerSession';

function bytesOf(n: number, seed: number): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (i * 31 + seed * 7 + (i >>> 8)) & 255;
  return b;
}

async function readAll(f: SessionFile): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const c of f.stream!()) parts.push(c);
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) (out.set(p, at), (at += p.length));
  return out;
}

/** Byte equality without walking a megabyte element by element through toEqual. */
function same(a: Uint8Array, b: Uint8Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

async function firstChunk(f: SessionFile): Promise<Uint8Array> {
  for await (const c of f.stream!()) return c;
  return new Uint8Array(0);
}

const size = fc.oneof(
  fc.integer({ min: 0, max: 3 * HEAD_BYTES }),
  fc.integer({ min: SMALL_INPUT - 2, max: SMALL_INPUT + 2 * HEAD_BYTES }),
  fc.integer({ min: SMALL_INPUT, max: 1 << 20 }),
);

describe('the dropped files as the session reads them', () => {
  it('streams every file as its bytes, whatever the order, peeks at heads first, and reads twice', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(size, { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(fc.nat(), fc.boolean()), { minLength: 1, maxLength: 12 }),
        async (sizes, reads) => {
          const data = sizes.map((n, i) => bytesOf(n, i));
          // Names out of name order, so "the next file" is not the next given.
          const files = sessionFilesOf(data.map((b, i) => ({ name: `f${(i * 7) % 10}-${i}`, blob: new Blob([b as BlobPart]) })));
          for (const [k, peek] of reads) {
            const i = k % files.length;
            const f = files[i]!;
            if (peek) {
              const c = await firstChunk(f);
              expect(same(c, data[i]!.subarray(0, c.length))).toBe(true);
              if (data[i]!.length > 0) expect(c.length).toBeGreaterThan(0);
            } else expect(same(await readAll(f), data[i]!)).toBe(true);
          }
          for (const [i, f] of files.entries()) expect(same(await readAll(f), data[i]!)).toBe(true);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('streams a file past the read-ahead limit in pieces, and its start from the joined heads', async () => {
    const big = bytesOf(PREFETCH_MAX + 12345, 3);
    const [f, g] = sessionFilesOf([
      { name: 'a.log', blob: new Blob([big as BlobPart]) },
      { name: 'b.log', blob: new Blob([bytesOf(SMALL_INPUT + 1, 4) as BlobPart]) },
    ]);
    const head = await firstChunk(f!);
    expect(head.length).toBe(HEAD_BYTES);
    expect(same(await readAll(f!), big)).toBe(true);
    expect(same(await readAll(g!), bytesOf(SMALL_INPUT + 1, 4))).toBe(true);
  });
});
