import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkDecoder } from '../../src/core/input/chunkDecoder';
import { asciiBytes } from '../../src/core/base/asciiBytes';
import { ByteWords, scanFlatJsonBytes } from '../../src/core/input/jsonLines/flatJsonBytes';
import { FlatJsonScanner } from '../../src/core/input/jsonLines/flatJsonScanner';
import { JsonLinesParser } from '../../src/core/input/jsonLines/jsonLinesParser';
import { collectingContext, encode, type Tok } from '../unit/readerKit';

/**
 * The JSON-lines scanner over a chunk's aligned bytes (scanFlatJsonBytes)
 * against the one over its text (FlatJsonScanner.scan): on generated flat
 * objects written every way JSON allows, with keys and values holding
 * characters up to U+FFFF (escaped, so the bytes stay aligned), lone invalid
 * bytes (decoded to U+FFFD) and raw control characters, and on damaged ones,
 * it returns the same answer and fills the scanner exactly as scan() does,
 * whatever key sets it is given. End to end:
 * UTF-8 bytes pushed through a ChunkDecoder in random cuts, each piece read
 * with its aligned bytes, give exactly the execution and diagnostics of the
 * JSON.parse-only reader over the whole decoded text.
 */

const encoder = new TextEncoder();

const hex4 = (c: number) => '\\u' + c.toString(16).padStart(4, '0');

/**
 * A JSON string literal for the units (one UTF-16 code unit each, or a raw
 * byte, which is written as it is), each character written plainly or
 * escaped as `escapeMask` picks.
 */
function writeString(units: readonly Tok[], escapeMask: readonly number[]): Tok[] {
  const out: Tok[] = ['"'];
  for (let i = 0; i < units.length; i++) {
    const u = units[i]!;
    if (typeof u === 'number') {
      out.push(u);
      continue;
    }
    const c = u.charCodeAt(0);
    const how = escapeMask[i % escapeMask.length]!;
    if (c === 0x22) out.push('\\"');
    else if (c === 0x5c) out.push('\\\\');
    else if (c < 0x20) out.push(how === 0 ? ({ 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' } as Record<number, string>)[c] ?? hex4(c) : hex4(c));
    else if (how === 1) out.push(c === 0x2f ? '\\/' : hex4(c));
    else if (how === 2) out.push(hex4(c).toUpperCase().replace('\\U', '\\u'));
    // Characters past ASCII are written plainly only now and then: one makes the line's bytes unaligned.
    else if (c >= 0x80 && how !== 6) out.push(hex4(c));
    else out.push(u);
  }
  out.push('"');
  return out;
}

const units = (s: string): Tok[] => s.split('');

/** A byte ≥ 0x80 on its own: a continuation byte, a byte that never starts a character, or a lead byte. */
const rawByteArb = fc.oneof(fc.integer({ min: 0x80, max: 0xbf }), fc.constantFrom(0xc0, 0xc1, 0xf5, 0xf8, 0xfe, 0xff), fc.integer({ min: 0xc2, max: 0xf4 }));

/** A control character written as it is (not valid in a JSON string); no LF, which would end the line. */
const rawControlArb = fc.oneof(fc.constantFrom(0, 0x09, 0x0d, 0x1f), fc.integer({ min: 0, max: 0x1f }).filter((c) => c !== 0x0a));

const unitArb: fc.Arbitrary<Tok> = fc.oneof(
  { weight: 12, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) },
  { weight: 4, arbitrary: rawByteArb },
  { weight: 1, arbitrary: rawControlArb },
  { weight: 2, arbitrary: fc.integer({ min: 0x80, max: 0xffff }).map((c) => String.fromCharCode(c)) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)) },
  { weight: 2, arbitrary: fc.constantFrom('"', '\\', '/', '\u00e9', '\ufffd') },
);

const keyArb: fc.Arbitrary<Tok[]> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('ts', 'time', 'timestamp', '@timestamp', 't', 'service', 'host', 'hostname', 'pod', 'msg', 'message', 'level', 'msg_id', 'dir', 'to', 'from', '__proto__', '0', '12', '007').map(units) },
  { weight: 2, arbitrary: fc.string({ maxLength: 6 }).map(units) },
  { weight: 2, arbitrary: fc.array(unitArb, { maxLength: 5 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('svc', 'k', 'host'), rawByteArb).map(([k, b]): Tok[] => [...units(k), b]) },
);

