import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import { textsOf, type Execution } from '../../src/core/model/execution';

// N sources × M lines interleaved in one file, in each way tools and loggers write a line's source:
// the file is split into exactly the N sources with every line on its own, and the same incident
// written as one file per source reads as the same processes with the same events.

const enc = (s: string) => new TextEncoder().encode(s);

type Shape = 'kubectl' | 'stern' | 'sternBracket' | 'compose' | 'file' | 'sections' | 'field' | 'columnAfter' | 'columnBefore';
const SHAPES: readonly Shape[] = ['kubectl', 'stern', 'sternBracket', 'compose', 'file', 'sections', 'field', 'columnAfter', 'columnBefore'];

interface Source {
  /** The name each shape writes (a pod, service, host or file), and the container for pod shapes. */
  name: string;
  container: string;
}

/** The process a source's lines belong to. */
function laneOf(shape: Shape, s: Source): string {
  return shape === 'kubectl' || shape === 'stern' || shape === 'sternBracket' ? `${s.name}/${s.container}` : s.name;
}

function stamp(ms: number): string {
  const d = new Date(Date.UTC(2026, 2, 14, 9, 0, 0) + ms);
  return d.toISOString();
}

/** One line of source s at time ms with message m (the section headers of 'sections' are added around runs). */
function lineOf(shape: Shape, s: Source, ms: number, m: string): string {
  const t = stamp(ms);
  switch (shape) {
    case 'kubectl':
      return `[pod/${s.name}/${s.container}] ${t} ${m}`;
    case 'stern':
      return `${s.name} ${s.container} ${t} ${m}`;
    case 'sternBracket':
      return `[${s.name}/${s.container}] ${t} ${m}`;
    case 'compose':
      return `${s.name.padEnd(12)} | ${t} ${m}`;
    case 'file':
      return `${s.name}.log:${t} ${m}`;
    case 'sections':
      return `${t} ${m}`;
    case 'field':
      return `${t} INFO svc=${s.name} host=node-${s.container.length} ${m}`;
    case 'columnAfter':
      return `${t} ${s.name} ${m}`;
    case 'columnBefore':
      return `${s.name} ${t} ${m}`;
  }
}

/** The lines of one input holding the (source index, time, message) records in order. */
function inputOf(shape: Shape, sources: readonly Source[], records: readonly [number, number, string][]): string {
  const out: string[] = [];
  let current = -1;
  for (const [i, ms, m] of records) {
    if (shape === 'sections' && i !== current) {
      if (out.length > 0) out.push('');
      out.push(`==> ${sources[i]!.name}.log <==`);
    }
    current = i;
    out.push(lineOf(shape, sources[i]!, ms, m));
  }
  return `${out.join('\n')}\n`;
}

/** Per process, its events as [time, text] in program order. */
function eventsByProcess(executions: readonly { execution: Execution }[]): Map<string, [number, string][]> {
  const out = new Map<string, [number, string][]>();
  for (const { execution: x } of executions) {
    const texts = textsOf(x);
    for (let e = 0; e < x.eventCount; e++) {
      const p = x.processNames[x.eventProc[e]!]!;
      let list = out.get(p);
      if (!list) out.set(p, (list = []));
      list.push([x.timeMs[e]!, texts[e]!]);
    }
  }
  return out;
}

const hostNameArb = fc
  .tuple(fc.constantFrom('node', 'dn', 'web', 'db', 'cn', 'api', 'kafka', 'R02-M1-N'), fc.constantFrom('', '-'), fc.integer({ min: 0, max: 999 }))
  .map(([w, sep, n]) => `${w}${sep}${n}`);
const podArb = fc
  .tuple(fc.constantFrom('web', 'api', 'ledger', 'billing'), fc.stringMatching(/^[a-z0-9]{4,6}$/), fc.stringMatching(/^[a-z0-9]{5}$/))
  .map(([w, rs, id]) => `${w}-${rs}1-${id}`);

