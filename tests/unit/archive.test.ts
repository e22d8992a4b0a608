import { gzipSync, strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import { expandArchives } from '../../src/core/input/archive/expandArchives';
import { readTar } from '../../src/core/input/archive/tarReader';
import { DiagnosticSink } from '../../src/core/model/diagnostic';
import { tar } from './tarWriter';

const API = '2026-03-14T09:26:53.100Z sent req_id=r1 dir=send to=ledger\n';
const LEDGER = '2026-03-14T09:26:53.200Z received req_id=r1 dir=recv from=api\n';
/** Where a one-member zip's central directory entry starts. */
function centralEntry(view: DataView): number {
  for (let i = view.byteLength - 4; i >= 0; i--) if (view.getUint32(i, true) === 0x02014b50) return i;
  throw new Error('no central directory');
}

const limits = { maxTotalBytes: 1 << 20, maxRatio: 1000, ratioMinBytes: 64 * 1024, maxDepth: 4 };

describe('tar reader', () => {
  it('reads ustar members, GNU long names and pax paths', () => {
    const long = `deep/${'d'.repeat(120)}/x.log`;
    const { entries, problems } = readTar(
      tar([
        { name: 'logs/', data: '', type: '5' },
        { name: './logs/a.log', data: 'A' },
        { name: long, data: 'B', longName: 'gnu' },
        { name: `${long}2`, data: 'C', longName: 'pax' },
      ]),
    );
    expect(problems).toEqual([]);
    expect(entries.map((e) => [e.path, new TextDecoder().decode(e.data)])).toEqual([
      ['logs/a.log', 'A'],
      [long, 'B'],
      [`${long}2`, 'C'],
    ]);
  });

  it('stops at a corrupted header and says so', () => {
    const bytes = tar([{ name: 'a.log', data: 'A' }, { name: 'b.log', data: 'B' }]);
    bytes[1029] = bytes[1029]! ^ 0xff; // in the second header's name
    const { entries, problems } = readTar(bytes);
    expect(entries.map((e) => e.path)).toEqual(['a.log']);
    expect(problems[0]).toMatch(/checksum/);
  });
});

describe('archives in analyze()', () => {
  it('analyzes the members of a .tar.gz as separate inputs named under the archive', async () => {
    const bundle = gzipSync(tar([{ name: 'bundle/api.log', data: API }, { name: 'bundle/ledger.log', data: LEDGER }]));
    const a = await analyze([{ name: 'bundle.tar.gz', bytes: bundle }]);
    expect(a.inputs.map((i) => [i.name, i.format, i.events])).toEqual([
      ['bundle.tar.gz/bundle/api.log', 'text', 1],
      ['bundle.tar.gz/bundle/ledger.log', 'text', 1],
    ]);
    const x = a.executions[0]!.execution;
    expect(x.processNames).toEqual(['api', 'ledger']);
    expect(x.edgeCount).toBe(1);
    expect(a.diagnostics.some((d) => d.input === 'bundle.tar.gz' && d.message.startsWith('gzip archive: 2 files'))).toBe(true);
  });

  it('opens .gz, .zip and plain .tar, and archives nested in them', async () => {
    const zip = zipSync({ 'z/api.log': strToU8(API), 'z/old/ledger.log.1.gz': gzipSync(strToU8(LEDGER)), '__MACOSX/z/._api.log': strToU8('x') });
    const a = await analyze([
      { name: 'one.log.gz', bytes: gzipSync(strToU8(API)) },
      { name: 'set.zip', bytes: zip },
      { name: 'plain.tar', bytes: tar([{ name: 'x.log', data: LEDGER }]) },
    ]);
    expect(a.inputs.map((i) => i.name)).toEqual(['one.log.gz/one.log', 'plain.tar/x.log', 'set.zip/z/api.log', 'set.zip/z/old/ledger.log.1.gz/ledger.log.1']);
    expect(a.inputs.every((i) => i.events === 1)).toBe(true);
    expect(a.diagnostics.some((d) => d.input === 'set.zip' && d.message.includes('1 macOS metadata file'))).toBe(true);
  });

  it('names the links in a tar: a link to a member is read once, as that member; one leading out is warned about (#15)', async () => {
    const a = await analyze([
      {
        name: 'b.tar',
        bytes: tar([
          { name: 'pods/api/0.log', data: API },
          { name: 'containers/api.log', data: '', type: '2', link: '../pods/api/0.log' },
          { name: 'containers/hard.log', data: '', type: '1', link: 'pods/api/0.log' },
          { name: 'containers/etc.log', data: '', type: '2', link: '/etc/passwd' },
        ]),
      },
    ]);
    expect(a.inputs.map((i) => i.name)).toEqual(['b.tar/pods/api/0.log']);
    const says = a.diagnostics.map((d) => `${d.severity} ${d.input}: ${d.message}`);
    expect(says).toContainEqual(expect.stringMatching(/^info b\.tar: tar archive: 1 file .*2 links to members read once under their own names: b\.tar\/containers\/api\.log → b\.tar\/pods\/api\/0\.log, b\.tar\/containers\/hard\.log → b\.tar\/pods\/api\/0\.log$/));
    expect(says).toContainEqual('warning b.tar/containers/etc.log: 1 link in the archive leads to no member read, not followed: b.tar/containers/etc.log → outside the archive');
  });

  it('maps a whole archive to one execution with executionOf', async () => {
    const a = await analyze(
      [
        { name: 'r1.tgz', bytes: gzipSync(tar([{ name: 'api.log', data: API }])) },
        { name: 'r2.tgz', bytes: gzipSync(tar([{ name: 'api.log', data: API }])) },
      ],
      { executionOf: { 'r1.tgz': 'run 1', 'r2.tgz': 'run 2' } },
    );
    expect(a.executions.map((e) => e.execution.name)).toEqual(['run 1', 'run 2']);
  });

  it('refuses a decompression bomb with a clear diagnostic', () => {
    // 4 MB of zeros compressed twice: a few hundred bytes that expand over 1000×.
    const bomb = gzipSync(gzipSync(new Uint8Array(4 * 1024 * 1024)));
    const sink = new DiagnosticSink();
    const out = expandArchives([{ name: 'bomb.gz', bytes: bomb }, { name: 'ok.log', bytes: strToU8(API) }], sink, { ...limits, maxTotalBytes: 1 << 30 });
    expect(out.map((i) => i.name)).toEqual(['ok.log']);
    expect(sink.items).toEqual([expect.objectContaining({ input: 'bomb.gz', severity: 'error', message: expect.stringMatching(/decompression bomb/) })]);
  });

  it('refuses a bomb that declares its size (gzip ISIZE) before inflating anything, at 100× (#15)', () => {
    const bomb = gzipSync(new Uint8Array(32 * 1024 * 1024)); // ~32 KB
    const sink = new DiagnosticSink();
    const t = performance.now();
    expect(expandArchives([{ name: 'bomb.gz', bytes: bomb }], sink, { ...limits, maxRatio: 100, maxTotalBytes: 1 << 30 })).toEqual([]);
    expect(sink.items[0]!.message).toMatch(/^bomb\.gz expands to more than 32\.0 MiB from .* \(over 100×\): refused/);
    expect(performance.now() - t).toBeLessThan(200); // nothing inflated
  });

  it('stops a bomb that hides its size (concatenated gzip members) within one slice of the limit (#15)', () => {
    const member = gzipSync(new Uint8Array(4 * 1024 * 1024));
    const bomb = new Uint8Array(member.length * 64); // 256 MiB inflated, ISIZE says 4 MiB
    for (let i = 0; i < 64; i++) bomb.set(member, i * member.length);
    const sink = new DiagnosticSink();
    expandArchives([{ name: 'bomb.gz', bytes: bomb }], sink, { ...limits, maxRatio: 100, ratioMinBytes: 1 << 20, maxTotalBytes: 1 << 30 });
    const produced = Number(/expands to more than ([\d.]+) MiB/.exec(sink.items[0]!.message)?.[1]);
    // The limit is 100× the compressed size (about 2.6 MiB): refused with at most one 16 KiB slice (16 MiB) more out.
    expect(produced).toBeGreaterThan((100 * bomb.length) / 2 ** 20);
    expect(produced).toBeLessThan((100 * bomb.length) / 2 ** 20 + 17);
  });

  it('refuses archives past the total budget, including zip members by their declared size', () => {
    const sink = new DiagnosticSink();
    const big = new Uint8Array(600 * 1024).map((_, i) => (i * 7919) % 251); // does not compress: no ratio bomb
    const zip = zipSync({ 'a.bin': big, 'b.bin': big });
    const out = expandArchives([{ name: 'big.zip', bytes: zip }], sink, { ...limits, maxRatio: 1e9 });
    expect(out).toEqual([]);
    expect(sink.items[0]!.message).toMatch(/more than 1\.0 MiB in all/);
  });

  it('reads a zip member whose header understates its size in full, with a warning (#15)', async () => {
    const lines = Array.from({ length: 20_000 }, (_, i) => `2026-03-14T09:26:${String(i % 60).padStart(2, '0')}.000Z api handled ${i}\n`).join('');
    const zip = zipSync({ 'api.log': strToU8(lines) });
    // Both the local header and the central directory say 100 bytes.
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    view.setUint32(22, 100, true);
    const cd = centralEntry(view);
    view.setUint32(cd + 24, 100, true);
    const a = await analyze([{ name: 'lie.zip', bytes: zip }]);
    expect(a.inputs.map((i) => [i.name, i.events])).toEqual([['lie.zip/api.log', 20_000]]);
    expect(a.diagnostics).toContainEqual(
      expect.objectContaining({ input: 'lie.zip/api.log', severity: 'warning', message: expect.stringMatching(/not the 100 bytes its zip header declares: read in full/) }),
    );
  });

  it('refuses a zip bomb whose headers understate its size, as it inflates (#15)', () => {
    const zip = zipSync({ 'a.log': new Uint8Array(8 * 1024 * 1024) });
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    view.setUint32(22, 10, true);
    const cd = centralEntry(view);
    view.setUint32(cd + 24, 10, true);
    const sink = new DiagnosticSink();
    expect(expandArchives([{ name: 'bomb.zip', bytes: zip }], sink, limits)).toEqual([]);
    expect(sink.items).toEqual([expect.objectContaining({ input: 'bomb.zip', severity: 'error', message: expect.stringMatching(/decompression bomb|in all/) })]);
  });

  it('reports a corrupt archive instead of throwing', async () => {
    const good = gzipSync(strToU8(API));
    const cut = good.subarray(0, 12);
    const badZip = zipSync({ 'a.log': strToU8(API) }).slice(0, 30);
    const a = await analyze([
      { name: 'cut.gz', bytes: cut },
      { name: 'bad.zip', bytes: badZip },
    ]);
    const errors = a.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => d.input).sort()).toEqual(['bad.zip', 'cut.gz']);
    expect(errors.every((d) => /not a readable (gzip|zip) archive/.test(d.message))).toBe(true);
    expect(a.executions.every((e) => e.execution.eventCount === 0)).toBe(true);
  });

  it('keeps the good members of an archive when a nested one is corrupt', async () => {
    const a = await analyze([{ name: 'b.tar', bytes: tar([{ name: 'api.log', data: API }, { name: 'x.gz', data: gzipSync(strToU8(API)).subarray(0, 12) }]) }]);
    expect(a.inputs.map((i) => i.name)).toEqual(['b.tar/api.log']);
    expect(a.diagnostics.some((d) => d.input === 'b.tar/x.gz' && d.severity === 'error')).toBe(true);
  });
});
