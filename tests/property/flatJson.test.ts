import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlatJsonScanner, INT, NUMBER, STRING, TRUE, FALSE, NULL } from '../../src/core/input/jsonLines/flatJsonScanner';
import { JsonLinesParser } from '../../src/core/input/jsonLines/jsonLinesParser';
import { collectingContext } from '../unit/readerKit';

/**
 * The JSON-lines scanner (FlatJsonScanner, read in place) against JSON.parse:
 * on generated flat objects written every way JSON allows (escapes, \u
 * escapes of any code unit, lone surrogates, numbers in all forms, odd
 * whitespace, repeated keys), whatever the scanner accepts is valid JSON with
 * the same keys and values; and the reader gives exactly the same execution
 * and diagnostics with the scanner as with JSON.parse alone, whatever the
 * chunking.
 */

const hex4 = (c: number) => '\\u' + c.toString(16).padStart(4, '0');

/** A JSON string literal for s, each character written plainly or escaped (as `escapeMask` picks). */
function writeString(s: string, escapeMask: readonly number[]): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const how = escapeMask[i % escapeMask.length]!;
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += '\\\\';
    else if (c < 0x20) out += how === 0 ? ({ 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' } as Record<number, string>)[c] ?? hex4(c) : hex4(c);
    else if (how === 1) out += c === 0x2f ? '\\/' : hex4(c);
    else if (how === 2) out += hex4(c).toUpperCase().replace('\\U', '\\u');
    else out += s[i];
  }
  return out + '"';
}

const keyArb = fc.oneof(
  fc.constantFrom('ts', 'time', 'timestamp', '@timestamp', 't', 'service', 'host', 'hostname', 'pod', 'node', 'process', 'component', 'msg', 'message', 'event', 'log', 'level', 'msg_id', 'dir', 'to', 'from', '__proto__', 'constructor', '0', '12', '007'),
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
);

const stringValueArb = fc.oneof(
  fc.constantFrom('', '2026-03-14T09:26:53.123456Z', '2026-03-14 09:26:53,250', ' 2026-03-14T09:26:53Z ', '1773480413.5', 'svc-1', 'host-1', 'a\\b', 'x"y'),
  fc.string({ maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 6 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0x40 }).map((c) => String.fromCharCode(c)), maxLength: 8 }),
);

/** How a key's characters are written: mostly as they are (the scanner leaves escaped keys to JSON.parse). */
const keyMaskArb = fc.oneof({ weight: 4, arbitrary: fc.constant([0]) }, { weight: 1, arbitrary: fc.array(fc.nat({ max: 6 }), { minLength: 1, maxLength: 3 }) });

const numberTextArb = fc.oneof(
  fc.integer().map(String),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => JSON.stringify(d)),
  fc.constantFrom('0', '-0', '-0.0', '1.0', '1.50', '1e2', '1E+2', '-1e-7', '0.1e1', '1e400', '-1e400', '12345678901234567891', '1773480417123456789', '9007199254740993', '123456789012345', '1234567890123456', '-123456789012345'),
);

interface Written {
  text: string;
  /** The text's value as JSON.parse reads it on its own. */
  value: unknown;
}

const valueArb: fc.Arbitrary<Written> = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(stringValueArb, fc.array(fc.nat({ max: 6 }), { minLength: 1, maxLength: 4 })).map(([s, mask]) => ({ text: writeString(s, mask), value: s })) },
  { weight: 2, arbitrary: numberTextArb.map((t) => ({ text: t, value: JSON.parse(t) as unknown })) },
  { weight: 1, arbitrary: fc.constantFrom('true', 'false', 'null').map((t) => ({ text: t, value: JSON.parse(t) as unknown })) },
  { weight: 1, arbitrary: fc.constantFrom('{}', '[]', '{"a":1}', '[1,"x"]').map((t) => ({ text: t, value: JSON.parse(t) as unknown })) },
);

const wsArb = fc.constantFrom('', '', '', ' ', '\t', '\r', '  ');

/** A flat-ish object line: pairs written with random whitespace and escapes. */
const lineArb = fc
  .tuple(
    fc.array(fc.tuple(keyArb, keyMaskArb, valueArb, wsArb, wsArb, wsArb), { maxLength: 7 }),
    wsArb,
    wsArb,
  )
  .map(([pairs, lead, trail]) => {
    const body = pairs.map(([k, mask, v, a, b, c]) => `${a}${writeString(k, mask)}${b}:${c}${v.text}`).join(',');
    return { line: `${lead}{${body}${trail}}${lead}`, pairs: pairs.map(([k, , v]) => ({ key: k, value: v.value })) };
  });

