/**
 * #15 "every line accounted for": lone CR and mixed line endings split into
 * lines in every line format; a stray NUL drops only its line, with a count;
 * invalid UTF-8 is reported once per input with a count.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import { textOf } from '../../src/core/model/execution';

const enc = (s: string) => new TextEncoder().encode(s);
const at = (i: number) => `2026-03-14T09:${String(10 + Math.floor(i / 600)).padStart(2, '0')}:${String(Math.floor(i / 10) % 60).padStart(2, '0')}.${String((i % 10) * 100).padStart(3, '0')}Z`;

/** N records of one process in each line format, as lines without their ends. */
const FORMATS: Record<string, { name: string; header?: string; line: (i: number) => string }> = {
  text: { name: 'api.log', line: (i) => `${at(i)} INFO handled request number ${i}` },
  jsonl: { name: 'api.jsonl', line: (i) => `{"ts":"${at(i)}","host":"api","msg":"handled ${i}"}` },
  logfmt: { name: 'api.logfmt', line: (i) => `ts=${at(i)} host=api msg="handled ${i}"` },
  csv: { name: 'api.csv', header: 'time,service,message', line: (i) => `${at(i)},api,handled ${i}` },
};

function file(format: string, n: number, end: (i: number) => string): Uint8Array {
  const f = FORMATS[format]!;
  const lines = Array.from({ length: n }, (_, i) => f.line(i));
  if (f.header) lines.unshift(f.header);
  return enc(lines.map((l, i) => l + end(i)).join(''));
}

async function eventsOf(name: string, bytes: Uint8Array) {
  const a = await analyze([{ name, bytes }]);
  return { a, events: a.executions.reduce((s, x) => s + x.execution.eventCount, 0), says: a.diagnostics.map((d) => `${d.severity} ${d.message}`) };
}

describe('line ends (#15)', () => {
  for (const format of Object.keys(FORMATS)) {
    it(`reads CR-only line ends as lines (${format})`, async () => {
      const { a, events } = await eventsOf(FORMATS[format]!.name, file(format, 100, () => '\r'));
      expect(a.inputs[0]!.format).toBe(format);
      expect(events).toBe(100);
    });

    it(`reads mixed LF, CRLF and CR line ends as lines (${format})`, async () => {
      const ends = ['\n', '\r\n', '\r'];
      const { events, a } = await eventsOf(FORMATS[format]!.name, file(format, 99, (i) => ends[i % 3]!));
      expect(events).toBe(99);
      // No message text keeps a CR.
      const x = a.executions[0]!.execution;
      for (let e = 0; e < x.eventCount; e++) expect(textOf(x, e)).not.toMatch(/\r/);
    });

    it(`reads CR-only line ends cut across 1 MiB chunks (${format})`, async () => {
      const n = 16_000; // over 1 MiB: the reader's chunks end inside lines and right after a CR
      const { events } = await eventsOf(FORMATS[format]!.name, file(format, n, () => '\r'));
      expect(events).toBe(n);
    });
  }
});

describe('NUL bytes (#15)', () => {
  for (const format of Object.keys(FORMATS)) {
    it(`drops only the line holding a stray NUL and counts it (${format})`, async () => {
      const f = FORMATS[format]!;
      const lines = Array.from({ length: 2000 }, (_, i) => f.line(i));
      lines[5] = lines[5]!.slice(0, 20) + '\0' + lines[5]!.slice(20);
      lines[1500] = '\0\0\0\0' + lines[1500]!;
      if (f.header) lines.unshift(f.header);
      const { events, says } = await eventsOf(f.name, enc(lines.join('\n') + '\n'));
      expect(events).toBe(1998);
      expect(says).toContain('warning 2 lines held NUL bytes and were not read');
      expect(says.filter((s) => s.startsWith('error'))).toEqual([]);
    });
  }

  it('drops a run of NULs that crosses a chunk boundary, and no more', async () => {
    const lines = Array.from({ length: 30_000 }, (_, i) => FORMATS['text']!.line(i));
    const text = lines.join('\n') + '\n';
    const body = enc(text);
    // A crash's hole: 4 KiB of NULs written over the lines around the first 1 MiB boundary; they become one line.
    const hole = (1 << 20) - 2048;
    body.fill(0, hole, hole + 4096);
    const { events, says, a } = await eventsOf('api.log', body);
    const touched = text.slice(0, hole + 4096).split('\n').length - text.slice(0, hole).split('\n').length + 1;
    expect(events).toBe(30_000 - touched);
    expect(says).toContain(`warning 1 line held NUL bytes and was not read`);
    expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('still refuses a mostly binary file', async () => {
    const blob = new Uint8Array(8192).map((_, i) => (i % 3 === 0 ? 0 : (i * 7) % 32));
    const { says } = await eventsOf('core.log', blob);
    expect(says).toContainEqual(expect.stringMatching(/^error not a text file/));
  });
});

describe('invalid UTF-8 (#15)', () => {
  it('is reported once per input, with a count, and the lines are read', async () => {
    const good = file('text', 50, () => '\n');
    const bytes = new Uint8Array(good.length + 6);
    bytes.set(good.subarray(0, 100));
    bytes.set([0xff, 0xc3, 0x28], 100); // a byte that is never UTF-8, and a lead byte not continued
    bytes.set(good.subarray(100, 600), 103);
    bytes.set([0xe2, 0x82, 0x41], 603); // a three-byte lead cut short
    bytes.set(good.subarray(600), 606);
    const { events, says } = await eventsOf('api.log', bytes);
    expect(events).toBe(50);
    expect(says.filter((s) => s.includes('UTF-8'))).toEqual(['warning 3 characters are not valid UTF-8 and are read as U+FFFD (�)']);
  });

  it('does not count a U+FFFD written in the file', async () => {
    const { says } = await eventsOf('api.log', enc(`${at(1)} INFO replacement \ufffd written by the app €\n`));
    expect(says.filter((s) => s.includes('UTF-8'))).toEqual([]);
  });
});
