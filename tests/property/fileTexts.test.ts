import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../../src/core/analysis/analyze';
import { EXPORT_FORMATS, exportText } from '../../src/core/export/exportFormats';
import { rereadableInput } from './rereadableInput';
import { FileTextChunks } from '../../src/core/model/fileTexts';
import { textOf, textsOf } from '../../src/core/model/execution';

/**
 * Texts kept as positions in their input (an input that can be read again,
 * as the CLI's files) are the texts kept as strings, whatever the bytes:
 * ASCII, invalid bytes (one U+FFFD each), valid multi-byte characters (no
 * positions then), CRLF and lone CR, NUL lines, a byte-order mark, lines
 * continuing the record before, lines with no time, empty messages, and
 * chunks cut anywhere. Every export is the same, and so is every chunk and
 * text read in any order.
 */

const enc = new TextEncoder();

/** Pieces of a message, as bytes. */
const pieceArb = fc.oneof(
  { weight: 12, arbitrary: fc.stringMatching(/^[a-z0-9 =_.:-]{0,12}$/).map((s) => enc.encode(s)) },
  { weight: 1, arbitrary: fc.constantFrom(Uint8Array.of(0xc3), Uint8Array.of(0x80), Uint8Array.of(0xff, 0x41), Uint8Array.of(0xe2, 0x82)) },
  { weight: 1, arbitrary: fc.constantFrom(enc.encode('é'), enc.encode('→'), enc.encode('"'), enc.encode('\\'), enc.encode('\t')) },
);

const lineArb = fc.record({
  kind: fc.oneof({ weight: 10, arbitrary: fc.constant('event' as const) }, { weight: 1, arbitrary: fc.constantFrom('continued' as const, 'nul' as const, 'blank' as const) }),
  second: fc.integer({ min: 0, max: 59 }),
  pieces: fc.array(pieceArb, { maxLength: 6 }),
  end: fc.oneof({ weight: 10, arbitrary: fc.constant('\n') }, { weight: 1, arbitrary: fc.constantFrom('\r\n', '\r') }),
});

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

type Line = { kind: 'event' | 'continued' | 'nul' | 'blank'; second: number; pieces: Uint8Array[]; end: string };

function logBytes(list: Line[], withBom: boolean, lastBreak: boolean): Uint8Array {
  const parts: Uint8Array[] = withBom ? [Uint8Array.of(0xef, 0xbb, 0xbf)] : [];
  list.forEach((l, i) => {
    const message = concat(l.pieces);
    if (l.kind === 'event') parts.push(enc.encode(`2026-03-14T09:00:${String(l.second).padStart(2, '0')}.${String(i).padStart(3, '0')}Z INFO `), message);
    else if (l.kind === 'continued') parts.push(enc.encode('    at '), message);
    else if (l.kind === 'nul') parts.push(enc.encode('2026-03-14T09:00:00.000Z x'), Uint8Array.of(0), message);
    if (i < list.length - 1 || lastBreak) parts.push(enc.encode(l.end));
  });
  return concat(parts);
}


function exportsOf(a: Analysis): string[] {
  return EXPORT_FORMATS.map((f) => exportText(a, f));
}

describe('texts kept as positions in their input (fileTexts.ts)', () => {
  it('are the texts kept as strings: every export, chunk and text, in any order', async () => {
    let positions = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(lineArb, { minLength: 1, maxLength: 40 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        fc.boolean(),
        fc.array(fc.nat(), { maxLength: 50 }),
        async (files, sizes, withBom, lastBreak, probes) => {
          const bytes = files.map((lines, i) => logBytes(lines, withBom && i === 0, lastBreak));
          const names = bytes.map((_, i) => `svc-${i}.log`);
          const plain = await analyze(bytes.map((b, i) => ({ name: names[i]!, bytes: b })));
          const kept = await analyze(bytes.map((b, i) => rereadableInput(names[i]!, b, sizes)));
          expect(kept.executions.length).toBe(plain.executions.length);
          kept.executions.forEach((r, k) => {
            const x = r.execution;
            if (x.textChunks instanceof FileTextChunks) positions++;
            const y = plain.executions[k]!.execution;
            // Texts one by one, in random order first (a text alone is read alone), then every chunk.
            for (const p of probes) if (x.eventCount > 0) expect(textOf(x, p % x.eventCount)).toBe(textOf(y, p % y.eventCount));
            expect(textsOf(x)).toEqual(textsOf(y));
            expect([...x.textStart]).toEqual([...y.textStart]);
            for (let c = x.textChunks.length - 1; c >= 0; c--) expect(x.textChunks.at(c)).toBe(y.textChunks.at(c));
          });
          expect(exportsOf(kept)).toEqual(exportsOf(plain));
          expect(kept.diagnostics).toEqual(plain.diagnostics);
        },
      ),
      { numRuns: 60 },
    );
    // The runs did keep texts as positions, not only as strings (about one execution in six does, by the random
    // lines: no run at all would be a chance of ~1 in 50,000; the next test asserts positions where they must be).
    expect(positions).toBeGreaterThan(0);
  });

  it('keeps positions for plain ASCII lines, and strings where bytes and characters differ', async () => {
    const ascii = enc.encode(Array.from({ length: 600 }, (_, i) => `2026-03-14T09:00:00.${String(i).padStart(3, '0')}Z INFO event ${i} msg_id=m${i}\n`).join(''));
    const a = await analyze([rereadableInput('a.log', ascii, [4096])]);
    const x = a.executions[0]!.execution;
    expect(x.textChunks).toBeInstanceOf(FileTextChunks);
    expect(textOf(x, 599)).toBe('INFO event 599 msg_id=m599');
    // Chunks asked for out of order, again and again (a reader hopping between them): the same chunks.
    const plain = await analyze([{ name: 'a.log', bytes: ascii }]);
    for (let k = 0; k < 40; k++) for (const c of [2, 0, 1]) expect(x.textChunks.at(c)).toBe(plain.executions[0]!.execution.textChunks.at(c));
    const utf8 = enc.encode('2026-03-14T09:00:00.000Z INFO café → ok\n2026-03-14T09:00:01.000Z INFO done\n');
    const b = await analyze([rereadableInput('b.log', utf8, [4096])]);
    expect(b.executions[0]!.execution.textChunks).toBeInstanceOf(Array);
    expect(textsOf(b.executions[0]!.execution)).toEqual(['INFO café → ok', 'INFO done']);
  });

  it('says which input changed when reading it again finds it shorter', async () => {
    const ascii = enc.encode(Array.from({ length: 300 }, (_, i) => `2026-03-14T09:00:00.${String(i).padStart(3, '0')}Z INFO event ${i}\n`).join(''));
    // Found where the analysis or the export first reads the texts back.
    await expect((async () => exportText(await analyze([rereadableInput('gone.log', ascii, [4096], true)]), 'json'))()).rejects.toThrow(/gone\.log changed/);
  });
});
