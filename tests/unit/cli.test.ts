import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/runCli';
import { docEvents } from './documentReader';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** Runs the CLI in-process; the document (--format json) unless the arguments name a format. */
async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  if (argv[0] === 'analyze' && !argv.some((a) => a.startsWith('--format'))) argv.splice(1, 0, '--format', 'json');
  const code = await runCli(argv, { stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

function edgesOf(stdout: string): string[] {
  const doc = JSON.parse(stdout);
  return doc.executions.flatMap((x: { edges: { from: string; to: string; rule: string; key: string }[] }) =>
    x.edges.map((e) => `${e.from} -> ${e.to} ${e.rule} ${e.key}`),
  );
}

let dir = '';
let logs = '';
const api = () => join(logs, 'api.jsonl');
const db = () => join(logs, 'deep', 'db.jsonl');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'causeway-cli-'));
  logs = join(dir, 'logs');
  await mkdir(join(logs, 'deep'), { recursive: true });
  await writeFile(
    api(),
    [
      '{"ts":"2026-03-14T09:00:00.000Z","msg":"query","msg_id":"q1","dir":"send"}',
      '{"ts":"2026-03-14T09:00:00.300Z","msg":"answer","msg_id":"a1","dir":"recv"}',
    ].join('\n'),
  );
  await writeFile(
    db(),
    [
      '{"ts":"2026-03-14T08:59:59.000Z","msg":"query in","msg_id":"q1","dir":"recv"}',
      '{"ts":"2026-03-14T08:59:59.100Z","msg":"answer out","msg_id":"a1","dir":"send"}',
    ].join('\n'),
  );
  await writeFile(join(dir, 'shop.log'), 'shop >> order o1\nshop >> order o2\n');
  await writeFile(join(dir, 'stock.log'), 'stock << order o1\nstock << order o2\n');
  await writeFile(
    join(dir, 'rules.json'),
    JSON.stringify({
      schema: 'causeway.rules/1',
      rules: [
        {
          name: 'orders',
          inputs: '*.log',
          pattern: '^(?<svc>\\w+) (?<dir>>>|<<) order (?<order>\\w+)$',
          process: '${svc}',
          key: 'order=${order}',
          send: { field: 'dir', values: ['>>'] },
          receive: { field: 'dir', values: ['<<'] },
        },
      ],
    }),
  );
  await writeFile(join(dir, 'broken.json'), '{"rules": [\n  {"name": "x"\n');
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('causeway analyze (in-process)', () => {
  it('writes a causeway.analysis/2 document with the message edges to stdout and exits 0', async () => {
    const r = await cli('analyze', api(), db());
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    expect(doc.schema).toBe('causeway.analysis/2');
    expect(doc.inputs.map((i: { name: string; format: string }) => [i.name, i.format])).toEqual([
      ['api.jsonl', 'jsonl'],
      ['db.jsonl', 'jsonl'],
    ]);
    expect(edgesOf(r.stdout)).toEqual(['api:1 -> db:1 message-id msg_id=q1', 'db:2 -> api:2 message-id msg_id=a1']);
  });

  it('writes vector clocks as deltas, and whole with --full-clocks', async () => {
    const lean = JSON.parse((await cli('analyze', api(), db())).stdout);
    const full = JSON.parse((await cli('analyze', '--full-clocks', api(), db())).stdout);
    const clockOf = (doc: { executions: { eventColumns: string[]; events: unknown[][] }[] }, id: string) => {
      const x = doc.executions[0]!;
      return x.events.find((row) => row[0] === id)![x.eventColumns.indexOf(x.eventColumns.includes('vc') ? 'vc' : 'vcDelta')];
    };
    // api:2 receives db's answer: db:1 and db:2 came after api's previous event.
    expect(clockOf(lean, 'api:2')).toEqual({ db: 2 });
    expect(clockOf(full, 'api:2')).toEqual({ api: 2, db: 2 });
    expect(docEvents(full)).toEqual(docEvents(lean));
    expect({ ...full, executions: null }).toEqual({ ...lean, executions: null });
  });

  it('writes the same bytes with --out FILE as to stdout', async () => {
    const out = join(dir, 'out.json');
    const toFile = await cli('analyze', '--out', out, api(), db());
    expect(toFile.code).toBe(0);
    expect(toFile.stdout).toBe('');
    const written = await readFile(out, 'utf8');
    expect(written).toBe((await cli('analyze', api(), db())).stdout);
  });

  it('reads a folder recursively, naming inputs relative to it', async () => {
    const r = await cli('analyze', logs);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).inputs.map((i: { name: string }) => i.name)).toEqual(['logs/api.jsonl', 'logs/deep/db.jsonl']);
    expect(edgesOf(r.stdout)).toHaveLength(2);
  });

  it('follows links inside the folder, names them, and skips loops and links outside it with a warning (#15)', async () => {
    const root = join(dir, 'linked');
    await mkdir(join(root, 'pods', 'api'), { recursive: true });
    await mkdir(join(root, 'containers'), { recursive: true });
    await mkdir(join(dir, 'elsewhere'), { recursive: true });
    await writeFile(join(root, 'pods', 'api', '0.log'), '{"ts":"2026-03-14T09:00:00.000Z","host":"api","msg":"query","msg_id":"q1","dir":"send"}\n');
    await writeFile(join(root, '.hidden.jsonl'), '{"ts":"2026-03-14T09:00:01.000Z","host":"db","msg":"query in","msg_id":"q1","dir":"recv"}\n');
    await writeFile(join(dir, 'elsewhere', 'x.log'), '{"ts":"2026-03-14T09:00:02.000Z","host":"x","msg":"outside"}\n');
    await symlink(join(root, 'pods', 'api', '0.log'), join(root, 'containers', 'api.log'));
    await symlink(join(root, '.hidden.jsonl'), join(root, 'containers', 'db.log'));
    await symlink(join(dir, 'elsewhere', 'x.log'), join(root, 'containers', 'x.log'));
    await symlink(root, join(root, 'pods', 'loop'));
    const r = await cli('analyze', root);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    // The link to a file read anyway is not read twice; the one to a hidden file is read under its own name.
    expect(doc.inputs.map((i: { name: string }) => i.name)).toEqual(['linked/containers/db.log', 'linked/pods/api/0.log']);
    expect(edgesOf(r.stdout)).toHaveLength(1);
    const messages = doc.diagnostics.map((d: { input: string; severity: string; message: string }) => `${d.severity} ${d.input}: ${d.message}`);
    expect(messages).toContainEqual(expect.stringMatching(/^info linked\/containers\/db.log: read through the link to linked\/.hidden.jsonl/));
    expect(messages).toContainEqual(expect.stringMatching(/^info linked\/containers\/api.log: a link to linked\/pods\/api\/0.log/));
    expect(messages).toContainEqual(expect.stringMatching(/^warning .*1 link leads outside the paths given, not followed: linked\/containers\/x.log/));
    expect(messages).toContainEqual(expect.stringMatching(/^warning .*1 folder link loops back .*linked\/pods\/loop/));
  });

  it('gives byte-identical output whatever order the files are named in', async () => {
    const forward = await cli('analyze', api(), db());
    const reverse = await cli('analyze', db(), api());
    expect(reverse.code).toBe(0);
    expect(reverse.stdout).toBe(forward.stdout);
  });

  it('reads text logs and makes edges with --rules FILE', async () => {
    const r = await cli('analyze', '--rules', join(dir, 'rules.json'), join(dir, 'shop.log'), join(dir, 'stock.log'));
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.inputs.map((i: { format: string; events: number }) => [i.format, i.events])).toEqual([
      ['rules', 2],
      ['rules', 2],
    ]);
    expect(edgesOf(r.stdout)).toEqual(['shop:1 -> stock:1 rule:orders order=o1', 'shop:2 -> stock:2 rule:orders order=o2']);
    expect(doc.diagnostics).toEqual([]);
  });

  it('reports a bad rule inside the rules file as a diagnostic, not a failure', async () => {
    const bad = join(dir, 'bad-regex.json');
    await writeFile(bad, JSON.stringify({ rules: [{ name: 'oops', pattern: '(' }] }));
    const r = await cli('analyze', '--rules', bad, api());
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).diagnostics).toContainEqual(
      expect.objectContaining({ input: 'rules', severity: 'error', message: expect.stringContaining('rule "oops"') }),
    );
  });

  const oneLineError = (r: { code: number; stdout: string; stderr: string }) => {
    expect(r.code).not.toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^causeway: [^\n]+\n$/);
  };

  it('fails with one stderr line on bad usage', async () => {
    oneLineError(await cli('analyze'));
    oneLineError(await cli('analyze', '--frobnicate', api()));
    oneLineError(await cli('analyze', '--format', 'xml', api()));
    oneLineError(await cli('analyze', '--rules'));
    oneLineError(await cli('summarize', api()));
  });

  it('fails with one stderr line on an unknown --input-format (#15)', async () => {
    const r = await cli('analyze', '--input-format', 'nosuch', api());
    oneLineError(r);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nosuch');
  });

  it('exits 1 with the errors on stderr when no input could be read, even writing to stdout (#15)', async () => {
    const bin = join(dir, 'blob.log');
    await writeFile(bin, new Uint8Array(4096).map((_, i) => (i * 7919) % 256));
    const r = await cli('analyze', bin);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).schema).toBe('causeway.analysis/2');
    expect(r.stderr).toContain('blob.log');
    expect(r.stderr).toContain('causeway: No events in 1 input: 1 not text.');
    expect(r.stderr).toMatch(/causeway: {3}blob\.log: not text: not a text file/);
    expect(r.stderr).toContain('no input could be read');
  });

  it('fails with one stderr line naming a missing input', async () => {
    const missing = join(dir, 'nope.jsonl');
    const r = await cli('analyze', missing);
    oneLineError(r);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(missing);
  });

  it('fails with one stderr line when --out cannot be written', async () => {
    const r = await cli('analyze', '--out', join(dir, 'no-such-folder', 'out.json'), api());
    oneLineError(r);
    expect(r.stderr).toContain('no-such-folder');
  });

  it('fails with one stderr line naming a rules file that is missing or not JSON', async () => {
    const missing = join(dir, 'no-rules.json');
    const a = await cli('analyze', '--rules', missing, api());
    oneLineError(a);
    expect(a.code).toBe(1);
    expect(a.stderr).toContain(missing);
    const broken = join(dir, 'broken.json');
    const b = await cli('analyze', '--rules', broken, api());
    oneLineError(b);
    expect(b.code).toBe(1);
    expect(b.stderr).toContain(broken);
    expect(b.stderr).toContain('not valid JSON');
  });
});

