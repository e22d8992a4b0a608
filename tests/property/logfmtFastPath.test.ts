import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FormatParser, ParseContext } from '../../src/core/input/formatParser';
import { LogfmtScanner, scanLogfmt } from '../../src/core/input/keyValuePairs';
import { LogfmtParser } from '../../src/core/input/logfmt/logfmtParser';
import { DiagnosticSink } from '../../src/core/model/diagnostic';
import { ExecutionBuilder } from '../../src/core/model/executionBuilder';
import { ReferenceLogfmtParser } from './reference/logfmtParserReference';

// The logfmt reader's fast path (LogfmtScanner spans, SpanFieldIds, shapes matched on spans) must
// read every input as the reader did before it (tests/property/reference): same events, times,
// texts, fields, string ids and diagnostics.

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
  return { executions: [...builders.values()].map((b) => b.build()), diagnostics: diagnostics.finish() };
}

function expectSameReading(files: [string, string][], chunk = 1 << 20): void {
  expect(readAll(new LogfmtParser(), files, chunk)).toEqual(readAll(new ReferenceLogfmtParser(), files, chunk));
}

// A reference for the scanner alone: the string-making scan it replaced, inlined.
function referenceScan(line: string): { pairs: [string, string][]; bareKeys: number; error?: string } {
  const isSpace = (c: number) => c === 32 || c === 9 || c === 13;
  const pairs: [string, string][] = [];
  let bareKeys = 0;
  const n = line.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(line.charCodeAt(i))) i++;
    if (i >= n) break;
    const keyStart = i;
    let c = 0;
    while (i < n && !isSpace((c = line.charCodeAt(i))) && c !== 61 && c !== 34) i++;
    if (i === keyStart) return { pairs, bareKeys, error: `expected a key at column ${i + 1}` };
    const key = line.slice(keyStart, i);
    if (i < n && c === 34) return { pairs, bareKeys, error: `quote inside key "${key.slice(0, 40)}" at column ${i + 1}` };
    if (i >= n || c !== 61) {
      pairs.push([key, '']);
      bareKeys++;
      continue;
    }
    i++;
    if (i < n && line.charCodeAt(i) === 34) {
      let value = '';
      let run = i + 1;
      let end = -1;
      for (let k = i + 1; k < n; k++) {
        const ch = line[k];
        if (ch === '"') {
          value += line.slice(run, k);
          end = k + 1;
          break;
        }
        if (ch === '\\' && k + 1 < n) {
          value += line.slice(run, k);
          const e = line[k + 1]!;
          value += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
          k++;
          run = k + 1;
        }
      }
      if (end < 0) return { pairs, bareKeys, error: `unterminated quoted value of "${key.slice(0, 40)}" at column ${i + 1}` };
      pairs.push([key, value]);
      i = end;
      if (i < n && !isSpace(line.charCodeAt(i))) return { pairs, bareKeys, error: `text right after the quoted value of "${key.slice(0, 40)}" at column ${i + 1}` };
    } else {
      const start = i;
      while (i < n && !isSpace(line.charCodeAt(i))) i++;
      pairs.push([key, line.slice(start, i)]);
    }
  }
  return { pairs, bareKeys };
}

const key = fc.constantFrom('ts', 'time', 'level', 'service', 'host', 'msg', 'message', 'msg_id', 'dir', 'to', 'from', 'pid', 'k', 'ts');
const bare = fc.constantFrom(
  '2026-03-14T09:26:53.123456Z', '2026-03-14T09:26:54Z', '2026/03/14 09:26:53', '1773480414', 'yesterday', '2026-13-14T09:26:53Z',
  'info', 'svc-1', 'svc-2', 'web1', 'send', 'recv', 'm1', '', 'a=b', 'x\u00a0y', 'é', '\u30002026-03-14T09:26:53Z', '2026-03-14T09:26:53Z\u00a0',
);
const quoted = fc
  .array(fc.constantFrom('a', ' ', 'b c', '\\"', '\\\\', '\\n', '=', 'é', '\t', 'payment sent', '2026-03-14T09:26:53Z'), { maxLength: 6 })
  .map((p) => `"${p.join('')}"`);
const token = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(key, bare).map(([k, v]) => `${k}=${v}`) },
  { weight: 2, arbitrary: fc.tuple(key, quoted).map(([k, v]) => `${k}=${v}`) },
  { weight: 1, arbitrary: key },
  { weight: 1, arbitrary: fc.constantFrom('"', '=x', 'k"q', 'msg="open', 'a="b"c', 'at', 'f(a.js:1)') },
);
const space = fc.constantFrom(' ', ' ', ' ', '  ', '\t', '\r');
const line = fc
  .tuple(fc.array(fc.tuple(space, token), { minLength: 1, maxLength: 9 }), fc.constantFrom('', ' ', '\t'))
  .map(([ts, pad]) => pad + ts.map(([s, t], i) => (i === 0 ? t : s + t)).join('') + pad);
const file = fc.array(fc.oneof({ weight: 8, arbitrary: line }, { weight: 1, arbitrary: fc.constantFrom('', '  at f (a.js:1)', 'plain words') }), {
  minLength: 1,
  maxLength: 25,
});

describe('LogfmtScanner', () => {
  it('scans what the string-making scan did', () => {
    fc.assert(
      fc.property(line, (l) => {
        const want = referenceScan(l);
        expect(scanLogfmt(l)).toEqual(want);
        const sc = new LogfmtScanner();
        expect(sc.scan(l)).toBe(want.error === undefined);
        expect(Array.from({ length: sc.count }, (_, i) => [sc.key(l, i), sc.value(l, i)])).toEqual(want.pairs);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('logfmt reader fast path', () => {
  it('reads generated logs as the reference reader does', () => {
    fc.assert(
      fc.property(fc.array(file, { minLength: 1, maxLength: 3 }), fc.constantFrom(5, 64, 1 << 20), (files, chunk) => {
        expectSameReading(
          files.map((ls, i) => [`svc-${i}.logfmt`, ls.join('\n')]),
          chunk,
        );
      }),
      { numRuns: 1500 },
    );
  });

  it('keeps field ids over many lines, shapes and unique values', () => {
    const ls: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const s = String(i % 60).padStart(2, '0');
      const extra = i % 3 === 0 ? ` msg_id=m${i} dir=${i % 2 ? 'send' : 'recv'} ${i % 2 ? 'to' : 'from'}=svc-${i % 32}` : '';
      const odd = i % 11 === 0 ? ` k${i % 13}=v` : '';
      ls.push(`ts=2026-03-14T09:${s}:${s}.${String(i).padStart(6, '0')}Z level=${i % 4 ? 'info' : 'warn'} service=svc-${i % 3} host=h${i % 2} msg="event ${i}"${extra}${odd}`);
    }
    expectSameReading([
      ['a.logfmt', ls.join('\n')],
      ['b.logfmt', ls.slice(0, 1500).reverse().join('\n')],
    ]);
  });
});
