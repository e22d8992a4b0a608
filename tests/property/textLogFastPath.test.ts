import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FormatParser, ParseContext } from '../../src/core/input/formatParser';
import { IsoStampReader } from '../../src/core/input/textLog/isoStampReader';
import { TextLogParser } from '../../src/core/input/textLog/textLogParser';
import { iso, type LineStamp } from '../../src/core/input/textLog/timestampShapes';
import { DiagnosticSink } from '../../src/core/model/diagnostic';
import { ExecutionBuilder } from '../../src/core/model/executionBuilder';
import { ReferenceTextLogParser } from './reference/textLogParserReference';

// The text-log reader's fast path (IsoStampReader, KeyValueScanner, SpanFieldIds) must read every
// input as the reader did before it (tests/property/reference): same events, times, texts, fields,
// string ids and diagnostics.

/** Everything a parser made from files read in order, as plain data. */
function readAll(parser: FormatParser, files: [string, string][], chunk: number) {
  const builders = new Map<string, ExecutionBuilder>();
  const diagnostics = new DiagnosticSink();
  const ctx: ParseContext = {
    diagnostics,
    options: {},
    execution: (name) => {
      let b = builders.get(name);
      if (!b) builders.set(name, (b = new ExecutionBuilder(name)));
      return b;
    },
  };
  for (const [name, text] of files) {
    const reader = parser.reader!(name, text.slice(0, 65536), ctx);
    for (let at = 0; at < text.length; at += chunk) reader.text(text.slice(at, at + chunk));
    reader.end();
  }
  parser.finish?.(ctx);
  return { executions: [...builders.values()].map((b) => b.build()), diagnostics: diagnostics.finish() };
}

function expectSameReading(files: [string, string][], chunk = 1 << 20): void {
  const got = readAll(new TextLogParser(), files, chunk);
  const want = readAll(new ReferenceTextLogParser(), files, chunk);
  expect(got).toEqual(want);
}

/** A stamp as plain data (the fast reader reuses its object). */
function plain(s: LineStamp | null) {
  if (!s) return null;
  return { time: s.time && { ...s.time }, rest: s.rest, host: s.host, app: s.app, fields: s.fields?.map((f) => [...f]), yearless: s.yearless };
}

const two = (lo: number, hi: number) => fc.integer({ min: lo, max: hi }).map((n) => String(n).padStart(2, '0'));
const isoStamp = fc
  .record({
    year: fc.constantFrom('2026', '2024', '1970', '2100', '0000', '9999', '2O26'),
    sep: fc.constantFrom('-', '-', '-', '/', '.'),
    month: two(0, 13),
    day: fc.oneof(two(0, 32), fc.constant('29'), fc.constant('31')),
    t: fc.constantFrom('T', 'T', ' ', 't', 'x'),
    hour: two(0, 25),
    minute: two(0, 61),
    second: two(0, 61),
    frac: fc.oneof(
      fc.constant(''),
      fc.tuple(fc.constantFrom('.', ','), fc.stringMatching(/^\d{0,12}$/)).map(([d, f]) => d + f),
    ),
    zone: fc.constantFrom('', '', 'Z', 'Z', 'z', '+01:00', '-0530', '+01', '+1', ' UTC', ' GMT', ' UTCx', ' +02:00', ' -', '+', ' X', '  '),
    bracket: fc.constantFrom(false, false, false, true),
  })
  .map((p) => {
    const s = `${p.year}${p.sep}${p.month}${p.sep}${p.day}${p.t}${p.hour}:${p.minute}:${p.second}${p.frac}${p.zone}`;
    return p.bracket ? `[${s}]` : s;
  });

// Message text made of what matters to pairs: keys, '=', quotes, escapes, punctuation, unicode spaces.
const piece = fc.constantFrom(
  'a', 'k', '_', '9', '.', '-', '=', '==', '"', '\\', '\\"', ' ', ' ', ' ', '\t', '\u00a0', '\u3000', 'é', '😀',
  '(', '[', ',', ';', '|', ':', ')', ']', "'", 'req_id=', 'to=', 'pid=', 'dir=send', 'dir=recv', 'service=svc-1',
  'service=svc-2', 'host=h1', 'msg_id=m1', 'msg_id=m2', 'x.y-z=', 'note="a b"', 'q="x \\" y"', 'e=', 'u=ü',
);
const message = fc.array(piece, { maxLength: 24 }).map((p) => p.join(''));
const head = fc.constantFrom('', '', ' ', '\t', '  ', 'web1 sshd[42]: ', 'web2 sshd[7]: ', 'web1 cron: ', 'h x[]: ', 'h x[1]:');

