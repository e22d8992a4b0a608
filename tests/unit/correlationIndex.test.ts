/**
 * The correlations as the page lists them (session/correlationIndex.ts, through
 * AnalyzerSession): OpenStack-like logs of three services sharing request ids
 * and instance uuids with no direction words. Sorted by processes, then
 * events, then key; searched by key, kind and process; a group's events in
 * order; ids mentioned by unrelated lines, ids on one process, an id on every
 * line; and the proposed rules, applied, making the edges they promise, keyed
 * by the right id (never the uuid inside a request id).
 */
import { describe, expect, it } from 'vitest';
import { AnalyzerSession, type SessionFile } from '../../src/core/session/analyzerSession';
import { MAX_LISTED, type ProposalItem } from '../../src/core/session/correlationIndex';
import { keyTextFor, TokenKind } from '../../src/core/correlate/correlationTokens';
import { reversedRule } from '../../src/ui/state/proposedRule';
import type { AnalyzeOptions } from '../../src/core/analysis/analyzeOptions';
import { failed, instanceOf, openstackLogs, PERIODIC_REQ, requestIdOf, TENANT, type OpenstackLogOptions } from '../browser/helpers/openstackLog';

function file(name: string, text: string): SessionFile {
  const bytes = new TextEncoder().encode(text);
  return { name, size: bytes.length, arrayBuffer: async () => bytes.buffer.slice(0) as ArrayBuffer };
}

async function session(o: OpenstackLogOptions, extra: { name: string; text: string }[] = [], options: AnalyzeOptions = {}) {
  const s = new AnalyzerSession();
  const r = await s.analyze([...openstackLogs(o), ...extra].map((f) => file(f.name, f.text)), options);
  return { s, r };
}

const ALL3 = ['nova-api', 'nova-compute', 'nova-conductor'];

