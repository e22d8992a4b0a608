/**
 * The text-log reader's in-place path over a chunk's aligned bytes
 * (ChunkDecoder.aligned → TextLogReader.lineIn → IsoStampReader.readIn and
 * KeyValueScanner over a range of the chunk) against the string path:
 *
 * - end to end: generated logs (ISO stamps in many layouts, some out of range
 *   or zoned; key=value pairs, quotes and escapes; non-ASCII characters and
 *   lone invalid bytes; syslog heads and '[' near and far; continuation and
 *   blank lines; CRLF) built as bytes, pushed through a ChunkDecoder in random
 *   cuts and read piece by piece with the aligned bytes, give exactly the
 *   execution and diagnostics of the same reader fed the whole decoded text,
 *   and of the same pieces fed without bytes;
 * - KeyValueScanner over text[start, end) of a chunk (with its aligned bytes,
 *   or without bytes) finds exactly the pairs, spans, escapes, values and met
 *   hints it finds in the message string alone, with lines holding '=' around
 *   the range, and for many ranges of two chunks read in any order by one
 *   scanner (its '=' memo must not leak between ranges or chunks);
 * - IsoStampReader.readIn answers only with read()'s answer (time, rest as an
 *   index in the chunk, no syslog host) and does answer for plain ISO lines,
 *   call after call on one reader.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkDecoder } from '../../src/core/input/chunkDecoder';
import { hintBytes, KeyValueScanner } from '../../src/core/input/keyValuePairs';
import { IsoStampReader } from '../../src/core/input/textLog/isoStampReader';
import { learnTimeLayout } from '../../src/core/input/textLog/learnTimeLayout';
import { TextLogParser } from '../../src/core/input/textLog/textLogParser';
import { iso, type LineStamp } from '../../src/core/input/textLog/timestampShapes';
import { fieldsOf, textsOf } from '../../src/core/model/execution';
import { collectingContext, encode, type Tok } from '../unit/readerKit';


const decode = (u: Uint8Array) => new TextDecoder().decode(u);

/** A byte ≥ 0x80 on its own: a continuation byte, a byte that never starts a character, or a lead byte. */
const rawByteArb = fc.oneof(fc.integer({ min: 0x80, max: 0xbf }), fc.constantFrom(0xc0, 0xc1, 0xf5, 0xf8, 0xfe, 0xff), fc.integer({ min: 0xc2, max: 0xf4 }));

const two = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((n) => String(n).padStart(2, '0'));

/** ISO stamps as logs write them, and near misses: odd separators, out-of-range parts, zones, brackets. */
const isoStampArb = fc
  .record({
    year: fc.constantFrom('2026', '2026', '2024', '1970', '2100', '0000', '9999', '2O26'),
    sep: fc.constantFrom('-', '-', '-', '/', '.'),
    month: fc.oneof({ weight: 4, arbitrary: fc.constant('03') }, { weight: 1, arbitrary: two(0, 13) }),
    day: fc.oneof({ weight: 4, arbitrary: fc.constantFrom('14', '15') }, { weight: 1, arbitrary: two(0, 32) }, { weight: 1, arbitrary: fc.constantFrom('29', '31') }),
    t: fc.constantFrom('T', 'T', ' ', 't', 'x'),
    hour: fc.oneof({ weight: 4, arbitrary: two(0, 23) }, { weight: 1, arbitrary: two(0, 25) }),
    minute: fc.oneof({ weight: 4, arbitrary: two(0, 59) }, { weight: 1, arbitrary: two(0, 61) }),
    second: fc.oneof({ weight: 4, arbitrary: two(0, 59) }, { weight: 1, arbitrary: two(0, 61) }),
    frac: fc.oneof(fc.constant(''), fc.tuple(fc.constantFrom('.', '.', ','), fc.stringMatching(/^\d{0,12}$/)).map(([d, f]) => d + f)),
    zone: fc.constantFrom('', '', '', '', '', 'Z', 'Z', 'Z', 'Z', 'Z', 'z', '+01:00', '-0530', '+01', ' UTC', ' GMT', ' UTCx', ' +02:00', ' -', '+', ' X', '  '),
    bracket: fc.constantFrom(false, false, false, false, true),
  })
  .map((p) => {
    const s = `${p.year}${p.sep}${p.month}${p.sep}${p.day}${p.t}${p.hour}:${p.minute}:${p.second}${p.frac}${p.zone}`;
    return p.bracket ? `[${s}]` : s;
  });

