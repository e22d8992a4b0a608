import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FINDINGS_EXIT } from '../../src/cli/cliArgs';
import { readInputs } from '../../src/cli/readInputs';
import { runCli } from '../../src/cli/runCli';
import { analyze } from '../../src/core/analysis/analyze';
import { groupFindings } from '../../src/core/findings/groupFindings';
import { wordsReport } from '../../src/core/report/wordsReport';

class Capture extends Writable {
  text = '';
  constructor(readonly isTTY = false) {
    super();
  }
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function cli(argv: string[], tty = false): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture(tty);
  const stderr = new Capture();
  const code = await runCli(argv, { stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const SAMPLES = join(__dirname, '..', '..', 'sample-logs');
const critical = join(SAMPLES, 'double-transfer');
/** A lost acknowledgement (warning) and a retry the server deduplicated (info). */
const warningAndInfo = join(SAMPLES, 'lost-ack');

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'causeway-words-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A file:line the report names must be a line of that file that exists. */
async function lineAt(ref: string): Promise<string> {
  const m = /^(.*):(\d+)$/.exec(ref)!;
  const [, file, line] = m;
  const root = file!.startsWith('double-transfer') || file!.startsWith('lost-ack') ? SAMPLES : dir;
  const text = await readFile(join(root, file!), 'utf8');
  return text.split('\n')[Number(line) - 1]!;
}

describe('causeway analyze (the words report, the default)', () => {
  it('tells an incident with one finding of each severity, most severe first, with events as file:line', async () => {
    const r = await cli(['analyze', critical, warningAndInfo]);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    const tags = lines.map((l) => /^\s+(CRITICAL|WARNING|INFO)\s/.exec(l)?.[1]).filter(Boolean);
    expect(tags).toEqual(['CRITICAL', 'WARNING', 'INFO']);
    expect(r.stdout).toMatch(/^Findings \(1 critical, 1 warning, 1 info\)$/m);
    const critLine = lines.findIndex((l) => l.includes('CRITICAL'));
    expect(lines[critLine]).toContain('request_id=tr-3f9a1c');
    // The line under a finding names its events; each is the line of the log that shows it.
    const refs = lines[critLine + 1]!.trim().split(', ').map((s) => s.replace(/ \+\d+ more$/, ''));
    expect(refs.length).toBeGreaterThan(1);
    for (const ref of refs) expect(await lineAt(ref)).toContain('tr-3f9a1c');
    const warn = lines.findIndex((l) => l.includes('WARNING'));
    expect(lines[warn]).toContain('sw-0600-ack');
    expect(await lineAt(lines[warn + 1]!.trim())).toContain('sw-0600-ack');
    // Inputs and totals.
    expect(r.stdout).toMatch(/double-transfer\/ledger\.jsonl\s+jsonl · 14 events · 100 % timed/);
    expect(r.stdout).toMatch(/3 findings from 3 anomalies/);
    expect(r.stdout).not.toContain('{');
  });

  it('--fail-on makes the exit status say whether a finding that severe exists', async () => {
    expect((await cli(['analyze', warningAndInfo])).code).toBe(0);
    const warn = await cli(['analyze', '--fail-on', 'warning', warningAndInfo]);
    expect(warn.code).toBe(FINDINGS_EXIT);
    expect(warn.stderr).toContain('1 finding of severity warning or critical');
    expect((await cli(['analyze', '--fail-on', 'critical', warningAndInfo])).code).toBe(0);
    expect((await cli(['analyze', '--fail-on', 'critical', critical])).code).toBe(FINDINGS_EXIT);
    // The exit status is the same whatever is written.
    expect((await cli(['analyze', '--format', 'json', '--fail-on', 'critical', critical])).code).toBe(FINDINGS_EXIT);
    const bad = await cli(['analyze', '--fail-on', 'info', critical]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--fail-on must be warning or critical/);
  });

  it('colours only a terminal, and never when NO_COLOR is set', async () => {
    expect((await cli(['analyze', critical])).stdout).not.toContain('\u001b[');
    expect((await cli(['analyze', critical], true)).stdout).toContain('\u001b[31mCRITICAL');
    process.env['NO_COLOR'] = '1';
    try {
      expect((await cli(['analyze', critical], true)).stdout).not.toContain('\u001b[');
    } finally {
      delete process.env['NO_COLOR'];
    }
  });

  it('stays within about 100 lines for 300 inputs and 300 findings, and counts what it left out', async () => {
    const many = join(dir, 'many');
    await mkdir(many, { recursive: true });
    const sink: string[] = [];
    for (let i = 0; i < 300; i++) {
      // Each host's clock is 2 s + i ms ahead of the sink's: its message looks received before it was sent.
      const sent = Date.UTC(2026, 2, 14, 9, 0, 10) + i * 10;
      await writeFile(
        join(many, `host-${String(i).padStart(3, '0')}.jsonl`),
        `${JSON.stringify({ ts: new Date(sent + 2000 + i).toISOString(), host: `h${i}`, msg: 'sent job', msg_id: `j-${i}`, dir: 'send', to: 'sink' })}\n`,
      );
      sink.push(JSON.stringify({ ts: new Date(sent + 5).toISOString(), host: 'sink', msg: 'got job', msg_id: `j-${i}`, dir: 'recv', from: `h${i}` }));
    }
    await writeFile(join(many, 'sink.jsonl'), `${sink.join('\n')}\n`);
    const r = await cli(['analyze', many]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(105);
    expect(r.stdout).toMatch(/^Findings \(300 warnings\)$/m);
    expect(r.stdout).toMatch(/… and \d+ more findings/);
    expect(r.stdout).toMatch(/… and \d+ more inputs/);
    expect(r.stdout).toMatch(/… and \d+ more domains/);
  });

  it('shows control and bidirectional characters in names visibly', async () => {
    const odd = join(dir, 'odd');
    await mkdir(odd, { recursive: true });
    const name = 'gnp\u202e.exe';
    await writeFile(join(odd, 'a.jsonl'), [
      JSON.stringify({ ts: '2026-03-14T09:00:01.000Z', host: name, msg: 'sent', msg_id: 'x-1', dir: 'send', to: 'b' }),
    ].join('\n'));
    await writeFile(join(odd, 'b.jsonl'), JSON.stringify({ ts: '2026-03-14T09:00:00.000Z', host: 'b', msg: 'got', msg_id: 'x-1', dir: 'recv', from: name }));
    const r = await cli(['analyze', odd]);
    expect(r.stdout).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(r.stdout).toContain('gnp⟨U+202E⟩.exe');
  });
});

describe('groupFindings', () => {
  it('says when messages bound a clock in ways that contradict each other, and when nothing bounds it', async () => {
    const line = (host: string, ms: number, msg: string, id: string, dir: string, peer: string) =>
      JSON.stringify({ ts: `2026-03-14T09:00:00.${String(ms).padStart(3, '0')}Z`, host, msg, msg_id: id, dir, [dir === 'send' ? 'to' : 'from']: peer });
    // a → b received 10 ms "before" it was sent, b → a received 7 ms after: off(b) − off(a) ≤ −10 and ≥ −7 at once.
    const contra = join(dir, 'contradict');
    await mkdir(contra, { recursive: true });
    await writeFile(join(contra, 'a.jsonl'), [line('a', 100, 'ask', 'm-1', 'send', 'b'), line('a', 102, 'answer', 'm-2', 'recv', 'b')].join('\n'));
    await writeFile(join(contra, 'b.jsonl'), [line('b', 90, 'asked', 'm-1', 'recv', 'a'), line('b', 95, 'reply', 'm-2', 'send', 'a')].join('\n'));
    const r = await cli(['analyze', contra]);
    expect(r.stdout).toMatch(/^ {2}b from a: no single offset: its messages bound it in ways that contradict each other/m);
    expect(r.stdout).not.toMatch(/not bounded by any message/);
    // The same logs with one direction only: b is bounded from above alone.
    const oneWay = join(dir, 'one-way');
    await mkdir(oneWay, { recursive: true });
    await writeFile(join(oneWay, 'a.jsonl'), line('a', 100, 'ask', 'm-1', 'send', 'b'));
    await writeFile(join(oneWay, 'b.jsonl'), line('b', 90, 'asked', 'm-1', 'recv', 'a'));
    expect((await cli(['analyze', oneWay])).stdout).toMatch(/^ {2}b from a: .*at most −10 ms/m);
    // Beside them, a pair of hosts whose one message does not contradict: solved apart, bounded by that message.
    await writeFile(join(contra, 'c.jsonl'), line('c', 100, 'ask', 'm-3', 'send', 'd'));
    await writeFile(join(contra, 'd.jsonl'), line('d', 150, 'asked', 'm-3', 'recv', 'c'));
    const both = (await cli(['analyze', contra])).stdout;
    expect(both).toMatch(/^ {2}b from a: no single offset: its messages bound it in ways that contradict each other/m);
    expect(both).toMatch(/^ {2}d from c: about 0 ms, at most \+50 ms/m);
    expect(both).not.toMatch(/^ {2}[cd] from [cd]: .*contradict/m);
    // Two hosts no message joins: not bounded.
    const apart = join(dir, 'apart');
    await mkdir(apart, { recursive: true });
    await writeFile(join(apart, 'a.jsonl'), line('a', 100, 'ask', 'm-1', 'send', 'c'));
    await writeFile(join(apart, 'b.jsonl'), line('b', 90, 'asked', 'm-9', 'recv', 'd'));
    expect((await cli(['analyze', apart])).stdout).not.toMatch(/contradict/);
  });

  it('names the execution of each clock row when a log holds several with the same hosts', async () => {
    const execution = (n: number, sent: string, received: string) =>
      [`=== Execution #${n} ===`, `2026-03-14T09:00:0${sent}Z ask`, 'a {"a":1}', `2026-03-14T09:00:0${received}Z asked`, 'b {"a":1, "b":1}'].join('\n');
    const file = join(dir, 'two-executions.log');
    await writeFile(file, `${execution(1, '0.100', '0.090')}\n\n${execution(2, '1.100', '1.120')}\n`);
    const out = (await cli(['analyze', file])).stdout;
    expect(out).toMatch(/^ {2}\[Execution #1\] b from a: about −10 ms, at most −10 ms$/m);
    expect(out).toMatch(/^ {2}\[Execution #2\] b from a: about 0 ms, at most \+20 ms$/m);
    // One execution: its rows need no name.
    const one = join(dir, 'one-execution.log');
    await writeFile(one, `${execution(1, '0.100', '0.090')}\n`);
    expect((await cli(['analyze', one])).stdout).toMatch(/^ {2}b from a: about −10 ms/m);
  });

  it('makes every backwards message between two clock domains one finding, with the offset the solver gives', async () => {
    const a = await analyze((await readInputs([join(SAMPLES, 'clock-skew-trades')])).inputs);
    const r = a.executions[0]!;
    expect(r.anomalies.filter((x) => x.kind === 'clock-skew')).toHaveLength(6);
    const fs = groupFindings(r);
    expect(fs).toHaveLength(1);
    expect(fs[0]).toMatchObject({ id: 'finding-1', kind: 'clock-skew', severity: 'warning', anomalies: [0, 1, 2, 3, 4, 5] });
    expect(fs[0]!.summary).toMatch(/^trade-b's clock is at least 49\.8 ms behind trade-a's: 6 messages are stamped received before they were sent; estimated offset of trade-b from trade-a: −50(\.\d)? ms \(between −50\.3 ms and −49\.8 ms\)$/);
    expect(fs[0]!.events).toEqual([...new Set(r.anomalies.flatMap((x) => x.events))].sort((p, q) => p - q));
  });

  it('orders findings most severe first and keeps a retry and a lost message apart', async () => {
    const a = await analyze((await readInputs([critical, warningAndInfo])).inputs);
    const fs = a.executions.flatMap((r) => groupFindings(r));
    expect(fs.map((f) => `${f.severity} ${f.kind}`).sort()).toEqual(['critical non-idempotent-retry', 'info idempotent-retry', 'warning unmatched-send']);
    for (const r of a.executions) {
      const sev = groupFindings(r).map((f) => f.severity);
      expect(sev).toEqual([...sev].sort((p, q) => ['critical', 'warning', 'info'].indexOf(p) - ['critical', 'warning', 'info'].indexOf(q)));
    }
  });

  it('is what the words report prints, finding by finding', async () => {
    const a = await analyze((await readInputs([join(SAMPLES, 'clock-skew-trades')])).inputs);
    const text = wordsReport(a);
    for (const f of groupFindings(a.executions[0]!)) expect(text).toContain(f.summary);
  });
});
