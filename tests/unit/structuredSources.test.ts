/**
 * Who wrote each record of a structured log (JSON lines, logfmt, CSV, and
 * key=value text) that names a service and a host, or holds many sources in
 * one file: the service instance is the process, its host the clock domain,
 * a service on a second host is `svc@host`; hundreds of hosts interleaved
 * are one process each; the reading report says which key named the
 * sources, and the user can pick another (or 'none').
 */
import { describe, expect, it, vi } from 'vitest';
import { analyze, type Analysis } from '../../src/core/analysis/analyze';
import type { AnalyzeOptions } from '../../src/core/analysis/analyzeOptions';
import { textsOf } from '../../src/core/model/execution';
import { ExecutionBuilder } from '../../src/core/model/executionBuilder';
import type { Execution } from './eventHelpers';

const enc = (s: string) => new TextEncoder().encode(s);

async function run(files: Record<string, string[]>, options: AnalyzeOptions = {}): Promise<Analysis> {
  return analyze(
    Object.entries(files).map(([name, lines]) => ({ name, bytes: enc(lines.join('\n') + '\n') })),
    options,
  );
}

function only(a: Analysis): Execution {
  expect(a.executions).toHaveLength(1);
  return a.executions[0]!.execution;
}

/** Each event as "process@domain: text", in line order. */
function byLine(x: Execution): string[] {
  const texts = textsOf(x);
  const order = [...texts.keys()].sort((a, b) => x.eventLine[a]! - x.eventLine[b]!);
  return order.map((e) => `${x.processNames[x.eventProc[e]!]}@${x.domainNames[x.processDomain[x.eventProc[e]!]!]}: ${texts[e]}`);
}

const json = (o: Record<string, unknown>) => JSON.stringify(o);
const T = (i: number) => `2026-03-14T10:00:${String(i % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')}Z`;

/** The same three records (a service on two hosts, another service beside it) written in each format. */
const FORMATS: { name: string; file: string; lines: (svcKey: string, hostKey: string) => string[] }[] = [
  {
    name: 'JSON lines',
    file: 'all.jsonl',
    lines: (s, h) => [
      json({ ts: T(1), [s]: 'api', [h]: 'node-1', msg: 'one' }),
      json({ ts: T(2), [s]: 'api', [h]: 'node-2', msg: 'two' }),
      json({ ts: T(3), [s]: 'db', [h]: 'node-1', msg: 'three' }),
    ],
  },
  {
    name: 'logfmt',
    file: 'all.log',
    lines: (s, h) => [`ts=${T(1)} ${s}=api ${h}=node-1 msg=one`, `ts=${T(2)} ${h}=node-2 ${s}=api msg=two`, `ts=${T(3)} ${s}=db ${h}=node-1 msg="three"`],
  },
  {
    name: 'CSV',
    file: 'all.csv',
    lines: (s, h) => [`timestamp,${s},${h},message`, `${T(1)},api,node-1,one`, `${T(2)},api,node-2,two`, `${T(3)},db,node-1,three`],
  },
  {
    name: 'key=value text',
    file: 'all.txt',
    lines: (s, h) => [`${T(1)} INFO ${s}=api ${h}=node-1 one`, `${T(2)} INFO ${s}=api ${h}=node-2 two`, `${T(3)} INFO ${s}=db ${h}=node-1 three`],
  },
];

const KEY_PAIRS: [string, string][] = [
  ['svc', 'host'],
  ['service', 'hostname'],
  ['app', 'node'],
  ['component', 'host'],
  ['container', 'node'],
  ['service.name', 'host.name'],
];