const stringValueArb: fc.Arbitrary<Tok[]> = fc.oneof(
  fc.constantFrom('', '2026-03-14T09:26:53.123456Z', '2026-03-14 09:26:53,250', '1773480413.5', 'svc-1', 'host-1', 'a\\b', 'x"y').map(units),
  fc.string({ maxLength: 20 }).map(units),
  fc.array(unitArb, { maxLength: 12 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x40 }).map((c) => String.fromCharCode(c)), maxLength: 8 }).map(units),
);

const keyMaskArb = fc.oneof({ weight: 4, arbitrary: fc.constant([0]) }, { weight: 1, arbitrary: fc.array(fc.nat({ max: 6 }), { minLength: 1, maxLength: 3 }) });

const numberTextArb = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
  fc.constantFrom('0', '-0', '-0.0', '1.0', '1.50', '1e2', '1E+2', '-1e-7', '0.1e1', '1e400', '12345678901234567891', '123456789012345', '1234567890123456', '-123456789012345', '-1234567890123456', '01', '-', '1.', '1e', '.5', '+1'),
);

const valueArb: fc.Arbitrary<Tok[]> = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(stringValueArb, fc.array(fc.nat({ max: 6 }), { minLength: 1, maxLength: 4 })).map(([s, mask]) => writeString(s, mask)) },
  { weight: 2, arbitrary: numberTextArb.map((t): Tok[] => [t]) },
  { weight: 1, arbitrary: fc.constantFrom('true', 'false', 'null', 'tru', 'nul', 'falsey').map((t): Tok[] => [t]) },
  { weight: 1, arbitrary: fc.constantFrom('{}', '[]', '{"a":1}', '[1,"x"]').map((t): Tok[] => [t]) },
);

const wsArb = fc.constantFrom('', '', '', ' ', '\t', '\r', '  ');

/** A flat-ish object line as tokens: pairs written with random whitespace and escapes. */
const lineArb: fc.Arbitrary<Tok[]> = fc
  .tuple(fc.array(fc.tuple(keyArb, keyMaskArb, valueArb, wsArb, wsArb, wsArb), { maxLength: 7 }), wsArb, fc.constantFrom(',', ',', ',', ',', ',', ', ', ';'))
  .map(([pairs, trail, comma]) => {
    const out: Tok[] = ['{'];
    pairs.forEach(([k, mask, v, a, b, c], i) => {
      if (i > 0) out.push(comma);
      out.push(a, ...writeString(k, mask), b, ':', c, ...v);
    });
    out.push(trail, '}');
    return out;
  });

/** A line as lineArb writes it, or damaged: a raw byte put in or in place of a token, or junk before the closing brace. */
const damagedLineArb: fc.Arbitrary<Tok[]> = fc.oneof(
  { weight: 6, arbitrary: lineArb },
  {
    weight: 2,
    arbitrary: fc.tuple(lineArb, fc.nat(), fc.oneof(rawByteArb, rawControlArb), fc.boolean()).map(([toks, at, b, replace]) => {
      const out = [...toks];
      const i = at % (out.length + 1);
      out.splice(replace ? Math.min(i, out.length - 1) : i, replace ? 1 : 0, b);
      return out;
    }),
  },
  { weight: 1, arbitrary: fc.tuple(lineArb, fc.constantFrom('}', ' }', ',}', 'x}', '"}', '1}', ' ')).map(([toks, junk]) => [...toks, junk]) },
);

/** What scan() and scanFlatJsonBytes() left in their scanners. */
function state(sc: FlatJsonScanner) {
  const n = sc.count;
  return {
    count: n,
    matched: sc.matched,
    set: sc.set,
    keyFrom: sc.keyFrom.slice(0, n),
    keyTo: sc.keyTo.slice(0, n),
    kind: sc.kind.slice(0, n),
    from: sc.from.slice(0, n),
    to: sc.to.slice(0, n),
    // decoded is written for string values only.
    decoded: sc.decoded.slice(0, n).map((d, i) => (sc.kind[i] === 0 ? d : 'n/a')),
  };
}

