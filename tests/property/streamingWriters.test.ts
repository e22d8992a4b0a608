import fc from 'fast-check';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/runCli';
import { outputChunks } from '../../src/cli/cliOutput';
import { analyze } from '../../src/core/analysis/analyze';
import { buildAnalysisDocument, serializeAnalysisDocument } from '../../src/core/document/analysisDocument';
import { EXPORT_FORMATS, exportText } from '../../src/core/export/exportFormats';
import { writeFormat } from '../../scripts/generate/formats';
import { simulate } from '../../scripts/generate/model';
import { randomInputs, stepsArb } from './randomExecution';

/**
 * Every format is written as a stream: what the CLI writes through a slow
 * reader (backpressure after every few KB) is, byte for byte, the whole
 * export as one string, and for the JSON document the eager in-memory
 * document's serialization; and no chunk on the CLI's path grows with the
 * output, so the CLI holds at most its ~1 MB write batch, whatever it writes.
 */

/** A reader that takes its time: writes wait, so the CLI must wait for 'drain'. */
class SlowSink extends Writable {
  readonly parts: Buffer[] = [];
  constructor() {
    super({ highWaterMark: 4096 });
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    this.parts.push(Buffer.from(chunk));
    setImmediate(done);
  }
  text(): string {
    return Buffer.concat(this.parts).toString('utf8');
  }
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'causeway-streams-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('streaming writers', () => {
  it('write, through the CLI and a slow reader, the same bytes as the whole-string export, in every format', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(stepsArb, fc.constantFrom(...EXPORT_FORMATS), fc.boolean(), async (steps, format, fullClocks) => {
        const folder = join(dir, `run${run++}`, 'logs');
        await mkdir(folder, { recursive: true });
        const inputs = randomInputs(steps);
        for (const i of inputs) await writeFile(join(folder, i.name), i.bytes as Uint8Array);
        const stdout = new SlowSink();
        const stderr = new SlowSink();
        const argv = ['analyze', '--format', format, ...(fullClocks ? ['--full-clocks'] : []), folder];
        expect(await runCli(argv, { stdout, stderr })).toBe(0);
        // The CLI names inputs by the folder and the path inside it.
        const a = await analyze(inputs.map((i) => ({ ...i, name: `logs/${i.name}` })));
        const whole = exportText(a, format, { fullClocks });
        expect(stdout.text()).toBe(whole);
        if (format === 'json') expect(whole).toBe(serializeAnalysisDocument(buildAnalysisDocument(a, false), { fullClocks }));
      }),
      { numRuns: 40 },
    );
  });

  it('never yields a chunk that grows with the output, in any format', async () => {
    const sim = simulate({ events: 30_000, processes: 16, seed: 3 });
    const files = new Map<string, string>();
    writeFormat(sim, 'text', { write: (file, chunk) => files.set(file, (files.get(file) ?? '') + chunk) });
    const a = await analyze([...files].map(([name, text]) => ({ name, bytes: new TextEncoder().encode(text) })));
    for (const format of ['words', ...EXPORT_FORMATS] as const) {
      let total = 0;
      let largest = 0;
      for (const chunk of outputChunks(a, format, false)) {
        total += chunk.length;
        largest = Math.max(largest, chunk.length);
      }
      // Chunks of at most a thousand rows or 64 K characters (the words report is one string of ~100 lines).
      if (format !== 'words') expect(total, format).toBeGreaterThan(6 * largest);
      expect(largest, format).toBeLessThan(1 << 20);
    }
  });
});