describe('the correlations list', () => {
  it('sorts by processes spanned, then events, then key, and leaves out one-process and too-common ids', async () => {
    const o = { requests: 6, failEvery: 3 };
    const { s, r } = await session(o);
    const list = s.correlations(0, '');
    // Per request: its id and its instance; the periodic task's id (nova-compute only) and the tenant (every line) are not groups.
    expect(list.total).toBe(12);
    expect(list.matching).toBe(12);
    const rows = list.items.map((i) => [i.key, i.kind, i.processes.length, i.eventCount]);
    const done = [0, 1, 3, 4];
    const expected = [
      // Request 0's id is mentioned once more (an unrelated audit line): 6 events, first of the three-process groups.
      [requestIdOf(0), 'request id', 3, 6],
      ...done.slice(1).map((i) => [requestIdOf(i), 'request id', 3, 5]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      ...done.map((i) => [instanceOf(i), 'uuid', 3, 4]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      // Failed at the conductor: two processes.
      ...[2, 5].map((i) => [requestIdOf(i), 'request id', 2, 3]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
      ...[2, 5].map((i) => [instanceOf(i), 'uuid', 2, 2]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    ];
    expect(rows).toEqual(expected);
    expect(list.items[0]!.processes).toEqual(ALL3);
    expect(list.items[0]!.eventIds).toEqual(['nova-api:1', 'nova-api:2', 'nova-api:3', 'nova-compute:1', 'nova-compute:2', 'nova-conductor:1']);
    expect(rows.map((x) => x[0])).not.toContain(PERIODIC_REQ);
    expect(rows.map((x) => x[0])).not.toContain(TENANT);
    expect(r.summary.diagnostics.some((d) => d.severity === 'info' && d.message.includes(`"${TENANT}"`) && /too common to correlate/.test(d.message))).toBe(true);
    // index is the group's place in the document's correlations, which the list reorders.
    const doc = JSON.parse(s.exportJson()).executions[0].correlations as { key: string; events: string[] }[];
    for (const it of list.items) expect(doc[it.index]!.key).toBe(it.key);
    expect(failed(2, o)).toBe(true);
  });

  it('searches key, kind and process names: every word, any case', async () => {
    const { s } = await session({ requests: 6, failEvery: 3 });
    const keys = (q: string) => s.correlations(0, q).items.map((i) => i.key);
    expect(keys('NOVA-COMPUTE')).toHaveLength(8);
    expect(keys('uuid')).toHaveLength(6);
    expect(keys('uuid compute')).toHaveLength(4);
    expect(keys('request conductor')).toHaveLength(6);
    expect(keys(requestIdOf(4).slice(0, 12).toUpperCase())).toEqual([requestIdOf(4)]);
    // A uuid search finds the instance, not the request id that happens to end like it.
    expect(keys(instanceOf(1))).toEqual([instanceOf(1)]);
    const none = s.correlations(0, `${TENANT} nothing`);
    expect(none).toEqual({ total: 12, matching: 0, items: [] });
    expect(s.correlations(0, PERIODIC_REQ).matching).toBe(0);
    expect(s.correlations(0, '   ').matching).toBe(12);
  });

  it('lists the first MAX_LISTED and counts the rest', async () => {
    const { s } = await session({ requests: 120 });
    const list = s.correlations(0, '');
    expect(list.total).toBe(240);
    expect(list.matching).toBe(240);
    expect(list.items).toHaveLength(MAX_LISTED);
    expect(s.correlations(0, 'request').items).toHaveLength(120);
  });

  it("gives a group's events in event order, each process's in program order, as a fresh array", async () => {
    const { s, r } = await session({ requests: 4 });
    const item = s.correlations(0, requestIdOf(2)).items[0]!;
    const events = s.correlationEvents(0, item.index);
    expect([...events]).toEqual([...events].sort((a, b) => a - b));
    expect(events).toHaveLength(5);
    const details = [...events].map((e) => s.eventDetails(0, e));
    expect(details.map((d) => d.process)).toEqual(['nova-api', 'nova-api', 'nova-compute', 'nova-compute', 'nova-conductor']);
    expect(details.every((d) => d.text.includes(requestIdOf(2)))).toBe(true);
    expect(details[2]!.text).toContain('Starting instance');
    events.fill(0);
    expect(s.correlationEvents(0, item.index)[0]).not.toBe(0);
    expect(s.correlationEvents(0, 999)).toHaveLength(0);
    expect(r.lanes[0]!.processNames).toEqual(ALL3);
  });

  it('keeps the groups and the proposal when ids are also mentioned by unrelated lines on another service', async () => {
    // keystone mentions two request ids in token checks; the groups gain a process, the proposal stays.
    const keystone = {
      name: 'keystone.log',
      text: [1, 3].map((i) => `2017-05-16 00:00:0${i}.000 7001 INFO keystone.token.provider [-] token validated for ${requestIdOf(i)}`).join('\n') + '\n',
    };
    const { s } = await session({ requests: 5 }, [keystone]);
    const list = s.correlations(0, '');
    expect(list.items.slice(0, 2).map((i) => [i.key, i.processes.length])).toEqual([[requestIdOf(1), 4], [requestIdOf(3), 4]].sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
    const p = s.correlationProposals(0).filter((x) => x.source === TokenKind.Request);
    // The nova pairs fit every request. keystone's two mentions are no rule: nova-api opens three more
    // requests with its POST that keystone never mentions, which the rule would call lost.
    expect(p.map((x) => [x.from.service, x.to.service, x.groups, x.direction])).toEqual([
      ['nova-api', 'nova-compute', 5, 'unknown'],
      ['nova-api', 'nova-conductor', 5, 'unknown'],
      ['nova-compute', 'nova-conductor', 5, 'unknown'],
    ]);
    expect(p.every((x) => !x.from.template.includes('2017') && !x.to.template.includes('2017'))).toBe(true);
  });
});

describe('rules proposed from the correlations', () => {
  async function edgesAfter(o: OpenstackLogOptions, p: ProposalItem) {
    const rule = JSON.parse(p.ruleJson);
    expect(rule).toEqual(p.rule);
    const { s, r } = await session(o, [], { rules: { rules: [rule] } });
    const lanes = r.lanes[0]!;
    const edges = [...lanes.edgeFrom].map((from, k) => [s.eventDetails(0, from), s.eventDetails(0, lanes.edgeTo[k]!)] as const);
    return { edges, r };
  }

  it('proposes nova-api → nova-compute by request id with its evidence, and the rule makes one edge per request', async () => {
    const o = { requests: 6 };
    const { s } = await session(o);
    const props = s.correlationProposals(0);
    const first = props[0]!;
    expect(first).toMatchObject({ source: TokenKind.Request, kind: 'request id', groups: 6, direction: 'unknown', from: { service: 'nova-api' }, to: { service: 'nova-compute' } });
    expect(first.examples).toEqual([0, 1, 2, 3, 4, 5].map(requestIdOf).sort().slice(0, 3));
    expect(first.from.template).toContain('"POST /v<n>/<id>/servers HTTP/<n>.<n>"');
    expect(first.to.template).toContain('Starting instance...');

    const { edges, r } = await edgesAfter(o, first);
    expect(edges).toHaveLength(6);
    for (const [from, to] of edges) {
      expect([from.process, to.process]).toEqual(['nova-api', 'nova-compute']);
      expect(from.text).toContain('POST');
      expect(to.text).toContain('Starting instance');
      expect(to.text).toContain(from.text.slice(from.text.indexOf('[req-'), from.text.indexOf(' admin')));
    }
    // nova-compute's clock runs behind: that is what the edges show, and no message is called lost.
    const kinds = s.anomalyGroups(0).map((g) => g.kind);
    expect(kinds).toEqual([]);
    const { s: s2 } = await session(o, [], { rules: { rules: [first.rule] } });
    expect(s2.anomalyGroups(0).map((g) => [g.kind, g.count])).toEqual([['clock-skew', 6]]);
    expect(r.summary.executions[0]!.messages).toBe(6);
    // The pair the rule joins is not proposed again; the ids are still listed (their other events are not joined).
    expect(s2.correlations(0, '').total).toBe(12);
    expect(s2.correlationProposals(0).some((p) => p.source === TokenKind.Request && p.from.service === 'nova-api' && p.to.service === 'nova-compute')).toBe(false);
  });

  it('proposes no rule whose sends would go unanswered: requests that fail before nova-compute', async () => {
    // Every third request finds no host: nova-api's POST opens 6 requests, nova-compute sees 4.
    const o = { requests: 6, failEvery: 3 };
    const { s } = await session(o);
    const props = s.correlationProposals(0);
    const pairs = props.map((p) => [p.kind, p.from.service, p.to.service, p.groups]);
    expect(pairs).toEqual([
      ['request id', 'nova-compute', 'nova-conductor', 4],
      ['uuid', 'nova-compute', 'nova-conductor', 4],
    ]);
    // The conductor's "Scheduling instance" and compute's "Starting instance..." meet in every request that has either.
    expect(props[0]!.from.template).toContain('Starting instance...');
    expect(props[0]!.to.template).toContain('Scheduling instance');
    // Taken the other way round (the logs do not say which), it gives one edge per scheduled request and no lost message.
    const { edges } = await edgesAfter(o, { ...props[0]!, rule: reversedRule(props[0]!.rule), ruleJson: JSON.stringify(reversedRule(props[0]!.rule)) });
    expect(edges.map(([a, b]) => [a.process, b.process])).toEqual(Array(4).fill(['nova-conductor', 'nova-compute']));
    const { s: s2 } = await session(o, [], { rules: { rules: [reversedRule(props[0]!.rule)] } });
    expect(s2.anomalyGroups(0).map((g) => g.kind)).toEqual(['clock-skew']);
  });

  it('keys a uuid rule by the instance uuid, not the uuid inside the request id', async () => {
    const o = { requests: 4 };
    const { s } = await session(o);
    const byUuid = s.correlationProposals(0).find((p) => p.source === TokenKind.Uuid && p.from.service === 'nova-api' && p.to.service === 'nova-compute')!;
    expect(byUuid.from.template).toContain('GET');
    const { edges } = await edgesAfter(o, byUuid);
    expect(edges).toHaveLength(4);
    for (const [from, to] of edges) {
      const inst = /servers\/([0-9a-f-]{36})/.exec(from.text)![1]!;
      expect(to.text).toContain(`[instance: ${inst}]`);
    }
    const keys = new Set(edges.map(([from]) => /servers\/([0-9a-f-]{36})/.exec(from.text)![1]));
    expect(keys).toEqual(new Set([0, 1, 2, 3].map(instanceOf)));
  });

  it('proposes no uuid rule where the opening line names another uuid first (its keyText would read that one)', async () => {
    // nova-api's external event names the port before the instance; nova-compute names the instance only.
    const api: string[] = [];
    const compute: string[] = [];
    for (let i = 0; i < 4; i++) {
      const t = `2017-05-16 00:00:0${i}`;
      api.push(`${t}.100 25743 INFO nova.api.openstack.compute.server_external_events [-] Creating event network-vif-plugged:${instanceOf(100 + i)} for instance ${instanceOf(i)}`);
      compute.push(`${t}.200 2931 INFO nova.compute.manager [-] [instance: ${instanceOf(i)}] VM Resumed (Lifecycle Event)`);
    }
    const s = new AnalyzerSession();
    await s.analyze([file('nova-api.log', api.join('\n') + '\n'), file('nova-compute.log', compute.join('\n') + '\n')], {});
    expect(s.correlations(0, '').items.map((i) => i.key)).toEqual([0, 1, 2, 3].map(instanceOf).sort());
    expect(s.correlationProposals(0)).toEqual([]);
    // The same lines with the instance first are proposed, and the rule joins them by the instance.
    const swapped = api.map((l, i) => l.replace(`network-vif-plugged:${instanceOf(100 + i)} for instance ${instanceOf(i)}`, `for instance ${instanceOf(i)} network-vif-plugged:${instanceOf(100 + i)}`));
    const s2 = new AnalyzerSession();
    await s2.analyze([file('nova-api.log', swapped.join('\n') + '\n'), file('nova-compute.log', compute.join('\n') + '\n')], {});
    const p = s2.correlationProposals(0);
    expect(p.map((x) => [x.kind, x.from.service, x.to.service, x.groups])).toEqual([['uuid', 'nova-api', 'nova-compute', 4]]);
    const s3 = new AnalyzerSession();
    const r3 = await s3.analyze([file('nova-api.log', swapped.join('\n') + '\n'), file('nova-compute.log', compute.join('\n') + '\n')], { rules: { rules: [p[0]!.rule] } });
    expect(r3.summary.executions[0]!.messages).toBe(4);
  });

  it("reads a user pattern's id from its first group, as the correlations do", () => {
    const user = ['(?:ORDER#|order )([A-Z]-\\d+)', 'ticket (?<t>T\\d+)', '[(]x[)]\\(?:y\\)(\\d+)', 'job-\\d+'];
    const kt = (i: number) => keyTextFor(TokenKind.User + i, user);
    expect(kt(0)).toEqual({ keyText: '(?:ORDER#|order )(?<id>[A-Z]-\\d+)', key: '${id}' });
    expect(kt(1)).toEqual({ keyText: 'ticket (?<t>T\\d+)', key: '${t}' });
    expect(kt(2)).toEqual({ keyText: '[(]x[)]\\(?:y\\)(?<id>\\d+)', key: '${id}' });
    expect(kt(3)).toEqual({ keyText: '(?<id>job-\\d+)', key: '${id}' });
    expect(new RegExp(kt(0).keyText).exec('shipping order A-17')!.groups!.id).toBe('A-17');
    const uuid = new RegExp(keyTextFor(TokenKind.Uuid, []).keyText);
    expect(uuid.exec(`[${requestIdOf(1)} admin] servers/${instanceOf(1)}`)!.groups!.id).toBe(instanceOf(1));
    const req = new RegExp(keyTextFor(TokenKind.Request, []).keyText);
    expect(req.exec(`xreq-${instanceOf(1)} and [${requestIdOf(2)}]`)!.groups!.id).toBe(requestIdOf(2));
  });

  it('makes edges from a user-pattern proposal', async () => {
    const shop = ['2026-01-01T00:00:00Z placed ORDER#A-17', '2026-01-01T00:00:01Z placed ORDER#A-18', '2026-01-01T00:00:02Z placed ORDER#A-19'];
    const ship = ['2026-01-01T00:00:05Z packing order A-17', '2026-01-01T00:00:06Z packing order A-18', '2026-01-01T00:00:07Z packing order A-19'];
    const files = [file('shop.log', shop.join('\n') + '\n'), file('ship.log', ship.join('\n') + '\n')];
    const options = { correlationPatterns: ['(?:ORDER#|order )([A-Z]-\\d+)'] };
    const s = new AnalyzerSession();
    await s.analyze(files, options);
    expect(s.correlations(0, '').items.map((i) => [i.key, i.kind])).toEqual([['A-17', 'pattern'], ['A-18', 'pattern'], ['A-19', 'pattern']]);
    const p = s.correlationProposals(0)[0]!;
    expect([p.from.service, p.to.service, p.groups]).toEqual(['ship', 'shop', 3]);
    // The id is masked, the words around it kept.
    expect([p.from.template, p.to.template]).toEqual(['packing order <id>', 'placed ORDER#<id>']);
    const again = new AnalyzerSession();
    const r = await again.analyze(files, { ...options, rules: { rules: [p.rule] } });
    expect(r.summary.executions[0]!.messages).toBe(3);
  });
});
