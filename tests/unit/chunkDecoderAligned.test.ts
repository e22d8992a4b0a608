import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkDecoder } from '../../src/core/input/chunkDecoder';

/**
 * ChunkDecoder.aligned: after a push whose text has one UTF-16 unit per byte
 * (ASCII, and invalid bytes that decode to U+FFFD one each) it holds exactly
 * the bytes that push decoded, byte i standing for character i; it is null
 * when the text has a multi-byte character, for UTF-16 input, and after end().
 */

const enc = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: (string | number)[]) => Uint8Array.from(parts.flatMap((p) => (typeof p === 'number' ? [p] : [...enc(p)])));

/** All of the input decoded at once, as ChunkDecoder reads it: a UTF-16 byte-order mark picks UTF-16, else UTF-8; a lone CR is a line break. */
function decodeWhole(input: Uint8Array): string {
  const lf = (s: string) => s.replace(/\r(?!\n)/g, '\n');
  if (input[0] === 0xff && input[1] === 0xfe) return lf(new TextDecoder('utf-16le').decode(input.subarray(2)));
  if (input[0] === 0xfe && input[1] === 0xff) return lf(new TextDecoder('utf-16be').decode(input.subarray(2)));
  return lf(new TextDecoder().decode(input));
}

/** Whether u and text are aligned: same length, byte i is character i below 0x80 and U+FFFD above. */
function alignedWith(u: Uint8Array, text: string): boolean {
  if (u.length !== text.length) return false;
  for (let i = 0; i < u.length; i++) if (text.charCodeAt(i) !== (u[i]! < 0x80 ? u[i]! : 0xfffd)) return false;
  return true;
}

