import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import { whyNoEvents } from '../../src/core/analysis/noEvents';

const enc = (s: string) => new TextEncoder().encode(s);

/** A gzip whose trailer declares 200 MiB: refused by its declared size before anything is inflated. */
function bomb(): Uint8Array {
  const gz = gzipSync(enc('x'));
  new DataView(gz.buffer, gz.byteOffset).setUint32(gz.length - 4, 200 * 1024 * 1024, true);
  return gz;
}

describe('whyNoEvents (#15)', () => {
  it('says, per input, why nothing was read: empty, blank, not text, refused, every line skipped', async () => {
    const a = await analyze(
      [
        { name: 'empty.log', bytes: new Uint8Array(0) },
        { name: 'blank.log', bytes: enc('\n  \n\n') },
        { name: 'image.log', bytes: new Uint8Array(4096).map((_, i) => (i % 2 ? 0 : (i * 31) % 256)) },
        { name: 'bomb.gz', bytes: bomb() },
      ],
      {},
    );
    expect(a.inputs.filter((i) => i.events > 0)).toEqual([]);
    const why = whyNoEvents(a.inputs, a.diagnostics)!;
    expect(why).not.toBeNull();
    const by = Object.fromEntries(why.inputs.map((i) => [i.name, i.why]));
    expect(by['empty.log']).toBe('empty (0 bytes)');
    expect(by['blank.log']).toMatch(/^empty \(3 blank lines\)$/);
    expect(by['image.log']).toMatch(/^not text: not a text file/);
    expect(by['bomb.gz']).toMatch(/^refused: .*decompression bomb/);
    expect(why.summary).toBe('No events in 4 inputs: 2 empty, 1 not text, 1 refused.');
  });

  it('says when every line of an input was skipped', () => {
    const reading = { lines: 3, timed: 0, untimed: 0, continuation: 0, skipped: 2, blank: 1, skippedSamples: [], timeLayout: null };
    const why = whyNoEvents([{ name: 'a.csv', format: 'csv', bytes: 90, events: 0, skipped: 2, reading }], [{ input: 'a.csv', line: 0, severity: 'warning', message: 'no time column' }])!;
    expect(why.inputs).toEqual([{ name: 'a.csv', why: 'every line skipped: 2 of 3 lines skipped, 1 blank (no time column)' }]);
    expect(why.summary).toBe('No events in 1 input: 1 all lines skipped.');
    expect(whyNoEvents([], [])!.summary).toBe('No events: no input was given.');
  });

  it('is null when any input gave events', async () => {
    const a = await analyze([{ name: 'a.log', bytes: enc('2026-03-14T09:00:00Z api started\n') }, { name: 'b.log', bytes: new Uint8Array(0) }]);
    expect(whyNoEvents(a.inputs, a.diagnostics)).toBeNull();
  });
});
