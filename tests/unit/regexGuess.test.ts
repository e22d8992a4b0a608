import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import { countRecords, guessShivizRegex } from '../../src/core/input/shiviz/regexGuess';
import { shellQuote } from '../../src/core/read/regexGuessNote';
import { wordsReport } from '../../src/core/report/wordsReport';

const enc = (s: string) => new TextEncoder().encode(s);

/** Invented vector-clock logs in layouts the built-in readings do not read. */
export const SHAPES: Record<string, { text: string; hosts: string[]; edges: number }> = {
  'host after the clock': {
    text: ['{"alpha":1} alpha: sending ping', '{"alpha":1, "beta":1} beta: got ping', '{"alpha":1, "beta":2} beta: sending pong', '{"alpha":2, "beta":2} alpha: got pong'].join('\n'),
    hosts: ['alpha', 'beta'],
    edges: 2,
  },
  'host in brackets': {
    text: [
      '2026-03-14T09:00:00.001Z INFO [node-1] clock={"node-1":1} start election',
      '2026-03-14T09:00:00.004Z INFO [node-2] clock={"node-1":1,"node-2":1} vote for node-1',
      '2026-03-14T09:00:00.009Z WARN [node-1] clock={"node-1":2,"node-2":1} elected',
    ].join('\n'),
    hosts: ['node-1', 'node-2'],
    edges: 2,
  },
  'JSON lines with a clock field': {
    text: [
      '{"ts":"2026-03-14T09:00:00.001Z","node":"cache","vc":{"cache":1},"msg":"invalidate k1"}',
      '{"ts":"2026-03-14T09:00:00.003Z","node":"db","vc":{"cache":1,"db":1},"msg":"got invalidate k1"}',
      '{"ts":"2026-03-14T09:00:00.006Z","node":"db","vc":{"cache":1,"db":2},"msg":"commit"}',
    ].join('\n'),
    hosts: ['cache', 'db'],
    edges: 1,
  },
  'pipe-separated': {
    text: ['09:00:00.001 | web | {"web":1} | GET /a', '09:00:00.002 | api | {"web":1, "api":1} | handle /a', '09:00:00.004 | web | {"web":2, "api":1} | 200 /a'].join('\n'),
    hosts: ['api', 'web'],
    edges: 2,
  },
  'two lines with timestamps': {
    text: [
      '2026-03-14 09:00:00.001 send request 7',
      '  clock {"client":1} of client',
      '2026-03-14 09:00:00.005 received request 7',
      '  clock {"client":1, "server":1} of server',
      '2026-03-14 09:00:00.007 reply 7',
      '  clock {"client":1, "server":2} of server',
      '2026-03-14 09:00:00.009 got reply 7',
      '  clock {"client":2, "server":2} of client',
    ].join('\n'),
    hosts: ['client', 'server'],
    edges: 2,
  },
};

describe('guessShivizRegex', () => {
  for (const [name, shape] of Object.entries(SHAPES)) {
    it(`guesses a regex that reads every record: ${name}`, async () => {
      const plain = await analyze([{ name: 'run.log', bytes: enc(shape.text) }]);
      // The built-ins do not read it as a vector-clock log.
      expect(plain.executions.some((r) => r.execution.edgeCount > 0)).toBe(false);
      const guess = guessShivizRegex(shape.text);
      expect(guess, name).not.toBeNull();
      const records = shape.text.split('\n').filter((l) => l.includes('{"')).length;
      expect(guess!.count).toMatchObject({ valid: records, records, stray: 0 });
      const read = await analyze([{ name: 'run.log', bytes: enc(shape.text) }], { regex: guess!.regex });
      const x = read.executions[0]!.execution;
      expect(read.inputs[0]!.format).toBe('shiviz');
      expect(x.processNames).toEqual(shape.hosts);
      expect(x.edgeCount).toBe(shape.edges);
      expect(read.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
      // Where the lines hold a date, the guess reads it as the records' time.
      if (shape.text.includes('2026-03-14')) expect(Array.from(x.timeMs).every((t) => t >= Date.UTC(2026, 2, 14, 9) && t < Date.UTC(2026, 2, 14, 9, 1))).toBe(true);
    });
  }

  it('offers nothing for lines that merely hold JSON objects of counts', () => {
    expect(guessShivizRegex('2026-03-14T09:00:00Z api {"status":200,"bytes":512} served\n2026-03-14T09:00:01Z api {"status":404,"bytes":0} served')).toBeNull();
    expect(guessShivizRegex('plain text\nno clocks here')).toBeNull();
  });

  it('counts records, placed records and uncovered lines', () => {
    const sample = 'a {"a":1}\nhello\nb {"b":0}\nworld\nnoise';
    expect(countRecords(sample, String.raw`^(?<host>\S+) (?<clock>\{.*\})\n(?<event>.*)`)).toEqual({ records: 2, valid: 1, lines: 5, stray: 1 });
    expect(countRecords(sample, '(?<host>')).toHaveProperty('error');
  });
});

describe('the guess in the read stage and the CLI report', () => {
  it('puts the guess on the input summary, in one info diagnostic and in the words report, and not once a regex is given', async () => {
    const { text } = SHAPES['host after the clock']!;
    const a = await analyze([{ name: 'run.log', bytes: enc(text) }]);
    const guess = a.inputs[0]!.regexGuess;
    expect(guess?.regex).toBe(guessShivizRegex(text)!.regex);
    const infos = a.diagnostics.filter((d) => d.message.includes('try --regex'));
    expect(infos).toHaveLength(1);
    expect(infos[0]!.severity).toBe('info');
    expect(wordsReport(a)).toContain(`try --regex '${guess!.regex}'`);
    const given = await analyze([{ name: 'run.log', bytes: enc(text) }], { regex: guess!.regex });
    expect(given.inputs[0]!.regexGuess).toBeUndefined();
    expect(given.diagnostics.some((d) => d.message.includes('try --regex'))).toBe(false);
  });

  it('says nothing about logs the built-ins read, or plain logs', async () => {
    const govector = 'client {"client":1}\nsend\nserver {"client":1, "server":1}\nrecv';
    const plain = '2026-03-14T09:00:00Z api GET /x 200\n2026-03-14T09:00:01Z api GET /y 404';
    for (const t of [govector, plain]) {
      const a = await analyze([{ name: 'x.log', bytes: enc(t) }]);
      expect(a.inputs[0]!.regexGuess).toBeUndefined();
    }
  });

  it('quotes a regex holding a quote for the shell', () => {
    expect(shellQuote(`a'b`)).toBe(`'a'\\''b'`);
  });
});
