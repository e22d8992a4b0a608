import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import { exportBytes, exportText } from '../../src/core/export/exportFormats';
import { randomInputs, stepsArb } from './randomExecution';

/**
 * The NDJSON lines the CLI writes from the columns (export/ndjsonBytes.ts)
 * are exportNdjson's, byte for byte: for random executions whose texts hold
 * line separators (U+2028, U+2029, escaped as the export escapes them),
 * quotes, control characters, lone surrogates and non-ASCII, and for an
 * execution written by the record path (a process named like an array index).
 */
const decoded = (chunks: Iterable<Uint8Array>) => {
  const d = new TextDecoder();
  let out = '';
  for (const c of chunks) out += d.decode(c, { stream: true });
  return out + d.decode();
};

const tricky = fc.constantFrom('\u2028', '\u2029', '"', '\\', '\n', '\u0001', '\ud800', '\udc00', '😀', 'é', '日本', 'x=1 ', 'word ', '\u007f');
const texts = fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.array(tricky, { maxLength: 90 }).map((a) => a.join('')));

describe('NDJSON from the columns', () => {
  it('writes exportNdjson’s bytes for random executions with awkward texts', async () => {
    let separators = 0;
    await fc.assert(
      fc.asyncProperty(stepsArb, fc.array(texts, { minLength: 1, maxLength: 20 }), async (steps, words) => {
        const a = await analyze(randomInputs(steps.map((s, i) => ({ ...s, text: words[i % words.length]! }))));
        const want = exportText(a, 'ndjson');
        separators += (want.match(/\\u2028|\\u2029/g) ?? []).length;
        expect(decoded(exportBytes(a, 'ndjson'))).toBe(want);
      }),
      { numRuns: 150 },
    );
    expect(separators, 'line separators escaped').toBeGreaterThan(20);
  });

  it('writes an execution with processes named like array indexes as exportNdjson does', async () => {
    const line = (o: Record<string, unknown>) => JSON.stringify(o);
    const input = (name: string, lines: string[]) => ({ name, bytes: new TextEncoder().encode(lines.join('\n') + '\n') });
    const a = await analyze([
      input('ten.jsonl', [line({ ts: '2026-03-14T09:00:00.001Z', service: '10', msg: 'send\u2028it', msg_id: 'm1', dir: 'send' })]),
      input('nine.jsonl', [line({ ts: '2026-03-14T09:00:00.002Z', service: '9', msg: 'got it', msg_id: 'm1', dir: 'recv', '9': 'nine' })]),
      input('b.jsonl', [line({ ts: '2026-03-14T09:00:00.003Z', service: 'b\u2029', msg: 'idle' })]),
    ]);
    const want = exportText(a, 'ndjson');
    // JSON.stringify writes index-like keys first, in numeric order, whatever the processes' order.
    expect(want).toContain('"vc":{"9":1,"10":1}');
    expect(decoded(exportBytes(a, 'ndjson'))).toBe(want);
  });
});
