import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileBytes } from '../../src/cli/fileBytes';
import { readInputs } from '../../src/cli/readInputs';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'causeway-filebytes-'));
  // More files than are kept open at once.
  for (let i = 0; i < 20; i++) await writeFile(join(dir, `f${String(i).padStart(2, '0')}.log`), `file ${i}: ${'x'.repeat(i)}\n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('fileBytes (a file read again at a position)', () => {
  it('reads the bytes at a position, across more files than are kept open, again and again', () => {
    const files = Array.from({ length: 20 }, (_, i) => fileBytes(`f${i}`, join(dir, `f${String(i).padStart(2, '0')}.log`)));
    const buf = new Uint8Array(64);
    for (let round = 0; round < 2; round++) {
      files.forEach((f, i) => {
        const n = f.read(buf, 3, 4 + i, 5);
        expect(n).toBe(4 + i);
        expect(new TextDecoder().decode(buf.subarray(3, 3 + n))).toBe(`${i}: ${'x'.repeat(i)}\n`.slice(0, 4 + i));
      });
    }
  });

  it('reads fewer bytes past the end (the file got shorter)', () => {
    const f = fileBytes('f03', join(dir, 'f03.log'));
    expect(f.read(new Uint8Array(100), 0, 100, 0)).toBe('file 3: xxx\n'.length);
  });

  it('is what readInputs gives each regular file', async () => {
    const { inputs } = await readInputs([dir]);
    expect(inputs).toHaveLength(20);
    const buf = new Uint8Array(4);
    expect(inputs[7]!.reread!.read(buf, 0, 4, 0)).toBe(4);
    expect(new TextDecoder().decode(buf)).toBe('file');
    expect(inputs[7]!.reread!.name).toBe(inputs[7]!.name);
  });
});
