/**
 * Correlation groups (correlate/correlationGroups.ts) and the rules they
 * propose (correlationProposals.ts): OpenStack-like request ids shared by
 * nova-api and nova-compute, HDFS-like block ids on several datanodes, JSON
 * request_id fields, ids on one process only, an id on nearly every event,
 * message ids that edges already join, and a proposed rule that, applied,
 * makes the edges it promises.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import { proposeCorrelationRules, serviceOf } from '../../src/core/correlate/correlationProposals';
import { maskTemplate, templateRegex } from '../../src/core/correlate/correlationTokens';
import { buildAnalysisDocument } from '../../src/core/document/analysisDocument';
import { textOf, type Execution } from '../../src/core/model/execution';

const enc = (name: string, lines: string[]) => ({ name, bytes: new TextEncoder().encode(lines.join('\n') + '\n') });
const hex = (i: number, n: number) => ((i * 2654435761) >>> 0).toString(16).padStart(8, '0').repeat(4).slice(0, n);
const uuid = (i: number) => { const h = hex(i + 1, 32); return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`; };
const TENANT = '54fadb412c4e40cdbaed9335e4c35a9e';

/** nova-api takes POST /servers, nova-compute builds the instance: each request's id on both. */
function openstack(requests: number) {
  const api: string[] = [];
  const compute: string[] = [];
  for (let i = 0; i < requests; i++) {
    const req = `req-${uuid(100 + i)}`;
    const inst = uuid(200 + i);
    const t = `2017-05-16 00:${String(i).padStart(2, '0')}:00`;
    api.push(`${t}.008 25746 INFO nova.osapi_compute.wsgi.server [${req} admin ${TENANT} - - -] 10.11.10.1 "POST /v2/${TENANT}/servers HTTP/1.1" status: 202 len: 733 time: 0.51${i}`);
    api.push(`${t}.300 25746 INFO nova.osapi_compute.wsgi.server [${req} admin ${TENANT} - - -] 10.11.10.1 "GET /v2/${TENANT}/servers/${inst} HTTP/1.1" status: 200 len: 1893`);
    compute.push(`${t}.120 2931 INFO nova.compute.manager [${req} admin ${TENANT} - - -] [instance: ${inst}] Starting instance...`);
    compute.push(`${t}.900 2931 INFO nova.compute.manager [${req} admin ${TENANT} - - -] [instance: ${inst}] Took ${i + 10}.5 seconds to build instance.`);
  }
  // A periodic task's id, on nova-compute only.
  compute.push('2017-05-16 00:59:00.000 2931 INFO nova.compute.resource_tracker [req-addc1839-2ed5-4778-b57e-5854eb7b8b09 - - - - -] Final resource view');
  return [enc('nova-api.log', api), enc('nova-compute.log', compute)];
}

const keysOf = (r: { correlations?: { key: string }[] }) => r.correlations!.map((c) => c.key);
const procsOf = (x: Execution, c: { processes: number[] }) => c.processes.map((p) => x.processNames[p]);

