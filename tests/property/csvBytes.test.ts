import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import { exportBytes, exportText } from '../../src/core/export/exportFormats';
import { randomInputs, stepsArb } from './randomExecution';

/**
 * The CSV rows the CLI writes from the columns (export/csvBytes.ts) are
 * exportCsv's (papaparse's quoting, neutralised formulas), byte for byte: for
 * random executions whose texts hold commas, quotes, CR and LF, byte order
 * marks, leading and trailing spaces, formula starts, lone surrogates and
 * non-ASCII, and for an execution written by the record path (a process
 * named like an array index).
 */
/** The chunks as one string of their bytes (a lone surrogate was written as U+FFFD, as TextEncoder writes the string export). */
const decoded = (chunks: Iterable<Uint8Array>) => Buffer.concat([...chunks]).toString('latin1');
const encoded = (text: string) => Buffer.from(new TextEncoder().encode(text)).toString('latin1');

const tricky = fc.constantFrom(',', '"', ' ', '\r', '\n', '\ufeff', '=', '+', '-', '@', '\t', "'", '\ud800', '\udc00', '😀', 'é', '日本', 'x=1', 'word', '\u2028');
const texts = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.array(tricky, { maxLength: 40 }).map((a) => a.join('')));

describe('CSV from the columns', () => {
  it('writes exportCsv’s bytes for random executions with awkward texts', async () => {
    let quoted = 0;
    let neutralised = 0;
    await fc.assert(
      fc.asyncProperty(stepsArb, fc.array(texts, { minLength: 1, maxLength: 20 }), async (steps, words) => {
        const a = await analyze(randomInputs(steps.map((s, i) => ({ ...s, text: words[i % words.length]! }))));
        const want = exportText(a, 'csv');
        quoted += (want.match(/,"[^{]/g) ?? []).length;
        neutralised += (want.match(/,'/g) ?? []).length;
        expect(decoded(exportBytes(a, 'csv'))).toBe(encoded(want));
      }),
      { numRuns: 150 },
    );
    expect(quoted, 'quoted text cells').toBeGreaterThan(20);
    expect(neutralised, 'neutralised text cells').toBeGreaterThan(20);
  });

  it('writes an execution with processes named like array indexes as exportCsv does', async () => {
    const line = (o: Record<string, unknown>) => JSON.stringify(o);
    const input = (name: string, lines: string[]) => ({ name, bytes: new TextEncoder().encode(lines.join('\n') + '\n') });
    const a = await analyze([
      input('ten.jsonl', [line({ ts: '2026-03-14T09:00:00.001Z', service: '10', msg: '=send, it', msg_id: 'm1', dir: 'send' })]),
      input('nine.jsonl', [line({ ts: '2026-03-14T09:00:00.002Z', service: '9', msg: 'got "it" ', msg_id: 'm1', dir: 'recv' })]),
      input('b.jsonl', [line({ ts: '2026-03-14T09:00:00.003Z', service: 'b,"c"', msg: ' idle' })]),
    ]);
    const want = exportText(a, 'csv');
    // JSON.stringify writes index-like keys first, in numeric order, whatever the processes' order.
    expect(want).toContain('"{""9"":1,""10"":1}"');
    expect(decoded(exportBytes(a, 'csv'))).toBe(encoded(want));
  });

  it('neutralises a time of a year a spreadsheet reads as a formula (before 0 or past 9999)', async () => {
    const line = (o: Record<string, unknown>) => JSON.stringify(o);
    const a = await analyze([
      { name: 'a.jsonl', bytes: new TextEncoder().encode(['01', '02', '03'].map((s) => line({ ts: `2026-03-14T09:00:${s}.001Z`, service: 'a', msg: s })).join('\n') + '\n') },
    ]);
    // No reader takes such years; set them on the columns, as a reader that did would.
    const x = a.executions[0]!.execution;
    x.timeMs[0] = Date.UTC(12026, 2, 14, 9);
    x.timeMs[1] = Date.UTC(-10, 2, 14, 9);
    const want = exportText(a, 'csv');
    expect(want).toContain(",'+012026-");
    expect(want).toContain(",'-000010-");
    expect(decoded(exportBytes(a, 'csv'))).toBe(encoded(want));
  });
});
