import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import { textsOf } from '../../src/core/model/execution';
import { packedTransferables, packPart, packStrings, unpackPart, unpackStrings } from '../../src/core/parallel/packPart';
import { readPart } from '../../src/core/parallel/readPart';

const roundTrip = (list: string[], pieceChars?: number) => unpackStrings(packStrings(list, pieceChars));

describe('packStrings', () => {
  it('round-trips unicode, empty strings and long strings', () => {
    const list = ['', 'a', '', 'ümlaut', '日本語のテキスト', '😀 emoji pair', 'x'.repeat(10_000), '', 'tab\tand\nnewline', '\u0000nul'];
    expect(roundTrip(list)).toEqual(list);
    expect(roundTrip([])).toEqual([]);
    expect(roundTrip([''])).toEqual(['']);
    expect(roundTrip(['', '', ''])).toEqual(['', '', '']);
  });

  it('keeps lone surrogates exactly (UTF-8 cannot carry them)', () => {
    const list = ['ok', '\ud800', 'a\udc00b', '😀'];
    const packed = packStrings(list);
    expect(packed.pieces[0]).toBeInstanceOf(Uint16Array);
    expect(roundTrip(list)).toEqual(list);
  });

  it('splits long lists into pieces, a string never across two', () => {
    const list = Array.from({ length: 100 }, (_, i) => `s${i}-${'é'.repeat(i % 7)}`);
    const packed = packStrings(list, 50);
    expect(packed.pieces.length).toBeGreaterThan(5);
    expect([...packed.counts].reduce((a, b) => a + b, 0)).toBe(100);
    expect(roundTrip(list, 50)).toEqual(list);
    // A string longer than a piece gets a piece of its own.
    expect(roundTrip(['ab', 'x'.repeat(200), 'cd'], 50)).toEqual(['ab', 'x'.repeat(200), 'cd']);
  });
});

describe('packStrings of long strings (text chunks)', () => {
  it('writes ASCII strings one by one, and falls back to one joined piece for any other character', () => {
    const long = (c: string, i: number) => `${c}${i}`.repeat(300);
    const ascii = Array.from({ length: 20 }, (_, i) => long('a', i));
    const packed = packStrings(ascii);
    expect(packed.pieces).toHaveLength(1);
    expect(packed.pieces[0]).toBeInstanceOf(Uint8Array);
    expect(packed.pieces[0]!.length).toBe(ascii.join('').length);
    expect(unpackStrings(packed)).toEqual(ascii);
    const accented = [...ascii.slice(0, 10), long('é', 0), ...ascii.slice(10), ''];
    expect(roundTrip(accented)).toEqual(accented);
    const lone = [...ascii, long('\ud800', 1)];
    expect(packStrings(lone).pieces[0]).toBeInstanceOf(Uint16Array);
    expect(roundTrip(lone)).toEqual(lone);
    const pair = [...ascii, long('😀', 2)];
    expect(roundTrip(pair)).toEqual(pair);
    expect(roundTrip(ascii, 5000)).toEqual(ascii);
  });
});

describe('packPart', () => {
  it('round-trips a part: texts, fields, summaries, diagnostics; every buffer transferable once', async () => {
    const lines = [
      JSON.stringify({ ts: '2026-03-14T09:00:00Z', service: 'api', msg: 'hello ✓', msg_id: 'm1', dir: 'send' }),
      '{"broken',
      JSON.stringify({ ts: '2026-03-14T09:00:01Z', service: 'db', msg: '', msg_id: 'm1', dir: 'recv' }),
      JSON.stringify({ ts: '2026-03-14T09:00:02Z', service: 'api', msg: '日本 \ud800' }),
    ];
    const input = { name: 'a.jsonl', bytes: new TextEncoder().encode(lines.join('\n')) };
    const part = await readPart([input], {});
    const back = unpackPart(packPart(part));
    expect(back.inputs).toEqual(part.inputs);
    expect(back.summaries).toEqual(part.summaries);
    expect(back.diagnostics).toEqual(part.diagnostics);
    expect(back.diagnostics.length).toBeGreaterThan(0);
    const [x] = part.executions;
    const [y] = back.executions;
    expect(textsOf(y!.execution)).toEqual(textsOf(x!.execution));
    expect(textsOf(y!.execution)).toContain('');
    expect(y!.execution.fieldKey).toEqual(x!.execution.fieldKey);
    expect(y!.eventWindow).toEqual(x!.eventWindow);
    expect(Array.from({ length: y!.execution.strings.size }, (_, i) => y!.execution.strings.get(i))).toEqual(
      Array.from({ length: x!.execution.strings.size }, (_, i) => x!.execution.strings.get(i)),
    );
    const buffers = packedTransferables(packPart(part));
    expect(new Set(buffers).size).toBe(buffers.length);
    // And the merged analysis is the one-reader analysis.
    const one = await analyze([input]);
    const split = await analyze([input], {}, {}, [back]);
    expect(split.diagnostics).toEqual(one.diagnostics);
    expect(textsOf(split.executions[0]!.execution)).toEqual(textsOf(one.executions[0]!.execution));
  });
});
