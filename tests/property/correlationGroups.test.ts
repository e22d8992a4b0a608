/**
 * Correlation groups are exactly the shared values: on random executions
 * whose texts and fields carry ids from a known pool (UUIDs in either case,
 * request ids, block ids, request_id fields, words that are no ids), every
 * value on two or more processes and at most the cap of events is one group
 * with exactly its events and processes, in the documented order, and no
 * other group exists.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findCorrelations, MAX_SHARE, MIN_CAP } from '../../src/core/correlate/correlationGroups';
import { BUILTIN_SOURCES } from '../../src/core/correlate/correlationTokens';
import { ExecutionBuilder } from '../../src/core/model/executionBuilder';
import type { Execution } from '../../src/core/model/execution';

const hex = (n: number, len: number) => (n >>> 0).toString(16).padStart(8, '0').repeat(4).slice(0, len);
const POOL = [
  ...Array.from({ length: 6 }, (_, i) => {
    const h = hex(0x9e3779b1 * (i + 1), 32);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  }),
  ...Array.from({ length: 3 }, (_, i) => `req-${hex(0x85ebca6b * (i + 3), 8)}-aaaa-bbbb-cccc-${hex(i + 11, 12)}`),
  'blk_-4411', 'blk_90210', 'blk_7',
];
const FIELD_POOL = ['rq-alpha', 'rq-beta', 'rq-gamma'];
const WORDS = ['starting', 'done', 'block', 'req', 'id', 'of', '1234', 'x-y'];

const eventArb = fc.record({
  proc: fc.nat(4),
  words: fc.array(fc.nat(WORDS.length - 1), { maxLength: 4 }),
  tokens: fc.array(fc.record({ at: fc.nat(POOL.length - 1), upper: fc.boolean() }), { maxLength: 3 }),
  field: fc.option(fc.nat(FIELD_POOL.length - 1), { nil: undefined }),
});

describe('correlation groups', () => {
  it('are exactly the values shared by two or more processes, up to the cap', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 120 }), (evs) => {
        const b = new ExecutionBuilder('p');
        const procs = Array.from({ length: 5 }, (_, p) => b.process(`svc-${p}`));
        // Added in process order, so the built event index is the added order.
        const sorted = [...evs].sort((p, q) => p.proc - q.proc);
        const valuesOf: Set<string>[] = [];
        sorted.forEach((ev, i) => {
          const parts = ev.words.map((w) => WORDS[w]!);
          const values = new Set<string>();
          for (const t of ev.tokens) {
            const v = POOL[t.at]!;
            parts.push(t.upper && !v.startsWith('blk_') ? v.toUpperCase().replace('REQ-', 'req-') : v);
            values.add(v);
          }
          const fields: [string, string][] = [];
          if (ev.field !== undefined) {
            fields.push(['request_id', FIELD_POOL[ev.field]!]);
            values.add(FIELD_POOL[ev.field]!);
          }
          valuesOf.push(values);
          b.addEvent(procs[ev.proc]!, { text: parts.join(' '), input: `svc-${ev.proc}.log`, line: i + 1, fields });
        });
        const x = b.build();
        const want = referenceGroups(x, valuesOf);
        const got = findCorrelations(x).map((c) => ({ key: c.key, events: c.events, processes: c.processes }));
        expect(got).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });

  // The built-in ids of a text as one regex over it alone finds them (block ids keep their case).
  const REFERENCE = new RegExp(
    `(?<![0-9A-Za-z_])(?:(${BUILTIN_SOURCES[0]})|(${BUILTIN_SOURCES[1]})|(${BUILTIN_SOURCES[2]})|(${BUILTIN_SOURCES[3]}))(?![0-9A-Za-z_])`,
    'g',
  );
  const idsOf = (text: string) => [...text.matchAll(REFERENCE)].map((m) => (m[2] !== undefined ? m[0] : m[0].toLowerCase()));

  // collectOccurrences reads each text in place in its chunk of 256 texts, through one scanner whose
  // searches run on past the text: over several chunks, with ids (and halves of ids) at the texts'
  // edges, each text must give the ids a regex over that text alone gives.
  it('read from chunks of texts, are the ids a regex over each text alone finds', () => {
    const piece = fc.oneof(
      fc.constantFrom(...POOL),
      fc.constantFrom(...POOL).map((v) => (v.startsWith('blk_') ? v : v.toUpperCase().replace('REQ-', 'req-'))),
      fc.constantFrom(...POOL).map((v) => v.slice(0, 5)),
      fc.constantFrom(...POOL).map((v) => v.slice(5)),
      fc.constantFrom(' ', '-', '_', '=', 'req-', 'blk_', 'q-', 'k_', 'é', '日本', 'x', 'deadbeef', '0123456789abcdef'),
    );
    fc.assert(
      fc.property(fc.array(fc.array(piece, { maxLength: 4 }).map((p) => p.join('')), { minLength: 257, maxLength: 700 }), (texts) => {
        const b = new ExecutionBuilder('p');
        const procs = Array.from({ length: 3 }, (_, p) => b.process(`svc-${p}`));
        // Process p gets a third of the texts, in order, so the built event index is the text's index.
        const third = Math.ceil(texts.length / 3);
        texts.forEach((text, i) => b.addEvent(procs[Math.floor(i / third)]!, { text, input: 'a.log', line: i + 1 }));
        const x = b.build();
        const want = referenceGroups(x, texts.map((t) => new Set(idsOf(t))));
        expect(findCorrelations(x).map((c) => ({ key: c.key, events: c.events, processes: c.processes }))).toEqual(want);
      }),
      { numRuns: 40 },
    );
  });

  // A field not named as an id is read as text is: a value with a block id, however short, or a
  // longer id among other words is found; a short value without one is not scanned.
  it('in fields not named as ids, are the ids a regex over each value finds', () => {
    const piece = fc.oneof(
      fc.constantFrom(...POOL),
      fc.constantFrom(...POOL).map((v) => v.slice(0, 5)),
      fc.constantFrom(...POOL).map((v) => v.slice(5)),
      fc.constantFrom(' ', '-', '_', 'blk_', 'k_', 'x', 'deadbeef', 'm00000006', '0123456789abcdef'),
    );
    const value = fc.array(piece, { maxLength: 3 }).map((p) => p.join(''));
    fc.assert(
      fc.property(fc.array(fc.record({ proc: fc.nat(2), text: value, note: value }), { maxLength: 300 }), (evs) => {
        const b = new ExecutionBuilder('p');
        const procs = Array.from({ length: 3 }, (_, p) => b.process(`svc-${p}`));
        const sorted = [...evs].sort((p, q) => p.proc - q.proc);
        sorted.forEach((ev, i) => b.addEvent(procs[ev.proc]!, { text: ev.text, input: 'a.log', line: i + 1, fields: ev.note ? [['note', ev.note]] : [] }));
        const x = b.build();
        const want = referenceGroups(x, sorted.map((ev) => new Set([...idsOf(ev.text), ...idsOf(ev.note)])));
        expect(findCorrelations(x).map((c) => ({ key: c.key, events: c.events, processes: c.processes }))).toEqual(want);
      }),
      { numRuns: 200 },
    );
  });
});

/**
 * The groups as their definition gives them: per value, the events it is on
 * (ascending) and their processes, kept where it spans two processes and is
 * not too common; widest first, then by key.
 */
function referenceGroups(x: Execution, valuesOf: readonly Iterable<string>[]): { key: string; events: number[]; processes: number[] }[] {
  const cap = Math.max(MIN_CAP, Math.floor(x.eventCount * MAX_SHARE));
  const expected = new Map<string, { events: number[]; processes: number[] }>();
  valuesOf.forEach((vs, e) => {
    for (const v of vs) {
      const g = expected.get(v) ?? { events: [], processes: [] };
      g.events.push(e);
      const p = x.eventProc[e]!;
      if (!g.processes.includes(p)) g.processes.push(p);
      expected.set(v, g);
    }
  });
  return [...expected]
    .filter(([, g]) => g.processes.length >= 2 && g.events.length <= cap)
    .map(([key, g]) => ({ key, events: g.events, processes: g.processes.sort((p, q) => p - q) }))
    .sort((p, q) => q.processes.length - p.processes.length || (p.key < q.key ? -1 : p.key > q.key ? 1 : 0));
}
