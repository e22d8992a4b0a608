import fc from 'fast-check';
import { gzipSync, strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../../src/core/analysis/analyze';
import { expandArchives } from '../../src/core/input/archive/expandArchives';
import { FORMATS } from '../../src/core/input/formats';
import { DiagnosticSink } from '../../src/core/model/diagnostic';
import { tar } from '../unit/tarWriter';

/**
 * Every format parser, detected or forced, on random and damaged input:
 * analyze() never throws, and an input that yields no events always yields a
 * diagnostic saying why (nothing is dropped silently).
 */
const enc = (s: string) => new TextEncoder().encode(s);
const FORMAT_IDS = [undefined, ...FORMATS.map((f) => f.id)];

const otlp = JSON.stringify({
  resourceSpans: [
    {
      resource: { attributes: [{ key: 'service.name', value: { stringValue: 'a' } }] },
      scopeSpans: [{ spans: [{ traceId: 't', spanId: 's', name: 'n', startTimeUnixNano: '1773480413000000000', endTimeUnixNano: '1773480414000000000' }] }],
    },
  ],
});
const jaeger = JSON.stringify({
  data: [{ traceID: 't', spans: [{ traceID: 't', spanID: 's', operationName: 'o', references: [], startTime: 1773480413000000, duration: 5, processID: 'p' }], processes: { p: { serviceName: 'a' } } }],
});

const FIXTURES: Record<string, string> = {
  'a.log': '2026-03-14T09:26:53.123Z sent req_id=1 dir=send to=b\n  at stack\n2026-03-14T09:26:54Z done\n',
  'syslog': '<13>Mar 14 09:26:53 web1 api[7]: hello k=v\nMar 14 09:26:54 web1 api[7]: bye\n',
  'k.log': 'I0314 09:26:53.123456    1234 main.go:12] start\n',
  'access.log': '1.2.3.4 - - [14/Mar/2026:09:26:53 +0000] "GET / HTTP/1.1" 200 5 "-" "x"\n',
  'five.log': '<34>1 2026-03-14T09:26:53Z h app 1 - [x a="b"] m\n',
  'f.logfmt': 'ts=2026-03-14T09:26:53Z service=a msg="hi there" req_id=1\n',
  'e.csv': '_time,host,_raw\n2026-03-14T09:26:53Z,web1,"a ""b"" c"\n',
  'e.tsv': 'time\tservice\tmessage\n2026-03-14T09:26:53Z\ta\thi\n',
  'x.jsonl': '{"ts":"2026-03-14T09:26:53Z","service":"a","msg":"m","req_id":"1"}\n',
  'shiviz.txt': 'a {"a":1}\nevent one\nb {"a":1,"b":1}\nevent two\n',
  'trace.json': otlp,
  'jaeger.json': jaeger,
};

// The rules format reads lines by user rules, so it is given one.
const RULES = { rules: [{ name: 'ts', pattern: '^(?<ts>\\d{4}-\\d\\d-\\d\\dT\\S+) (?<msg>.*)$', time: 'ts', message: '${msg}' }] };

/** No throw; a non-blank input without events has a diagnostic. */
async function checkAnalyze(name: string, bytes: Uint8Array, format?: string): Promise<Analysis> {
  const a = await analyze([{ name, bytes }], format ? { format, ...(format === 'rules' && { rules: RULES }) } : {});
  const events = a.inputs.reduce((s, i) => s + i.events, 0);
  const blank = !/\S/.test(new TextDecoder().decode(bytes));
  if (events === 0 && !blank) expect(a.diagnostics.length).toBeGreaterThan(0);
  return a;
}

const mutation = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 20 }) }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), text: fc.string({ maxLength: 20, unit: 'binary' }) }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), text: fc.constantFrom('"', '{', '}', '[', ']', ',', '\n', '\r\n', '\t', '=', '\0', '\ufeff', '\\', ' ', ':') }),
);

