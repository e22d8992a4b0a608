import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkedStrings } from '../../src/core/base/chunkedStrings';
import { ByteSink, decodeChunks } from '../../src/core/document/byteSink';
import { IsoTimeWriter, ISO_BYTES } from '../../src/core/document/isoTimeWriter';
import { StoredTextWriter } from '../../src/core/document/storedTextWriter';
import { formatIso, formatIsoFloat } from '../../src/core/model/eventTime';
import { oneLine } from '../../src/core/export/exportNdjson';

/**
 * The byte writers of the exports (document/byteSink.ts and its helpers)
 * write exactly the bytes of the string functions they replace: JSON strings
 * as JSON.stringify escapes them, text as TextEncoder encodes it, numbers as
 * String(), times as formatIso/formatIsoFloat, whatever the characters
 * (quotes, backslashes, control characters, lone surrogates, non-ASCII) and
 * wherever a chunk ends.
 */

const enc = new TextEncoder();
const bytesOf = (s: string) => enc.encode(s);
const joined = (chunks: Uint8Array[]) => {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};

/** Characters where escaping and encoding differ, mixed with plain ones; long enough to take the native paths too. */
const tricky = fc.constantFrom('"', '\\', '\n', '\r', '\t', '\b', '\f', '\u0000', '\u0001', '\u001f', '\u007f', '\ud800', '\udbff', '\udc00', '\udfff', '😀', 'é', '✓', '日本', '\u2028', '\u2029', '\ufffd', '/', 'a', 'word ', 'x=1 ');
const strings = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.array(tricky, { maxLength: 120 }).map((a) => a.join('')),
  fc.tuple(fc.string({ unit: 'grapheme-ascii', minLength: 60, maxLength: 150 }), fc.array(tricky, { maxLength: 3 })).map(([a, b]) => a + b.join('')),
);

describe('ByteSink', () => {
  it('writes JSON strings as JSON.stringify does, whole and sliced, and text as TextEncoder does', () => {
    fc.assert(
      fc.property(fc.array(strings, { maxLength: 20 }), fc.integer({ min: 8, max: 300 }), (list, chunkBytes) => {
        const sink = new ByteSink(chunkBytes);
        const chunks: Uint8Array[] = [];
        let want = '';
        for (const s of list) {
          sink.jsonString(s);
          want += JSON.stringify(s);
          const a = Math.floor(s.length / 3);
          const b = s.length - Math.floor(s.length / 4);
          sink.jsonStringOf(s, a, b);
          want += JSON.stringify(s.slice(a, b));
          sink.text(s);
          want += s;
          if (sink.full) chunks.push(...sink.take());
        }
        chunks.push(...sink.take());
        expect(joined(chunks)).toEqual(bytesOf(want));
      }),
      { numRuns: 500 },
    );
  });

  it('escapes the line separators too in oneLine mode, as the NDJSON export’s oneLine does', () => {
    fc.assert(
      fc.property(fc.array(strings, { maxLength: 20 }), (list) => {
        const sink = new ByteSink(64, true);
        for (const s of list) sink.jsonString(s);
        expect([...decodeChunks(sink.take())].join('')).toBe(list.map((s) => oneLine(JSON.stringify(s))).join(''));
      }),
      { numRuns: 300 },
    );
  });

  it('writes numbers as String() does', () => {
    const numbers = fc.oneof(fc.nat(), fc.integer({ min: 0, max: 2 ** 32 }), fc.maxSafeNat(), fc.integer(), fc.double(), fc.constantFrom(0, -0, 9, 10, 99, 100, 2 ** 31 - 1, 2 ** 31, 1e21, -1.7976931348623157e308, Number.MIN_VALUE, -Number.MIN_VALUE, NaN, Infinity));
    fc.assert(
      fc.property(fc.array(numbers, { maxLength: 30 }), (list) => {
        const sink = new ByteSink(16);
        for (const n of list) {
          sink.number(n);
          sink.byte(0x2c);
        }
        expect([...decodeChunks(sink.take())].join('')).toBe(list.map((n) => `${String(n)},`).join(''));
      }),
    );
  });

  it('decodes chunks split inside a character back to the same text', () => {
    fc.assert(
      fc.property(fc.array(strings, { maxLength: 10 }), fc.integer({ min: 1, max: 7 }), (list, cut) => {
        const bytes = bytesOf(list.join(''));
        const pieces: Uint8Array[] = [];
        for (let i = 0; i < bytes.length; i += cut) pieces.push(bytes.subarray(i, i + cut));
        expect([...decodeChunks(pieces)].join('')).toBe(new TextDecoder().decode(bytes));
      }),
    );
  });
});

