/**
 * The reading report accounts for every line of a line-format input:
 * timed + untimed + continuation + skipped + blank = lines, for JSON lines,
 * logfmt, text logs and CSV, with blank lines (empty, spaces, tabs), junk
 * lines, continuation lines (stack traces, wrapped fields), LF and CRLF
 * endings, a last line with or without its break, and the text streamed in
 * random chunks. The counts also agree with what else the analysis says:
 * timed + untimed = the input's events, and lines = the lines in the text.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import type { StreamInput } from '../../src/core/input/inputSource';
import { MAX_LINE_SAMPLES, type ReadingReport } from '../../src/core/read/readingReport';

type Kind = 'timed' | 'untimed' | 'junk' | 'continuation' | 'blank';
type Piece = { kind: Kind | 'nul'; n: number };

const pieceArb: fc.Arbitrary<Piece> = fc.record({
  kind: fc.constantFrom('timed', 'timed', 'timed', 'untimed', 'junk', 'continuation', 'blank', 'nul'),
  n: fc.nat({ max: 59 }),
});

const blankArb = fc.constantFrom('', ' ', '\t', '  \t ');
const stamp = (n: number) => `2024-03-0${1 + (n % 9)}T10:${String(n).padStart(2, '0')}:00.${String(n * 7).padStart(3, '0')}Z`;

/** A line of the format for each kind of piece. */
const syslogStamp = (n: number) => `Mar ${String(1 + (n % 9)).padStart(2, ' ')} 10:${String(n).padStart(2, '0')}:00`;

/** Per shape: the file name, the format id it is read as, an optional header, and a line per kind of piece. */
const FORMATS: Record<string, { name: string; id?: string; header?: string; line(p: { kind: Kind; n: number }, blank: string): string }> = {
  jsonl: {
    name: 'in.jsonl',
    line(p, blank) {
      switch (p.kind) {
        case 'timed':
          return JSON.stringify({ ts: stamp(p.n), host: `h${p.n % 3}`, msg: `event ${p.n}` });
        case 'untimed':
          return JSON.stringify({ host: `h${p.n % 3}`, msg: `no time ${p.n}` });
        case 'junk':
          return `{not json ${p.n}`;
        case 'continuation':
          return `  at com.example.Thing.run(Thing.java:${p.n})`;
        case 'blank':
          return blank;
      }
    },
  },
  logfmt: {
    name: 'in.logfmt',
    line(p, blank) {
      switch (p.kind) {
        case 'timed':
          return `ts=${stamp(p.n)} level=info host=h${p.n % 3} msg="event ${p.n}"`;
        case 'untimed':
          return `level=info host=h${p.n % 3} msg="no time ${p.n}"`;
        case 'junk':
          return `level=info msg="unclosed ${p.n}`;
        case 'continuation':
          return `wrapped words ${p.n}`;
        case 'blank':
          return blank;
      }
    },
  },
  text: {
    name: 'in.log',
    line(p, blank) {
      switch (p.kind) {
        case 'timed':
          return `${stamp(p.n)} INFO host=h${p.n % 3} event ${p.n}`;
        case 'untimed':
          return `INFO host=h${p.n % 3} no time ${p.n}`;
        case 'junk':
          return `%%% ${p.n} ###`;
        case 'continuation':
          return `\tat com.example.Thing.run(Thing.java:${p.n})`;
        case 'blank':
          return blank;
      }
    },
  },
  /** docker compose's `name-1  | ` before the time: several sources in one file. */
  'text-compose': {
    name: 'compose.log',
    id: 'text',
    line(p, blank) {
      switch (p.kind) {
        case 'timed':
          return `web-${p.n % 3}  | ${stamp(p.n)} INFO event ${p.n}`;
        case 'untimed':
          return `web-${p.n % 3}  | INFO no time ${p.n}`;
        case 'junk':
          return `~~ ${p.n} ~~`;
        case 'continuation':
          return `web-${p.n % 3}  |     at com.example.Thing.run(Thing.java:${p.n})`;
        case 'blank':
          return blank;
      }
    },
  },
  /** RFC 3164 syslog: a yearless time, the host and the app after it. */
  'text-syslog': {
    name: 'messages',
    id: 'text',
    line(p, blank) {
      switch (p.kind) {
        case 'timed':
          return `${syslogStamp(p.n)} node${p.n % 3} app[${100 + p.n}]: event ${p.n}`;
        case 'untimed':
          return `node${p.n % 3} app[${100 + p.n}]: no time ${p.n}`;
        case 'junk':
          return `Zzz 99 99:99:99 ${p.n}`;
        case 'continuation':
          return `\tat com.example.Thing.run(Thing.java:${p.n})`;
        case 'blank':
          return blank;
      }
    },
  },
  csv: {
    name: 'in.csv',
    header: 'time,host,message',
    line(p, blank) {
      switch (p.kind) {
        case 'timed':
          return `${stamp(p.n)},h${p.n % 3},event ${p.n}`;
        case 'untimed':
          return `not a time,h${p.n % 3},no time ${p.n}`;
        case 'junk':
          return `,,`;
        case 'continuation':
          return `${stamp(p.n)},h${p.n % 3},"wrapped\nfield ${p.n}"`;
        case 'blank':
          return blank;
      }
    },
  },
};

/** The text as chunks of random sizes, streamed as bytes. */
function streamOf(name: string, text: string, cuts: number[]): StreamInput {
  const bytes = new TextEncoder().encode(text);
  const at = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
  return {
    name,
    size: bytes.length,
    async *stream() {
      let from = 0;
      for (const c of [...at, bytes.length]) {
        if (c > from) yield bytes.slice(from, c);
        from = c;
      }
    },
  };
}