describe('correlation groups', () => {
  it('groups OpenStack request ids and instance uuids that nova-api and nova-compute share, not the periodic task\'s id', async () => {
    const a = await analyze(openstack(10));
    const r = a.executions[0]!;
    const x = r.execution;
    const reqs = r.correlations!.filter((c) => c.key.startsWith('req-'));
    expect(reqs.map((c) => c.key)).toEqual(Array.from({ length: 10 }, (_, i) => `req-${uuid(100 + i)}`).sort());
    for (const c of reqs) {
      expect(procsOf(x, c)).toEqual(['nova-api', 'nova-compute']);
      expect(c.events).toHaveLength(4);
      expect(c.source).toBe(0);
      // The request id is one id: its inner uuid is not a group of its own.
      expect(keysOf(r)).not.toContain(c.key.slice(4));
    }
    const instances = r.correlations!.filter((c) => !c.key.startsWith('req-'));
    expect(instances).toHaveLength(10);
    expect(instances.every((c) => c.events.length === 3)).toBe(true);
    expect(keysOf(r)).not.toContain('req-addc1839-2ed5-4778-b57e-5854eb7b8b09');
    // The tenant is on every event: too common, said once.
    expect(keysOf(r)).not.toContain(TENANT);
    expect(a.diagnostics.filter((d) => /too common to correlate/.test(d.message)).map((d) => d.message)).toEqual([
      `1 shared id is on more than 10 % of the 41 events of default (the most: "${TENANT}" on 40): too common to correlate anything, not listed as correlations`,
    ]);
  });

  it('groups HDFS block ids across datanodes, by how many datanodes each spans', async () => {
    const node = (n: number, blocks: string[]) =>
      enc(
        `datanode-${n}.log`,
        blocks.flatMap((b, i) => [
          `2008-11-09T20:3${n}:${String(i).padStart(2, '0')}Z INFO dfs.DataNode$DataXceiver: Receiving block blk_${b} src: /10.250.1.${n}:5001${i} dest: /10.250.1.${n}:50010`,
          `2008-11-09T20:3${n}:${String(i).padStart(2, '0')}.5Z INFO dfs.DataNode$PacketResponder: PacketResponder ${i} for block blk_${b} terminating`,
        ]),
      );
    const a = await analyze([node(1, ['-1608999687919862906', '7503483334202473044', '11']), node(2, ['-1608999687919862906', '7503483334202473044']), node(3, ['-1608999687919862906', '42'])]);
    const r = a.executions[0]!;
    const x = r.execution;
    expect(r.correlations!.map((c) => [c.key, procsOf(x, c)])).toEqual([
      ['blk_-1608999687919862906', ['datanode-1', 'datanode-2', 'datanode-3']],
      ['blk_7503483334202473044', ['datanode-1', 'datanode-2']],
    ]);
    expect(r.correlations![0]!.events).toHaveLength(6);
    // Each datanode's events of a block are in its program order.
    for (const c of r.correlations!) expect([...c.events].sort((p, q) => p - q)).toEqual(c.events);
  });

  it('groups request_id fields of JSON lines whatever their shape, and leaves ids edges already join', async () => {
    const a = await analyze([
      enc('gw.jsonl', [
        '{"ts":"2026-01-01T00:00:00Z","service":"gw","request_id":"r-1001","msg":"accepted order"}',
        '{"ts":"2026-01-01T00:00:01Z","service":"gw","request_id":"r-1002","msg":"accepted order"}',
        '{"ts":"2026-01-01T00:00:02Z","service":"gw","msg_id":"m-77","dir":"send","to":"db","msg":"write"}',
        '{"ts":"2026-01-01T00:00:03Z","service":"gw","pid":"4242","msg":"alive"}',
      ]),
      enc('db.jsonl', [
        '{"ts":"2026-01-01T00:00:00.5Z","service":"db","request_id":"r-1001","msg":"stored order"}',
        '{"ts":"2026-01-01T00:00:02.5Z","service":"db","msg_id":"m-77","dir":"recv","from":"gw","msg":"write"}',
        '{"ts":"2026-01-01T00:00:03Z","service":"db","pid":"4242","msg":"alive"}',
      ]),
    ]);
    const r = a.executions[0]!;
    expect(r.execution.edgeCount).toBe(1);
    // r-1002 is on gw only; m-77 is an edge already; a pid that repeats across hosts is no id.
    expect(r.correlations!.map((c) => [c.key, c.source])).toEqual([['r-1001', 'request_id']]);
  });

  it('finds ids with a user pattern, its group 1 being the id', async () => {
    const a = await analyze(
      [
        enc('shop.log', ['2026-01-01T00:00:00Z placed ORDER#A-17 for bob', '2026-01-01T00:00:01Z placed ORDER#A-18 for eve']),
        enc('ship.log', ['2026-01-01T00:00:05Z shipping order A-17', '2026-01-01T00:00:06Z shipping order A-99']),
      ],
      { correlationPatterns: ['(?:ORDER#|order )([A-Z]-\\d+)'] },
    );
    expect(keysOf(a.executions[0]!)).toEqual(['A-17']);
    const bad = await analyze([enc('a.log', ['2026-01-01T00:00:00Z x'])], { correlationPatterns: ['('] });
    expect(bad.diagnostics.some((d) => d.severity === 'error' && /correlation pattern "\(" is not a regular expression/.test(d.message))).toBe(true);
  });

  it('writes the groups into the analysis document by event id and process name', async () => {
    const a = await analyze(openstack(3));
    const doc = buildAnalysisDocument(a);
    const c = doc.executions[0]!.correlations;
    expect(c[0]).toEqual({ key: c[0]!.key, events: expect.any(Array), processes: ['nova-api', 'nova-compute'] });
    expect(c.find((g) => g.key === `req-${uuid(100)}`)!.events).toEqual(['nova-api:1', 'nova-api:2', 'nova-compute:1', 'nova-compute:2']);
  });
});

