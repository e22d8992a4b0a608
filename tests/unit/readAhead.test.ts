import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInputs } from '../../src/cli/readInputs';
import { runCli } from '../../src/cli/runCli';
import { readFile } from 'node:fs/promises';
import { joinedReads, ReadAhead, SMALL_INPUT as SMALL_FILE } from '../../src/core/input/readAhead';

class SmallFileReadAhead extends ReadAhead {
  constructor(files: { path: string; size: number }[]) {
    super(
      files.map((f) => f.size),
      (ix) => ix.map((i) => readFile(files[i]!.path)),
    );
  }
}

let dir = '';

async function collect(it: AsyncIterable<Uint8Array>): Promise<string> {
  const parts: Buffer[] = [];
  for await (const c of it) parts.push(Buffer.from(c));
  return Buffer.concat(parts).toString('utf8');
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'causeway-readahead-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('small files read ahead (a folder of thousands of one-line files, #15)', () => {
  it('gives every file its own bytes, asked twice (peek and read) and in any order', async () => {
    const files: { path: string; size: number; text: string }[] = [];
    for (let i = 0; i < 120; i++) {
      const text = i % 17 === 0 ? '' : `line of file ${i}\n`.repeat(1 + (i % 5));
      const path = join(dir, `f${String(i).padStart(3, '0')}.log`);
      await writeFile(path, text);
      files.push({ path, size: Buffer.byteLength(text), text });
    }
    const ahead = new SmallFileReadAhead(files);
    for (const i of [0, 0, 1, 1, 50, 50, 2, 119, 119, 3, 60, 60]) expect(await collect(ahead.chunks(i))).toBe(files[i]!.text);
    // files left far behind were dropped, and are read again when asked
    expect(await collect(ahead.chunks(0))).toBe(files[0]!.text);
  });

  it('reports a file gone since it was listed to who asks for it, and nowhere else', async () => {
    const a = join(dir, 'gone-a.log');
    const b = join(dir, 'gone-b.log');
    await writeFile(a, 'a\n');
    await writeFile(b, 'b\n');
    const ahead = new SmallFileReadAhead([
      { path: a, size: 2 },
      { path: b, size: 2 },
      { path: join(dir, 'never-there.log'), size: 2 }, // read ahead, never asked: no unhandled rejection
    ]);
    await unlink(b);
    // asking for a starts the reads of b and the missing file
    expect(await collect(ahead.chunks(0))).toBe('a\n');
    await expect(collect(ahead.chunks(1))).rejects.toThrow(/ENOENT/);
  });

  it('reads a folder of small files and one large one through the CLI, every line an event', async () => {
    const folder = join(dir, 'pods');
    await rm(folder, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.mkdir(folder));
    const n = 300;
    for (let i = 0; i < n; i++) {
      const name = `pod-${String(i).padStart(3, '0')}`;
      await writeFile(join(folder, `${name}.jsonl`), `{"ts":"2026-03-14T09:00:00.${String(i).padStart(3, '0')}Z","service":"${name}","msg":"started"}\n`);
    }
    const big: string[] = [];
    for (let i = 0; big.join('').length <= SMALL_FILE; i++) big.push(`{"ts":"2026-03-14T09:00:01.${String(i % 1000).padStart(3, '0')}Z","service":"big","msg":"tick ${i}"}\n`);
    await writeFile(join(folder, 'zz-big.jsonl'), big.join(''));
    const found = await readInputs([folder]);
    expect(found.inputs).toHaveLength(n + 1);
    const stdout = new (class extends Writable {
      text = '';
      override _write(chunk: Buffer, _e: BufferEncoding, done: () => void) {
        this.text += chunk.toString();
        done();
      }
    })();
    const stderr = new Writable({ write: (_c, _e, done) => done() });
    const code = await runCli(['analyze', '--format', 'json', folder], { stdout, stderr });
    expect(code).toBe(0);
    const doc = JSON.parse(stdout.text);
    expect(doc.inputs).toHaveLength(n + 1);
    expect(doc.inputs.filter((i: { events: number }) => i.events === 1)).toHaveLength(n);
    expect(doc.inputs.find((i: { name: string }) => i.name.endsWith('zz-big.jsonl')).events).toBe(big.length);
  });

  it('reads small inputs many at a time where the reader joins them, and each alone where joining fails', async () => {
    const texts = Array.from({ length: 70 }, (_, i) => (i === 33 ? '' : `input ${i}\n`.repeat(1 + (i % 3))));
    const bytes = texts.map((t) => new TextEncoder().encode(t));
    const sizes = bytes.map((b) => b.length);
    const joins: number[][] = [];
    let failJoin = false;
    const read = joinedReads(
      sizes,
      async (ix) => {
        joins.push(ix);
        if (failJoin) throw new Error('NotReadableError');
        const all = new Uint8Array(ix.reduce((s, i) => s + sizes[i]!, 0));
        let at = 0;
        for (const i of ix) {
          all.set(bytes[i]!, at);
          at += sizes[i]!;
        }
        return all;
      },
      async (i) => {
        if (i === 50) throw new Error('gone');
        return bytes[i]!;
      },
    );
    const ahead = new ReadAhead(sizes, read);
    for (let i = 0; i < 40; i++) expect(await collect(ahead.chunks(i))).toBe(texts[i]);
    // a few joined reads, not one read per input
    expect(joins.length).toBeLessThanOrEqual(3);
    expect(joins[0]).toEqual(Array.from({ length: 32 }, (_, i) => i));
    // a second pass, as the analysis makes (a sniff of every head, then the reads): joined again
    const before = joins.length;
    for (let i = 0; i < 40; i++) expect(await collect(ahead.chunks(i))).toBe(texts[i]);
    expect(joins.length - before).toBeLessThanOrEqual(3);
    // joins that fail: each input read alone, the error its own
    failJoin = true;
    const again = new ReadAhead(sizes, read);
    for (let i = 40; i < 70; i++) {
      if (i === 50) await expect(collect(again.chunks(i))).rejects.toThrow('gone');
      else expect(await collect(again.chunks(i))).toBe(texts[i]);
    }
  });
});