const isoLine = fc.tuple(isoStamp, head, message).map(([s, h, m]) => s + (h === '' || h[0] === ' ' || h[0] === '\t' ? h : ' ' + h) + m);
const otherLine = fc.oneof(
  message.map((m) => `  at ${m}`),
  fc.constant(''),
  fc.constant('   '),
  message,
  fc.tuple(fc.constantFrom('Mar 14 09:26:53', 'Mar  4 23:59:60', 'Dec 31 00:00:00', '<34>Jan  1 10:00:00'), head, message).map(([s, h, m]) => `${s} ${h}${m}`),
);
const lines = fc.array(fc.oneof({ weight: 4, arbitrary: isoLine }, { weight: 1, arbitrary: otherLine }), { minLength: 1, maxLength: 30 });

describe('IsoStampReader', () => {
  it('reads what the ISO-8601 shape reads, line after line', () => {
    fc.assert(
      fc.property(fc.array(isoLine, { minLength: 1, maxLength: 20 }), (ls) => {
        const r = new IsoStampReader();
        for (const l of ls) expect(plain(r.read(l))).toEqual(plain(iso.read(l)));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads the usual layouts and leaves odd ones to the shape', () => {
    const r = new IsoStampReader();
    for (const l of [
      '2026-03-14T09:00:00.002284Z INFO received request 64093 for tenant-12 service=svc-07',
      '2026-03-14 09:26:53,123 - worker - INFO - job done',
      '2026/03/14 09:26:54.250000 ok',
      '2026-03-15T00:00:00Z next day',
      '2024-02-29T23:59:60.999999999999Z leap',
      '2026-02-29T00:00:00Z no such day',
      '2026-03-14T09:26:53.5+01:00 zoned',
      '2026-03-14 09:26:53 UTC zoned',
      '[2026-03-14 09:26:53] bracketed',
      '2026-03-14T09:26:53Z web1 sshd[42]: accepted',
      '2026-03-14T09:26:53.',
      '2026-03-14T09:26:53',
      'continuation',
    ]) {
      expect(plain(r.read(l))).toEqual(plain(iso.read(l)));
    }
  });
});

describe('text-log reader fast path', () => {
  it('reads generated logs as the reference reader does', () => {
    fc.assert(
      fc.property(fc.array(lines, { minLength: 1, maxLength: 3 }), fc.constantFrom(7, 64, 1 << 20), (files, chunk) => {
        expectSameReading(
          files.map((ls, i) => [`svc-${i}.log`, ls.join('\n')]),
          chunk,
        );
      }),
      { numRuns: 1500 },
    );
  });

  it('keeps field ids when values stop repeating, and past the key table', () => {
    // A key whose values never repeat (msg_id) turns its value table off after a sample; over
    // 64 distinct keys the key table evicts: neither may change what is read.
    const ls: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const s = String(i % 60).padStart(2, '0');
      ls.push(
        `2026-03-14T09:${s}:${s}.${String(i).padStart(6, '0')}Z INFO event ${i} service=svc-${i % 3} msg_id=m${i} dir=${i % 2 ? 'send' : 'recv'} ` +
          `k${i % 200}=v${i % 7} ${i % 2 ? 'to' : 'from'}=svc-${i % 32}${i % 5 === 0 ? ' dir=again' : ''}`,
      );
    }
    expectSameReading([
      ['a.log', ls.join('\n')],
      ['b.log', ls.slice(0, 2000).reverse().join('\n')],
    ]);
  });

  it('reads syslog headers, header keys repeated in the message, and lines without timestamps', () => {
    expectSameReading([
      ['s.log', 'Mar 14 09:26:53 web1 sshd[42]: pid=7 user=bob pid=8\nMar 14 09:26:54 web2 sshd[43]: user=eve\nMar 14 09:26:55 web2 sshd[43]: x=1\n  at trace\n'],
      ['k.log', 'I0314 09:26:53.123456   1234 file.go:12] level=debug thread=9 source=x a=b\n'],
      ['n.log', 'no stamp a=1 a=2 b="c \\" d"\n\nsecond line e=\n'],
      ['r.log', '<34>1 2026-03-14T09:26:53.123Z host app 1234 ID47 [sd k="v" pid="9"] k=w pid=3 msgid=q\n'],
    ]);
  });
});
