/**
 * An accepted archive is streamed (#15): its members are scanned once as
 * they inflate (judged from their first bytes, not held), then inflated
 * again piece by piece as each is read, with the same analysis, plan and
 * diagnostics as reading every member whole.
 */
import fc from 'fast-check';
import { gunzipSync, gzipSync, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { analyze, type Analysis } from '../../src/core/analysis/analyze';
import { buildAnalysisDocument, serializeAnalysisDocument } from '../../src/core/document/analysisDocument';
import { archiveKind } from '../../src/core/input/archive/archiveKind';
import { isArchiveMember, memberBytes, type ArchiveMember, type NamedBytes } from '../../src/core/input/archive/archiveMember';
import { expandArchives, scanArchives } from '../../src/core/input/archive/expandArchives';
import { GzipCursor, REINFLATE_LIMIT, STASH_BYTES } from '../../src/core/input/archive/inflateChunks';
import { looksLikeTar, readTar, TarParser, type TarEntryHeader, type TarLink } from '../../src/core/input/archive/tarReader';
import { memberKind, mentionsEvents } from '../../src/core/input/bundle/memberKind';
import { planBundle, RESOURCE_CAP } from '../../src/core/input/bundle/planBundle';
import { BYTES_CHUNK } from '../../src/core/input/inputSource';
import { DiagnosticSink } from '../../src/core/model/diagnostic';
import type { AnalyzeHooks } from '../../src/core/read/analyzeHooks';
import { bundleTarGz, bundleZip } from '../browser/helpers/bundleFixture';
import { clusterInfoDumpTarGz, mustGatherTarGz, supportBundleTarGz } from './kubeArchives';
import { tar } from './tarWriter';

/** `n` lines of `svc`, one request sent to `peer` every 50 lines (about 70 bytes a line). */
function log(svc: string, n: number, peer = 'ledger'): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = new Date(Date.UTC(2026, 2, 14, 9) + i * 7).toISOString();
    out.push(i % 50 === 0 ? `${t} ${svc} sent req_id=${svc}-${i} dir=send to=${peer}` : `${t} ${svc} handled item ${i} in ${i % 97} ms`);
  }
  return out.join('\n') + '\n';
}

const API = log('api', 45_000); // ~3 MB
const WORKER = log('worker', 30_000);
const LEDGER = log('ledger', 40);

function pieces(): { hooks: AnalyzeHooks; by: Map<string, number[]> } {
  const by = new Map<string, number[]>();
  const hooks: AnalyzeHooks = {
    onArchivePiece(member, bytes) {
      let list = by.get(member);
      if (!list) by.set(member, (list = []));
      list.push(bytes.length);
    },
  };
  return { hooks, by };
}

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

