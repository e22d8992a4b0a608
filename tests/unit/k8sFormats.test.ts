/**
 * Reading Kubernetes inputs: detection ahead of JSON lines, kubectl tables in
 * each layout (logical order only, said once), events.k8s.io/v1 mixed with
 * core/v1, watch-event lines of a growing event, and relative ages.
 */
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../src/core/input/formats';
import { looksLikeK8s } from '../../src/core/input/k8s/k8sFormat';
import { looksLikeK8sTable } from '../../src/core/input/k8s/k8sTableFormat';
import { formatSpan, parseAgeInterval, parseRelativeAge } from '../../src/core/input/k8s/relativeAge';
import { fieldsOf, hasTime, textOf, textsOf } from '../../src/core/model/execution';
import { domainOf, edgesOf, eventsWhere, fixture, hasEdge, one, run, textInput } from './k8sTestKit';

const POD = 'web-7c9f8d6b5-aaaaa';

describe('Kubernetes format detection', () => {
  it('is registered before jsonl, so watch-event and audit lines are not read as plain JSON lines', () => {
    const ids = FORMATS.map((f) => f.id);
    expect(ids.indexOf('k8s')).toBeLessThan(ids.indexOf('jsonl'));
    expect(ids.indexOf('k8s-table')).toBeLessThan(ids.indexOf('jsonl'));
  });

  it('claims Event JSON and YAML, watch-event lines and audit lines, and not other JSON or YAML', () => {
    expect(looksLikeK8s('{"type":"ADDED","object":{"kind":"Event","involvedObject":{"kind":"Pod"}}}\n')).toBe(true);
    expect(looksLikeK8s('{"kind":"Event","apiVersion":"audit.k8s.io/v1","verb":"get"}\n')).toBe(true);
    expect(looksLikeK8s('---\n# {"time":"x"}\napiVersion: v1\nkind: Event\ninvolvedObject:\n  kind: Pod\n')).toBe(true);
    expect(looksLikeK8s('{"level":"info","msg":"kind Event involvedObject"}\n')).toBe(false);
    expect(looksLikeK8s('apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\n')).toBe(false);
    expect(looksLikeK8s('2024-01-01 kind: Event\ninvolvedObject:\n')).toBe(false);
  });

  it('claims kubectl tables by their header line only', () => {
    expect(looksLikeK8sTable('LAST SEEN   TYPE     REASON   OBJECT   MESSAGE\n')).toBe(true);
    expect(looksLikeK8sTable('NAMESPACE   NAME   READY   STATUS   RESTARTS   AGE\n')).toBe(true);
    expect(looksLikeK8sTable('LASTSEEN   FIRSTSEEN   COUNT   NAME   KIND   SUBOBJECT   TYPE   REASON   SOURCE   MESSAGE\n')).toBe(true);
    expect(looksLikeK8sTable('time level message\n')).toBe(false);
  });
});