const isClean = (line: string) => !/[\u0000-\u0009\u000b\u000c\u000e-\u001f\\]|\r(?!\n)/.test(line);

/**
 * A key set made from the line's own keys (`keys`): recipe [how, at, pick]
 * picks all of them, a prefix, a prefix and another key, one key changed, two
 * swapped, none, or keys of the generator's constants.
 */
function keySetOf(keys: readonly string[], [how, at, pick]: readonly [number, number, number]): string[] | null {
  const n = keys.length;
  const cut = n === 0 ? 0 : at % (n + 1);
  const others = ['ts', 'msg', 'host', 'service', '\ufffd', 'a\ufffd', 'svc\ufffd', 'x', 'level', '\u00e9'];
  const other = others[pick % others.length]!;
  switch (how) {
    case 0:
      return [...keys];
    case 1:
      return keys.slice(0, cut);
    case 2:
      return [...keys.slice(0, cut), other, ...keys.slice(cut)];
    case 3:
      return [...keys.slice(0, cut), other];
    case 4:
      return n === 0 ? [other] : keys.map((k, i) => (i === at % n ? (pick % 2 === 0 ? k + 'x' : k.slice(0, -1)) : k));
    case 5:
      return n < 2 ? [...keys, other] : keys.map((k, i) => (i === at % (n - 1) ? keys[i + 1]! : i === (at % (n - 1)) + 1 ? keys[i - 1]! : k));
    case 6:
      return null;
    default:
      return [other, ...others.slice(0, at % 4)];
  }
}

const recipeArb = fc.tuple(fc.nat({ max: 7 }), fc.nat({ max: 20 }), fc.nat({ max: 20 }));

/** bytes as a view at `offset` into a longer buffer that holds `junk` after them. */
function placed(bytes: Uint8Array, offset: number, junk: Uint8Array): Uint8Array {
  const buffer = new Uint8Array(offset + bytes.length + junk.length);
  buffer.set(bytes, offset);
  buffer.set(junk, offset + bytes.length);
  return buffer.subarray(offset, offset + bytes.length);
}

