import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../../src/core/analysis/analyze';
import { startRetries } from '../../src/core/anomalies/retries';
import { Operations } from '../../src/core/anomalies/idempotency';
import { conventionEnds } from '../../src/core/correlate/messageEnds';
import { EXPORT_FORMATS, exportText } from '../../src/core/export/exportFormats';
import { FileTextChunks } from '../../src/core/model/fileTexts';
import { rereadableInput } from './rereadableInput';

/**
 * The retry search's texts read ahead in the pass over every text
 * (retryTexts.ts) where texts are read back from their files: the findings
 * are those of texts held as strings. Logs of a few services sending and
 * receiving requests under a few message ids (so keys repeat), with
 * operation words (HTTP methods, verbs, none), handler lines worded as work,
 * failure, a recognized repeat or nothing, retry lines, idempotency keys on
 * some sends, and lines about other messages between.
 */

const enc = new TextEncoder();

const WORDS = ['POST /pay', 'GET /item', 'charge card', 'transfer funds', 'lookup user', 'ping', 'PUT key', 'sync'];
const HANDLER = ['charged card', 'committed row', 'duplicate ignored', 'already processed', 'failed to write', 'timeout waiting', 'noted', 'idle', 'stored response sent'];

const lineArb = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('send' as const), msg: fc.nat(3), peer: fc.nat(2), word: fc.nat(WORDS.length - 1), idem: fc.option(fc.nat(2), { nil: undefined }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('recv' as const), msg: fc.nat(3), peer: fc.nat(2), word: fc.nat(WORDS.length - 1) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('line' as const), word: fc.nat(HANDLER.length - 1), msg: fc.option(fc.nat(3), { nil: undefined }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('retry' as const), msg: fc.nat(3) }) },
);

type Line = typeof lineArb extends fc.Arbitrary<infer T> ? T : never;

function logBytes(svc: number, lines: Line[]): Uint8Array {
  const out = lines.map((l, i) => {
    const at = `2026-03-14T09:00:${String(Math.floor(i / 10)).padStart(2, '0')}.${String((i % 10) * 100 + svc).padStart(3, '0')}Z INFO `;
    const me = `service=svc-${svc} host=h${svc}`;
    if (l.kind === 'send') return `${at}send ${WORDS[l.word]} ${me} msg_id=m${l.msg} dir=send to=svc-${l.peer}${l.idem === undefined ? '' : ` idempotency_key=k${l.idem}`}`;
    if (l.kind === 'recv') return `${at}received ${WORDS[l.word]} ${me} msg_id=m${l.msg} dir=recv from=svc-${l.peer}`;
    if (l.kind === 'retry') return `${at}retrying after timeout ${me} msg_id=m${l.msg}`;
    return `${at}${HANDLER[l.word]} ${me}${l.msg === undefined ? '' : ` msg_id=m${l.msg}`}`;
  });
  return enc.encode(out.join('\n') + '\n');
}


function exportsOf(a: Analysis): string[] {
  return EXPORT_FORMATS.map((f) => exportText(a, f));
}

describe('retry texts read ahead (retryTexts.ts)', () => {
  it('finds what texts held as strings find: every export the same', async () => {
    let readAhead = 0;
    let retries = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(lineArb, { minLength: 1, maxLength: 60 }), { minLength: 2, maxLength: 3 }), async (files) => {
        const bytes = files.map((lines, i) => logBytes(i, lines));
        const names = bytes.map((_, i) => `svc-${i}.log`);
        const plain = await analyze(bytes.map((b, i) => ({ name: names[i]!, bytes: b })));
        const kept = await analyze(bytes.map((b, i) => rereadableInput(names[i]!, b, [97])));
        expect(exportsOf(kept)).toEqual(exportsOf(plain));
        expect(kept.diagnostics).toEqual(plain.diagnostics);
        for (const r of kept.executions) {
          const x = r.execution;
          if (!(x.textChunks instanceof FileTextChunks)) continue;
          if (startRetries(x, conventionEnds(x), new Operations(x)).readAhead !== null) readAhead++;
          if (r.anomalies.some((a) => a.kind.endsWith('idempotent-retry'))) retries++;
        }
      }),
      { numRuns: 80 },
    );
    // The runs did read ahead, and found retries with texts kept as positions.
    expect(readAhead).toBeGreaterThan(20);
    expect(retries).toBeGreaterThan(20);
  });
});