describe('a service and a host side by side', () => {
  for (const f of FORMATS) {
    for (const [s, h] of KEY_PAIRS) {
      // Text logs name sources by the key=value fields their own reader knows (sourceColumn.ts).
      if (f.name === 'key=value text' && (s.includes('.') || h.includes('.'))) continue;
      it(`${f.name}, ${s}= and ${h}=: the service is the process, the host its clock domain, a second host's instance svc@host`, async () => {
        const a = await run({ [f.file]: f.lines(s, h) });
        const x = only(a);
        expect([...x.processNames].sort()).toEqual(['api', 'api@node-2', 'db']);
        // Lane and the record's last word (text logs keep the line after the time as the text).
        expect(byLine(x).map((l) => l.replace(/: .* /, ': '))).toEqual(['api@node-1: one', 'api@node-2@node-2: two', 'db@node-1: three']);
        // api and db share node-1's clock: one domain.
        expect(x.processDomain[x.processNames.indexOf('api')]).toBe(x.processDomain[x.processNames.indexOf('db')]);
        expect(a.inputs[0]!.reading.sources).toBe(3);
        if (f.name !== 'key=value text') {
          const col = f.name === 'CSV' ? s : `field ${s}`;
          expect(a.inputs[0]!.reading.sourceColumn).toBe(col);
          expect(a.inputs[0]!.reading.sourceCandidates).toContain(f.name === 'CSV' ? h : `field ${h}`);
        }
      });
    }
  }

  it('a host field alone names the process, with no separate domain', async () => {
    const x = only(await run({ 'h.jsonl': [json({ ts: T(1), hostname: 'web-1', msg: 'a' }), json({ ts: T(2), hostname: 'web-2', msg: 'b' })] }));
    expect(byLine(x)).toEqual(['web-1@web-1: a', 'web-2@web-2: b']);
  });

  it('the service keeps its lanes whichever format names it: JSON on node-1 then logfmt on node-2 is api and api@node-2', async () => {
    const x = only(
      await run({
        'a.jsonl': [json({ ts: T(1), service: 'api', host: 'node-1', msg: 'json' })],
        'b.log': [`ts=${T(2)} svc=api node=node-2 msg=logfmt`],
        'c.csv': ['time,app,hostname,msg', `${T(3)},api,node-3,csv`],
      }),
    );
    expect(byLine(x).sort()).toEqual(['api@node-1: json', 'api@node-2@node-2: logfmt', 'api@node-3@node-3: csv'].sort());
  });
});

describe('hundreds of hosts in one structured file', () => {
  const HOSTS = 300;
  const RECORDS = 3000;
  const hostOf = (i: number) => `node-${(i * 7919) % HOSTS}`;
  const writers: { name: string; file: string; lines: () => string[] }[] = [
    { name: 'JSON lines', file: 'cluster.jsonl', lines: () => Array.from({ length: RECORDS }, (_, i) => json({ ts: T(i), host: hostOf(i), level: 'info', msg: `m${i}` })) },
    { name: 'logfmt', file: 'cluster.log', lines: () => Array.from({ length: RECORDS }, (_, i) => `ts=${T(i)} node=${hostOf(i)} level=info msg=m${i}`) },
    { name: 'CSV', file: 'cluster.csv', lines: () => ['time,host,level,message', ...Array.from({ length: RECORDS }, (_, i) => `${T(i)},${hostOf(i)},info,m${i}`)] },
  ];
  for (const w of writers) {
    it(`${w.name}: ${HOSTS} hosts interleaved become ${HOSTS} processes, each record on its host`, async () => {
      const a = await run({ [w.file]: w.lines() });
      const x = only(a);
      expect(x.processNames).toHaveLength(HOSTS);
      expect(new Set(x.domainNames).size).toBe(HOSTS);
      const texts = textsOf(x);
      for (let e = 0; e < x.eventCount; e++) {
        const i = Number(texts[e]!.slice(1));
        expect(x.processNames[x.eventProc[e]!]).toBe(hostOf(i));
        expect(x.domainNames[x.processDomain[x.eventProc[e]!]!]).toBe(hostOf(i));
      }
      expect(a.inputs[0]!.reading.sources).toBe(HOSTS);
      expect(a.inputs[0]!.reading.sourceColumn).toBe(w.name === 'CSV' ? 'host' : w.name === 'logfmt' ? 'field node' : 'field host');
    });
  }

  for (const w of writers) {
    it(`${w.name}: a record of a source met before finds its process without asking the builder (no name string per record)`, async () => {
      const spy = vi.spyOn(ExecutionBuilder.prototype, 'process');
      try {
        await run({ [w.file]: w.lines() });
        // One look-up per source (and a few for slots two names share), not one per record.
        expect(spy.mock.calls.length).toBeGreaterThanOrEqual(HOSTS);
        expect(spy.mock.calls.length).toBeLessThan(HOSTS * 1.5);
      } finally {
        spy.mockRestore();
      }
    });
  }

  it('more sources than the process cache holds, with services on many hosts, still land on the right lanes', async () => {
    const lines: string[] = [];
    for (let i = 0; i < 6000; i++) lines.push(`ts=${T(i)} svc=s${i % 40} host=h${(i * 31) % 97} msg=m${i}`);
    const x = only(await run({ 'many.log': lines }));
    const texts = textsOf(x);
    const laneOf = new Map<string, string>();
    for (let e = 0; e < x.eventCount; e++) {
      const i = Number(texts[e]!.slice(1));
      const key = `s${i % 40} on h${(i * 31) % 97}`;
      const lane = `${x.processNames[x.eventProc[e]!]}@${x.domainNames[x.processDomain[x.eventProc[e]!]!]}`;
      // One lane per service instance, in its host's domain, named svc or svc@host.
      expect(lane.endsWith(`@h${(i * 31) % 97}`)).toBe(true);
      expect(lane.startsWith(`s${i % 40}`)).toBe(true);
      if (laneOf.has(key)) expect(laneOf.get(key)).toBe(lane);
      else laneOf.set(key, lane);
    }
    expect(new Set(laneOf.values()).size).toBe(laneOf.size);
    expect(x.processNames).toHaveLength(laneOf.size);
  });
});