describe('causeway as a process', () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const bin = join(root, 'bin', 'causeway.mjs');

  beforeAll(() => {
    if (existsSync(join(root, 'dist-cli', 'causeway.mjs'))) return;
    const built = spawnSync('npm', ['run', 'build:cli'], { cwd: root, encoding: 'utf8' });
    if (built.status !== 0) throw new Error(`npm run build:cli failed: ${built.stderr}`);
  }, 120_000);

  it('analyzes a folder and exits 0', () => {
    const r = spawnSync(process.execPath, [bin, 'analyze', '--format', 'json', logs], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).schema).toBe('causeway.analysis/2');
  });

  it('gives the same document when reading threads read the files (CAUSEWAY_WORKERS)', () => {
    const run = (workers: string) => spawnSync(process.execPath, [bin, 'analyze', '--format', 'json', logs], { encoding: 'utf8', env: { ...process.env, CAUSEWAY_WORKERS: workers } });
    const one = run('1');
    const three = run('3');
    expect(three.status).toBe(0);
    expect(three.stderr).toBe('');
    expect(three.stdout).toBe(one.stdout);
  });

  it('stops quietly when the reader of its output goes away (| head -c 10, #15)', async () => {
    const big = join(dir, 'big');
    await mkdir(big, { recursive: true });
    const lines = Array.from({ length: 5000 }, (_, i) => `{"ts":"2026-03-14T09:00:${String(i % 60).padStart(2, '0')}.000Z","host":"h${i % 7}","msg":"m${i}","msg_id":"x${i}","dir":"${i % 2 ? 'recv' : 'send'}"}`);
    await writeFile(join(big, 'a.jsonl'), lines.join('\n'));
    const r = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" analyze "${big}" | head -c 10`], { encoding: 'utf8' });
    expect(r.stdout).toHaveLength(10);
    expect(r.stderr).toBe('');
  });

  it('stops a backtracking rule pattern at --regex-budget, sets that input aside by name, and reads the others (#15)', async () => {
    const re = join(dir, 'regex-budget');
    await mkdir(re, { recursive: true });
    await writeFile(join(re, 'ok.jsonl'), '{"ts":"2026-03-14T09:00:00.000Z","host":"api","msg":"query","msg_id":"q1","dir":"send"}\n{"ts":"2026-03-14T09:00:01.000Z","host":"db","msg":"query in","msg_id":"q1","dir":"recv"}\n');
    // 44 a's then '!': (a+)+ tries 2^44 ways to split them before failing.
    await writeFile(join(re, 'bad.log'), `${'a'.repeat(44)}!\n`);
    const rules = { schema: 'causeway.rules/1', rules: [{ name: 'x', inputs: '*.log', pattern: '^(?<x>(a+)+)$', process: 'p', key: 'k=${x}', send: { field: 'x', values: ['a'] } }] };
    await writeFile(join(re, 'rules.json'), JSON.stringify(rules));
    const t0 = Date.now();
    const r = spawnSync(process.execPath, [bin, 'analyze', '--format', 'json', '--regex-budget', '1000', '--rules', join(re, 'rules.json'), join(re, 'ok.jsonl'), join(re, 'bad.log')], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(r.status).toBe(0);
    // Warned before it ran, then named with the input it was stopped on.
    expect(r.stderr).toContain('causeway: warning: rule "x" pattern /^(?<x>(a+)+)$/ has a quantified group holding a quantifier ((a+)+)');
    expect(r.stderr).toContain('causeway: bad.log: rule "x" pattern /^(?<x>(a+)+)$/ ran past the 1000 ms time budget (--regex-budget) on this input');
    const doc = JSON.parse(r.stdout);
    expect(doc.inputs.map((i: { name: string; events: number }) => [i.name, i.events])).toEqual([['ok.jsonl', 2]]);
    expect(doc.diagnostics).toContainEqual(expect.objectContaining({ input: 'bad.log', severity: 'error', message: expect.stringContaining('time budget') }));
    expect(doc.diagnostics).toContainEqual(expect.objectContaining({ input: 'options', severity: 'warning', message: expect.stringContaining('(a+)+') }));
  }, 70_000);

  it('rejects a --regex-budget that is not a positive number of milliseconds', () => {
    const r = spawnSync(process.execPath, [bin, 'analyze', '--regex-budget', 'soon', logs], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^causeway: --regex-budget takes a positive number/);
  });

  it('exits non-zero with one stderr line for a missing path', () => {
    const r = spawnSync(process.execPath, [bin, 'analyze', '/nonexistent'], { encoding: 'utf8' });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/^causeway: [^\n]+\n$/);
  });
});
