import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecentValues } from '../../src/core/input/jsonLines/recentValues';
import { bytesAre, occursAt } from '../../src/core/base/occursAt';
import { ProcessCache } from '../../src/core/input/keyShapes';
import { ExecutionBuilder } from '../../src/core/model/executionBuilder';

/**
 * The compares over a chunk's aligned bytes (ChunkDecoder.aligned: byte i is
 * character i below 0x80, U+FFFD above) against the same compares over the
 * decoded text: bytesAre and occursAt, RecentValues.findBytes and find,
 * ProcessCache.lastIf with and without the bytes, on texts with invalid bytes
 * and on remembered texts with characters the bytes cannot hold.
 */

/** Pieces of aligned text, a raw byte for each invalid one. */
type Tok = string | number;

const tokArb: fc.Arbitrary<Tok[]> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('svc-1', 'svc-2', 'host-1', 'info', 'warn', '', 'a', 'ab', 'b').map((t): Tok[] => [t]) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('svc-', 'a', ''), fc.constantFrom(0x80, 0xe9, 0xff)).map(([t, b]): Tok[] => [t, b]) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(0x80, 0xc3, 0xff), fc.constantFrom('svc', 'x', '')).map(([b, t]): Tok[] => [b, t]) },
  // Values around the 32 characters RecentValues also keeps as bytes.
  { weight: 1, arbitrary: fc.constantFrom('x'.repeat(31), 'x'.repeat(32), 'x'.repeat(33), `svc-${'z'.repeat(40)}`).map((t): Tok[] => [t]) },
  { weight: 1, arbitrary: fc.array(fc.oneof(fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), fc.integer({ min: 0x80, max: 0xc1 }), fc.integer({ min: 0xf5, max: 0xff })), { maxLength: 4 }) },
);

/** Aligned bytes and their text, each piece followed by a space: a raw byte that could start a character is followed by ASCII. */
function build(pieces: readonly Tok[][]): { u: Uint8Array; s: string; at: [number, number][] } {
  const bytes: number[] = [];
  const at: [number, number][] = [];
  for (const toks of pieces) {
    const from = bytes.length;
    for (const t of toks) {
      if (typeof t === 'number') bytes.push(t);
      else for (let i = 0; i < t.length; i++) bytes.push(t.charCodeAt(i));
    }
    at.push([from, bytes.length]);
    bytes.push(0x20);
  }
  const u = Uint8Array.from(bytes);
  const s = new TextDecoder().decode(u);
  expect(s.length).toBe(u.length);
  return { u, s, at };
}

/** Texts to remember or to look for: those of the input (as decoded), and ones the bytes cannot hold. */
const otherTextArb = fc.constantFrom('svc-\u00e9', 'svc-\ufffd', '\ufffd', '\u00e9', 'a\ufffd', '\ufffdx', 'svc-1 ', 'svc', '\u0080');

/** Ranges of the input: where its pieces are, mostly, and anywhere. */
const rangeArb = (n: number) => fc.oneof({ weight: 3, arbitrary: fc.nat(n - 1).map((i) => ({ piece: i })) }, { weight: 1, arbitrary: fc.tuple(fc.nat(60), fc.nat(8)).map(([from, len]) => ({ from, len })) });

function rangeOf(r: { piece: number } | { from: number; len: number }, at: [number, number][], length: number): [number, number] {
  if ('piece' in r) return at[r.piece % at.length]!;
  const from = Math.min(r.from, length);
  return [from, Math.min(from + r.len, length)];
}

describe('bytesAre', () => {
  it('is occursAt over the decoded text', () => {
    let found = 0;
    fc.assert(
      fc.property(fc.array(tokArb, { minLength: 1, maxLength: 8 }), fc.array(fc.tuple(fc.nat(60), fc.oneof(fc.nat(7).map((i) => ({ piece: i })), otherTextArb.map((t) => ({ t })))), { maxLength: 10 }), (pieces, queries) => {
        const { u, s, at } = build(pieces);
        for (const [pos, q] of queries) {
          const t = 'piece' in q ? s.slice(...at[q.piece % at.length]!) : q.t;
          // Mostly where a piece is: the compares the readers make.
          const where = 'piece' in q && pos % 2 === 0 ? at[q.piece % at.length]![0] : pos % (u.length + 3);
          const want = occursAt(s, where, t);
          expect(bytesAre(u, where, t)).toBe(want);
          if (want) found++;
        }
      }),
      { numRuns: 600 },
    );
    expect(found).toBeGreaterThan(500);
  });

  it('takes any byte of 0x80 and above for U+FFFD, and for no other character', () => {
    const u = Uint8Array.from([0x61, 0x80, 0xe9, 0xff, 0x62]);
    expect(bytesAre(u, 0, 'a\ufffd\ufffd\ufffdb')).toBe(true);
    expect(bytesAre(u, 1, '\u0080')).toBe(false);
    expect(bytesAre(u, 2, '\u00e9')).toBe(false);
    expect(bytesAre(u, 4, 'b')).toBe(true);
    expect(bytesAre(u, 4, 'bc')).toBe(false);
  });
});