describe('IsoTimeWriter', () => {
  const ms = fc.oneof(
    fc.integer({ min: -62_000_000_000_000, max: 250_000_000_000_000 }),
    fc.integer({ min: 1_700_000_000_000, max: 1_700_000_100_000 }),
    fc.double({ min: -1e13, max: 1e14, noNaN: true }),
  );
  it('writes formatIso’s and formatIsoFloat’s bytes, for runs of times seconds apart', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(ms, fc.integer({ min: 0, max: 999_999 }), fc.integer({ min: -1, max: 12 }), fc.double({ min: -5000, max: 5000, noNaN: true })), { maxLength: 40 }),
        (times) => {
          const w = new IsoTimeWriter();
          const buf = new Uint8Array(times.length * 2 * ISO_BYTES);
          let pos = 0;
          let want = '';
          for (const [t, ns, digits, shift] of times) {
            pos = w.put(buf, pos, t, ns, digits);
            want += formatIso(t, ns, digits);
            pos = w.putFloat(buf, pos, t + ns / 1e6 + shift, digits);
            want += formatIsoFloat(t + ns / 1e6 + shift, digits);
          }
          expect(new TextDecoder().decode(buf.subarray(0, pos))).toBe(want);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('StoredTextWriter', () => {
  it('writes each stored string as JSON.stringify does, in any order of visit, cached or not', () => {
    const plain = fc.string({ unit: fc.constantFrom(...' !#[]~az09=\x7f'.split('')), maxLength: 30 });
    const lists = fc.oneof(fc.array(plain, { minLength: 1, maxLength: 900 }), fc.array(fc.oneof(strings, plain), { minLength: 1, maxLength: 700 }));
    const limits = fc.constantFrom(undefined, { cacheBytes: 0, thrashSlack: 0 }, { cacheBytes: 100, thrashSlack: 50 });
    let plainChunks = 0;
    fc.assert(
      fc.property(lists, fc.array(fc.nat(), { maxLength: 300 }), limits, (list, visits, limit) => {
        const stored = new ChunkedStrings();
        for (const s of list) stored.push(s);
        const { chunks, starts } = stored.finish();
        plainChunks += chunks.filter((c) => !/["\\\u0000-\u001f\u0080-\uffff]/.test(c)).length;
        const texts = new StoredTextWriter(chunks, starts, list.length, limit);
        const sink = new ByteSink(64);
        const order = [...list.keys(), ...visits.map((v) => v % list.length)];
        for (const i of order) texts.write(sink, i);
        expect(joined(sink.take())).toEqual(bytesOf(order.map((i) => JSON.stringify(list[i])).join('')));
      }),
      { numRuns: 200 },
    );
    expect(plainChunks, 'chunks copied from their bytes').toBeGreaterThan(50);
  });

  it('keeps the right bytes when its ring goes around, however chunk and ring sizes fall', () => {
    // Runs of strings of one length: chunks from none to a few KB, of other sizes each, several of which fit a ring of a few KB.
    const unit = fc.constantFrom(...' !#az09='.split(''), '"', 'é');
    const runs = fc.array(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 1, max: 300 }), unit), { minLength: 1, maxLength: 14 });
    const lists = runs.map((rs) => rs.flatMap(([len, n, ch]) => Array.from({ length: n }, (_, k) => (ch + String(k % 10)).repeat(len).slice(0, len))));
    fc.assert(
      fc.property(lists, fc.array(fc.nat(), { maxLength: 600 }), fc.integer({ min: 0, max: 4000 }), (list, visits, cacheBytes) => {
        const stored = new ChunkedStrings();
        for (const s of list) stored.push(s);
        const { chunks, starts } = stored.finish();
        const texts = new StoredTextWriter(chunks, starts, list.length, { cacheBytes, thrashSlack: 1 << 30 });
        const sink = new ByteSink(256);
        const order = [...visits.map((v) => v % list.length), ...list.keys()];
        for (const i of order) texts.write(sink, i);
        expect(joined(sink.take())).toEqual(bytesOf(order.map((i) => JSON.stringify(list[i])).join('')));
      }),
      // Found by CI: a chunk of empty strings cached at the ring's head ended the drop loop before the chunk it had to drop.
      { numRuns: 300, examples: [[[...Array<string>(377).fill(''), ...Array.from({ length: 171 }, (_, k) => ` ${k % 10} ${k % 10}`), ...Array<string>(50).fill('')], [0, 419348012], 540]] },
    );
  });
});