describe('archives read member by member', () => {
  const archives = {
    'set.tgz': gzipSync(tar([{ name: 'set/api.log', data: API }, { name: 'set/ledger.log', data: LEDGER }, { name: 'set/worker.log', data: WORKER }])),
    'set.zip': zipSync({ 'api.log': strToU8(API), 'worker.log': strToU8(WORKER) }),
    'api.log.gz': gzipSync(strToU8(API)),
  };

  it('holds no big member after the scan: each has its size, date and judgement, and inflates again as it is read', () => {
    const sink = new DiagnosticSink();
    const members = scanArchives(Object.entries(archives).map(([name, bytes]) => ({ name, bytes })), sink) as ArchiveMember[];
    expect(members.map((m) => [m.name, m.size, m.bytes === undefined])).toEqual([
      ['set.tgz/set/api.log', API.length, true],
      // Small members are held: their first bytes, read anyway, are all of them.
      ['set.tgz/set/ledger.log', LEDGER.length, false],
      ['set.tgz/set/worker.log', WORKER.length, true],
      ['set.zip/api.log', API.length, true],
      ['set.zip/worker.log', WORKER.length, true],
      ['api.log.gz/api.log', API.length, true],
    ]);
    expect(members.every((m) => isArchiveMember(m) && m.kind.read)).toBe(true);
    for (const m of members.filter((x) => !x.bytes)) {
      const parts = [...m.chunks()];
      // Pieces as fflate makes them (16 KiB of input at a time), never the member at once.
      expect(Math.max(...parts.map((p) => p.length))).toBeLessThan(m.size);
      expect(new TextDecoder().decode(Buffer.concat(parts))).toBe(m.name.endsWith('worker.log') ? WORKER : API);
    }
  });

  it('gives every reader its member in pieces of at most 1 MiB, all of it, as it inflates (.tar.gz, .zip, .gz)', async () => {
    const { hooks, by } = pieces();
    const a = await analyze(
      Object.entries(archives).map(([name, bytes]) => ({ name, bytes })),
      {},
      hooks,
    );
    const streamed = ['api.log.gz/api.log', 'set.tgz/set/api.log', 'set.tgz/set/worker.log', 'set.zip/api.log', 'set.zip/worker.log'];
    expect([...by.keys()].sort()).toEqual(streamed);
    for (const name of streamed) {
      const sizes = by.get(name)!;
      const whole = name.endsWith('worker.log') ? WORKER.length : API.length;
      expect(sizes.length, name).toBe(Math.ceil(whole / BYTES_CHUNK));
      expect(Math.max(...sizes), name).toBeLessThanOrEqual(BYTES_CHUNK);
      expect(sum(sizes), name).toBe(whole);
    }
    const events = Object.fromEntries(a.inputs.map((i) => [i.name, i.events]));
    expect(events['set.tgz/set/api.log']).toBe(45_000);
    expect(events['set.zip/worker.log']).toBe(30_000);
    expect(events['api.log.gz/api.log']).toBe(45_000);
  });

  it('streams a zip member whose header understates its size in full, with the warning as before (#15)', async () => {
    const zip = zipSync({ 'api.log': strToU8(API) });
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    view.setUint32(22, 100, true);
    for (let i = zip.length - 4; i >= 0; i--) {
      if (view.getUint32(i, true) === 0x02014b50) {
        view.setUint32(i + 24, 100, true);
        break;
      }
    }
    const { hooks, by } = pieces();
    const a = await analyze([{ name: 'lie.zip', bytes: zip }], {}, hooks);
    expect(sum(by.get('lie.zip/api.log')!)).toBe(API.length);
    expect(a.inputs.map((i) => [i.name, i.bytes, i.events])).toEqual([['lie.zip/api.log', API.length, 45_000]]);
    expect(a.diagnostics).toContainEqual(expect.objectContaining({ input: 'lie.zip/api.log', severity: 'warning', message: expect.stringMatching(/not the 100 bytes its zip header declares: read in full/) }));
  });

  it('does not read a .tar.gz member cut short, and says so, as before', async () => {
    const whole = tar([{ name: 'api.log', data: LEDGER }, { name: 'cut.log', data: API }]);
    const a = await analyze([{ name: 'cut.tgz', bytes: gzipSync(whole.subarray(0, 4096)) }], {}, { archiveHoldSmallBytes: 0 });
    expect(a.inputs.map((i) => i.name)).toEqual(['cut.tgz/api.log']);
    expect(a.diagnostics).toContainEqual(expect.objectContaining({ input: 'cut.tgz', severity: 'warning', message: 'cut.log is cut short (the archive is truncated): not read' }));
  });
});