function mutate(text: string, ms: fc.Arbitrary<unknown> extends never ? never : { op: string; at: number; len?: number; text?: string }[]): string {
  let s = text;
  for (const m of ms) {
    const at = s.length === 0 ? 0 : m.at % (s.length + 1);
    if (m.op === 'delete') s = s.slice(0, at) + s.slice(at + (m.len ?? 1));
    else if (m.op === 'insert') s = s.slice(0, at) + (m.text ?? '') + s.slice(at);
    else s = s.slice(0, at) + (m.text ?? '') + s.slice(at + 1);
  }
  return s;
}

describe('every parser on random input', () => {
  for (const format of FORMAT_IDS) {
    const label = format ?? 'detected';
    it(`never throws on random bytes (${label})`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), fc.constantFrom('x.log', 'x.csv', 'x.json', 'x.gz', 'x.tar'), async (bytes, name) => {
          await checkAnalyze(name, bytes, format);
        }),
        { numRuns: 60 },
      );
    });

    it(`never throws on random strings (${label})`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 400, unit: 'binary' }), async (text) => {
          await checkAnalyze('x.log', enc(text), format);
        }),
        { numRuns: 60 },
      );
    });

    it(`never throws on mutated fixtures, CRLF and BOM (${label})`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...Object.keys(FIXTURES)),
          fc.array(mutation, { maxLength: 6 }),
          fc.boolean(),
          fc.boolean(),
          async (name, ms, crlf, bom) => {
            let text = mutate(FIXTURES[name]!, ms);
            if (crlf) text = text.replace(/\r?\n/g, '\r\n');
            if (bom) text = `\ufeff${text}`;
            await checkAnalyze(name, enc(text), format);
          },
        ),
        { numRuns: 80 },
      );
    });
  }
});

describe('every parser on extreme input', () => {
  const long = `2026-03-14T09:26:53Z ${'x'.repeat(1 << 20)} req_id=${'a="'.repeat(1000)}\n`;
  const deep = `{"ts":"2026-03-14T09:26:53Z","resourceSpans":${'['.repeat(100_000)}${']'.repeat(100_000)},"a":${'{"b":'.repeat(50_000)}1${'}'.repeat(50_000)}}\n`;
  const nul = `2026-03-14T09:26:53Z a\0b\nts=1 msg=\0\n`;
  for (const format of FORMAT_IDS) {
    it(`survives a 1 MB line, deep JSON nesting and NUL bytes (${format ?? 'detected'})`, async () => {
      for (const [name, text] of [['long.log', long], ['deep.json', deep], ['nul.log', nul]] as const) {
        await checkAnalyze(name, enc(text), format);
      }
    }, 30_000);
  }
});

describe('archives on damaged input', () => {
  const tarball = tar([{ name: 'a.log', data: FIXTURES['a.log']! }, { name: 'b.gz', data: gzipSync(strToU8('x')) }]);
  const archives = [gzipSync(strToU8(FIXTURES['a.log']!)), zipSync({ 'a.log': strToU8('hi') }), tarball, gzipSync(tarball)];

  it('never throws on mutated gz, zip, tar and tar.gz', () => {
    fc.assert(
      fc.property(fc.nat({ max: archives.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), fc.nat(), (k, flips, cut) => {
        const bytes = archives[k]!.slice(0, Math.max(2, archives[k]!.length - (cut % 64)));
        for (const [at, v] of flips) bytes[at % bytes.length] = v;
        const sink = new DiagnosticSink();
        const out = expandArchives([{ name: 'x.tar.gz', bytes }], sink);
        for (const o of out) expect(o.bytes).toBeInstanceOf(Uint8Array);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on random bytes behind archive magic', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom([0x1f, 0x8b], [0x50, 0x4b, 3, 4], []), fc.uint8Array({ maxLength: 2000 }), async (magic, body) => {
        const bytes = new Uint8Array([...magic, ...body]);
        await checkAnalyze('r.tar', bytes);
      }),
      { numRuns: 100 },
    );
  });
});