describe('scanFlatJsonBytes', () => {
  // Shared across runs, as the reader's one scanner is across lines: nothing may depend on what a line before left.
  const byText = new FlatJsonScanner();
  const byBytes = new FlatJsonScanner();
  const firstRead = new FlatJsonScanner();

  it('answers and fills the scanner exactly as scan() does over the decoded text, for any key sets', () => {
    let compared = 0;
    let accepted = 0;
    let matched = 0;
    let rawLines = 0;
    let acceptedRaw = 0;
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ maxLength: 2 }).map(units), fc.array(unitArb, { maxLength: 2 })), { maxLength: 1 }),
        damagedLineArb,
        fc.constantFrom('\n', '\r\n'),
        fc.constantFrom('', '{"a":1}', '"', '\\', '}'),
        fc.array(recipeArb, { maxLength: 5 }),
        fc.integer({ min: -1, max: 6 }),
        fc.nat(7),
        fc.uint8Array({ maxLength: 9 }),
        fc.boolean(),
        (before, line, eol, after, recipes, first, offset, junk, withBytes) => {
          const head = encode(before.flat());
          const body = encode(line);
          // At any alignment in a longer buffer, with anything after it there: words are read four bytes at a time.
          const u = placed(encode([...before.flat(), ...line, eol, after]), offset, junk);
          const s = new TextDecoder().decode(u);
          // Only bytes that decode one character each are aligned.
          if (s.length !== u.length) return;
          compared++;
          if (body.some((b) => b >= 0x80)) rawLines++;
          const from = head.length;
          const to = from + body.length;
          const keys = firstRead.scan(s, from, to, [], -1, false) ? Array.from({ length: firstRead.count }, (_, i) => s.slice(firstRead.keyFrom[i], firstRead.keyTo[i])) : ['ts', 'msg'];
          const keySets = recipes.map((r) => keySetOf(keys, r));
          const want = byText.scan(s, from, to, keySets, first, isClean(s.slice(from, to)));
          const got = scanFlatJsonBytes(byBytes, u, new ByteWords().of(u), s, from, to, keySets, withBytes ? keySets.map((k) => k && k.map(asciiBytes)) : null, first);
          expect(got).toBe(want);
          if (!want) return;
          accepted++;
          if (body.some((b) => b >= 0x80)) acceptedRaw++;
          if (byText.matched) matched++;
          expect(state(byBytes)).toEqual(state(byText));
        },
      ),
      { numRuns: 3000 },
    );
    // Not vacuous: most lines are aligned, many of them hold invalid bytes, many are read (invalid bytes and all), and many match a key set.
    expect(compared).toBeGreaterThan(1500);
    expect(rawLines).toBeGreaterThan(500);
    expect(accepted).toBeGreaterThan(450);
    expect(acceptedRaw).toBeGreaterThan(100);
    expect(matched).toBeGreaterThan(150);
  });

  it('reads invalid bytes as U+FFFD in keys and values, and matches them against keys holding U+FFFD only', () => {
    const u = Uint8Array.from([...encoder.encode('{"k'), 0xe9, ...encoder.encode('":"v'), 0xff, 0xc3, ...encoder.encode('"}\n')]);
    const s = new TextDecoder().decode(u);
    expect(s).toBe('{"k\ufffd":"v\ufffd\ufffd"}\n');
    const to = s.length - 1;
    for (const keySets of [[['k\ufffd']], [['k\u00e9']], [['k']], [null, ['k\ufffd']]]) {
      for (const first of [-1, 0, 1]) {
        const want = byText.scan(s, 0, to, keySets, first, true);
        for (const keyBytes of [null, keySets.map((k) => k && k.map(asciiBytes))]) {
          expect(scanFlatJsonBytes(byBytes, u, new ByteWords().of(u), s, 0, to, keySets, keyBytes, first)).toBe(want);
          expect(want).toBe(true);
          expect(state(byBytes)).toEqual(state(byText));
        }
      }
    }
    expect(scanFlatJsonBytes(byBytes, u, new ByteWords().of(u), s, 0, to, [['k\ufffd']], null, 0)).toBe(true);
    expect(byBytes.matched).toBe(true);
    expect(scanFlatJsonBytes(byBytes, u, new ByteWords().of(u), s, 0, to, [['k\u00e9']], null, 0)).toBe(true);
    expect(byBytes.matched).toBe(false);
  });

  it('rejects a string that runs to the end of the line, whatever follows the line', () => {
    for (const rest of ['\n', '\r\n', '\n"}', '']) {
      const s = '{"a":"b}' + rest;
      const u = encoder.encode(s);
      expect(scanFlatJsonBytes(byBytes, u, new ByteWords().of(u), s, 0, 8, [], null, -1)).toBe(false);
      // Bytes past the chunk in its buffer (a quote here) are never taken for the line's.
      const v = placed(u, 3, encoder.encode('"}'));
      expect(scanFlatJsonBytes(byBytes, v, new ByteWords().of(v), s, 0, 8, [], null, -1)).toBe(false);
      expect(byText.scan(s, 0, 8, [], -1, false)).toBe(false);
    }
  });
});

/** Lines of a JSON-lines input as tokens, flat ones mostly, with the damage real files have. */
const timeArb = fc.constantFrom(
  '"2026-03-14T09:26:53.5Z"',
  '"2026-03-14T09:26:54.123456789Z"',
  '"2026/03/14 09:26:53"',
  '"2026-03-14t09:26:55,25z"',
  '"2026-03-14T09:26:53+01:00"',
  '"2026-03-14 09:26:53 UTC"',
  '"2026-03-14T09:26"',
  '"2026-02-29T00:00:00Z"',
  '"2024-02-29T00:00:00Z"',
  '"2026-04-31T00:00:00Z"',
  '"2026-13-01T00:00:00Z"',
  '"2026-03-14T24:00:00Z"',
  '"2026-03-14T23:59:60Z"',
  '"2026-03-14T09:26:53.Z"',
  '"2026-03-14T09:26:53Zx"',
  '1773480416',
  '1773480417123456789',
  '"soon"',
  'null',
);

