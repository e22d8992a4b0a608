/**
 * The format corpus (tests/fixtures/formats, see its README): 73 real-world
 * line layouts we wrote from their public documentation, each read through
 * `analyze` as a user's file would be. Every line is checked against the
 * hand-written `<name>.expect.json` beside it: an event's time (whole
 * milliseconds and the nanoseconds inside them, as written) and its process;
 * a continuation line is no event and its text went to the record before it;
 * a skipped line is no event and has a diagnostic. All mismatches of a
 * fixture are reported together, each naming the fixture, the line, and
 * expected against got.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import { formatIso } from '../../src/core/model/eventTime';
import { textOf } from '../../src/core/model/execution';

interface ExpectedEvent {
  line: number;
  /** UTC, with the fraction as written; null for a line that writes no time. */
  time: string | null;
  source: string;
}

interface Expected {
  format: string;
  events: ExpectedEvent[];
  continuationLines: number[];
  skippedLines: number[];
  headerLines?: number[];
}

interface GotEvent {
  process: string;
  ms: number;
  ns: number;
  text: string;
}

const dir = fileURLToPath(new URL('../fixtures/formats/', import.meta.url));
const FIXTURES = readdirSync(dir)
  .filter((f) => !f.endsWith('.expect.json') && f !== 'README.md')
  .sort();

/** "2026-03-14T09:26:53.123456789Z" → whole ms since the epoch and ns inside the ms. */
function instantOf(iso: string): { ms: number; ns: number } {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/.exec(iso);
  if (!m) throw new Error(`bad expected time ${iso}`);
  const frac = (m[2] ?? '').padEnd(9, '0');
  return { ms: Date.parse(`${m[1]}Z`) + Number(frac.slice(0, 3)), ns: Number(frac.slice(3)) };
}

function shownTime(ms: number, ns: number): string {
  return Number.isNaN(ms) ? 'no time' : formatIso(ms, ns, 9);
}

/** A piece of a continuation line its record's text must hold: its end, without the quotes a CSV field closes with. */
function tailOf(line: string): string {
  const core = line.trim().replace(/^"+|"+$/g, '');
  return core.slice(-16);
}

describe('format corpus (tests/fixtures/formats)', () => {
  it('has at least 40 layouts, each with its expectation', () => {
    expect(FIXTURES.length).toBeGreaterThanOrEqual(40);
    for (const f of FIXTURES) expect(readdirSync(dir)).toContain(`${f.replace(/\.[^.]+$/, '')}.expect.json`);
  });

  it.each(FIXTURES)('%s: every line has its time and source', async (file) => {
    const bytes = readFileSync(dir + file);
    const want = JSON.parse(readFileSync(`${dir}${file.replace(/\.[^.]+$/, '')}.expect.json`, 'utf8')) as Expected;
    const lines = bytes.toString('utf8').split('\n');
    if (lines[lines.length - 1] === '') lines.pop();

    const role = new Map<number, string>();
    for (const e of want.events) role.set(e.line, 'event');
    for (const n of want.continuationLines) role.set(n, 'continuation');
    for (const n of want.skippedLines) role.set(n, 'skipped');
    for (const n of want.headerLines ?? []) role.set(n, 'header');
    // The expectation itself must account for every line of the fixture.
    expect([...role.keys()].sort((a, b) => a - b)).toEqual(lines.map((_, i) => i + 1));

    const a = await analyze([{ name: file, bytes }]);
    const got = new Map<number, GotEvent>();
    const problems: string[] = [];
    for (const { execution: x } of a.executions) {
      for (let e = 0; e < x.eventCount; e++) {
        if (x.inputs[x.eventInput[e]!] !== file) continue;
        const line = x.eventLine[e]!;
        if (got.has(line)) problems.push(`line ${line}: read as two events`);
        got.set(line, { process: x.processNames[x.eventProc[e]!]!, ms: x.timeMs[e]!, ns: x.timeNs[e]!, text: textOf(x, e) });
      }
    }
    const diagnosed = new Set(a.diagnostics.filter((d) => d.input === file && d.line > 0).map((d) => d.line));
    const eventLines = [...got.keys()].sort((p, q) => p - q);
    const recordBefore = (n: number) => {
      let best = -1;
      for (const l of eventLines) if (l < n) best = l;
      return best < 0 ? undefined : got.get(best);
    };

    for (const w of want.events) {
      const g = got.get(w.line);
      const where = `line ${w.line} (${lines[w.line - 1]!.slice(0, 60)})`;
      if (!g) {
        problems.push(`${where}: expected an event at ${w.time ?? 'no time'} from ${w.source}, got ${diagnosed.has(w.line) ? 'a skipped line' : 'no event'}`);
        continue;
      }
      if (w.time === null) {
        if (!Number.isNaN(g.ms)) problems.push(`${where}: expected no time, got ${shownTime(g.ms, g.ns)}`);
      } else {
        const t = instantOf(w.time);
        if (g.ms !== t.ms || g.ns !== t.ns) problems.push(`${where}: expected time ${w.time}, got ${shownTime(g.ms, g.ns)}`);
      }
      if (g.process !== w.source) problems.push(`${where}: expected source ${w.source}, got ${g.process}`);
    }
    for (const n of want.continuationLines) {
      const text = lines[n - 1]!;
      if (got.has(n)) {
        problems.push(`line ${n} (${text.slice(0, 60)}): expected a continuation of the record before, got an event at ${shownTime(got.get(n)!.ms, got.get(n)!.ns)} from ${got.get(n)!.process}`);
        continue;
      }
      const record = recordBefore(n);
      if (!record || !record.text.includes(tailOf(text))) {
        problems.push(`line ${n} (${text.slice(0, 60)}): expected a continuation of the record before, got ${diagnosed.has(n) ? 'a skipped line' : 'a line not in that record'}`);
      }
    }
    for (const n of want.skippedLines) {
      const text = lines[n - 1]!.slice(0, 60);
      if (got.has(n)) problems.push(`line ${n} (${text}): expected a skipped line, got an event at ${shownTime(got.get(n)!.ms, got.get(n)!.ns)} from ${got.get(n)!.process}`);
      else if (!diagnosed.has(n)) problems.push(`line ${n} (${text}): expected a skipped line with a diagnostic, got none`);
    }
    for (const n of want.headerLines ?? []) {
      if (got.has(n)) problems.push(`line ${n}: expected the header row, got an event`);
    }
    for (const l of eventLines) {
      if (!role.has(l)) problems.push(`line ${l}: an event on a line the fixture does not have`);
    }

    if (problems.length > 0) {
      const shown = problems.slice(0, 12).map((p) => `  ${file} ${p}`);
      if (problems.length > 12) shown.push(`  … and ${problems.length - 12} more`);
      expect.fail(`${file} (${want.format}): ${problems.length} line${problems.length === 1 ? '' : 's'} read wrong\n${shown.join('\n')}`);
    }
  });
});
