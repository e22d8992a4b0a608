import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/cli/cliArgs';
import { readInputs } from '../../src/cli/readInputs';
import { runCli } from '../../src/cli/runCli';
import { analyze } from '../../src/core/analysis/analyze';
import { EXPORT_FORMATS, exportText } from '../../src/core/export/exportFormats';
import { CSV_HEADER } from '../../src/core/export/exportCsv';
import { SHIVIZ_EXPORT_REGEX } from '../../src/core/export/exportShiviz';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, done: (e?: Error | null) => void): void {
    this.text += chunk.toString();
    done();
  }
}

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(argv, { stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

let dir = '';
let logs = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'causeway-export-cli-'));
  logs = join(dir, 'logs');
  await mkdir(logs);
  const l = (o: object) => JSON.stringify(o);
  await writeFile(
    join(logs, 'api.jsonl'),
    [
      l({ ts: '2026-03-14T09:00:00.100Z', msg: 'call db', msg_id: 'm1', dir: 'send' }),
      l({ ts: '2026-03-14T09:00:00.180Z', msg: 'answer', msg_id: 'm2', dir: 'recv' }),
    ].join('\n') + '\n',
  );
  await writeFile(
    join(logs, 'db.jsonl'),
    [
      l({ ts: '2026-03-14T09:00:00.050Z', msg: 'query', msg_id: 'm1', dir: 'recv' }),
      l({ ts: '2026-03-14T09:00:00.060Z', msg: '=rows', msg_id: 'm2', dir: 'send' }),
    ].join('\n') + '\n',
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('causeway analyze --format', () => {
  it('accepts every export format and refuses others', () => {
    for (const format of EXPORT_FORMATS) {
      const parsed = parseCliArgs(['analyze', '--format', format, 'x']);
      expect(parsed.ok && parsed.value !== 'help' && parsed.value.format).toBe(format);
    }
    const bad = parseCliArgs(['analyze', '--format', 'xml', 'x']);
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toContain('json, ndjson, csv, shiviz, chrome-trace');
  });

  it('writes to stdout exactly what the shared export code produces, for every format', async () => {
    const analysis = await analyze((await readInputs([logs])).inputs);
    for (const format of EXPORT_FORMATS) {
      const { code, stdout, stderr } = await cli('analyze', '--format', format, logs);
      expect(stderr).toBe('');
      expect(code).toBe(0);
      expect(stdout).toBe(exportText(analysis, format));
    }
  });

  it('writes csv, ndjson, shiviz and chrome-trace in their own shapes', async () => {
    const csv = (await cli('analyze', '--format', 'csv', logs)).stdout;
    const rows = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual([...CSV_HEADER]);
    expect(rows).toHaveLength(5);
    expect(rows.some((r) => r[9] === "'=rows")).toBe(true);

    const ndjson = (await cli('analyze', '--format', 'ndjson', logs)).stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(ndjson.map((e) => e.id)).toEqual(['api:1', 'db:1', 'db:2', 'api:2']);

    const shiviz = (await cli('analyze', '--format', 'shiviz', logs)).stdout;
    expect(shiviz.split('\n')[0]).toBe(SHIVIZ_EXPORT_REGEX);

    const trace = JSON.parse((await cli('analyze', '--format', 'chrome-trace', logs)).stdout);
    expect(trace.traceEvents.filter((e: { ph: string }) => e.ph === 's')).toHaveLength(2);
  });

  it('writes the export to --out and reports on stderr', async () => {
    const out = join(dir, 'trace.json');
    const { code, stdout, stderr } = await cli('analyze', '--format', 'chrome-trace', '--out', out, logs);
    expect(code).toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain('4 events');
    const written = await readFile(out, 'utf8');
    expect(written).toBe(exportText(await analyze((await readInputs([logs])).inputs), 'chrome-trace'));
  });
});