// Message text made of what matters to pairs and heads: keys, '=', quotes, escapes, punctuation, '['.
const asciiPieceArb = fc.constantFrom(
  'a', 'k', '_', '9', '.', '-', '=', '==', '"', '\\', '\\"', ' ', ' ', ' ', ' ', '\t', '\r', '(', '[', ']', ',', ';', '|', ':', ')', "'",
  'req_id=', 'to=', 'pid=', 'dir=send', 'dir=recv', 'service=svc-1', 'service=svc-2', 'host=h1', 'msg_id=m1', 'msg_id=m2',
  'x.y-z=', 'note="a b"', 'q="x \\" y"', 'esc="a\\nb"', 'open="no end', 'e=', 'flushed buffer', 'WARN', 'INFO',
);
/** Characters that take more than one byte: a chunk holding one has no aligned bytes. */
const wideArb = fc.constantFrom('é', '\u00a0', '\u2028', '😀', '\u3000', 'u=ü', 'k=\u00a0v', '\ufeff', '\ufffd');
/** A '[' some way after a word: near enough (≤ 65 characters) for a syslog tag, or not. */
const farBracketArb = fc.nat({ max: 80 }).map((n) => ` ${'x'.repeat(n)}[9]: `);

function messageArb(wide: boolean): fc.Arbitrary<Tok[]> {
  const piece: fc.Arbitrary<Tok> = fc.oneof(
    { weight: 60, arbitrary: asciiPieceArb },
    { weight: 3, arbitrary: rawByteArb },
    { weight: 1, arbitrary: farBracketArb },
    { weight: wide ? 1 : 0, arbitrary: wideArb },
  );
  return fc.array(piece, { maxLength: 16 });
}

/** What may follow the stamp: nothing, spaces, or a syslog head (host, tag, pid) with its tag near or far. */
const headArb = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('', '', ' ', ' ', '\t', '  ') },
  { weight: 3, arbitrary: fc.constantFrom(' web1 sshd[42]: ', ' web2 sshd[7]: ', ' web1 cron: ', ' h x[]: ', ' h x[1]:', ' h [1]: ', ' web1 sshd[42] x') },
  { weight: 1, arbitrary: fc.integer({ min: 58, max: 72 }).map((n) => ` h ${'a'.repeat(n)}[1]: `) },
);

/** The line of the brief's example, with varying numbers: long runs of these are what the in-place path is for. */
const sampleLineArb: fc.Arbitrary<Tok[]> = fc
  .tuple(two(0, 59), fc.stringMatching(/^\d{6}$/), fc.constantFrom('WARN', 'INFO'), fc.nat({ max: 99999 }), fc.nat({ max: 30 }), fc.nat({ max: 3 }), fc.nat({ max: 99 }), fc.boolean())
  .map(([s, f, level, n, tenant, svc, id, send]) => [
    `2026-03-14T09:00:${s}.${f}Z ${level} flushed buffer ${n} for tenant-${tenant} service=svc-0${svc} host=host-0${svc} msg_id=m000000${String(id).padStart(2, '0')} dir=${send ? 'send' : 'recv'}`,
  ]);

function isoLineArb(wide: boolean): fc.Arbitrary<Tok[]> {
  return fc.tuple(isoStampArb, headArb, messageArb(wide), fc.boolean()).map(([s, h, m, sp]): Tok[] => [s, h === '' && sp ? ' ' : h, ...m]);
}

function otherLineArb(wide: boolean): fc.Arbitrary<Tok[]> {
  return fc.oneof(
    messageArb(wide).map((m): Tok[] => ['  at ', ...m]),
    messageArb(wide).map((m): Tok[] => ['\t', ...m]),
    fc.constantFrom<Tok[]>([''], ['   '], ['\t'], [' \u00a0']),
    messageArb(wide),
    fc.tuple(fc.constantFrom('Mar 14 09:26:53', 'Mar  4 23:59:60', '<34>Jan  1 10:00:00'), headArb, messageArb(wide)).map(([s, h, m]): Tok[] => [s, h, ...m]),
    fc.tuple(fc.constantFrom('1773480413', '2026-03-14', '2026-03-14T09:00', '2026-03-14T09:00:00'), messageArb(wide)).map(([s, m]): Tok[] => [s, ...m]),
  );
}

function linesArb(wide: boolean): fc.Arbitrary<Tok[][]> {
  return fc.array(
    fc.oneof({ weight: 6, arbitrary: isoLineArb(wide) }, { weight: 6, arbitrary: sampleLineArb }, { weight: 2, arbitrary: otherLineArb(wide) }),
    { minLength: 1, maxLength: 40, size: 'medium' },
  );
}

