import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { gzipSync, strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { compileRules, parseRulesJson, type RolePredicate, type RuleSetSpec } from '../../src/core/rules/ruleSet';
import { analyze, type Analysis } from '../../src/core/analysis/analyze';
import { expandArchives } from '../../src/core/input/archive/expandArchives';
import { FORMATS } from '../../src/core/input/formats';
import { DiagnosticSink } from '../../src/core/model/diagnostic';
import { tar } from '../unit/tarWriter';

/**
 * Every format parser, detected or forced, on random and damaged input
 * (issue 8: random bytes, truncated and mutated real files, 10 MB lines, deep
 * JSON, binary files, UTF-16 and byte-order marks, CRLF, NUL bytes), and the
 * rules engine on random rules: analyze() never throws, and an input that
 * yields no events always yields a diagnostic saying why (nothing is dropped
 * silently); garbage (binary, undecodable) always yields one. The real files
 * are ../shared/corpus/ (ShiViz logs, Kubernetes dumps); without it those
 * tests are skipped with a warning.
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

/** The shared corpus of real files, cut to a prefix so the runs stay fast; empty (with a warning) when absent. */
const CORPUS_DIR = join(import.meta.dirname, '../../../shared/corpus');
const CORPUS_PREFIX = 24 * 1024;
function corpusFiles(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  for (const sub of ['shiviz', 'k8s']) {
    const dir = join(CORPUS_DIR, sub);
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) {
      if (!/\.(log|json|ya?ml|txt)$/.test(f)) continue;
      out.push({ name: f, text: readFileSync(join(dir, f), 'utf8') });
    }
  }
  return out;
}
const CORPUS = corpusFiles();
if (CORPUS.length === 0) console.warn(`parsersFuzz: ${CORPUS_DIR} not found; the truncated and mutated real-file runs are skipped`);

describe('real files, truncated and mutated', () => {
  it.skipIf(CORPUS.length === 0)('never throws on a truncated real file, detected or forced to its format', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: CORPUS.length - 1 }), fc.noBias(fc.integer({ min: 0, max: CORPUS_PREFIX })), fc.boolean(), async (k, at, force) => {
        const f = CORPUS[k]!;
        // Real files cut anywhere: mid-record, mid-JSON, mid-UTF-8 sequence (bytes, not characters).
        const bytes = enc(f.text.slice(0, CORPUS_PREFIX * 4));
        const cut = bytes.slice(0, Math.min(at, bytes.length));
        const format = force ? (/\.(json|ya?ml)$/.test(f.name) ? 'k8s' : 'shiviz') : undefined;
        await checkAnalyze(f.name, cut, format);
      }),
      { numRuns: 40 },
    );
  }, 20_000);

  it.skipIf(CORPUS.length === 0)('never throws on a mutated real file, with CRLF and byte-order marks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: CORPUS.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 10 }), fc.boolean(), fc.boolean(), async (k, ms, crlf, bom) => {
        const f = CORPUS[k]!;
        let text = mutate(f.text.slice(0, CORPUS_PREFIX), ms);
        if (crlf) text = text.replace(/\r?\n/g, '\r\n');
        if (bom) text = `\ufeff${text}`;
        await checkAnalyze(f.name, enc(text));
      }),
      { numRuns: 40 },
    );
  }, 20_000);

  it.skipIf(CORPUS.length === 0)('reads every real file whole in UTF-16 LE and BE with a byte-order mark as in UTF-8', async () => {
    for (const f of CORPUS.filter((c) => c.text.length < 200_000)) {
      const utf8 = await analyze([{ name: f.name, bytes: enc(f.text) }]);
      for (const le of [true, false]) {
        const a = await analyze([{ name: f.name, bytes: utf16(f.text, le) }]);
        expect(a.inputs.map((i) => [i.format, i.events]), `${f.name} ${le ? 'LE' : 'BE'}`).toEqual(utf8.inputs.map((i) => [i.format, i.events]));
      }
    }
  }, 20_000);
});

/** UTF-16 with its byte-order mark. */
function utf16(text: string, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  const v = new DataView(out.buffer);
  v.setUint16(0, 0xfeff, littleEndian);
  for (let i = 0; i < text.length; i++) v.setUint16(2 + i * 2, text.charCodeAt(i), littleEndian);
  return out;
}

