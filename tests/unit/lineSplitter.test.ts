/**
 * The line splitter and chunk decoder: bytes cut into chunks anywhere (inside
 * a CRLF, inside a multi-byte UTF-8 character, inside a byte-order mark) give
 * the same lines and line numbers as the whole bytes at once.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ChunkDecoder } from '../../src/core/input/chunkDecoder';
import { decodeText } from '../../src/core/input/decodeText';
import { LineSplitter } from '../../src/core/input/lineSplitter';

function linesOf(bytes: Uint8Array, cuts: number[]): { lines: [number, string][]; notText: string | null } {
  const out: [number, string][] = [];
  const splitter = new LineSplitter({ line: (text, n) => out.push([n, text]) });
  const decoder = new ChunkDecoder();
  let head = '';
  const points = [...new Set(cuts.map((c) => Math.min(c, bytes.length)))].sort((a, b) => a - b);
  let at = 0;
  for (const p of [...points, bytes.length]) {
    const t = decoder.push(bytes.subarray(at, p));
    head += head.length < 9000 ? t : '';
    splitter.text(t);
    at = p;
  }
  const rest = decoder.end();
  head += rest;
  splitter.text(rest);
  splitter.end();
  return { lines: out, notText: decoder.notTextReason(head) };
}

function wholeLines(bytes: Uint8Array): [number, string][] {
  const d = decodeText(bytes);
  if (!d.ok) return [];
  const parts = d.value.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts.map((l, i) => [i + 1, l.endsWith('\r') ? l.slice(0, -1) : l]);
}

const piece = fc.constantFrom('a', 'line', '\n', '\r\n', '\r', 'é', '€', '😀', ' ', '{"k":1}', '\t', 'ü\n');

describe('LineSplitter over chunked bytes', () => {
  it('gives the lines and numbers of the whole text, wherever the chunks are cut', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.array(piece, { maxLength: 60 }),
        fc.array(fc.nat(400), { maxLength: 12 }),
        (bom, pieces, cuts) => {
          const text = pieces.join('');
          const body = new TextEncoder().encode(text);
          const bytes = bom ? new Uint8Array([0xef, 0xbb, 0xbf, ...body]) : body;
          expect(linesOf(bytes, cuts).lines).toEqual(wholeLines(bytes));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('keeps a CRLF cut between CR and LF as one line break', () => {
    const bytes = new TextEncoder().encode('one\r\ntwo\r\nthree');
    expect(linesOf(bytes, [4]).lines).toEqual([
      [1, 'one'],
      [2, 'two'],
      [3, 'three'],
    ]);
  });

  it('keeps a character cut inside its UTF-8 bytes whole', () => {
    const bytes = new TextEncoder().encode('a😀b\n€\n');
    for (let cut = 0; cut <= bytes.length; cut++) expect(linesOf(bytes, [cut]).lines).toEqual([[1, 'a😀b'], [2, '€']]);
  });

  it('decodes UTF-16 with a byte-order mark, cut anywhere', () => {
    const text = 'x\r\ny é\n';
    const le = new Uint8Array(2 + text.length * 2);
    le[0] = 0xff;
    le[1] = 0xfe;
    for (let i = 0; i < text.length; i++) le[2 + 2 * i] = text.charCodeAt(i);
    for (let cut = 0; cut <= le.length; cut++) expect(linesOf(le, [cut, cut + 1]).lines).toEqual([[1, 'x'], [2, 'y é']]);
  });

  it('says a file with NUL bytes is not text, as decodeText does', () => {
    const bytes = new Uint8Array([0x61, 0, 0x62, 0x0a, 0, 0]);
    const whole = decodeText(bytes);
    expect(whole.ok).toBe(false);
    expect(linesOf(bytes, [1, 3]).notText).toBe(whole.ok ? null : whole.error);
  });

  it('says mostly undecodable bytes are not text, as decodeText does', () => {
    const bytes = new Uint8Array(200).fill(0xc3);
    const whole = decodeText(bytes);
    expect(whole.ok).toBe(false);
    expect(linesOf(bytes, [7, 99]).notText).toBe(whole.ok ? null : whole.error);
  });
});
