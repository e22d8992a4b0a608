/**
 * Real Kubernetes event dumps (../shared/corpus/k8s, see its README): the
 * create → schedule → kubelet chains of a support bundle are ordered by the
 * vector clocks, aggregated events keep their counts, a kspan watch recording
 * reads with both its events and its objects, and a single Event reads.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import { EventKind, fieldsOf, textOf } from '../../src/core/model/execution';
import { domainOf, edgesOf, eventsWhere, hasEdge, one } from '../unit/k8sTestKit';

const dir = fileURLToPath(new URL('../../../shared/corpus/k8s/', import.meta.url));
const present = existsSync(dir);
if (!present) console.warn(`Kubernetes corpus tests skipped: ${dir} is absent (it ships with CI and development checkouts only)`);

async function runCorpus(file: string, options = {}) {
  const a = await analyze([{ name: file, bytes: readFileSync(dir + file) }], options);
  return { a, r: a.executions[0]!, x: a.executions[0]!.execution };
}

describe.skipIf(!present)('Kubernetes corpus', () => {
  it('orders every create → schedule → kubelet chain of the sbctl support bundle by the vector clocks', async () => {
    const { a, r, x } = await runCorpus('sbctl-velero-events.json');
    expect(a.inputs[0]).toMatchObject({ format: 'k8s', events: 67, skipped: 0 });
    expect(a.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    expect(domainOf(x, 'kubelet@troubleshoot-demo-002')).toBe('troubleshoot-demo-002');
    expect(domainOf(x, 'default-scheduler')).toBe('troubleshoot-demo-001');
    expect(domainOf(x, 'replicaset-controller')).toBe(domainOf(x, 'deployment-controller'));

    const creates = eventsWhere(x, 'replicaset-controller', 'SuccessfulCreate');
    expect(creates).toHaveLength(3);
    for (const c of creates) {
      const pod = textOf(x, c).match(/Created pod: (\S+)/)![1]!;
      const scheduled = one(x, 'default-scheduler', 'Scheduled', pod);
      const kubelet = x.procStart[x.processNames.indexOf('kubelet@troubleshoot-demo-002')]!;
      const firstOnPod = [...Array(x.eventCount).keys()].find((e) => e >= kubelet && fieldsOf(x, e).objectName === pod)!;
      expect(r.clocks.vc.happenedBefore(c, scheduled)).toBe(true);
      expect(r.clocks.vc.happenedBefore(scheduled, firstOnPod)).toBe(true);
      expect(r.clocks.vc.happenedBefore(c, firstOnPod)).toBe(true);
      expect(hasEdge(x, scheduled, firstOnPod, 'k8s-schedule-kubelet')).toBe(true);
    }
  });

  it('shows the sbctl BackOff with count 94 as an aggregated event, not one occurrence', async () => {
    const { x } = await runCorpus('sbctl-velero-events.json');
    const backoff = eventsWhere(x, 'kubelet@troubleshoot-demo-002', 'BackOff').find((e) => fieldsOf(x, e).count === '94')!;
    expect(fieldsOf(x, backoff)).toMatchObject({ count: '94', firstSeen: '2022-04-12T00:36:13Z', lastSeen: '2022-04-12T00:56:09Z' });
    expect(textOf(x, backoff)).toBe('BackOff: Back-off restarting failed container (x94 over 19m)');
  });

  it('keeps the count of the image-pull dump\'s series event', async () => {
    const { x } = await runCorpus('troubleshoot-image-pull-fail-events.json');
    const series = eventsWhere(x, 'default-scheduler', 'FailedScheduling').find((e) => fieldsOf(x, e).count === '3');
    expect(series).toBeDefined();
    const f = fieldsOf(x, series!);
    expect(f.firstSeen).toBe('2023-07-11T04:25:44.224298Z');
    expect(f.lastSeen).toBe('2023-07-11T04:40:44.264058Z');
    expect(textOf(x, series!)).toMatch(/^FailedScheduling: 0\/1 nodes are available.* \(x3 over 15m\)$/);
  });

  it('reads the kspan YAML watch recording: its 19 events and its 7 objects', async () => {
    const { a, r, x } = await runCorpus('kspan-deployment-2-pods-watch.yaml');
    expect(a.inputs[0]).toMatchObject({ format: 'k8s', events: 26, skipped: 0 });
    const watch = x.processNames.indexOf('watch');
    expect(x.procStart[watch + 1]! - x.procStart[watch]!).toBe(7);
    const kinds = [];
    for (let e = x.procStart[watch]!; e < x.procStart[watch + 1]!; e++) {
      expect(x.eventKind[e]).toBe(EventKind.Local);
      kinds.push(fieldsOf(x, e).objectKind);
    }
    expect(kinds.sort()).toEqual(['Deployment', 'Pod', 'Pod', 'Pod', 'Pod', 'ReplicaSet', 'ReplicaSet']);
    // The objects carry the watcher's time from the recording's comments.
    expect(x.timeNs[x.procStart[watch]!]! + (x.timeMs[x.procStart[watch]!]! % 1000) * 1e6).toBe(650959062);
    expect(a.diagnostics.some((d) => d.severity === 'info' && /not Events .*Pod ×4/.test(d.message))).toBe(true);

    // "Scaled down" is stamped after the SuccessfulDelete it caused, on one clock: an edge, but no skew.
    const down = eventsWhere(x, 'deployment-controller', 'ScalingReplicaSet').filter((e) => /Scaled down/.test(textOf(x, e)));
    const del = eventsWhere(x, 'replicaset-controller', 'SuccessfulDelete');
    expect(down).toHaveLength(2);
    expect(hasEdge(x, down[0]!, del[0]!, 'k8s-scale-replicaset')).toBe(true);
    expect(hasEdge(x, down[1]!, del[1]!, 'k8s-scale-replicaset')).toBe(true);
    expect(r.anomalies.filter((an) => an.kind === 'clock-skew' && an.events.includes(del[0]!))).toEqual([]);
    expect(hasEdge(x, del[0]!, one(x, 'kubelet@kind-control-plane', 'Killing', 'px-7df978b9bf-jm22q'), 'k8s-delete-kill')).toBe(true);
  });

  it('takes no clock skew from kspan once its controllers are mapped onto the one kind host', async () => {
    const onHost = Object.fromEntries(['deployment-controller', 'replicaset-controller'].map((p) => [p, 'kind-control-plane']));
    const { r, x } = await runCorpus('kspan-deployment-2-pods-watch.yaml', { clockDomainOf: onHost });
    expect(domainOf(x, 'replicaset-controller')).toBe('kind-control-plane');
    expect(r.anomalies.filter((an) => an.kind === 'clock-skew')).toEqual([]);
    expect(edgesOf(x).length).toBeGreaterThanOrEqual(10);
  });

  it('puts kspan\'s one-node kind cluster on one clock: the kubelet\'s Killing before the SuccessfulDelete that caused it is a recording note, not skew', async () => {
    const { r, x } = await runCorpus('kspan-deployment-2-pods-watch.yaml');
    for (const p of ['deployment-controller', 'replicaset-controller', 'default-scheduler', 'kubelet@kind-control-plane']) expect(domainOf(x, p)).toBe('kind-control-plane');
    expect(r.anomalies.filter((an) => an.kind === 'clock-skew' || an.kind === 'same-clock-inversion')).toEqual([]);
    const kill = one(x, 'kubelet@kind-control-plane', 'Killing', 'px-7df978b9bf-bfdrj');
    const notes = r.anomalies.filter((an) => an.kind === 'recorded-after-effect');
    const note = notes.find((an) => an.events[1] === kill)!;
    expect(note).toMatchObject({ severity: 'info', detail: { rule: 'k8s-delete-kill', recordingToleranceMs: 1000, sameDomain: true } });
    expect(note.detail.byMs as number).toBeCloseTo(1.590999, 6);
    expect(r.offsets.conflictEdges).toEqual([]);
  });

  it('takes no clock skew from the sbctl or image-pull bundles, whose controllers share the control-plane node\'s clock', async () => {
    for (const file of ['sbctl-velero-events.json', 'troubleshoot-image-pull-fail-events.json']) {
      const { r, x } = await runCorpus(file);
      expect(r.anomalies.filter((an) => an.kind === 'clock-skew')).toEqual([]);
      expect(domainOf(x, 'replicaset-controller')).toBe(domainOf(x, 'default-scheduler'));
    }
    const { x } = await runCorpus('sbctl-velero-events.json');
    expect(domainOf(x, 'replicaset-controller')).toBe('troubleshoot-demo-001');
    expect(domainOf(x, 'kubelet@troubleshoot-demo-002')).toBe('troubleshoot-demo-002');
  });

  it('reads the single k9s Event, timed to the nanosecond by its name', async () => {
    const { a, x } = await runCorpus('k9s-single-event.json');
    expect(a.inputs[0]).toMatchObject({ format: 'k8s', events: 1, skipped: 0 });
    expect(x.processNames).toEqual(['kubelet@gke-k9s-default-pool-0fa2fb89-qnkc']);
    expect(textOf(x, 0)).toBe('Pulled: Successfully pulled image "blang/busybox-bash"');
    // 0x15bfce150bd764dd ns = 20:43:05.136522461, inside firstTimestamp's second.
    expect(new Date(x.timeMs[0]!).toISOString()).toBe('2019-08-30T20:43:05.136Z');
    expect(x.timeNs[0]).toBe(522461);
    expect(fieldsOf(x, 0)).toMatchObject({ objectKind: 'Pod', objectName: 'hello-1567197780-mn4mv', namespace: 'default', count: '1' });
  });
});
