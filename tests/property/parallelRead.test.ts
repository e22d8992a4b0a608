import fc from 'fast-check';
import { gzipSync } from 'fflate';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../../src/core/analysis/analyze';
import type { InputData } from '../../src/core/read/analyzeInput';
import { buildAnalysisDocument, serializeAnalysisDocument } from '../../src/core/document/analysisDocument';
import { EXPORT_FORMATS, exportChunks } from '../../src/core/export/exportFormats';
import type { AnalyzeOptions } from '../../src/core/analysis/analyzeOptions';
import type { Execution } from '../../src/core/model/execution';
import { packPart, unpackPart, unpackPartReading } from '../../src/core/parallel/packPart';
import { textsOf } from '../../src/core/model/execution';
import { FileTextChunks } from '../../src/core/model/fileTexts';
import type { AnalyzeInput } from '../../src/core/read/analyzeInput';
import { rereadableInput } from './rereadableInput';
import { readPart } from '../../src/core/parallel/readPart';

/**
 * Reading inputs in groups apart (readPart), packing and unpacking each part
 * and merging them in the analysis gives exactly what reading every input in
 * one place gives: the same executions (string ids, process order, texts,
 * fields, edges), summaries, diagnostics and export bytes, for any split of
 * the inputs into groups. Processes span files and formats, some lines are
 * bad, some files are of formats read only by the analysis itself (documents,
 * archives).
 */
const PROCS = ['api', 'db', 'web', 'queue', 'ünï-cødé'];
const HOSTS = ['h1', 'h2'];
const textArb = fc.oneof(fc.constantFrom('started', 'done', '', 'ümlaut ✓ 日本', 'a "quoted" word', 'x=1 y=2'), fc.string({ maxLength: 12 }));

interface LineSpec {
  proc: number;
  host: number;
  ms: number;
  text: string;
  msg: number;
  dir: number;
  bad: boolean;
}

const lineArb: fc.Arbitrary<LineSpec> = fc.record({
  proc: fc.nat({ max: PROCS.length - 1 }),
  host: fc.nat({ max: HOSTS.length - 1 }),
  ms: fc.nat({ max: 100_000 }),
  text: textArb,
  msg: fc.nat({ max: 6 }),
  dir: fc.nat({ max: 3 }),
  bad: fc.boolean().map((b) => b && Math.random() < 0.3),
});

type Kind = 'jsonl' | 'logfmt' | 'text' | 'syslog' | 'csv' | 'markdown' | 'binary' | 'empty' | 'gzip' | 'shiviz';
const fileArb = fc.record({
  kind: fc.constantFrom<Kind>('jsonl', 'jsonl', 'logfmt', 'text', 'syslog', 'csv', 'markdown', 'binary', 'empty', 'gzip', 'shiviz'),
  lines: fc.array(lineArb, { maxLength: 25 }),
});