/** A whole input as tokens: lines with LF or CRLF each, maybe a last line break, maybe a byte-order mark. */
const inputArb: fc.Arbitrary<{ toks: Tok[]; wide: boolean }> = fc
  .constantFrom(false, false, true)
  .chain((wide) =>
    fc.tuple(linesArb(wide), fc.array(fc.constantFrom('\n', '\n', '\n', '\r\n'), { minLength: 40, maxLength: 40 }), fc.boolean(), fc.constantFrom(false, false, false, true)).map(([lines, eols, final, bom]) => {
      const toks: Tok[] = bom ? ['\ufeff'] : [];
      lines.forEach((l, i) => {
        if (i > 0) toks.push(eols[i]!);
        toks.push(...l);
      });
      if (final) toks.push(eols[0]!);
      return { toks, wide };
    }),
  );

/** The bytes cut at `cuts` and pushed through a ChunkDecoder: each piece of text with the aligned bytes its push gave, then end()'s text. */
function decodeInCuts(bytes: Uint8Array, cuts: readonly number[]): { pieces: { text: string; u: Uint8Array | null }[]; text: string } {
  const decoder = new ChunkDecoder();
  const pieces: { text: string; u: Uint8Array | null }[] = [];
  let at = 0;
  for (const cut of [...[...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b), bytes.length]) {
    const text = decoder.push(bytes.subarray(at, cut));
    pieces.push({ text, u: decoder.aligned });
    at = cut;
  }
  pieces.push({ text: decoder.end(), u: decoder.aligned });
  expect(pieces[pieces.length - 1]!.u).toBeNull();
  return { pieces, text: pieces.map((p) => p.text).join('') };
}

const NAME = 'svc-7.log';

/** What a fresh TextLogParser's reader makes of `pieces`, given as analyze() does: the head is the text's start. */
function readPieces(head: string, pieces: readonly { text: string; u?: Uint8Array | null }[]) {
  const { ctx, all: result } = collectingContext();
  const reader = new TextLogParser().reader(NAME, head.slice(0, 65536), ctx);
  for (const p of pieces) reader.text(p.text, p.u);
  reader.end();
  return result();
}

/** Runs f counting the calls of IsoStampReader.readIn that answered (the in-place path taken). */
function countingReadIn<T>(f: () => T): { value: T; answered: number } {
  const proto = IsoStampReader.prototype;
  const original = proto.readIn;
  let answered = 0;
  proto.readIn = function (this: IsoStampReader, ...args: Parameters<IsoStampReader['readIn']>) {
    const r = original.apply(this, args);
    if (r !== null) answered++;
    return r;
  };
  try {
    return { value: f(), answered };
  } finally {
    proto.readIn = original;
  }
}