type Op = { add: [number, number, number | Tok[] | string, number] } | { forget: number } | { find: [number, number, { piece: number } | { from: number; len: number }] };

describe('RecentValues.findBytes', () => {
  it('finds what find() finds in the decoded text', () => {
    let hits = 0;
    fc.assert(
      fc.property(
        fc.array(tokArb, { minLength: 1, maxLength: 6 }),
        fc.array(
          fc.oneof(
            { weight: 3, arbitrary: fc.tuple(fc.nat(1), fc.nat(1), fc.oneof({ weight: 3, arbitrary: fc.nat(5) }, tokArb, otherTextArb), fc.nat(1000)).map((add): Op => ({ add })) },
            { weight: 1, arbitrary: fc.nat(1).map((forget): Op => ({ forget })) },
            { weight: 6, arbitrary: fc.tuple(fc.nat(1), fc.nat(1), rangeArb(6)).map((find): Op => ({ find })) },
          ),
          { minLength: 8, maxLength: 30 },
        ),
        (pieces, ops) => {
          const { u, s, at } = build(pieces);
          const r = new RecentValues();
          for (const op of ops) {
            if ('add' in op) {
              const [place, keyId, text, id] = op.add;
              // The text of a piece of the input (as a line before had it), or another.
              r.add(place, keyId, typeof text === 'number' ? s.slice(...at[text % at.length]!) : typeof text === 'string' ? text : build([text]).s.slice(0, -1), id);
            } else if ('forget' in op) {
              r.forget(op.forget);
            } else {
              const [place, keyId, range] = op.find;
              const [from, to] = rangeOf(range, at, u.length);
              const want = r.find(place, keyId, s, from, to);
              expect(r.findBytes(place, keyId, u, from, to)).toBe(want);
              if (want >= 0) hits++;
            }
          }
        },
      ),
      { numRuns: 600 },
    );
    expect(hits).toBeGreaterThan(300);
  });

  it('finds a remembered value that ends with an invalid byte', () => {
    const { u, s } = build([['svc-', 0xe9]]);
    const r = new RecentValues();
    r.add(0, 7, s.slice(0, 5), 42);
    expect(r.find(0, 7, s, 0, 5)).toBe(42);
    expect(r.findBytes(0, 7, u, 0, 5)).toBe(42);
  });
});

describe('ProcessCache.lastIf', () => {
  it('gives the same process with the aligned bytes as with the text alone', () => {
    let recognised = 0;
    fc.assert(
      fc.property(
        fc.array(tokArb, { minLength: 1, maxLength: 6 }),
        fc.array(
          fc.tuple(
            fc.oneof({ weight: 3, arbitrary: fc.nat(5) }, tokArb, otherTextArb),
            fc.option(fc.oneof({ weight: 3, arbitrary: fc.nat(5) }, tokArb, otherTextArb), { nil: undefined }),
            fc.array(fc.tuple(rangeArb(6), fc.option(rangeArb(6), { nil: undefined })), { maxLength: 4 }),
          ),
          { minLength: 1, maxLength: 8 },
        ),
        (pieces, steps) => {
          const { u, s, at } = build(pieces);
          // A name or host: the text of a piece of the input (as the reader's last line had it), or another.
          const text = (t: number | Tok[] | string) => (typeof t === 'number' ? s.slice(...at[t % at.length]!) : typeof t === 'string' ? t : build([t]).s.slice(0, -1));
          const b = new ExecutionBuilder('x');
          const cache = new ProcessCache();
          // Before any get(): no process.
          expect(cache.lastIf(s, 0, 0, -1, -1, u)).toBe(-1);
          for (const [name, host, queries] of steps) {
            const n = text(name) || 'p';
            const h = host === undefined ? undefined : text(host);
            cache.get(b, n, h === '' || h === n ? undefined : h);
            for (const [nameRange, hostRange] of queries) {
              const [from, to] = rangeOf(nameRange, at, u.length);
              const [hostFrom, hostTo] = hostRange === undefined ? [-1, -1] : rangeOf(hostRange, at, u.length);
              const want = cache.lastIf(s, from, to, hostFrom, hostTo);
              expect(cache.lastIf(s, from, to, hostFrom, hostTo, u)).toBe(want);
              if (want >= 0) recognised++;
            }
          }
        },
      ),
      { numRuns: 600 },
    );
    expect(recognised).toBeGreaterThan(100);
  });
});