describe('UTF-16, byte-order marks and binary files', () => {
  it('reads every fixture in UTF-16 LE and BE with a byte-order mark as in UTF-8', async () => {
    for (const [name, text] of Object.entries(FIXTURES)) {
      const utf8 = await analyze([{ name, bytes: enc(text) }]);
      for (const le of [true, false]) {
        const a = await analyze([{ name, bytes: utf16(text, le) }]);
        expect(a.inputs.map((i) => [i.format, i.events]), `${name} ${le ? 'LE' : 'BE'}`).toEqual(utf8.inputs.map((i) => [i.format, i.events]));
      }
    }
  });

  it('never throws on mutated UTF-16 (odd lengths, lone surrogates, a wrong byte-order mark)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(FIXTURES)),
        fc.boolean(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }),
        fc.nat({ max: 3 }),
        fc.constantFrom(...FORMAT_IDS),
        async (name, le, flips, cut, format) => {
          const bytes = utf16(FIXTURES[name]!, le);
          const b = bytes.slice(0, Math.max(2, bytes.length - cut));
          for (const [at, v] of flips) b[2 + (at % Math.max(1, b.length - 2))] = v;
          await checkAnalyze(name, b, format);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('says so for binary files and undecodable bytes, whatever the format', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    const elf = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0]);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(png, elf, new Uint8Array([0xc3, 0x28, 0xff, 0xfe, 0xfd])),
        fc.uint8Array({ minLength: 64, maxLength: 2000 }).map((b) => b.map((x) => (x < 0x80 ? x | 0x80 : x))),
        fc.constantFrom('x.log', 'x.bin', 'x.jsonl', 'x.csv', 'x.json', 'x-Log.txt'),
        fc.constantFrom(...FORMAT_IDS),
        async (magic, body, name, format) => {
          const bytes = new Uint8Array([...magic, ...body]);
          const a = await checkAnalyze(name, bytes, format);
          expect(a.diagnostics.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('reports a CSV input of delimiters only (a case random bytes found)', async () => {
    const a = await checkAnalyze('x.csv', enc(','));
    expect(a.diagnostics.length).toBeGreaterThan(0);
  });

  it('reports NUL bytes in any input as a diagnostic, never as events silently', async () => {
    for (const format of FORMAT_IDS) {
      for (const [name, text] of Object.entries(FIXTURES)) {
        const at = text.length >> 1;
        const a = await checkAnalyze(name, enc(`${text.slice(0, at)}\0${text.slice(at)}`), format);
        expect(a.diagnostics.length, `${name} ${format ?? 'detected'}`).toBeGreaterThan(0);
      }
    }
  });
});

describe('a 10 MB line, once per line format', () => {
  const MB10 = 10 * 1024 * 1024;
  // One huge line between two ordinary ones, in each line format's own shape.
  const pad = 'x'.repeat(MB10);
  const LINES: Record<string, [string, string]> = {
    text: ['big.log', `2026-03-14T09:26:53Z a start\n2026-03-14T09:26:54Z ${pad}\n2026-03-14T09:26:55Z a end\n`],
    jsonl: ['big.jsonl', `{"ts":"2026-03-14T09:26:53Z","msg":"a"}\n{"ts":"2026-03-14T09:26:54Z","msg":"${pad}"}\n{"ts":"2026-03-14T09:26:55Z","msg":"c"}\n`],
    logfmt: ['big.logfmt', `ts=2026-03-14T09:26:53Z msg=a\nts=2026-03-14T09:26:54Z msg="${pad}\nts=2026-03-14T09:26:55Z msg=c\n`],
    csv: ['big.csv', `time,service,message\n2026-03-14T09:26:53Z,a,x\n2026-03-14T09:26:54Z,a,"${pad}\n2026-03-14T09:26:55Z,a,c\n`],
    shiviz: ['big-Log.txt', `a {"a":1}\nfirst\na {"a":2}\n${pad}\na {"a":3}\nlast\n`],
    'k8s-table': ['events.txt', `LAST SEEN   TYPE     REASON    OBJECT      MESSAGE\n2m          Normal   Pulling   pod/web-1   ${pad}\n1m          Normal   Pulled    pod/web-1   done\n`],
    rules: ['big.log', `2026-03-14T09:26:53Z a\n2026-03-14T09:26:54Z ${pad}\n`],
  };
  for (const [format, [name, text]] of Object.entries(LINES)) {
    it(`reads around a 10 MB line without throwing or hanging (${format})`, async () => {
      const bytes = enc(text);
      const started = performance.now();
      const a = await checkAnalyze(name, bytes, format);
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(a.inputs[0]!.bytes).toBe(bytes.length);
    }, 20_000);
  }
  it('reads around a 10 MB line without throwing or hanging (detected, no line break at all)', async () => {
    await checkAnalyze('one.log', enc(`2026-03-14T09:26:53Z ${pad}`));
  }, 20_000);
});

describe('the rules engine on random rules', () => {
  it('parseRulesJson and compileRules never throw on random text or random JSON', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          fc.json({ maxDepth: 4 }),
          fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify({ schema: 'causeway.rules/1', rules: Array.isArray(v) ? v : [v] })),
        ),
        (text) => {
          const parsed = parseRulesJson(text);
          if (!parsed.ok) {
            expect(parsed.error).not.toBe('');
            return;
          }
          const compiled = compileRules(parsed.value);
          // Every rule is either usable or has a problem named at it.
          const placed = new Set([...compiled.rules.map((r) => r.index), ...compiled.problems.map((p) => p.rule)]);
          expect(placed.size).toBe(parsed.value.rules.length);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('compileRules never throws on rules with random field values (bad regexes, wrong types)', () => {
    const value = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom('(', '[a-', '(?<x>.*)', '(?<host>\\S+) (?<msg>.*)', '\\', '*', '(?<a>a)(?<a>b)', '${x}'),
      fc.integer(),
      fc.constant(null),
      fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }),
      fc.record({ field: fc.oneof(fc.string({ maxLength: 4 }), fc.integer()), values: fc.oneof(fc.array(fc.string({ maxLength: 4 })), fc.string()), text: fc.oneof(fc.string({ maxLength: 6 }), fc.constant('(')) }, { requiredKeys: [] }),
    );
    const key = fc.constantFrom('name', 'inputs', 'pattern', 'time', 'process', 'clockDomain', 'message', 'key', 'send', 'receive', 'peer', '__proto__', 'constructor');
    fc.assert(
      fc.property(fc.array(fc.dictionary(key, value, { maxKeys: 8 }), { maxLength: 5 }), (rules) => {
        const parsed = parseRulesJson(JSON.stringify({ rules }));
        expect(parsed.ok).toBe(true);
        if (parsed.ok) compileRules(parsed.value);
      }),
      { numRuns: 400 },
    );
  });

  // Valid rules built from parts: patterns with named groups, templates, keys and role predicates.
  const PATTERNS = [
    '^(?<ts>\\S+) (?<svc>\\w+) (?<dir>send|recv) id=(?<id>\\w+)(?<rest>.*)$',
    '(?<svc>[a-z]+)-(?<n>\\d+)',
    '^(?<all>.*)$',
    '(?<ts>\\d{4}-\\d\\d-\\d\\dT[^ ]+)\\s+(?<msg>.*)',
    '(?<id>[0-9a-f]{4,})',
  ];
  const rule = fc.record(
    {
      name: fc.string({ minLength: 1, maxLength: 8 }),
      inputs: fc.constantFrom('*', '*.log', 'x?log', 'nomatch'),
      pattern: fc.constantFrom(...PATTERNS),
      time: fc.constantFrom('ts', 'all', 'missing'),
      process: fc.constantFrom('${svc}', 'fixed', '${missing}', '${svc}@${n}', ''),
      clockDomain: fc.constantFrom('${svc}', 'host-1', '${n}'),
      message: fc.constantFrom('${rest}', '${msg}', '${all}', '${missing}'),
      key: fc.constantFrom('id=${id}', '${svc}', '${missing}', 'k'),
      send: fc.constantFrom<RolePredicate>({ field: 'dir', values: ['send'] }, { text: 'send|sent' }, { field: 'svc' }),
      receive: fc.constantFrom<RolePredicate>({ field: 'dir', values: ['recv'] }, { text: 'recv' }, { field: 'n', values: ['1', '2'] }),
      peer: fc.constantFrom('svc', 'to', 'missing'),
    },
    { requiredKeys: ['name', 'pattern'] },
  );
  const line = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.tuple(fc.constantFrom('2026-03-14T09:26:53Z', 'x', '1773480413'), fc.constantFrom('api', 'db', 'a-1', 'b-22'), fc.constantFrom('send', 'recv', 'noop'), fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 1, maxLength: 6 })).map(
      ([ts, svc, dir, id]) => `${ts} ${svc} ${dir} id=${id} tail`,
    ),
  );

  it('valid random rules over random text never throw, forced or beside the detected formats', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(rule, { minLength: 1, maxLength: 3 }), fc.array(line, { maxLength: 30 }), fc.boolean(), fc.boolean(), async (rules, lines, force, crlf) => {
        const spec: RuleSetSpec = { rules };
        expect(compileRules(spec).rules.length + compileRules(spec).problems.length).toBe(rules.length);
        const text = lines.join(crlf ? '\r\n' : '\n');
        const a = await analyze(
          [
            { name: 'x.log', bytes: enc(text) },
            { name: 'y.jsonl', bytes: enc(FIXTURES['x.jsonl']!) },
          ],
          { rules: spec, ...(force && { format: 'rules' }) },
        );
        const events = a.inputs.reduce((s, i) => s + i.events, 0);
        if (events === 0 && /\S/.test(text)) expect(a.diagnostics.length).toBeGreaterThan(0);
      }),
      { numRuns: 120 },
    );
  });
});
