/**
 * The real ShiViz example logs (../shared/corpus/shiviz, see its README): each
 * parsed with the regex and delimiter the README lists, giving the README's
 * execution, event and host counts, no errors, and engine vector clocks equal
 * to the clocks written in the log, entry for entry.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import type { AnalyzeOptions } from '../../src/core/analysis/analyzeOptions';
import { eventId, fieldsOf } from '../../src/core/model/execution';

const dir = fileURLToPath(new URL('../../../shared/corpus/shiviz/', import.meta.url));
const present = existsSync(dir);
if (!present) console.warn(`ShiViz corpus tests skipped: ${dir} is absent (it ships with CI and development checkouts only)`);

const R_GOVEC = String.raw`(?<host>\S*) (?<clock>{.*})\n(?<event>.*)`;
const R_DEFAULT = String.raw`(?<event>.*)\n(?<host>\S*) (?<clock>{.*})`;
const R_TS = String.raw`(?<timestamp>(\d*)) (?<event>.*)\n(?<host>\w*) (?<clock>.*)`;
const R_FB = String.raw`(?<ip>(\d{1,3}\.){3}\d{1,3}) (?<date>(\d{1,2}/){2}\d{4} (\d{2}:){2}\d{2} (AM|PM)) (?<action>(INFO|GET|POST)) (?<event>.*)\n(?<host>\w*) (?<clock>.*)`;
const R_AKKA = String.raw`\[\w+\] \[(?<date>([^ ]+ [^ ]+))\] [^ ]+ \[akka://Broadcast/user/(?<host>\w+)\] (?<clock>.*\}) (?<event>.*)`;
const R_VOLD = String.raw`\[(?<date>\d{4}-\d{2}-\d{2} (\d{2}:){2}\d{2},\d{3}) (?<path>\S*)\] (?<priority>(INFO|WARN)) (?<event>.*)\n(?<host>\S*) (?<clock>{.*})`;
const D_EXEC = '^=== (?<trace>.*) ===$';

interface Case {
  file: string;
  options: AnalyzeOptions;
  executions: number;
  events: number;
  hosts: number;
  eventsEach?: number;
}

const CASES: Case[] = [
  { file: 'simple-reliable-broadcast.log', options: { regex: R_AKKA }, executions: 1, events: 39, hosts: 3 },
  { file: 'chord.log', options: { regex: R_GOVEC }, executions: 1, events: 1235, hosts: 8 },
  { file: 'simpledb.log', options: { regex: R_DEFAULT }, executions: 1, events: 509, hosts: 5 },
  { file: 'voldemort-simple-threadnames.log', options: { regex: R_VOLD }, executions: 1, events: 863, hosts: 19 },
  { file: 'facebook-multiple.log', options: { regex: R_FB, delimiter: D_EXEC }, executions: 2, events: 88, hosts: 4 },
  { file: 'multiple-comparison.log', options: { regex: R_FB, delimiter: D_EXEC }, executions: 5, events: 40, hosts: 3, eventsEach: 8 },
  { file: 'tsviz_shared_var_4_threads.log', options: { regex: R_TS }, executions: 1, events: 5000, hosts: 4 },
  // ShiViz's upload format: regex on line 1, (empty) delimiter on line 2.
  { file: 'RpcClientServer.log', options: {}, executions: 1, events: 10, hosts: 2 },
];

describe.skipIf(!present)('ShiViz corpus', () => {
  it.each(CASES)('$file gives the README counts and its logged clocks', (c) => readsAsReadmeSays(c, c.options));

  // What a user who drops the file with no regex and no delimiter gets: the built-in readings
  // (GoVector, ShiViz's default, one record per line; `=== name ===` executions) find the same.
  it.each(CASES)('$file gives the same with no regex or delimiter given', (c) => readsAsReadmeSays(c, {}));

  // The times ShiViz's own regexes read in a `date` group are read from the event texts when no regex is
  // given: every event that has one gets the same instant either way. TSViz's leading number (nanoseconds
  // since boot) is no date: no time is made from it.
  it.each(CASES.filter((c) => /voldemort|facebook|multiple|tsviz/.test(c.file)))('$file: the times of its dated records, with no regex given', async (c) => {
    const withRegex = await analyze([{ name: c.file, bytes: readFileSync(dir + c.file) }], c.options);
    const without = await analyze([{ name: c.file, bytes: readFileSync(dir + c.file) }], c.options.delimiter ? { delimiter: c.options.delimiter } : {});
    const times = (a: typeof without) => {
      const out = new Map<string, number>();
      for (const { execution: x } of a.executions) for (let e = 0; e < x.eventCount; e++) if (!Number.isNaN(x.timeMs[e])) out.set(`${x.name} ${eventId(x, e)}`, x.timeMs[e]!);
      return out;
    };
    const want = c.file.startsWith('tsviz') ? new Map() : times(withRegex);
    const got = times(without);
    if (!c.file.startsWith('tsviz')) expect(want.size).toBeGreaterThan(c.events * 0.9);
    for (const [id, ms] of got) expect(want.get(id), id).toBe(ms);
    expect(got.size).toBe(want.size);
  });
});

async function readsAsReadmeSays(c: Case, options: AnalyzeOptions): Promise<void> {
  {
    const a = await analyze([{ name: c.file, bytes: readFileSync(dir + c.file) }], options);
    expect(a.inputs[0]!.format).toBe('shiviz');
    expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(a.executions).toHaveLength(c.executions);
    expect(a.executions.reduce((s, r) => s + r.execution.eventCount, 0)).toBe(c.events);
    expect(new Set(a.executions.flatMap((r) => r.execution.processNames)).size).toBe(c.hosts);
    if (c.eventsEach !== undefined) for (const r of a.executions) expect(r.execution.eventCount).toBe(c.eventsEach);

    let compared = 0;
    for (const { execution: x, clocks } of a.executions) {
      for (let e = 0; e < x.eventCount; e++) {
        const logged = JSON.parse(fieldsOf(x, e)['clock']!) as Record<string, number>;
        const engine: Record<string, number> = {};
        x.processNames.forEach((name, q) => {
          const v = clocks.vc.entry(e, q);
          if (v > 0) engine[name] = v;
        });
        const written = Object.fromEntries(Object.entries(logged).filter(([, v]) => v > 0));
        if (JSON.stringify(sortKeys(engine)) !== JSON.stringify(sortKeys(written))) {
          expect.fail(`${eventId(x, e)} at ${c.file}:${x.eventLine[e]}: engine ${JSON.stringify(sortKeys(engine))} ≠ log ${JSON.stringify(sortKeys(written))}`);
        }
        compared++;
      }
    }
    expect(compared).toBe(c.events);
  }
}

function sortKeys(o: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
