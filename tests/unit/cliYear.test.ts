import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../src/cli/cliArgs';
import { runCli } from '../../src/cli/runCli';
import { docEvents } from './documentReader';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'causeway-year-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('--year INPUT=YYYY', () => {
  it('parses, repeatable, and refuses what is not a year', () => {
    const r = parseCliArgs(['analyze', '--year', 'auth.log=2005', '--year=logs/=2017', 'x']);
    expect(r.ok && r.value !== 'help' && r.value.years).toEqual({ 'auth.log': 2005, 'logs/': 2017 });
    for (const bad of ['auth.log', 'auth.log=05', 'auth.log=2005.5', '=2005', 'auth.log=next']) {
      const p = parseCliArgs(['analyze', '--year', bad, 'x']);
      expect(p.ok, bad).toBe(false);
      expect(!p.ok && p.error).toContain('--year takes INPUT=YYYY');
    }
  });

  it('gives yearless syslog times the year set, and the diagnostics say so', async () => {
    const file = join(dir, 'auth.log');
    await writeFile(file, 'Dec 10 06:55:46 LabSZ sshd[24200]: reverse mapping checking failed\nDec 10 06:55:48 LabSZ sshd[24200]: Invalid user webmaster\n');
    const run = async (...extra: string[]) => {
      const stdout = new Capture();
      const stderr = new Capture();
      const code = await runCli(['analyze', '--format', 'json', ...extra, file], { stdout, stderr });
      expect(code, stderr.text).toBe(0);
      return JSON.parse(stdout.text) as { diagnostics: { message: string }[]; executions: unknown[] };
    };
    const set = await run('--year', 'auth.log=2005');
    expect(docEvents(set).map((e) => e.time)).toEqual(['2005-12-10T06:55:46Z', '2005-12-10T06:55:48Z']);
    expect(set.diagnostics.some((d) => d.message.includes('2005 as set for this input'))).toBe(true);
    const unset = await run();
    expect(docEvents(unset)[0]!.time!.slice(0, 4)).toBe('1970');
    expect(unset.diagnostics.some((d) => d.message.includes('assumed'))).toBe(true);
  });
});