const caseArb = fc.record({
  format: fc.constantFrom(...Object.keys(FORMATS)),
  pieces: fc.array(fc.tuple(pieceArb, blankArb), { minLength: 0, maxLength: 40 }),
  crlf: fc.boolean(),
  finalBreak: fc.boolean(),
  cuts: fc.array(fc.nat({ max: 5000 }), { maxLength: 6 }),
  /** Read as the format even where detection would pick another (junk-heavy inputs). */
  force: fc.boolean(),
});

/** The line with a NUL byte put somewhere in it. */
function nulIn(line: string, n: number): string {
  const at = n % (line.length + 1);
  return `${line.slice(0, at)}\0${line.slice(at)}`;
}

function sum(r: ReadingReport): number {
  return r.timed + r.untimed + r.continuation + r.skipped + r.blank;
}

describe('the reading report', () => {
  it('accounts for every line: timed + untimed + continuation + skipped + blank = lines', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ format, pieces, crlf, finalBreak, cuts, force }) => {
        const f = FORMATS[format]!;
        // A 'nul' piece is a timed line with a stray NUL byte in it: dropped by the decoder, counted as skipped.
        const lineOf = (p: Piece, blank: string) => (p.kind === 'nul' ? nulIn(f.line({ kind: 'timed', n: p.n }, blank), p.n) : f.line({ kind: p.kind, n: p.n }, blank));
        const lines = [...(f.header ? [f.header] : []), ...pieces.map(([p, blank]) => lineOf(p, blank))];
        const eol = crlf ? '\r\n' : '\n';
        const text = lines.join(eol) + (finalBreak && lines.length > 0 ? eol : '');
        const a = await analyze([streamOf(f.name, text, cuts)], force ? { format: f.id ?? format } : {});
        const s = a.inputs[0]!;
        if (force) expect(s.format).toBe(f.id ?? format);
        const r = s.reading;
        const physical = text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
        const header = f.header && r.lines !== physical ? f.header.split('\n').length : 0;
        const context = `${format}: ${JSON.stringify(text)} → ${JSON.stringify(r)}`;
        expect(sum(r), context).toBe(r.lines);
        expect(r.lines + header, context).toBe(physical);
        expect(r.timed + r.untimed, context).toBe(s.events);
        expect(r.skippedSamples.length, context).toBeLessThanOrEqual(Math.min(MAX_LINE_SAMPLES, r.skipped));
        for (const sample of r.skippedSamples) expect(text.split(/\r?\n/)[sample.line - 1], context).toBe(sample.text);
        // Skipped with a reason: each skip is one the diagnostics count and, for the samples, one said at its line.
        expect(r.skipped, context).toBe(s.skipped);
        for (const sample of r.skippedSamples) expect(a.diagnostics.some((d) => d.input === f.name && d.line === sample.line), context).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('names the field or column structured inputs took their times from, and why an input has none', async () => {
    const text = (name: string, body: string) => streamOf(name, body, []);
    const a = await analyze([
      text('a.jsonl', '{"host":"a","msg":"no time"}\n{"@timestamp":"2024-01-01T00:00:00Z","host":"a","msg":"m"}\n'),
      text('b.logfmt', 'level=info host=b msg=first\nts=2024-01-01T00:00:01Z level=info host=b msg=x\n'),
      text('c.csv', 'host,timestamp,message\nc,2024-01-01T00:00:02Z,x\n'),
      text('e.csv', 'host,stamp,message\ne,2024-01-01T00:00:02Z,x\n'),
      text('d.jsonl', '{"host":"d","msg":"never a time"}\n'),
      text('govector.log', 'alice {"alice":1}\nsending\nbob {"alice":1,"bob":1}\nreceived\n'),
    ]);
    const reading = Object.fromEntries(a.inputs.map((i) => [i.name, i.reading]));
    expect(reading['a.jsonl']).toMatchObject({ timePosition: '@timestamp', timeLayout: null, timed: 1, untimed: 1 });
    expect(reading['b.logfmt']).toMatchObject({ timePosition: 'ts', timed: 1, untimed: 1 });
    expect(reading['c.csv']).toMatchObject({ timePosition: 'timestamp', timed: 1 });
    expect(reading['e.csv']).toMatchObject({ timed: 0, untimed: 1, noTimeReason: 'no column was found to hold times (name it in the CSV columns on the Rules view)' });
    expect(reading['a.jsonl']!.noTimeReason).toBeUndefined();
    expect(reading['d.jsonl']).toMatchObject({ timed: 0, untimed: 1, noTimeReason: 'no record has a time field that could be read' });
    expect(reading['d.jsonl']!.timePosition).toBeUndefined();
    expect(reading['govector.log']).toMatchObject({ timed: 0, untimed: 2, noTimeReason: 'its lines carry vector clocks, not times: logical order only' });
  });

  it('gives samples of skipped lines as written, the first three', async () => {
    const good = (n: number) => JSON.stringify({ ts: `2024-01-01T00:00:0${n}Z`, host: 'a', msg: `m${n}` });
    const text = [good(0), good(1), good(2), '{broken 1', '', '{broken 2', '{broken 3', good(3), '{broken 4', good(4), good(5)].join('\n');
    const a = await analyze([streamOf('x.jsonl', text, [20, 95, 130])]);
    expect(a.inputs[0]!.format).toBe('jsonl');
    const r = a.inputs[0]!.reading;
    expect(r).toMatchObject({ lines: 11, timed: 6, untimed: 0, skipped: 4, blank: 1, continuation: 0 });
    expect(r.skippedSamples).toEqual([
      { line: 4, text: '{broken 1' },
      { line: 6, text: '{broken 2' },
      { line: 7, text: '{broken 3' },
    ]);
  });
});