describe('streamed and whole give the same results', () => {
  const zip = zipSync({ 'z/api.log': strToU8(API.slice(0, 200_000)), 'z/old/ledger.log.1.gz': gzipSync(strToU8(LEDGER)), '__MACOSX/z/._api.log': strToU8('x') });
  const linked = tar([
    { name: 'pods/api/0.log', data: LEDGER },
    { name: 'containers/api.log', data: '', type: '2', link: '../pods/api/0.log' },
    { name: 'containers/etc.log', data: '', type: '2', link: '/etc/passwd' },
  ]);
  // Members out of name order: the read order (by name) goes back in the stream.
  const backwards = gzipSync(tar([{ name: 'z/worker.log', data: WORKER.slice(0, 300_000) }, { name: 'm/api.log', data: API.slice(0, 300_000) }, { name: 'a/ledger.log', data: LEDGER }]));
  const sets: [string, { name: string; bytes: Uint8Array }[]][] = [
    ['support bundle', [{ name: 'support.tar.gz', bytes: supportBundleTarGz() }]],
    ['must-gather', [{ name: 'mg.tar.gz', bytes: mustGatherTarGz() }]],
    ['cluster-info dump', [{ name: 'dump.tgz', bytes: clusterInfoDumpTarGz() }]],
    ['bundle .tar.gz and .zip', [{ name: 'b.tar.gz', bytes: bundleTarGz() }, { name: 'b.zip', bytes: bundleZip() }]],
    [
      'gz, zip with a nested gz, tar with links, members out of order',
      [
        { name: 'one.log.gz', bytes: gzipSync(strToU8(LEDGER)) },
        { name: 'set.zip', bytes: zip },
        { name: 'links.tar.gz', bytes: gzipSync(linked) },
        { name: 'back.tgz', bytes: backwards },
      ],
    ],
  ];

  /** The members as fflate's whole-archive functions give them (archives inside opened the same way), macOS metadata left out. */
  function reference(name: string, bytes: Uint8Array, depth = 1): NamedBytes[] {
    const kind = archiveKind(name, bytes);
    if (!kind || depth > 4) return /\/__MACOSX\/|\/\._[^/]*$/.test(name) ? [] : [{ name, bytes }];
    if (kind === 'zip') return Object.entries(unzipSync(bytes)).filter(([n]) => !n.endsWith('/')).flatMap(([n, b]) => reference(`${name}/${n}`, b, depth + 1));
    const data = kind === 'gzip' ? gunzipSync(bytes) : bytes;
    if (kind === 'tar' || looksLikeTar(data)) return readTar(data).entries.flatMap((e) => reference(`${name}/${e.path}`, e.data, depth + 1));
    return reference(`${name}/${name.replace(/^.*\//, '').replace(/\.gz$/, '')}`, data, depth + 1);
  }

  it.each(sets)('%s: the members and their judgements are those of the archive read whole', (_, inputs) => {
    for (const input of inputs) {
      const ref = reference(input.name, input.bytes);
      const scanned = scanArchives([input], new DiagnosticSink(), undefined, {}, 0) as ArchiveMember[];
      expect(scanned.map((m) => [m.name, m.size])).toEqual(ref.map((m) => [m.name, m.bytes.length]));
      expect(scanned.map((m) => Buffer.from(memberBytes(m)).toString('base64'))).toEqual(ref.map((m) => Buffer.from(m.bytes).toString('base64')));
      expect(scanned.map((m) => m.kind)).toEqual(ref.map((m) => memberKind(m.name, m.bytes)));
      expect(scanned.map((m) => m.hasEvents)).toEqual(ref.map((m) => mentionsEvents(m.bytes, m.bytes.length)));
    }
  });

  const said = (a: Analysis) => ({ inputs: a.inputs, diagnostics: a.diagnostics, document: serializeAnalysisDocument(buildAnalysisDocument(a)) });

  it.each(sets)('%s: the same analysis, diagnostics and reading report', async (_, inputs) => {
    const whole = await analyze(inputs, {}, { archiveMembersWhole: true });
    const streamed = await analyze(inputs, {}, { archiveHoldSmallBytes: 0 });
    expect(said(streamed)).toEqual(said(whole));
  });

  it.each(sets)('%s: the same plan from the scan as from the whole members', (_, inputs) => {
    for (const input of inputs) {
      const whole = expandArchives([input], new DiagnosticSink()) as NamedBytes[];
      const scanned = scanArchives([input], new DiagnosticSink(), undefined, {}, 0) as ArchiveMember[];
      const a = planBundle(input.name, whole);
      const b = planBundle(input.name, scanned);
      expect(b.read.map((m) => m.name)).toEqual(a.read.map((m) => m.name));
      expect({ ...b, read: [] }).toEqual({ ...a, read: [] });
    }
  });
});

describe('resource files', () => {
  it('reads a pods resource for its metadata up to RESOURCE_CAP; a bigger one is listed with a warning, never inflated', () => {
    const untouched = (name: string, size: number): ArchiveMember => ({
      name,
      size,
      kind: { read: false, reason: 'Kubernetes resource (JSON), not a log' },
      hasEvents: false,
      chunks: () => {
        throw new Error(`${name} was inflated`);
      },
    });
    const pods = 'sb.tgz/b/cluster-resources/pods/default.json';
    const plan = planBundle('sb.tgz', [untouched(pods, RESOURCE_CAP * 1.25)]);
    expect(plan.skipped).toEqual([{ name: pods, reason: expect.stringMatching(/^resource metadata: pods/) }]);
    expect(plan.resourceMeta).toEqual([]);
    expect(plan.diagnostics).toContainEqual({ input: pods, line: 0, severity: 'warning', message: 'resource file of 80.0 MiB: over the 64.0 MiB read for resource metadata, so its objects were not read' });
  });
});

