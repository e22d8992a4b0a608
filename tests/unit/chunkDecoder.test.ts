import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkDecoder } from '../../src/core/input/chunkDecoder';

function decodeIn(bytes: Uint8Array, cuts: number[]): string {
  const d = new ChunkDecoder();
  let out = '';
  let at = 0;
  for (const p of [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b)) {
    out += d.push(bytes.subarray(at, p));
    at = p;
  }
  return out + d.push(bytes.subarray(at)) + d.end();
}

describe('ChunkDecoder (UTF-8)', () => {
  it('gives what one decode of all the bytes gives, for any bytes cut anywhere', () => {
    const whole = (b: Uint8Array) => {
      // A UTF-16 byte-order mark makes the input UTF-16 (random bytes start with FF FE now and then).
      if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder('utf-16le').decode(b.subarray(2));
      if (b[0] === 0xfe && b[1] === 0xff) return new TextDecoder('utf-16be').decode(b.subarray(2));
      const body = b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? b.subarray(3) : b;
      return new TextDecoder('utf-8').decode(body);
    };
    const byte = fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff }), fc.constantFrom(0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xef, 0xbb, 0xbf));
    fc.assert(
      fc.property(fc.array(byte, { minLength: 3, maxLength: 60 }), fc.array(fc.nat(60), { maxLength: 8 }), (arr, cuts) => {
        const bytes = Uint8Array.from(arr.map((b) => (b === 0 ? 1 : b)));
        expect(decodeIn(bytes, cuts)).toBe(whole(bytes));
      }),
      { numRuns: 500, examples: [[[255, 254, 128], []], [[254, 255, 0x41, 0x42, 0x43], [3]]] },
    );
  });

  it('keeps a U+FEFF that starts a later chunk, and strips only the leading byte-order mark', () => {
    const bytes = new TextEncoder().encode('\ufeffab\ufeffcd€\ufeff');
    const text = 'ab\ufeffcd€\ufeff';
    for (let cut = 0; cut <= bytes.length; cut++) expect(decodeIn(bytes, [cut])).toBe(text);
    expect(decodeIn(bytes, [5, 8, 9, 12])).toBe(text);
  });
});