const caseArb = fc.constantFrom(...SHAPES).chain((shape) =>
  fc
    .uniqueArray(shape === 'kubectl' || shape === 'stern' || shape === 'sternBracket' ? podArb : hostNameArb, { minLength: 2, maxLength: 6 })
    .chain((names) =>
      fc.record({
        shape: fc.constant(shape),
        sources: fc.tuple(...names.map((name) => fc.constantFrom('app', 'nginx', 'sidecar').map((container): Source => ({ name, container })))),
        // Lines per source beyond its first; the first lines come first (every source speaks early), the rest interleave.
        counts: fc.tuple(...names.map(() => fc.integer({ min: 3, max: 8 }))),
        seed: fc.array(fc.nat(), { minLength: 64, maxLength: 64 }),
        words: fc.array(fc.constantFrom('started', 'GET /pay', 'charged card', 'retrying', 'done', 'ok', 'queue drained'), { minLength: 8, maxLength: 8 }),
      }),
    ),
);

describe('text-log sources (property)', () => {
  it('splits interleaved sources exactly, as one file per source reads', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ shape, sources, counts, seed, words }) => {
        // Interleave: each source's first line, then a seeded merge of the rest.
        const left = counts.slice();
        const order: number[] = sources.map((_, i) => i);
        let k = 0;
        while (left.some((c) => c > 0)) {
          const open = left.map((c, i) => (c > 0 ? i : -1)).filter((i) => i >= 0);
          const i = open[seed[k++ % seed.length]! % open.length]!;
          left[i]!--;
          order.push(i);
        }
        const seen = sources.map(() => 0);
        const records: [number, number, string][] = order.map((i, j) => [i, j * 37 + 1, `${words[(i + seen[i]!) % words.length]} ${seen[i]!++}`]);
        const merged = await analyze([{ name: 'merged.log', bytes: enc(inputOf(shape, sources, records)) }]);
        const split = await analyze(
          sources.map((s, i) => ({ name: `${s.name}.log`, bytes: enc(inputOf(shape, sources, records.filter((r) => r[0] === i))) })),
        );
        const lanes = sources.map((s) => laneOf(shape, s)).sort();
        const got = eventsByProcess(merged.executions);
        expect([...got.keys()].sort()).toEqual(lanes);
        // Every line on its source, in order, with its time.
        sources.forEach((s, i) => {
          const mine = records.filter((r) => r[0] === i);
          const events = got.get(laneOf(shape, s))!;
          expect(events.map(([t]) => t)).toEqual(mine.map(([, ms]) => Date.UTC(2026, 2, 14, 9, 0, 0) + ms));
          events.forEach(([, text], j) => expect(text.endsWith(mine[j]![2])).toBe(true));
        });
        expect(merged.inputs[0]!.reading.sources).toBe(sources.length);
        expect(eventsByProcess(split.executions)).toEqual(got);
      }),
      { numRuns: 150 },
    );
  });

  it('never splits by a level, a numeric thread id or a [thread] column', async () => {
    const columnArb = fc.constantFrom(
      ['INFO', 'WARN', 'ERROR', 'DEBUG'],
      ['148', '222', '35', '19'],
      ['[main]', '[pool-1-thread-2]', '[io-3]', '[scheduler-1]'],
      ['I', 'W', 'E', 'D'],
    );
    await fc.assert(
      fc.asyncProperty(columnArb, fc.array(fc.nat({ max: 3 }), { minLength: 8, maxLength: 40 }), fc.boolean(), async (values, picks, before) => {
        const lines = picks.map((v, j) => (before ? `${values[v]} ${stamp(j * 10)} did ${j}` : `${stamp(j * 10)} ${values[v]} did ${j}`));
        const a = await analyze([{ name: 'one.log', bytes: enc(lines.join('\n')) }]);
        expect(a.executions).toHaveLength(1);
        expect(a.executions[0]!.execution.processNames).toEqual(['one']);
        expect(a.executions[0]!.execution.eventCount).toBe(lines.length);
      }),
      { numRuns: 100 },
    );
  });
});