describe('rules proposed from correlation groups', () => {
  it('proposes nova-api\'s POST → nova-compute\'s "Starting instance" keyed by request id, which makes those edges when applied', async () => {
    const a = await analyze(openstack(6));
    const r = a.executions[0]!;
    const props = proposeCorrelationRules(r.execution, r.correlations!, r.clocks);
    const byReq = props.find((p) => p.source === 0)!;
    expect(byReq).toMatchObject({ groups: 6, direction: 'unknown', from: { service: 'nova-api', process: 'nova-api' }, to: { service: 'nova-compute', process: 'nova-compute' } });
    expect(byReq.from.template).toMatch(/"POST \/v<n>\/<id>\/servers HTTP\/<n>\.<n>"/);
    expect(byReq.to.template).toMatch(/\[instance: <id>\] Starting instance\.\.\.$/);
    expect(byReq.rule.name).toMatch(/^nova-api → nova-compute by request id \(direction not shown/);
    expect(props[0]).toBe(byReq);

    const applied = await analyze(openstack(6), { rules: { rules: [byReq.rule] } });
    const x = applied.executions[0]!.execution;
    const edges = Array.from({ length: x.edgeCount }, (_, k) => [textOf(x, x.edgeFrom[k]!), textOf(x, x.edgeTo[k]!), x.strings.get(x.edgeKey[k]!)]);
    expect(edges).toHaveLength(6);
    for (const [from, to, key] of edges) {
      expect(from).toContain(`[${key} `);
      expect(from).toContain('POST');
      expect(to).toContain(`[${key} `);
      expect(to).toContain('Starting instance');
    }
    expect(applied.diagnostics.filter((d) => d.input === 'rules' && d.severity !== 'info')).toEqual([]);
  });

  it('takes the direction from happened-before where edges order the openings, and proposes nothing edges already join', async () => {
    const gw: string[] = [];
    const db: string[] = [];
    for (let i = 0; i < 3; i++) {
      // gw writes to db (a message edge m-i); the request id is on both ends and on gw's "done".
      gw.push(`{"ts":"2026-01-01T00:00:0${i}Z","service":"gw","request_id":"rq-10${i}","msg_id":"m-${i}","dir":"send","to":"db","msg":"write ${i}"}`);
      gw.push(`{"ts":"2026-01-01T00:00:0${i}.6Z","service":"gw","request_id":"rq-10${i}","msg":"done ${i}"}`);
      db.push(`{"ts":"2026-01-01T00:00:0${i}.5Z","service":"db","request_id":"rq-10${i}","msg_id":"m-${i}","dir":"recv","from":"gw","msg":"stored ${i}"}`);
    }
    const joined = (await analyze([enc('gw.jsonl', gw), enc('db.jsonl', db)])).executions[0]!;
    expect(joined.correlations!.map((c) => c.key)).toEqual(['rq-100', 'rq-101', 'rq-102']);
    expect(proposeCorrelationRules(joined.execution, joined.correlations!, joined.clocks)).toEqual([]);

    // gw opens each request with "begin" before the write; the edge orders it before db's "stored",
    // so gw → db, though db's name sorts first.
    const gw2 = gw.map((l) => l.replace(/"request_id":"rq-10\d","msg_id"/, '"msg_id"'));
    const begun = gw2.flatMap((l, k) => (k % 2 === 0 ? [`{"ts":"2026-01-01T00:00:0${k / 2}Z","service":"gw","request_id":"rq-10${k / 2}","msg":"begin ${k / 2}"}`, l] : [l]));
    const r2 = (await analyze([enc('db.jsonl', db), enc('gw.jsonl', begun)])).executions[0]!;
    const p2 = proposeCorrelationRules(r2.execution, r2.correlations!, r2.clocks);
    expect(p2.map((p) => [p.from.service, p.to.service, p.direction, p.from.template, p.to.template, p.groups])).toEqual([['gw', 'db', 'happened-before', 'begin <n>', 'stored <n>', 3]]);
    expect(p2[0]!.rule).toMatchObject({ key: '${request_id}', send: { process: 'gw', text: '^\\s*begin\\s+\\d+\\s*$' }, receive: { process: 'db' } });
    expect(p2[0]!.rule.keyText).toBeUndefined();
  });

  it('names services without their host or number, and masks ids and numbers in templates', () => {
    expect(serviceOf('nova-compute@host-1')).toEqual({ service: 'nova-compute', glob: 'nova-compute@*' });
    expect(serviceOf('datanode-2')).toEqual({ service: 'datanode', glob: 'datanode-*' });
    expect(serviceOf('api')).toEqual({ service: 'api', glob: 'api' });
    const t = maskTemplate(`Took 12.5 s for req-${uuid(1)} (block blk_-42)  of ${'ab'.repeat(16)}`, []);
    expect(t).toBe('Took <n>.<n> s for <id> (block <id>) of <id>');
    expect(new RegExp(templateRegex(t)).test(`Took 3.25 s for req-${uuid(9)} (block blk_7) of ${'cd'.repeat(16)}`)).toBe(true);
    expect(new RegExp(templateRegex(t)).test('Took 3.25 s for something else')).toBe(false);
  });
});