describe('GzipCursor', () => {
  // Incompressible (xorshift), so that the stream comes in many small pieces.
  let x = 2463534242;
  const bytes = new Uint8Array(3_000_000).map(() => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), x & 0xff));
  const gz = gzipSync(bytes);
  const read = (c: GzipCursor, from: number, size: number) => Buffer.concat([...c.range(from, size)]);

  it('reads ranges in any order, the bytes of each exactly', () => {
    const c = new GzipCursor(gz);
    for (const [from, size] of [
      [2_000_000, 500_000],
      [10, 1000],
      [2_999_000, 1000],
      [1_000_000, 0],
      [5, 2_000_000],
    ] as const) {
      expect(read(c, from, size).equals(Buffer.from(bytes.subarray(from, from + size)))).toBe(true);
    }
    expect(c.restarts).toBe(2);
  });

  it('keeps a range it is told will be read when a skip passes over it: no second inflate', () => {
    const c = new GzipCursor(gz);
    c.want(500_000, 400_000); // a current log stored before its previous one, read after it
    c.want(1_000_000, 400_000);
    expect(read(c, 1_000_000, 400_000).equals(Buffer.from(bytes.subarray(1_000_000, 1_400_000)))).toBe(true);
    expect(read(c, 500_000, 400_000).equals(Buffer.from(bytes.subarray(500_000, 900_000)))).toBe(true);
    expect(c.restarts).toBe(0);
    // Not told: inflated again from the top.
    expect(read(c, 100_000, 10).equals(Buffer.from(bytes.subarray(100_000, 100_010)))).toBe(true);
    expect(c.restarts).toBe(1);
    expect(STASH_BYTES).toBeGreaterThanOrEqual(16 << 20);
  });
});

describe('GzipCursor on an order far from the archive\'s', () => {
  let x = 88172645;
  const bytes = new Uint8Array(2_000_000).map(() => ((x ^= x << 13), (x ^= x >>> 17), (x ^= x << 5), x & 0xff));
  const gz = gzipSync(bytes);
  const readBackwards = (c: GzipCursor) => {
    for (let k = 0; k < 20; k++) c.want(k * 100_000, 100_000);
    for (let k = 19; k >= 0; k--) expect(Buffer.concat([...c.range(k * 100_000, 100_000)]).equals(Buffer.from(bytes.subarray(k * 100_000, (k + 1) * 100_000)))).toBe(true);
  };

  it('inflates the stream again for each member behind it while the stash is full', () => {
    const c = new GzipCursor(gz, 150_000);
    readBackwards(c);
    expect(c.restarts).toBeGreaterThanOrEqual(15);
  });

  it('keeps all it passes once reading has inflated the stream REINFLATE_LIMIT times over', () => {
    const c = new GzipCursor(gz, 150_000);
    c.streamLength = bytes.length;
    readBackwards(c);
    expect(c.restarts).toBeLessThanOrEqual(REINFLATE_LIMIT + 1);
  });
});

describe('TarParser', () => {
  it('tells, from a tar pushed in pieces of any size, what readTar finds in it whole', () => {
    const members = [
      { name: 'logs/', data: '', type: '5' },
      { name: './logs/a.log', data: 'A'.repeat(700) },
      { name: `deep/${'d'.repeat(120)}/x.log`, data: 'B', longName: 'gnu' as const },
      { name: `deep/${'e'.repeat(120)}/y.log`, data: 'C'.repeat(1500), longName: 'pax' as const },
      { name: 'link.log', data: '', type: '2', link: 'logs/a.log' },
      { name: 'empty.log', data: '' },
    ];
    const bytes = tar(members);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 1200 }), { maxLength: 12 }), fc.integer({ min: 0, max: 600 }), (cuts, trim) => {
        const input = bytes.subarray(0, bytes.length - trim * 8);
        const expected = readTar(input);
        const entries: { path: string; data: string; modifiedMs?: number }[] = [];
        const links: TarLink[] = [];
        let current: { e: TarEntryHeader; data: string } | null = null;
        const p = new TarParser({
          entry: (e) => (current = { e, data: '' }),
          data: (c) => (current!.data += new TextDecoder().decode(c)),
          entryEnd: () => {
            entries.push({ path: current!.e.path, data: current!.data, ...(current!.e.modifiedMs !== undefined && { modifiedMs: current!.e.modifiedMs }) });
            current = null;
          },
          link: (l) => links.push(l),
        });
        let at = 0;
        for (const n of cuts) {
          p.push(input.subarray(at, Math.min(input.length, at + n)));
          at = Math.min(input.length, at + n);
        }
        p.push(input.subarray(at));
        const { problems } = p.end();
        expect(entries).toEqual(expected.entries.map((e) => ({ path: e.path, data: new TextDecoder().decode(e.data), ...(e.modifiedMs !== undefined && { modifiedMs: e.modifiedMs }) })));
        expect(links).toEqual(expected.links);
        expect(problems).toEqual(expected.problems);
      }),
      { numRuns: 200 },
    );
  });
});