describe('text logs read from aligned bytes', () => {
  it('give exactly the execution and diagnostics of the whole decoded text, for any cuts of the bytes', () => {
    let runs = 0;
    let isoRuns = 0;
    let runsWithAligned = 0;
    let runsInPlace = 0;
    let runsInPlaceWide = 0;
    let inPlaceLines = 0;
    let rawRuns = 0;
    fc.assert(
      fc.property(inputArb, fc.array(fc.nat({ max: 4000 }), { maxLength: 6 }), ({ toks, wide }, cuts) => {
        const bytes = encode(toks);
        const { pieces, text } = decodeInCuts(bytes, cuts);
        // The decoder gives a lone CR as the line break it is (#15).
        expect(text).toBe(decode(bytes).replace(/\r(?!\n)/g, '\n'));
        // A piece's aligned bytes are the bytes of its text, one per character.
        for (const p of pieces) {
          if (p.u === null) continue;
          expect(p.u.length).toBe(p.text.length);
          for (let i = 0; i < p.u.length; i++) if (p.text.charCodeAt(i) !== (p.u[i]! < 0x80 ? p.u[i]! : 0xfffd)) expect.unreachable(`piece not aligned at ${i}`);
        }
        const { value: got, answered } = countingReadIn(() => readPieces(text, pieces));
        const whole = readPieces(text, [{ text }]);
        expect(got).toEqual(whole);
        const noBytes = readPieces(
          text,
          pieces.map((p) => ({ text: p.text })),
        );
        expect(noBytes).toEqual(whole);
        runs++;
        if (learnTimeLayout(text.slice(0, 65536))?.entry.id === 'iso8601') isoRuns++;
        if (pieces.some((p) => p.u !== null && p.text.includes('\n'))) runsWithAligned++;
        if (answered > 0) runsInPlace++;
        if (answered > 0 && wide) runsInPlaceWide++;
        if (answered > 0 && bytes.some((b, i) => b >= 0x80 && !(i < 3 && bytes[0] === 0xef))) rawRuns++;
        inPlaceLines += answered;
      }),
      { numRuns: 300 },
    );
    // Not vacuous: most inputs learn the ISO shape, get aligned bytes and have lines read in place,
    // with invalid bytes in them, and some with multi-byte characters elsewhere in the input.
    expect(isoRuns).toBeGreaterThan(runs * 0.7);
    expect(runsWithAligned).toBeGreaterThan(runs / 2);
    expect(runsInPlace).toBeGreaterThan(runs / 2);
    expect(rawRuns).toBeGreaterThan(runs / 4);
    expect(runsInPlaceWide).toBeGreaterThan(10);
    expect(inPlaceLines).toBeGreaterThan(runs * 3);
  });

  it('reads all but the first line of each chunk in place, with the same events', () => {
    const ls: string[] = [];
    for (let i = 0; i < 200; i++) {
      const s = String(i % 60).padStart(2, '0');
      ls.push(`2026-03-14T09:${String(i >> 6).padStart(2, '0')}:${s}.${String(i * 37).padStart(6, '0')}Z WARN flushed buffer ${90000 + i} for tenant-${i % 30} service=svc-0${i % 3} host=host-0${i % 3} msg_id=m${String(i).padStart(8, '0')} dir=${i % 2 ? 'send' : 'recv'}`);
    }
    ls.splice(50, 0, '  at continuation of 49 k=v');
    ls.splice(120, 0, '2026-03-14T09:01:00Z web1 sshd[42]: accepted user=bob');
    const text = ls.join('\r\n') + '\r\n';
    const bytes = encode([text]);
    const cuts = [1000, 5000, 9000, 13000];
    const { pieces } = decodeInCuts(bytes, cuts);
    const { value: got, answered } = countingReadIn(() => readPieces(text, pieces));
    expect(got).toEqual(readPieces(text, [{ text }]));
    // 202 lines: the first line of each of the five pieces, the continuation and the syslog line are read as strings.
    expect(answered).toBe(202 - 5 - 2);
    const x = got.executions[0]!;
    const texts = textsOf(x);
    expect(texts).toHaveLength(201);
    expect(texts).toContain('WARN flushed buffer 90000 for tenant-0 service=svc-00 host=host-00 msg_id=m00000000 dir=recv');
    expect(texts).toContain('accepted user=bob');
    // The continuation line joins the record before it, read in place.
    expect(texts).toContain('WARN flushed buffer 90049 for tenant-19 service=svc-01 host=host-01 msg_id=m00000049 dir=send\n  at continuation of 49 k=v');
    const e149 = texts.findIndex((t) => t.includes('msg_id=m00000149 '));
    expect(fieldsOf(x, e149)).toMatchObject({ service: 'svc-02', host: 'host-02', dir: 'send', msg_id: 'm00000149' });
  });
});

/** Every pair a KeyValueScanner finds in text[start, end), offsets taken from start, with the hints `hints` gives. */
function pairsOf(sc: KeyValueScanner, text: string, u: Uint8Array | null, start: number, end: number, hints: readonly (readonly [string, string])[]) {
  sc.reset(text, u, start, end);
  const out: { keyAt: [number, number]; valueAt: [number, number]; keyText: string; valueSpan: string; escaped: boolean; value: string; hinted: [boolean, boolean] }[] = [];
  for (;;) {
    const [key, value] = hints[out.length] ?? ['', ''];
    if (!sc.next(hintBytes(key), hintBytes(value))) break;
    expect(sc.keyStart >= start && sc.valueEnd <= end).toBe(true);
    out.push({
      keyAt: [sc.keyStart - start, sc.keyEnd - start],
      valueAt: [sc.valueStart - start, sc.valueEnd - start],
      keyText: text.slice(sc.keyStart, sc.keyEnd),
      valueSpan: text.slice(sc.valueStart, sc.valueEnd),
      escaped: sc.escaped,
      value: sc.value(),
      hinted: [sc.keyExpected, sc.valueExpected],
    });
  }
  return out;
}