describe('the source key the user picks', () => {
  const lines = [
    json({ ts: T(1), svc: 'api', host: 'node-1', shard: 'a', msg: 'one' }),
    json({ ts: T(2), svc: 'api', host: 'node-2', shard: 'b', msg: 'two' }),
    json({ ts: T(3), svc: 'db', host: 'node-1', shard: 'a', msg: 'three' }),
  ];

  it('JSON lines: field host makes the hosts the processes', async () => {
    const a = await run({ 'x.jsonl': lines }, { sourceColumns: { 'x.jsonl': 'field host' } });
    expect(byLine(only(a))).toEqual(['node-1@node-1: one', 'node-2@node-2: two', 'node-1@node-1: three']);
    expect(a.inputs[0]!.reading).toMatchObject({ sourceColumn: 'field host', sources: 2 });
    expect(a.inputs[0]!.reading.sourceCandidates).toContain('field svc');
  });

  it('JSON lines: a key no convention knows (shard) names the processes, the host still their clock', async () => {
    const a = await run({ 'x.jsonl': lines }, { sourceColumns: { 'x.jsonl': 'shard' } });
    expect(byLine(only(a))).toEqual(['a@node-1: one', 'b@node-2: two', 'a@node-1: three']);
    expect(a.inputs[0]!.reading.sourceColumn).toBe('field shard');
  });

  it("'none' reads the file as one source; a key on no record is a warning", async () => {
    const a = await run({ 'x.jsonl': lines }, { sourceColumns: { 'x.jsonl': 'none' } });
    expect(only(a).processNames).toEqual(['x']);
    expect(a.inputs[0]!.reading.sourceColumn).toBeUndefined();
    expect(a.inputs[0]!.reading.sourceCandidates).toEqual(['field svc', 'field host']);
    const b = await run({ 'x.jsonl': lines }, { sourceColumns: { 'x.jsonl': 'field nope' } });
    expect(only(b).processNames).toEqual(['x']);
    expect(b.diagnostics.some((d) => d.severity === 'warning' && d.message.includes('source column "field nope"'))).toBe(true);
  });

  it('logfmt: field host, and other inputs keep the conventions', async () => {
    const a = await run(
      {
        'x.log': [`ts=${T(1)} svc=api host=node-1 msg=one`, `ts=${T(2)} svc=db host=node-1 msg=two`],
        'y.log': [`ts=${T(3)} svc=web host=node-9 msg=three`],
      },
      { sourceColumns: { 'x.log': 'field host' } },
    );
    expect(byLine(only(a)).sort()).toEqual(['node-1@node-1: one', 'node-1@node-1: two', 'web@node-9: three']);
    expect(a.inputs.find((i) => i.name === 'x.log')!.reading.sourceColumn).toBe('field host');
    expect(a.inputs.find((i) => i.name === 'y.log')!.reading.sourceColumn).toBe('field svc');
  });

  it('CSV: a host column, none, and a column that is not there', async () => {
    const csv = ['timestamp,service,host,message', `${T(1)},api,node-1,one`, `${T(2)},db,node-1,two`];
    const a = await run({ 'x.csv': csv }, { sourceColumns: { 'x.csv': 'host' } });
    expect(byLine(only(a))).toEqual(['node-1@node-1: one', 'node-1@node-1: two']);
    expect(a.inputs[0]!.reading).toMatchObject({ sourceColumn: 'host', sources: 1, sourceCandidates: ['service'] });
    const b = await run({ 'x.csv': csv }, { sourceColumns: { 'x.csv': 'none' } });
    expect(byLine(only(b))).toEqual(['x@x: one', 'x@x: two']);
    const c = await run({ 'x.csv': csv }, { sourceColumns: { 'x.csv': 'hots' } });
    expect(byLine(only(c))).toEqual(['api@node-1: one', 'db@node-1: two']);
    expect(c.diagnostics.some((d) => d.severity === 'warning' && d.message.includes('source column "hots"'))).toBe(true);
  });
});