describe('kubectl event tables', () => {
  it('reads `kubectl get events`: no times, one info note, reporters from the reasons, the chain linked', async () => {
    const { a, x, r } = await run([fixture('get-events.txt')]);
    expect(a.inputs[0]).toMatchObject({ format: 'k8s-table', events: 6, skipped: 0 });
    const notes = a.diagnostics.filter((d) => /logical order only/.test(d.message));
    expect(notes).toHaveLength(1);
    expect(notes[0]!.severity).toBe('info');
    expect(a.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    for (let e = 0; e < x.eventCount; e++) expect(hasTime(x, e)).toBe(false);
    expect(x.processNames).toEqual(['default-scheduler', 'deployment-controller', 'kubelet@node-a', 'replicaset-controller']);
    expect(fieldsOf(x, one(x, 'kubelet@node-a', 'Pulled'))).toMatchObject({ source: 'inferred from the reason', lastSeenAgo: '9m58s' });
    // Rows come pod first (the API lists by name); ages put the kubelet's in order.
    const kubelet = x.processNames.indexOf('kubelet@node-a');
    expect(textsOf(x).slice(x.procStart[kubelet]!, x.procStart[kubelet + 1]!).map((t) => t.split(':')[0])).toEqual(['Pulled', 'Created', 'Started']);
    const chain = [one(x, '', 'ScalingReplicaSet'), one(x, '', 'SuccessfulCreate'), one(x, '', 'Scheduled'), one(x, '', 'Pulled'), one(x, '', 'Started')];
    for (let k = 1; k < chain.length; k++) expect(r.clocks.vc.happenedBefore(chain[k - 1]!, chain[k]!)).toBe(true);
  });

  it('reads `kubectl get events -A -o wide`: namespace, SOURCE with its instance, FIRST SEEN and COUNT', async () => {
    const { a, x } = await run([fixture('get-events-all-wide.txt')]);
    expect(a.inputs[0]).toMatchObject({ format: 'k8s-table', events: 5, skipped: 0 });
    expect(domainOf(x, 'default-scheduler')).toBe('cp-1');
    const backoff = one(x, 'kubelet@node-a', 'BackOff');
    expect(fieldsOf(x, backoff)).toMatchObject({ namespace: 'default', count: '40', fieldPath: 'spec.containers{nginx}', firstSeenAgo: '9m' });
    expect(textOf(x, backoff)).toBe('BackOff: Back-off pulling image "nginx:bad" (x40 over 7m)');
    expect(fieldsOf(x, one(x, 'default-scheduler', 'LeaderElection'))).toMatchObject({ namespace: 'kube-system', objectKind: 'lease' });
    expect(hasEdge(x, one(x, '', 'SuccessfulCreate'), one(x, '', 'Scheduled', POD), 'k8s-create-schedule')).toBe(true);
    expect(hasEdge(x, one(x, '', 'Scheduled', POD), one(x, '', 'Pulling'), 'k8s-schedule-kubelet')).toBe(true);
  });

  it('reads the older layout (FIRST SEEN, COUNT, NAME, KIND before the reason)', async () => {
    const { a, x } = await run([fixture('get-events-old-layout.txt')]);
    expect(a.inputs[0]).toMatchObject({ format: 'k8s-table', events: 3, skipped: 0 });
    expect(x.processNames).toEqual(['default-scheduler', 'kubelet@node-a', 'replicaset-controller']);
    expect(fieldsOf(x, one(x, 'kubelet@node-a', 'Pulled'))).toMatchObject({ objectKind: 'Pod', objectName: POD, fieldPath: 'spec.containers{nginx}' });
    expect(edgesOf(x).map((e) => e.rule).sort()).toEqual(['k8s-create-schedule', 'k8s-schedule-kubelet']);
  });

  it('reads `kubectl events` with "2m (x4 over 10m)" intervals as aggregated events', async () => {
    const { x } = await run([fixture('kubectl-events.txt')]);
    const pulling = one(x, 'kubelet@node-a', 'Pulling');
    expect(textOf(x, pulling)).toBe('Pulling: Pulling image "nginx:bad" (x4 over 8m)');
    expect(fieldsOf(x, pulling)).toMatchObject({ count: '4', objectKind: 'Pod', lastSeenAgo: '2m (x4 over 10m)' });
    expect(textOf(x, one(x, 'kubelet@node-a', 'BackOff'))).toBe('BackOff: Back-off pulling image "nginx:bad" (x40 over 9m45s)');
    expect(hasEdge(x, one(x, '', 'ScalingReplicaSet'), one(x, '', 'SuccessfulCreate'), 'k8s-scale-replicaset')).toBe(true);
  });

  it('keeps the arrival order of `kubectl get events -w` rows, whose ages are relative to different moments', async () => {
    const { a, x } = await run([fixture('get-events-watch.txt')]);
    expect(a.inputs[0]).toMatchObject({ format: 'k8s-table', events: 6, skipped: 0 });
    const kubelet = x.processNames.indexOf('kubelet@node-a');
    // "Pulled" was printed 1s old after "Pulling" at 0s: row order, not age, is the truth here.
    expect(textsOf(x).slice(x.procStart[kubelet]!, x.procStart[kubelet + 1]!).map((t) => t.split(':')[0])).toEqual(['Pulling', 'Pulled', 'Started']);
    expect(fieldsOf(x, one(x, '', 'Pulled'))).toMatchObject({ objectName: POD, lastSeenAgo: '1s' });
    expect(textOf(x, one(x, '', 'Pulled'))).toBe('Pulled: Successfully pulled image "nginx:1.25" in 1.1s');
  });

  it('reads `kubectl get pods -w` as the watcher\'s observations in row order', async () => {
    const { a, x } = await run([fixture('get-pods-watch.txt')]);
    expect(a.inputs[0]).toMatchObject({ format: 'k8s-table', events: 5, skipped: 0 });
    expect(x.processNames).toEqual(['watch']);
    expect(textsOf(x).map((_, e) => fieldsOf(x, e).status)).toEqual(['Pending', 'Pending', 'ContainerCreating', 'Running', 'Pending']);
    expect(fieldsOf(x, 3)).toMatchObject({ objectName: POD, ready: '1/1', age: '2s' });
    expect(a.diagnostics.filter((d) => /logical order only/.test(d.message))).toHaveLength(1);
  });
});

describe('Kubernetes events.k8s.io/v1 and watch streams', () => {
  it('reads events.k8s.io/v1 (regarding, note, series, deprecated*) mixed with core/v1 in one YAML stream', async () => {
    const { a, x } = await run([fixture('events-k8s-io-v1.yaml')]);
    expect(a.inputs[0]).toMatchObject({ format: 'k8s', events: 4, skipped: 0 });
    expect(a.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(domainOf(x, 'default-scheduler')).toBe('cp-2');
    const failed = one(x, 'default-scheduler', 'FailedScheduling', 'db-0');
    expect(fieldsOf(x, failed)).toMatchObject({ count: '3', firstSeen: '2024-03-01T06:00:00.250000Z', lastSeen: '2024-03-01T06:04:00.250000Z', action: 'Scheduling', eventType: 'Warning' });
    expect(textOf(x, failed)).toBe('FailedScheduling: 0/3 nodes are available: 3 Insufficient memory. (x3 over 4m)');
    const backoff = one(x, 'kubelet@node-c', 'BackOff', 'db-0');
    expect(fieldsOf(x, backoff)).toMatchObject({ count: '12', firstSeen: '2024-03-01T06:05:20Z', lastSeen: '2024-03-01T06:09:20Z' });
    expect(x.eventLine[backoff]).toBe(72);
    expect(hasEdge(x, one(x, 'default-scheduler', 'Scheduled'), one(x, 'kubelet@node-c', 'Pulling'), 'k8s-schedule-kubelet')).toBe(true);
  });

  it('keeps one event per uid from --output-watch-events lines, with its latest count', async () => {
    const { a, x } = await run([fixture('watch-events.jsonl')]);
    expect(a.inputs[0]).toMatchObject({ format: 'k8s', events: 2, skipped: 0 });
    const backoff = one(x, 'kubelet@node-a', 'BackOff');
    expect(fieldsOf(x, backoff)).toMatchObject({ count: '5', lastSeen: '2024-03-01T07:04:00Z' });
    expect(textOf(x, backoff)).toBe('BackOff: Back-off restarting failed container (x5 over 4m)');
  });

  it('reads concatenated pretty-printed objects, as `kubectl get events -w -o json` prints them', async () => {
    const ev = (n: number, reason: string) =>
      JSON.stringify({ kind: 'Event', apiVersion: 'v1', metadata: { name: `p.${n}`, uid: `u${n}` }, involvedObject: { kind: 'Pod', name: 'p', namespace: 'd' }, reason, message: 'm', source: { component: 'kubelet', host: 'n1' }, firstTimestamp: `2024-01-01T00:00:0${n}Z`, count: 1 }, null, 2);
    const { a, x } = await run([textInput('w.json', `${ev(1, 'Pulling')}\n${ev(2, 'Pulled')}${ev(3, 'Started')}\n`)]);
    expect(a.inputs[0]).toMatchObject({ format: 'k8s', events: 3, skipped: 0 });
    expect(x.eventLine[one(x, '', 'Pulled')]).toBe(1 + ev(1, 'x').split('\n').length);
  });
});

describe('Kubernetes JSON arrays', () => {
  it('reads a bare JSON array of Events, each item at its own line', async () => {
    const items = [1, 2].map((n) => ({ kind: 'Event', metadata: { name: `p.${n}`, uid: `u${n}` }, involvedObject: { kind: 'Pod', name: 'p' }, reason: n === 1 ? 'Pulling' : 'Pulled', message: 'm', source: { component: 'kubelet', host: 'n1' }, firstTimestamp: `2024-01-01T00:00:0${n}Z` }));
    const { a, x } = await run([textInput('arr.json', JSON.stringify(items, null, 2))]);
    expect(a.inputs[0]).toMatchObject({ format: 'k8s', events: 2, skipped: 0 });
    expect([x.eventLine[0], x.eventLine[1]]).toEqual([2, 2 + JSON.stringify(items[0], null, 2).split('\n').length]);
  });
});

describe('kubectl relative ages', () => {
  it('reads ages and intervals, and formats spans the same way', () => {
    expect(parseRelativeAge('3m10s')).toBe(190);
    expect(parseRelativeAge('2d3h')).toBe(2 * 86400 + 3 * 3600);
    expect(parseRelativeAge('<unknown>')).toBeNull();
    expect(parseAgeInterval('2m (x4 over 10m)')).toEqual({ lastAgeSec: 120, firstAgeSec: 600, count: 4 });
    expect(parseAgeInterval('<unknown>')).toEqual({ lastAgeSec: null, firstAgeSec: null, count: 1 });
    expect(parseAgeInterval('Normal')).toBeNull();
    expect(formatSpan(45_000)).toBe('45s');
    expect(formatSpan(19 * 60_000 + 56_000)).toBe('19m');
    expect(formatSpan(2 * 3600_000 + 5 * 60_000)).toBe('125m'); // kubectl keeps minutes below 3 h
    expect(formatSpan(5 * 3600_000 + 5 * 60_000)).toBe('5h5m');
  });
});
