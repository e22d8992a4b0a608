import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guessShivizRegex } from '../../src/core/input/shiviz/regexGuess';

/**
 * Random vector-clock logs in random invented layouts: the host before or
 * after its clock, bare, bracketed, quoted or keyed; fields separated by
 * blanks, pipes or semicolons; with or without a leading date and a level;
 * one line per record or an event line and a clock line. The guess must read
 * every record, and each with its own host.
 */
const HOSTS = ['alpha', 'beta', 'gamma', 'node-7', 'svc_a', 'db.main'];
const WORDS = ['put', 'get', 'ack', 'sync', 'k1', 'retry', 'done', 'x=3', 'ok'];

interface Layout {
  hostFirst: boolean;
  wrap: [string, string];
  sep: string;
  date: 'none' | 'iso' | 'us';
  level: boolean;
  twoLine: 'no' | 'clockFirst' | 'eventFirst';
}

const layout = fc.record<Layout>({
  hostFirst: fc.boolean(),
  wrap: fc.constantFrom<[string, string]>(['', ''], ['[', ']'], ['<', '>'], ['host=', ''], ['"', '"'], ['(', ')']),
  sep: fc.constantFrom(' ', ' | ', '; ', '\t'),
  date: fc.constantFrom('none', 'iso', 'us'),
  level: fc.boolean(),
  twoLine: fc.constantFrom('no', 'clockFirst', 'eventFirst'),
});

/** A run: each step a host's local event, or a receive of another host's clock. */
const run = fc.record({
  hosts: fc.uniqueArray(fc.constantFrom(...HOSTS), { minLength: 2, maxLength: 4 }),
  steps: fc.array(fc.tuple(fc.nat(), fc.option(fc.nat(), { nil: undefined }), fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 })), { minLength: 3, maxLength: 25 }),
});

function write(l: Layout, r: { hosts: string[]; steps: [number, number | undefined, string[]][] }): { text: string; records: number } {
  const clocks = new Map(r.hosts.map((h) => [h, new Map<string, number>()]));
  const lines: string[] = [];
  r.steps.forEach(([who, from, words], i) => {
    const host = r.hosts[who % r.hosts.length]!;
    const mine = clocks.get(host)!;
    if (from !== undefined) for (const [k, v] of clocks.get(r.hosts[from % r.hosts.length]!)!) mine.set(k, Math.max(mine.get(k) ?? 0, v));
    mine.set(host, (mine.get(host) ?? 0) + 1);
    const clock = JSON.stringify(Object.fromEntries(mine));
    const name = `${l.wrap[0]}${host}${l.wrap[1]}`;
    const sec = String(i % 60).padStart(2, '0');
    const date = l.date === 'iso' ? `2026-03-14T09:00:${sec}.123Z` : l.date === 'us' ? `3/14/2026 09:00:${sec}` : '';
    const head = [date, l.level ? (i % 2 ? 'INFO' : 'DEBUG') : ''].filter((s) => s !== '');
    const event = words.join(' ');
    const pair = l.hostFirst ? [name, clock] : [clock, name];
    if (l.twoLine === 'no') lines.push([...head, ...pair, event].join(l.sep));
    else {
      const clockLine = [...head, ...pair].join(l.sep);
      lines.push(...(l.twoLine === 'clockFirst' ? [clockLine, event] : [event, clockLine]));
    }
  });
  return { text: lines.join('\n'), records: r.steps.length };
}

describe('guessShivizRegex on random layouts', () => {
  it('reads every record of the head with its own host', () => {
    fc.assert(
      fc.property(layout, run, (l, r) => {
        const { text, records } = write(l, r);
        const guess = guessShivizRegex(text);
        expect(guess, text).not.toBeNull();
        expect(guess!.count, `${guess!.regex}\n${text}`).toMatchObject({ records, valid: records, stray: 0 });
      }),
      { numRuns: 300 },
    );
  });

  it('never offers a regex for text without clocks that count a named host', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...HOSTS), fc.constantFrom(...WORDS), fc.nat(500)), { minLength: 1, maxLength: 20 }), (rows) => {
        // JSON of counts, but keyed by field names, never by the host the line names.
        const text = rows.map(([h, w, n]) => `${h} ${w} {"status":${n}, "bytes":${n * 2}}`).join('\n');
        expect(guessShivizRegex(text)).toBeNull();
      }),
    );
  });
});