const iso = (ms: number) => new Date(Date.UTC(2026, 2, 14, 9) + ms).toISOString();
const clean = (s: string) => s.replace(/[\r\n"\\,]/g, ' ');

function fileText(kind: Kind, lines: LineSpec[]): string | Uint8Array {
  const msgFields = (l: LineSpec) => (l.dir === 0 ? {} : { msg_id: `m${l.msg}`, dir: l.dir === 1 ? 'send' : 'recv' });
  switch (kind) {
    case 'jsonl':
      return lines.map((l) => (l.bad ? `{"ts": broken ${l.text}` : JSON.stringify({ ts: iso(l.ms), service: PROCS[l.proc], host: HOSTS[l.host], msg: l.text, ...msgFields(l) }))).join('\n');
    case 'logfmt':
      return lines
        .map((l) => `ts=${iso(l.ms)} level=info service=${PROCS[l.proc]} msg="${clean(l.text)}"${l.dir ? ` msg_id=m${l.msg} dir=${l.dir === 1 ? 'send' : 'recv'}` : ''}${l.bad ? ' ts=notatime' : ''}`)
        .join('\n');
    case 'text':
      return lines.map((l) => `${l.bad ? 'garbage' : iso(l.ms)} INFO ${clean(l.text)} service=${PROCS[l.proc]} host=${HOSTS[l.host]}`).join('\n');
    case 'syslog':
      return lines.map((l) => `Mar 14 09:${String(Math.floor(l.ms / 60000) % 60).padStart(2, '0')}:00 ${HOSTS[l.host]} ${PROCS[l.proc]}[12]: ${clean(l.text)}`).join('\n');
    case 'csv':
      return ['timestamp,service,message', ...lines.map((l) => `${l.bad ? 'nope' : iso(l.ms)},${PROCS[l.proc]},${clean(l.text)}`)].join('\n');
    case 'markdown':
      return '# notes\n';
    case 'binary':
      return new Uint8Array([0, 1, 2, 0, 0, 3, 255, 0]);
    case 'empty':
      return '';
    case 'gzip':
      return gzipSync(new TextEncoder().encode(fileText('jsonl', lines) as string));
    case 'shiviz':
      // A ShiViz log (one process's vector clocks): read whole by the analysis, its execution made in the parsers' finish().
      return lines.map((l, i) => `${PROCS[l.proc]} {"${PROCS[l.proc]}":${i + 1}}\n${clean(l.text) || 'event'}`).join('\n');
  }
}

const EXT: Record<Kind, string> = { jsonl: 'jsonl', logfmt: 'log', text: 'log', syslog: 'log', csv: 'csv', markdown: 'md', binary: 'bin', empty: 'log', gzip: 'jsonl.gz', shiviz: 'Log.txt' };

const caseArb = fc
  .array(fileArb, { minLength: 1, maxLength: 7 })
  .chain((files) =>
    fc.record({
      files: fc.constant(files),
      groupOf: fc.array(fc.nat({ max: 3 }), { minLength: files.length, maxLength: files.length }),
      runs: fc.boolean(),
      domainOf: fc.boolean(),
      pending: fc.boolean(),
      contiguous: fc.boolean(),
    }),
  );

/** Groups as splitInputs makes them: contiguous in name order, the first read by the analysis (its string table taken over by the merge). */
function contiguousGroups(inputs: InputData[], groupOf: number[]): number[] {
  const count = Math.max(...groupOf) + 1;
  const order = inputs.map((input, i) => ({ name: input.name, i })).sort((a, b) => (a.name < b.name ? -1 : 1));
  const out = new Array<number>(inputs.length);
  order.forEach(({ i }, at) => (out[i] = Math.floor((at * count) / inputs.length)));
  return out;
}

function inputsOf(files: { kind: Kind; lines: LineSpec[] }[]): InputData[] {
  return files.map((f, i) => {
    const t = fileText(f.kind, f.lines);
    return { name: `f${String.fromCharCode(97 + ((i * 5) % 7))}${i}.${EXT[f.kind]}`, bytes: typeof t === 'string' ? new TextEncoder().encode(t) : t };
  });
}

/** Columns of two executions that are not deeply equal (string tables compared by content). */
function differingColumns(a: Execution, b: Execution): string[] {
  const table = (x: Execution) => Array.from({ length: x.strings.size }, (_, i) => x.strings.get(i));
  const out = Object.keys(b).filter((k) => k !== 'strings' && !isDeepStrictEqual(a[k as keyof Execution], b[k as keyof Execution]));
  if (!isDeepStrictEqual(table(a), table(b))) out.push('strings');
  return out;
}

function exports(a: Analysis): string[] {
  return [serializeAnalysisDocument(buildAnalysisDocument(a)), ...EXPORT_FORMATS.map((f) => [...exportChunks(a, f)].join(''))];
}

/**
 * Group 0 read by the analysis itself when `pending` (as the page does: its
 * analyzer reads one group while the others are read), the other groups
 * given as parts still being read; else every group a part given read.
 */
async function inParts(inputs: InputData[], groupOf: number[], options: AnalyzeOptions, pending = false): Promise<Analysis> {
  const groups: InputData[][] = [[], [], [], []];
  inputs.forEach((input, i) => groups[groupOf[i]!]!.push(input));
  const elsewhere = pending ? groups.slice(1) : groups;
  const read = async () => {
    const parts = [];
    for (const g of elsewhere) if (g.length > 0) parts.push(unpackPart(packPart(await readPart(g, options))));
    return parts;
  };
  if (!pending) return analyze(inputs, options, {}, await read());
  return analyze(inputs, options, {}, { inputs: elsewhere.flat().map((i) => i.name), parts: read });
}


describe('reading in parallel parts', () => {
  it('merges to exactly what one reader gives, for any split', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ files, groupOf, runs, domainOf, pending, contiguous }) => {
        const inputs = inputsOf(files);
        const options: AnalyzeOptions = {
          ...(runs && { executionOf: Object.fromEntries(inputs.filter((_, i) => i % 2 === 1).map((i) => [i.name, 'run2'])) }),
          ...(domainOf && { clockDomainOf: { api: 'dc1', db: 'dc1' } }),
        };
        const one = await analyze(inputs, options);
        const split = await inParts(inputs, contiguous ? contiguousGroups(inputs, groupOf) : groupOf, options, pending);
        expect(split.inputs).toEqual(one.inputs);
        expect(split.diagnostics).toEqual(one.diagnostics);
        expect(split.executions.length).toBe(one.executions.length);
        one.executions.forEach((r, k) => expect(differingColumns(split.executions[k]!.execution, r.execution)).toEqual([]));
        expect(exports(split)).toEqual(exports(one));
      }),
      { numRuns: 200 },
    );
  });

  it('keeps texts read from files as positions through packing and the merge, equal to one reader', async () => {
    let runs = 0;
    let laid = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, fc.constantFrom(37, 512, 1 << 16), fc.constantFrom(true, true, true, false), async ({ files: given, groupOf, pending }, piece, ascii) => {
        runs++;
        // Mostly ASCII, whose lines are kept as positions (a chunk with any other character keeps strings).
        const files = ascii ? given.map((f) => ({ ...f, lines: f.lines.map((l) => ({ ...l, proc: l.proc % 4, text: l.text.replace(/[^\x20-\x7e]/g, '?') })) })) : given;
        // Lines that end (the last one too), as a file's do: a line is kept as a position once its line break is read.
        const data = inputsOf(files).map((d, i) => (['gzip', 'binary'].includes(files[i]!.kind) ? d : { ...d, bytes: new Uint8Array([...d.bytes, 10]) }));
        const inputs = () => data.map((d) => rereadableInput(d.name, d.bytes, [piece]));
        const one = await analyze(inputs());
        const all = inputs();
        const groups: AnalyzeInput[][] = [[], [], [], []];
        all.forEach((input, i) => groups[groupOf[i]!]!.push(input));
        const elsewhere = pending ? groups.slice(1) : groups;
        // Read again on this side by name, as the CLI's analysing thread reads the files a reading thread read.
        const again = new Map(all.map((i) => [i.name, i.reread]));
        const read = async () => {
          const parts = [];
          for (const g of elsewhere) if (g.length > 0) parts.push(unpackPartReading(packPart(await readPart(g, {})), (n) => again.get(n) ?? null));
          return parts;
        };
        const split = pending ? await analyze(all, {}, {}, { inputs: elsewhere.flat().map((i) => i.name), parts: read }) : await analyze(all, {}, {}, await read());
        expect(split.diagnostics).toEqual(one.diagnostics);
        expect(split.executions.length).toBe(one.executions.length);
        one.executions.forEach((r, k) => {
          const x = split.executions[k]!.execution;
          expect(differingColumns(x, r.execution).filter((c) => c !== 'textChunks')).toEqual([]);
          expect(textsOf(x)).toEqual(textsOf(r.execution));
          // Positions where one reader keeps positions.
          expect(x.textChunks.constructor).toBe(r.execution.textChunks.constructor);
          if (x.textChunks instanceof FileTextChunks) laid++;
        });
        expect(exports(split)).toEqual(exports(one));
      }),
      { numRuns: 120 },
    );
    // Runs with text logs in ASCII (about a quarter) did merge texts kept as positions.
    expect(laid).toBeGreaterThan(runs / 10);
  });

  it('tells a part’s diagnostics again with the per-input limit and skip counts intact', async () => {
    const bad = Array.from({ length: 1500 }, (_, i) => `{"ts": nope ${i}`).join('\n');
    const good = Array.from({ length: 20 }, (_, i) => JSON.stringify({ ts: iso(i), service: 'api', msg: `ok ${i}` })).join('\n');
    const inputs: InputData[] = [
      { name: 'a.jsonl', bytes: new TextEncoder().encode(`${good}\n${bad}`) },
      { name: 'b.jsonl', bytes: new TextEncoder().encode(`${good}\n${bad}\n${good}`) },
    ];
    const one = await analyze(inputs);
    const split = await inParts(inputs, [0, 1], {});
    expect(one.inputs.map((i) => i.skipped)).toEqual([1500, 1500]);
    expect(split.inputs).toEqual(one.inputs);
    expect(split.diagnostics).toEqual(one.diagnostics);
    expect(exports(split)).toEqual(exports(one));
  });

  it('declines archives, documents and non-text inputs, which the analysis reads itself', async () => {
    const part = await readPart(
      [
        { name: 'x.md', bytes: new TextEncoder().encode('# hi') },
        { name: 'y.bin', bytes: new Uint8Array([0, 0, 1, 0]) },
        { name: 'z.gz', bytes: new Uint8Array([0x1f, 0x8b, 8, 0]) },
        { name: 'w.jsonl', bytes: new TextEncoder().encode('{"ts":"2026-01-01T00:00:00Z","msg":"a"}') },
      ],
      {},
    );
    expect(part.inputs).toEqual(['w.jsonl']);
    expect(part.declined).toEqual(['x.md', 'y.bin', 'z.gz']);
    expect(part.diagnostics).toEqual([]);
  });
});