describe('ChunkDecoder.aligned', () => {
  it('holds the bytes of an ASCII chunk, up to its last line break; the unfinished line waits for the next chunk', () => {
    const d = new ChunkDecoder();
    const chunk = enc('{"msg":"hello"}\n{"msg":"w');
    expect(d.push(chunk)).toBe('{"msg":"hello"}\n');
    expect(d.aligned).toEqual(enc('{"msg":"hello"}\n'));
    const next = enc('orld"}\n');
    expect(d.push(next)).toBe('{"msg":"world"}\n');
    expect(d.aligned).toEqual(enc('{"msg":"world"}\n'));
  });

  it('holds the bytes of a chunk whose invalid bytes decode to one U+FFFD each', () => {
    const d = new ChunkDecoder();
    const chunk = bytes('a', 0xff, 'b', 0x80, 0xc0, 0xaf, 'c', 0xe2, 'd\n');
    const text = d.push(chunk);
    expect(text).toBe('a\ufffdb\ufffd\ufffd\ufffdc\ufffdd\n');
    expect(d.aligned).toEqual(chunk);
    expect(alignedWith(d.aligned!, text)).toBe(true);
  });

  it('decodes an input that starts with a UTF-16 byte-order mark as UTF-16, with no aligned bytes', () => {
    // The property below once met this input: the whole-text check must read it as ChunkDecoder does.
    const input = Uint8Array.from([0xff, 0xfe, 0x41, 0x42]);
    const d = new ChunkDecoder();
    expect(d.push(input) + d.end()).toBe('\u4241');
    expect(decodeWhole(input)).toBe('\u4241');
    expect(d.aligned).toBeNull();
  });

  it('is null when the text has a multi-byte character', () => {
    for (const s of ['caf\u00e9\n', 'price \u20ac5\n', 'smile \u{1f600}\n', 'replacement \ufffd as written\n']) {
      const d = new ChunkDecoder();
      expect(d.push(enc(s))).toBe(s);
      expect(d.aligned).toBeNull();
    }
  });

  it('is null when an incomplete sequence decodes to one U+FFFD for several bytes', () => {
    const d = new ChunkDecoder();
    expect(d.push(bytes('abc', 0xe2, 0x82, 'x\n'))).toBe('abc\ufffdx\n');
    expect(d.aligned).toBeNull();
  });

  it('leaves out the bytes of a character the chunk ends inside of, and holds them with the next chunk when they decode alone', () => {
    // Lines longer than the decoder holds back whole, so that only the character is held.
    const L = 'x'.repeat(70_000);
    const d = new ChunkDecoder();
    expect(d.push(bytes(L, 'abc', 0xe2, 0x82))).toBe(`${L}abc`);
    expect(d.aligned).toEqual(enc(`${L}abc`));
    expect(d.push(bytes(0xac, 'd', L))).toBe(`\u20acd${L}`);
    expect(d.aligned).toBeNull();
    expect(d.push(bytes('ef', L, 0xc3))).toBe(`ef${L}`);
    expect(d.aligned).toEqual(enc(`ef${L}`));
    // The held lead byte is not continued: it decodes to U+FFFD, and it is one of the bytes this push decoded.
    expect(d.push(bytes('g\n'))).toBe('\ufffdg\n');
    expect(d.aligned).toEqual(bytes(0xc3, 'g\n'));
  });

  it('holds the body after a UTF-8 byte-order mark', () => {
    const d = new ChunkDecoder();
    expect(d.push(bytes(0xef, 0xbb, 0xbf, '{"a":1}\n'))).toBe('{"a":1}\n');
    expect(d.aligned).toEqual(enc('{"a":1}\n'));
  });

  it('is null for UTF-16 input', () => {
    for (const [bom, unit] of [
      [[0xff, 0xfe], (c: number) => [c, 0]],
      [[0xfe, 0xff], (c: number) => [0, c]],
    ] as const) {
      const d = new ChunkDecoder();
      const body = [...'{"a":1}\n'].flatMap((ch) => unit(ch.charCodeAt(0)));
      expect(d.push(Uint8Array.from([...bom, ...body.slice(0, 6)]))).toBe('{"a');
      expect(d.aligned).toBeNull();
      expect(d.push(Uint8Array.from(body.slice(6)))).toBe('":1}\n');
      expect(d.aligned).toBeNull();
    }
  });

  it('is null after end(), also when end() gives the U+FFFD of a held byte', () => {
    const d = new ChunkDecoder();
    d.push(enc('abcd\n'));
    expect(d.aligned).not.toBeNull();
    expect(d.end()).toBe('');
    expect(d.aligned).toBeNull();

    const e = new ChunkDecoder();
    expect(e.push(bytes('abc\n', 0xe2))).toBe('abc\n');
    expect(e.aligned).toEqual(enc('abc\n'));
    expect(e.end()).toBe('\ufffd');
    expect(e.aligned).toBeNull();
  });

  const byteArb = fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 0x01, max: 0x7f }) },
    // Line breaks: the decoder gives text up to the last one (an unfinished line waits for the next chunk).
    { weight: 1, arbitrary: fc.constant(0x0a) },
    { weight: 2, arbitrary: fc.integer({ min: 0x80, max: 0xff }) },
    { weight: 2, arbitrary: fc.constantFrom(0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xc3, 0xa9, 0xef, 0xbb, 0xbf) },
  );

  function pushAll(input: Uint8Array, cuts: number[], each: (text: string, aligned: Uint8Array | null) => void): string {
    const d = new ChunkDecoder();
    let at = 0;
    let out = '';
    for (const p of [...new Set(cuts.map((c) => Math.min(c, input.length)))].sort((a, b) => a - b)) {
      const text = d.push(input.subarray(at, p));
      each(text, d.aligned);
      out += text;
      at = p;
    }
    const text = d.push(input.subarray(at));
    each(text, d.aligned);
    out += text;
    const last = d.end();
    expect(d.aligned).toBeNull();
    return out + last;
  }

  it('aligns with the text of every push where it is given, for any bytes cut anywhere', () => {
    let given = 0;
    let withInvalid = 0;
    fc.assert(
      fc.property(fc.array(byteArb, { minLength: 3, maxLength: 80 }), fc.array(fc.nat(80), { maxLength: 8 }), (arr, cuts) => {
        const input = Uint8Array.from(arr);
        const whole = pushAll(input, cuts, (text, aligned) => {
          if (aligned === null) return;
          given++;
          if (aligned.some((b) => b >= 0x80)) withInvalid++;
          expect(alignedWith(aligned, text)).toBe(true);
          // They are the very bytes of this text: decoded alone, they give it.
          expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(aligned)).toBe(text);
        });
        expect(whole).toBe(decodeWhole(input));
      }),
      { numRuns: 800 },
    );
    // Not vacuous: many pushes are aligned, many of them with invalid bytes.
    expect(given).toBeGreaterThan(800);
    expect(withInvalid).toBeGreaterThan(200);
  });

  it('is given for every push of bytes that each decode alone, and together they are all the bytes', () => {
    // ASCII, bytes that never start a character, and lead bytes followed by ASCII: each decodes to one character.
    const pieceArb = fc.oneof(
      { weight: 6, arbitrary: fc.integer({ min: 0x01, max: 0x7f }).map((b) => [b]) },
      { weight: 2, arbitrary: fc.oneof(fc.integer({ min: 0x80, max: 0xc1 }), fc.integer({ min: 0xf5, max: 0xff })).map((b) => [b]) },
      { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 0xc2, max: 0xf4 }), fc.integer({ min: 0x01, max: 0x7f })).map(([a, b]) => [a, b]) },
    );
    fc.assert(
      fc.property(fc.integer({ min: 0x01, max: 0x7f }), fc.array(pieceArb, { minLength: 2, maxLength: 60 }), fc.array(fc.nat(120), { maxLength: 8 }), (lead, pieces, cuts) => {
        // An ASCII first byte: no byte-order mark.
        const input = Uint8Array.from([lead, ...pieces.flat()]);
        const got: number[] = [];
        const whole = pushAll(input, cuts, (text, aligned) => {
          if (text.length > 0) expect(aligned).not.toBeNull();
          if (aligned === null) return;
          expect(alignedWith(aligned, text)).toBe(true);
          got.push(...aligned);
        });
        expect(whole.length).toBe(input.length);
        // The same bytes, a lone CR given as the LF it stands for, up to the last line break: the unfinished
        // last line (and a CR that ends the input) waits for end(), which has no aligned bytes.
        const lf = input.map((b, i) => (b === 13 && input[i + 1] !== 10 ? 10 : b));
        let k = lf.length;
        if (input[input.length - 1] === 13) k--;
        else while (k > 0 && lf[k - 1] !== 10) k--;
        expect(Uint8Array.from(got)).toEqual(lf.subarray(0, k));
      }),
      { numRuns: 500 },
    );
  });
});