const inputLineArb: fc.Arbitrary<Tok[]> = fc.oneof(
  { weight: 8, arbitrary: lineArb },
  {
    weight: 1,
    arbitrary: fc.constantFrom('', '   ', 'not json', '{"msg": "broken"', '[1,2]', '"str"', '{"a":{"b":[1,2]}}', '{"msg":"a","msg":"b"}', '{"b":1,"2":2,"1":3}', '{"msg":"caf\u00e9"}', '{"msg":"\u20ac"}').map((t): Tok[] => [t]),
  },
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.constantFrom('ts', 'time', 't'), timeArb, fc.constantFrom<Tok[]>(['svc-1'], ['svc-2'], [], ['svc-', 0xe9], ['svc-', 0xe9, 0xe9]), fc.constantFrom<Tok[]>(['h1'], ['svc-1'], ['h', 0xff], ['svc-', 0xe9]), fc.constantFrom<Tok[]>(['info'], ['warn'], ['inf', 0x80]))
      .map(([k, v, svc, host, level]): Tok[] => [`{"${k}":${v},"service":"`, ...svc, '","host":"', ...host, '","level":"', ...level, '","msg":"m ', ...svc, '","n":12345678901234567891}']),
  },
  {
    // A line in which a raw byte lands anywhere, even between a key's quotes and its colon.
    weight: 1,
    arbitrary: fc.tuple(lineArb, fc.nat(), fc.oneof(rawByteArb, rawControlArb)).map(([toks, at, b]) => {
      const out = [...toks];
      out.splice(at % (out.length + 1), 0, b);
      return out;
    }),
  },
);

/** The reader with JSON.parse alone, over the whole text. */
function readParsed(text: string) {
  const { ctx, result } = collectingContext();
  const reader = new JsonLinesParser(false).reader('app.jsonl', '', ctx);
  reader.text(text);
  reader.end();
  return result();
}

/** The reader fed as a file is: bytes through a ChunkDecoder cut at `cuts`, each piece with its aligned bytes. */
function readBytes(bytes: Uint8Array, cuts: number[]) {
  const { ctx, result } = collectingContext();
  const reader = new JsonLinesParser().reader('app.jsonl', '', ctx);
  const decoder = new ChunkDecoder();
  let text = '';
  let alignedPieces = 0;
  let at = 0;
  for (const cut of [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b)) {
    const piece = decoder.push(bytes.subarray(at, cut));
    if (decoder.aligned !== null && piece.includes('\n')) alignedPieces++;
    reader.text(piece, decoder.aligned);
    text += piece;
    at = cut;
  }
  const piece = decoder.push(bytes.subarray(at));
  if (decoder.aligned !== null && piece.includes('\n')) alignedPieces++;
  reader.text(piece, decoder.aligned);
  text += piece;
  const last = decoder.end();
  expect(decoder.aligned).toBeNull();
  reader.text(last);
  text += last;
  reader.end();
  return { ...result(), text, alignedPieces };
}

describe('JSON lines read from aligned bytes', () => {
  it('gives exactly what JSON.parse gives over the whole decoded text, for any cuts of the bytes', () => {
    let runsWithAligned = 0;
    let runs = 0;
    fc.assert(
      fc.property(
        fc.array(inputLineArb, { maxLength: 25 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.nat({ max: 3000 }), { maxLength: 6 }),
        (lines, eol, final, bom, cuts) => {
          const toks: Tok[] = bom ? ['\ufeff'] : [];
          lines.forEach((l, i) => {
            if (i > 0) toks.push(eol);
            toks.push(...l);
          });
          if (final) toks.push(eol);
          const bytes = encode(toks);
          const got = readBytes(bytes, cuts);
          // The decoder gives a lone CR as the line break it is, and drops a line holding a NUL (#15).
          expect(got.text).toBe(new TextDecoder().decode(bytes).replace(/\r(?!\n)/g, '\n').replace(/[^\n]*\0[^\n]*/g, ''));
          const want = readParsed(got.text);
          expect(got.x).toEqual(want.x);
          expect(got.diagnostics).toEqual(want.diagnostics);
          runs++;
          if (got.alignedPieces > 0) runsWithAligned++;
        },
      ),
      { numRuns: 400 },
    );
    // Not vacuous: most runs read some of their lines from aligned bytes.
    expect(runsWithAligned).toBeGreaterThan(runs / 2);
  });
});