describe('FlatJsonScanner', () => {
  it('accepts only valid JSON, and reads keys and values as JSON.parse does', () => {
    let accepted = 0;
    fc.assert(
      fc.property(lineArb, fc.string({ maxLength: 3 }), fc.boolean(), ({ line, pairs }, before, clean) => {
        const s = before + line + '\n';
        const from = before.length;
        const to = from + line.length;
        const isClean = !/[\u0000-\u0009\u000b\u000c\u000e-\u001f\\]|\r(?!\n)/.test(line);
        const sc = new FlatJsonScanner();
        if (!sc.scan(s, from, to, [], -1, clean && isClean)) return;
        accepted++;
        expect(() => JSON.parse(line)).not.toThrow();
        expect(sc.count).toBe(pairs.length);
        for (let i = 0; i < sc.count; i++) {
          expect(s.slice(sc.keyFrom[i], sc.keyTo[i])).toBe(pairs[i]!.key);
          const want = pairs[i]!.value;
          const k = sc.kind[i]!;
          const text = s.slice(sc.from[i], sc.to[i]);
          if (k === STRING) expect(sc.decoded[i] ?? text).toBe(want);
          else if (k === INT) {
            expect(Number(text)).toBe(want);
            expect(String(want)).toBe(text);
          } else if (k === NUMBER) expect(Number(text)).toBe(want);
          else expect(k === TRUE ? true : k === FALSE ? false : k === NULL ? null : undefined).toBe(want);
        }
      }),
      { numRuns: 3000 },
    );
    // Not vacuous: most generated lines are ones the scanner reads.
    expect(accepted).toBeGreaterThan(600);
  });

  it('matches expected keys only where they are written as they are', () => {
    const sc = new FlatJsonScanner();
    const s = '{"a":1,"b":"x"}';
    expect(sc.scan(s, 0, s.length, [['a', 'b']], 0, true)).toBe(true);
    expect(sc.matched).toBe(true);
    const t = '{"\\u0061":1,"b":"x"}';
    expect(sc.scan(t, 0, t.length, [['a', 'b']], 0, false)).toBe(false);
    expect(sc.scan(s, 0, s.length, [['a']], 0, true)).toBe(true);
    expect(sc.matched).toBe(false);
  });

  it('goes on with another known key set where the line leaves the one it followed, and finds exactly the one the line has', () => {
    const keyArb = fc.constantFrom('ts', 'msg', 'id', 'dir', 'host', 'a');
    const setArb = fc.uniqueArray(keyArb, { maxLength: 5 });
    fc.assert(
      fc.property(fc.array(setArb, { maxLength: 6 }), setArb, fc.integer({ min: -1, max: 5 }), (sets, line, first) => {
        const s = `{${line.map((k, i) => `"${k}":${i}`).join(',')}}`;
        const known = sets.map((keys, i) => (i % 3 === 2 ? null : keys));
        const start = first < known.length ? first : -1;
        const sc = new FlatJsonScanner();
        expect(sc.scan(s, 0, s.length, known, start, true)).toBe(true);
        const want = known.some((keys) => keys !== null && keys.join() === line.join() && keys.length === line.length);
        expect(sc.matched).toBe(want);
        if (want) expect(known[sc.set]).toEqual(line);
        else expect(sc.set).toBe(-1);
      }),
      { numRuns: 2000 },
    );
  });

  it('rejects what JSON.parse rejects', () => {
    const sc = new FlatJsonScanner();
    for (const bad of ['{"a":1,}', '{"a" 1}', '{"a":01}', '{"a":-}', '{"a":1.}', '{"a":1e}', '{"a":"\t"}', '{"a":"\\x"}', '{"a":"\\u12"}', '{"a":tru}', '{"a":1}}', '{,}', '{"a":1 "b":2}']) {
      expect(() => JSON.parse(bad)).toThrow();
      expect(sc.scan(bad, 0, bad.length, [], -1, false)).toBe(false);
    }
  });
});

/** Lines of a JSON-lines input, flat ones mostly, with the damage real files have. */
const inputLineArb = fc.oneof(
  { weight: 8, arbitrary: lineArb.map((l) => l.line) },
  { weight: 1, arbitrary: fc.constantFrom('', '   ', 'not json', '{"msg": "broken"', '[1,2]', '"str"', '{"a":{"b":[1,2]}}', '{"msg":"a","msg":"b"}', '{"b":1,"2":2,"1":3}', '\ufeff{"msg":"bom"}') },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('ts', 'time', 't'), fc.constantFrom('"2026-03-14T09:26:53.5Z"', '"2026/03/14 09:26:53"', '1773480416', '1773480417123456789', '"soon"', '1.5e9', 'null', '"2026-02-30T00:00:00Z"'), fc.constantFrom('svc-1', 'svc-2', ''), fc.constantFrom('h1', 'h2', 'svc-1')).map(([k, v, svc, host]) => `{"${k}":${v},"service":"${svc}","host":"${host}","level":"info","msg":"m ${svc}","n":12345678901234567891}`) },
);

function read(name: string, text: string, scan: boolean, cuts: number[]): { x: unknown; diagnostics: unknown } {
  const { ctx, result } = collectingContext();
  const reader = new JsonLinesParser(scan).reader(name, '', ctx);
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    const c = Math.min(cut, text.length);
    if (c < at) continue;
    reader.text(text.slice(at, c));
    at = c;
  }
  reader.text(text.slice(at));
  reader.end();
  return result();
}

describe('JSON lines read in place', () => {
  it('gives exactly what JSON.parse gives, for any chunking', () => {
    fc.assert(
      fc.property(fc.array(inputLineArb, { maxLength: 25 }), fc.constantFrom('\n', '\r\n'), fc.boolean(), fc.array(fc.nat({ max: 2000 }), { maxLength: 6 }), (lines, eol, final, cuts) => {
        const text = lines.join(eol) + (final ? eol : '');
        const want = read('app.jsonl', text, false, []);
        expect(read('app.jsonl', text, true, [])).toEqual(want);
        expect(read('app.jsonl', text, true, cuts)).toEqual(want);
      }),
      { numRuns: 400 },
    );
  });
});
