/**
 * Findings (core/findings): a Kubernetes node failure as one finding laid out
 * as a timeline, on the sample (Event list + the node's kubelet journal), on a
 * dump with no kubelet log and on a `kubectl get events -o wide` table; and the
 * rule that a finding never contradicts itself, on every sample and on retries
 * whose outcomes differ.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, type ExecutionResult } from '../../src/core/analysis/analyze';
import type { Anomaly } from '../../src/core/anomalies/anomaly';
import { findingContradiction } from '../../src/core/findings/findingContradiction';
import { groupFindings } from '../../src/core/findings/groupFindings';
import type { Finding } from '../../src/core/findings/finding';
import { eventId, type Execution } from '../../src/core/model/execution';
import { buildAnalysisDocument } from '../../src/core/document/analysisDocument';
import { listFindings } from '../../src/core/session/findingList';
import { buildAnomalyIndex, groupAnomalies } from '../../src/core/session/anomalyIndex';
import { wordsReport } from '../../src/core/report/wordsReport';
import { fixture, run, textInput } from './k8sTestKit';

const SAMPLES = join(__dirname, '..', '..', 'sample-logs');
const sampleInputs = (dir: string) =>
  readdirSync(join(SAMPLES, dir))
    .filter((f) => !f.endsWith('.md'))
    .map((f) => ({ name: `${dir}/${f}`, bytes: readFileSync(join(SAMPLES, dir, f)) }));

const ids = (x: Execution, es: number[]) => es.map((e) => eventId(x, e));
const timelineOf = (x: Execution, f: Finding) => Object.fromEntries((f.timeline ?? []).map((s) => [s.step, ids(x, s.events)]));

describe('a Kubernetes node failure is one finding, laid out as a timeline', () => {
  it('on the sample: last heartbeat, NotReady, pods NotReady, taint eviction, replacements, scheduling, the new nodes', async () => {
    const a = await analyze(sampleInputs('k8s-node-failure'));
    const r = a.executions[0]!;
    const x = r.execution;
    const fs = groupFindings(r);
    const nodes = fs.filter((f) => f.kind === 'node-failure');
    expect(nodes).toHaveLength(1);
    const f = nodes[0]!;
    // The incident comes first among the warnings; the clock skew on node-b is its own finding.
    expect(fs.map((g) => g.kind)).toEqual(['node-failure', 'clock-skew']);
    expect(f.severity).toBe('warning');
    expect(f.anomalies).toEqual([]);
    expect(Object.keys(timelineOf(x, f))).toEqual(['last-heartbeat', 'not-ready', 'pods-not-ready', 'taint', 'eviction', 'replacement', 'scheduled', 'on-new-node']);
    expect(timelineOf(x, f)).toEqual({
      // The last lease renewal, not the read-only errors after it.
      'last-heartbeat': ['kubelet-node-c:14'],
      'not-ready': ['node-controller:1'],
      'pods-not-ready': ['node-controller:2', 'node-controller:3'],
      taint: ['taint-eviction-controller:1', 'taint-eviction-controller:2'],
      eviction: ['taint-eviction-controller:1', 'taint-eviction-controller:2'],
      replacement: ['replicaset-controller:1', 'replicaset-controller:2'],
      scheduled: ['default-scheduler:1', 'default-scheduler:2'],
      'on-new-node': ['kubelet@node-a:1', 'kubelet@node-b:1'],
    });
    expect(f.summary).toBe(
      "node node-c went NotReady at 10:00:41.220 (cp-1's clock); its last heartbeat is at 10:00:00.401 (kubelet-node-c's clock); " +
        "2 pods were evicted at 10:05:41.296 (cp-1's clock); 2 replacements were created and taken up by the kubelets of node-a and node-b",
    );
    expect(f.events).toEqual([...new Set((f.timeline ?? []).flatMap((s) => s.events))].sort((p, q) => p - q));
    expect(findingContradiction(f, r)).toBeNull();
  });

  it('on a dump with no kubelet log: no heartbeat step is made up', async () => {
    const { r, x } = await run([fixture('node-failure.json')]);
    const f = groupFindings(r).find((g) => g.kind === 'node-failure')!;
    const t = timelineOf(x, f);
    expect(Object.keys(t)).toEqual(['not-ready', 'pods-not-ready', 'taint', 'eviction', 'replacement', 'scheduled', 'on-new-node']);
    expect(t['eviction']).toHaveLength(2);
    expect(f.summary).toMatch(/^node node-b went NotReady at [\d:.]+ \([^)]+\); 2 pods were evicted at [\d:.]+ \([^)]+\); 2 replacements were created and taken up by the kubelet of node-a$/);
  });

  it('on a kubectl get events -o wide table where nothing was evicted yet: NotReady only, said so', async () => {
    const table = [
      'NAMESPACE   LAST SEEN   TYPE      REASON         OBJECT                 SUBOBJECT   SOURCE                              MESSAGE                                        FIRST SEEN   COUNT   NAME',
      'default     95s         Normal    NodeNotReady   node/worker-7                      node-controller                     Node worker-7 status is now: NodeNotReady      95s          1       worker-7.17b2c3d4e5f60718',
      'shop        95s         Warning   NodeNotReady   pod/api-5d8f7c-x1x1x               node-controller                     Node is not ready                              95s          1       api-5d8f7c-x1x1x.17b2c3d4e5f60719',
      'shop        60s         Normal    Scheduled      pod/api-5d8f7c-y2y2y               default-scheduler, scheduler-cp-1   Successfully assigned shop/api-5d8f7c-y2y2y to worker-2   60s   1   api-5d8f7c-y2y2y.17b2c3d4e5f6071a',
      '',
    ].join('\n');
    const { r, x } = await run([textInput('events-wide.txt', table)]);
    const fs = groupFindings(r).filter((g) => g.kind === 'node-failure');
    expect(fs).toHaveLength(1);
    const t = timelineOf(x, fs[0]!);
    expect(Object.keys(t)).toEqual(['not-ready', 'pods-not-ready']);
    // The unrelated Scheduled pod is no replacement: nothing links it to the node.
    expect(fs[0]!.summary).toMatch(/^node worker-7 went NotReady.*; 1 pod was marked NotReady with it and not evicted in the logs$/);
  });

  it('makes no node failure from a pod NotReady alone or from words in a log line', async () => {
    const log = ['2026-03-14T10:00:00Z node-controller: Node node-c status is now: NodeNotReady', '2026-03-14T10:00:01Z kubelet: reason=NodeNotReady node lease expired', ''].join('\n');
    const { r } = await run([textInput('plain.log', log)]);
    expect(groupFindings(r).filter((g) => g.kind === 'node-failure')).toEqual([]);
  });
});

describe('a finding never contradicts itself', () => {
  it('holds on every sample: one kind and outcome per finding, worst severity, all its anomalies\u2019 events', async () => {
    const dirs = readdirSync(SAMPLES, { withFileTypes: true }).filter((d) => d.isDirectory() && d.name !== 'large').map((d) => d.name);
    expect(dirs.length).toBeGreaterThan(8);
    for (const dir of dirs) {
      const a = await analyze(sampleInputs(dir));
      for (const r of a.executions) {
        const fs = groupFindings(r);
        const grouped = fs.flatMap((f) => f.anomalies).sort((p, q) => p - q);
        expect(new Set(grouped).size, dir).toBe(grouped.length);
        expect(grouped, dir).toEqual([...r.anomalies.keys()]);
        for (const f of fs) expect(findingContradiction(f, r), `${dir} ${f.id}: ${f.summary}`).toBeNull();
      }
    }
  });

  it('keeps a retry that ran twice and one that ran once apart, even under one key and process', async () => {
    const { r } = await run([textInput('double-transfer.jsonl', readFileSync(join(SAMPLES, 'double-transfer', 'web-api.jsonl'), 'utf8'))]);
    const retry = (outcome: string, summary: string, events: number[]): Anomaly => ({
      kind: 'non-idempotent-retry',
      severity: outcome === 'executed-twice' ? 'critical' : 'info',
      events,
      summary,
      detail: { key: 'tr-1', outcome, process: 'ledger' },
    });
    const twice = retry('executed-twice', 'ledger received POST tr-1 twice and did the work twice with no sign of deduplication: a non-idempotent operation ran twice', [0, 1]);
    const once = retry('deduplicated', 'ledger received POST tr-1 twice; ledger recognized the repeat ("duplicate"), so it ran once', [2, 3]);
    const result: ExecutionResult = { ...r, anomalies: [twice, once] };
    const fs = groupFindings(result);
    expect(fs.map((f) => [f.severity, f.anomalies])).toEqual([
      ['critical', [0]],
      ['info', [1]],
    ]);
    for (const f of fs) expect(findingContradiction(f, result)).toBeNull();
    // The rule itself: the two in one finding are a contradiction, whatever the sentence.
    const mixed: Finding = { id: 'finding-1', kind: 'non-idempotent-retry', severity: 'critical', summary: twice.summary, anomalies: [0, 1], events: [0, 1, 2, 3] };
    expect(findingContradiction(mixed, result)).toMatch(/outcomes executed-twice, deduplicated/);
    const onceSaidTwice: Finding = { id: 'finding-2', kind: 'non-idempotent-retry', severity: 'info', summary: 'the transfer ran twice', anomalies: [1], events: [2, 3] };
    expect(findingContradiction(onceSaidTwice, result)).toMatch(/says the work ran again but holds a retry that ran once/);
    const short: Finding = { ...fs[0]!, events: [0] };
    expect(findingContradiction(short, result)).toMatch(/leaves out event 1/);
    const milder: Finding = { ...fs[0]!, severity: 'warning' };
    expect(findingContradiction(milder, result)).toMatch(/worst anomaly is critical/);
    // The Anomalies view's groups too: one per kind and outcome.
    const groups = groupAnomalies(buildAnomalyIndex({ ...result, anomalies: [twice, once, { ...twice, events: [4, 5] }] }));
    expect(groups.map((g) => [g.kind, g.outcome, g.count])).toEqual([
      ['non-idempotent-retry', 'executed-twice', 2],
      ['non-idempotent-retry', 'deduplicated', 1],
    ]);
    for (const g of groups) expect(new Set(g.items.map((i) => i.outcome))).toEqual(new Set([g.outcome]));
  });
});

describe('the page\u2019s findings list', () => {
  it('is the document\u2019s list: same ids, sentences, anomaly ids and events, with the axis that shows each', async () => {
    for (const dir of ['k8s-node-failure', 'ntp-step', 'lost-ack', 'clock-skew-trades']) {
      const a = await analyze(sampleInputs(dir));
      const doc = buildAnalysisDocument(a).executions[0]!;
      const x = a.executions[0]!.execution;
      const page = listFindings(a.executions[0]!);
      expect(page.map((f) => [f.id, f.kind, f.severity, f.summary, f.anomalyIds, ids(x, f.events)]), dir).toEqual(
        doc.findings.map((f) => [f.id, f.kind, f.severity, f.summary, f.anomalies, f.events]),
      );
      for (const f of page) expect(f.axis, `${dir} ${f.kind}`).toBe(f.kind === 'node-failure' ? 'corrected' : /clock|inversion|recorded/.test(f.kind) ? 'raw' : 'logical');
    }
  });
});

describe('no findings, told honestly', () => {
  const text = (name: string, lines: string[]) => textInput(name, lines.join('\n') + '\n');
  const a = ['send request msg_id=m1 to=b', 'send request msg_id=m2 to=b', 'send request msg_id=m3 to=c'];
  const b = ['received request msg_id=m1 from=a', 'received request msg_id=m2 from=a'];
  const findingsLine = (report: string) => report.split('\n')[report.split('\n').findIndex((l) => l.startsWith('Findings')) + 1]!;

  it('claims nothing of the timestamps where the logs have none', async () => {
    const r = await analyze([text('a.log', a.slice(0, 2)), text('b.log', b)]);
    expect(r.executions[0]!.execution.edgeCount).toBe(2);
    const line = findingsLine(wordsReport(r));
    expect(line).toBe('  none: no retry ran twice, no message was lost where both logs cover it; the logs have no times, so no clock could be checked against another: the order is logical only');
    expect(line).not.toMatch(/arrives after it was sent/);
  });

  it('with one timed process only, still no clock was checked', async () => {
    const r = await analyze([text('a.log', a), text('b.log', b), text('c.log', ['2026-03-14T10:00:00Z received request msg_id=m3 from=a'])]);
    expect(findingsLine(wordsReport(r))).toMatch(/; only one process has times, so no clock could be checked against another: the order between processes is logical only$/);
  });

  it('says which processes were not checked when some have times', async () => {
    const t = (s: string, l: string) => `2026-03-14T10:00:0${s}Z ${l}`;
    const r = await analyze([
      text('a.log', [t('0', a[0]!), t('1', a[1]!), t('2', a[2]!)]),
      text('b.log', b),
      text('c.log', [t('3', 'received request msg_id=m3 from=a')]),
    ]);
    expect(findingsLine(wordsReport(r))).toBe(
      '  none: every message between processes with times arrives after it was sent (1 process has none), no retry ran twice, no message was lost where both logs cover it',
    );
  });
});