// Pieces like those of keyValuePairs.test.ts, with whole pairs, raw invalid bytes and characters past ASCII.
const kvPieceArb: fc.Arbitrary<Tok> = fc.oneof(
  {
    weight: 30,
    arbitrary: fc.constantFrom(
      'a', 'k', 'Z', '_', '9', '.', '-', '=', '==', '"', '\\', '\\"', ' ', ' ', '\t', '\r', '(', '[', '{', ',', ';', '|', ':', '!', '?', ')', ']', '}', "'", '>',
      'req_id', 'to', 'x.y-z', ' req_id=abc', ' to=ledger', ' a=9', ' k=k.', '(to=a)', ' x.y-z="x y"', ' ak=to', 'Z_9=a', ' q="a\\"b"', ' n="x\\ny"',
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom('\n', '\u2028', '\u2029') },
  { weight: 4, arbitrary: rawByteArb },
  { weight: 3, arbitrary: fc.constantFrom('é', '\u00a0', '\u3000', '\ufeff', '😀', 'u=ü') },
);
const kvTextArb = fc.array(kvPieceArb, { maxLength: 30 });
/** What may lie around the range in its chunk: other lines with pairs, or text right against it. */
const aroundArb = fc.array(
  fc.constantFrom<Tok>('', 'a', 'key', 'k=', '=', '==', '"', '\\', ' ', 'x=1 y="2 3"\n', '2026-03-14T09:00:00Z a=b c=d\n', 'q="open\n', '=\r\n', '\n', ' a=', 'to=ledger', 0xff, 0xc3),
  { maxLength: 5 },
);
const hintsArb = fc.array(
  fc.tuple(fc.constantFrom('', 'a', 'k', 'req_id', 'to', 'x.y-z', 'ak', 'Z_9', 'q', 'n', 'u', 'k\ufffd'), fc.constantFrom('', 'a', '9', 'k.', 'ledger', 'abc', 'x y', '"', 'to', '\ufffd', 'ü')),
  { maxLength: 8 },
);

/** A chunk of `before`, `message`, `after`: its string, the message's range in it, and its bytes when the chunk decodes aligned. */
function chunkWith(before: readonly Tok[], message: readonly Tok[], after: readonly Tok[]) {
  const u = encode([...before, ...message, ...after]);
  const s = decode(u);
  if (s.length === u.length) {
    const start = encode(before).length;
    return { s, u, start, end: start + encode(message).length };
  }
  // Not aligned: the chunk as a string of its parts (decoded apart, so the range is exactly the message).
  const b = decode(encode(before));
  const m = decode(encode(message));
  return { s: b + m + decode(encode(after)), u: null, start: b.length, end: b.length + m.length };
}

describe('KeyValueScanner over a range of a chunk', () => {
  // Shared across runs, as a reader's one scanner is across lines and chunks.
  const shared = new KeyValueScanner();

  it('finds in text[start, end) exactly what it finds in the message alone, with aligned bytes or none', () => {
    let aligned = 0;
    let alignedRaw = 0;
    let pairs = 0;
    let hintsMet = 0;
    fc.assert(
      fc.property(aroundArb, kvTextArb, aroundArb, hintsArb, fc.boolean(), (before, message, after, hints, hinted) => {
        const { s, u, start, end } = chunkWith(before, message, after);
        const msg = s.slice(start, end);
        const h = hinted ? hints : [];
        const want = pairsOf(new KeyValueScanner(), msg, null, 0, msg.length, h);
        if (u !== null) {
          aligned++;
          if (u.subarray(start, end).some((b) => b >= 0x80)) alignedRaw++;
          expect(pairsOf(shared, s, u, start, end, h)).toEqual(want);
        }
        expect(pairsOf(shared, s, null, start, end, h)).toEqual(want);
        // And the string path again on the shared scanner, after the chunk.
        expect(pairsOf(shared, msg, null, 0, msg.length, h)).toEqual(want);
        pairs += want.length;
        hintsMet += want.filter((p) => p.hinted[0]).length;
      }),
      { numRuns: 6000 },
    );
    // Not vacuous: many chunks are aligned (many with invalid bytes in the range), with pairs, and hints are met.
    expect(aligned).toBeGreaterThan(1500);
    expect(alignedRaw).toBeGreaterThan(500);
    expect(pairs).toBeGreaterThan(3000);
    expect(hintsMet).toBeGreaterThan(80);
  });

  it('reads many ranges of two chunks, in any order, with one scanner', () => {
    let alignedVisits = 0;
    /** Messages joined into one chunk by separators: the chunk, its bytes when aligned, and each message's range. */
    const chunkOf = (messages: readonly Tok[][], seps: readonly Tok[][]) => {
      const toks: Tok[] = [];
      const ranges: { from: Tok[]; msg: Tok[] }[] = [];
      messages.forEach((m, i) => {
        toks.push(...seps[i % seps.length]!);
        ranges.push({ from: [...toks], msg: m });
        toks.push(...m);
      });
      toks.push(...seps[0]!);
      const u = encode(toks);
      const s = decode(u);
      if (s.length === u.length) {
        return { s, u, ranges: ranges.map((r) => ({ start: encode(r.from).length, end: encode(r.from).length + encode(r.msg).length })) };
      }
      // Not aligned: strings decoded part by part, so each range is exactly its message.
      let str = '';
      const rs: { start: number; end: number }[] = [];
      messages.forEach((m, i) => {
        str += decode(encode(seps[i % seps.length]!));
        const t = decode(encode(m));
        rs.push({ start: str.length, end: str.length + t.length });
        str += t;
      });
      str += decode(encode(seps[0]!));
      return { s: str, u: null, ranges: rs };
    };
    const sepArb = fc.array(fc.constantFrom<Tok>('\n', '\r\n', ' ', '', '=', 'k=v\n', 'a', '"', 0xfe), { minLength: 1, maxLength: 3 });
    const chunkArb = fc.tuple(fc.array(kvTextArb, { minLength: 1, maxLength: 8, size: 'medium' }), fc.array(sepArb, { minLength: 1, maxLength: 3 }));
    fc.assert(
      fc.property(
        chunkArb,
        chunkArb,
        fc.array(fc.tuple(fc.boolean(), fc.nat(), fc.constantFrom('bytes', 'bytes', 'range', 'string', 'empty')), { minLength: 1, maxLength: 20 }),
        hintsArb,
        ([msA, sepA], [msB, sepB], visits, hints) => {
          const chunks = [chunkOf(msA, sepA), chunkOf(msB, sepB)];
          const sc = new KeyValueScanner();
          // As a reader goes: every range of one chunk in order, then of the other, and back; then anywhere, any way.
          const inOrder = (second: boolean) => chunks[second ? 1 : 0]!.ranges.map((_, i) => [second, i, 'bytes'] as const);
          for (const [second, at, how] of [...inOrder(false), ...inOrder(true), ...inOrder(false), ...visits]) {
            const c = chunks[second ? 1 : 0]!;
            const { start, end } = c.ranges[at % c.ranges.length]!;
            const msg = c.s.slice(start, end);
            const want = pairsOf(new KeyValueScanner(), msg, null, 0, msg.length, hints);
            if (how === 'empty') {
              sc.reset('');
              expect(sc.next()).toBe(false);
            } else if (how === 'string') {
              expect(pairsOf(sc, msg, null, 0, msg.length, hints)).toEqual(want);
            } else if (how === 'bytes' && c.u !== null) {
              alignedVisits++;
              expect(pairsOf(sc, c.s, c.u, start, end, hints)).toEqual(want);
            } else {
              expect(pairsOf(sc, c.s, null, start, end, hints)).toEqual(want);
            }
          }
        },
      ),
      { numRuns: 1500 },
    );
    // Not vacuous: many ranges were read with their chunk's aligned bytes.
    expect(alignedVisits).toBeGreaterThan(600);
  });

  it('does not read past the range: a key, quote or value right after it stays outside', () => {
    const s = 'a=1 b="x\\"y" c=open\nk="unterminated d=2\ne=3"f=4 g=h';
    const u = encode([s]);
    const sc = new KeyValueScanner();
    const line2 = s.indexOf('k=');
    const line2End = s.indexOf('\n', line2);
    // The quoted value runs to the end of its range, not to the quote on the next line.
    expect(pairsOf(sc, s, u, line2, line2End, [])).toEqual(pairsOf(new KeyValueScanner(), s.slice(line2, line2End), null, 0, line2End - line2, []));
    sc.reset(s, u, line2, line2End);
    expect(sc.next()).toBe(true);
    expect(sc.value()).toBe('unterminated d=2');
    expect(sc.next()).toBe(false);
    // A range cut inside a key: the key starts at the range, not before it.
    sc.reset(s, u, 1, 3);
    expect(sc.next()).toBe(false);
    sc.reset(s, u, 4, 12);
    expect(sc.next()).toBe(true);
    expect([s.slice(sc.keyStart, sc.keyEnd), sc.value(), sc.escaped]).toEqual(['b', 'x"y', true]);
    sc.reset(s, u, 5, 12);
    expect(sc.next()).toBe(false);
    // A bare value cut by the range's end.
    sc.reset(s, u, 13, 17);
    expect(sc.next()).toBe(true);
    expect([s.slice(sc.keyStart, sc.keyEnd), sc.value()]).toEqual(['c', 'op']);
  });
});

/** A stamp as plain data (the reader reuses its objects). */
function plain(s: LineStamp | null) {
  if (!s) return null;
  return { time: s.time && { ...s.time }, rest: s.rest, host: s.host, app: s.app, fields: s.fields?.map((f) => [...f]), yearless: s.yearless };
}

/** A line the fast read takes and that has no '[' (so no syslog tag): readIn must answer for it. */
const plainIsoLineArb: fc.Arbitrary<{ toks: Tok[]; plain: boolean }> = fc
  .tuple(
    fc.constantFrom('2026', '2024', '1999'),
    fc.constantFrom('-', '/'),
    two(1, 12),
    two(1, 28),
    fc.constantFrom('T', ' ', 't'),
    two(0, 23),
    two(0, 59),
    two(0, 60),
    fc.oneof(fc.constant(''), fc.tuple(fc.constantFrom('.', ','), fc.stringMatching(/^\d{1,12}$/)).map(([d, f]) => d + f)),
    fc.constantFrom('', 'Z', 'z'),
    fc.array(fc.oneof(fc.constantFrom<Tok>('INFO', ' ', 'a=b', 'word', ' host app: x', '"q"', ']', '9'), rawByteArb), { maxLength: 8 }),
  )
  .map(([y, sep, mo, d, t, h, mi, s, f, z, m]) => ({ toks: [`${y}${sep}${mo}${sep}${d}${t}${h}:${mi}:${s}${f}${z}`, ...(m.length > 0 ? [' ', ...m] : [])], plain: true }));

const anyIsoLineArb: fc.Arbitrary<{ toks: Tok[]; plain: boolean }> = fc
  .tuple(isoStampArb, headArb, messageArb(false), fc.boolean())
  .map(([s, h, m, sp]) => ({ toks: [s, h === '' && sp ? ' ' : h, ...m], plain: false }));

const stampLinesArb = fc.array(
  fc.oneof(
    { weight: 3, arbitrary: plainIsoLineArb },
    { weight: 4, arbitrary: anyIsoLineArb },
    { weight: 1, arbitrary: otherLineArb(false).map((toks) => ({ toks, plain: false })) },
    { weight: 1, arbitrary: fc.constantFrom('2026-03-14T09:00:00', '2026-03-14T09:00:0', '2026-03-14T09:00:00.', '2026-03-14T09:00:00Z', '[').map((t) => ({ toks: [t] as Tok[], plain: false })) },
  ),
  { minLength: 1, maxLength: 12 },
);

/** The lines of an aligned chunk as ranges [from, to) (LF or CRLF dropped); the last may run to the chunk's end. */
function lineRanges(s: string): [number, number][] {
  const out: [number, number][] = [];
  let pos = 0;
  for (let nl = s.indexOf('\n'); nl >= 0; nl = s.indexOf('\n', pos)) {
    out.push([pos, nl > pos && s.charCodeAt(nl - 1) === 13 ? nl - 1 : nl]);
    pos = nl + 1;
  }
  out.push([pos, s.length]);
  return out;
}

describe('IsoStampReader.readIn', () => {
  // Shared across runs, as a reader's one IsoStampReader is across lines and chunks: it keeps the day and a '[' it found.
  const inPlace = new IsoStampReader();
  const byLine = new IsoStampReader();

  it('answers only with what read() gives the line, and answers for plain ISO lines', () => {
    let answered = 0;
    let plainLines = 0;
    let nullWithHost = 0;
    fc.assert(
      fc.property(stampLinesArb, fc.array(fc.constantFrom('\n', '\r\n'), { minLength: 12, maxLength: 12 }), fc.array(fc.nat(), { maxLength: 6 }), (lines, eols, revisits) => {
        const toks: Tok[] = [];
        lines.forEach((l, i) => toks.push(...l.toks, eols[i]!));
        const u = encode(toks);
        const s = decode(u);
        if (s.length !== u.length) return;
        const ranges = lineRanges(s);
        // Each line in order, then some again in any order (the reader's memos must follow).
        const order = [...lines.keys(), ...revisits.map((r) => r % lines.length)];
        for (const k of order) {
          const [from, to] = ranges[k]!;
          const line = s.slice(from, to);
          const got = plain(inPlace.readIn(u, from, to));
          // As the text reader does: a line readIn does not take is read as a string.
          if (got === null) inPlace.read(line);
          const want = plain(byLine.read(line));
          expect(want).toEqual(plain(iso.read(line)));
          if (lines[k]!.plain) {
            plainLines++;
            expect(got).not.toBeNull();
          }
          if (got === null) {
            if (want?.host !== undefined) nullWithHost++;
            continue;
          }
          answered++;
          expect(want).not.toBeNull();
          expect({ ...got, rest: got.rest - from }).toEqual(want);
          expect([got.host, got.app, got.fields, got.yearless]).toEqual([undefined, undefined, undefined, undefined]);
        }
      }),
      { numRuns: 2000 },
    );
    // Not vacuous: many plain lines, more lines answered than those, and syslog heads left to read().
    expect(plainLines).toBeGreaterThan(3000);
    expect(answered).toBeGreaterThan(plainLines);
    expect(nullWithHost).toBeGreaterThan(200);
  });

  it('looks for a syslog tag within the line only, and within 66 characters of the host', () => {
    const r = new IsoStampReader();
    const lines = [
      '2026-03-14T09:00:00Z web1 sshd[42]: accepted',
      '2026-03-14T09:00:01Z host app',
      '[x] on the next line, near',
      `2026-03-14T09:00:02Z h ${'a'.repeat(64)}[1]: near enough`,
      `2026-03-14T09:00:03Z h ${'a'.repeat(65)}[1]: a tag too long`,
      `2026-03-14T09:00:03Z h ${'a'.repeat(66)}[1]: too far`,
      '2026-03-14T09:00:04Z plain message',
      '2026-03-14T09:00:05Z web1 sshd[42]: again',
    ];
    const s = lines.join('\n');
    const u = encode([s]);
    const ranges = lineRanges(s);
    const readIn = (k: number) => {
      const [from, to] = ranges[k]!;
      const st = plain(r.readIn(u, from, to));
      return st && { ...st, rest: st.rest - from };
    };
    const read = (k: number) => plain(new IsoStampReader().read(lines[k]!));
    expect(read(0)!.host).toBe('web1');
    expect(readIn(0)).toBeNull();
    // The '[' on the next line is not this line's.
    expect(readIn(1)).not.toBeNull();
    expect(readIn(1)).toEqual(read(1));
    expect(readIn(2)).toBeNull();
    expect(read(3)!.app).toBe('a'.repeat(64));
    expect(readIn(3)).toBeNull();
    // A '[' 65 characters after the host could start a tag (this one is a character too long): left to read().
    expect(read(4)!.host).toBeUndefined();
    expect(readIn(4)).toBeNull();
    expect(read(5)!.host).toBeUndefined();
    expect(readIn(5)).not.toBeNull();
    expect(readIn(5)).toEqual(read(5));
    expect(readIn(6)).toEqual(read(6));
    expect(readIn(7)).toBeNull();
    // Backwards, and from another chunk with the same lines at other places.
    expect(readIn(1)).toEqual(read(1));
    expect(readIn(0)).toBeNull();
    const s2 = 'x\n' + s;
    const u2 = encode([s2]);
    const [from, to] = ranges[6]!;
    expect(plain(r.readIn(u2, from + 2, to + 2))).toEqual({ ...read(6)!, rest: read(6)!.rest + from + 2 });
    expect(r.readIn(u2, ranges[0]![0] + 2, ranges[0]![1] + 2)).toBeNull();
  });

  it('keeps the day it cached right across dates, invalid dates and lines it does not take', () => {
    const r = new IsoStampReader();
    const lines = [
      '2026-03-14T23:59:59.999Z a',
      '2026-03-15T00:00:00Z b',
      '2026-02-29T00:00:00Z no such day',
      '2026-03-15T00:00:01+01:00 zoned',
      '2024-02-29T12:00:00,5 leap',
      '2026-03-15 00:00:02 c',
      '2026/03/15 00:00:03 d',
      '2026-03-14T23:59:59Z web1 sshd[1]: tag',
      '2026-03-14T23:59:59Z e',
    ];
    const s = lines.join('\r\n');
    const u = encode([s]);
    lineRanges(s).forEach(([from, to], k) => {
      const got = plain(r.readIn(u, from, to));
      const want = plain(iso.read(lines[k]!));
      if (k === 2 || k === 3 || k === 7) expect(got).toBeNull();
      else expect(got && { ...got, rest: got.rest - from }).toEqual(want);
    });
  });
});
