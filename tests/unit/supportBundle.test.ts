/**
 * Archives about a Kubernetes cluster through the whole analysis: the
 * Kubernetes events become component lanes, container logs `container@pod`
 * lanes on their node's clock, resources inform the links without becoming
 * events, and every member not read is listed with its reason.
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import { gzipSync } from 'fflate';
import { textsOf } from '../../src/core/model/execution';
import { tar } from './tarWriter';
import type { Analysis } from '../../src/core/analysis/analyze';
import { bundleTarGz } from '../browser/helpers/bundleFixture';
import {
  BUNDLE_WINDOW,
  clusterInfoDumpStream,
  clusterInfoDumpTarGz,
  DNS_POD,
  MG_POD,
  mustGatherTarGz,
  supportBundleTarGz,
  WEB_POD,
} from './kubeArchives';

function lanes(a: Analysis): Record<string, string> {
  const x = a.executions[0]!.execution;
  return Object.fromEntries(x.processNames.map((p, i) => [p, x.domainNames[x.processDomain[i]!]!]));
}

function timesInWindow(a: Analysis): void {
  for (const { execution: x } of a.executions) {
    for (let e = 0; e < x.eventCount; e++) {
      if (Number.isNaN(x.timeMs[e]!)) continue;
      expect(x.timeMs[e]!, `event ${e} of ${x.processNames[x.eventProc[e]!]}`).toBeGreaterThanOrEqual(BUNDLE_WINDOW.from);
      expect(x.timeMs[e]!).toBeLessThan(BUNDLE_WINDOW.to);
    }
  }
}

describe('a support bundle through analyze()', async () => {
  const a = await analyze([{ name: 'support.tar.gz', bytes: supportBundleTarGz() }]);
  const x = a.executions[0]!.execution;

  it('has Kubernetes component lanes and container@pod lanes on the node clocks', () => {
    expect(lanes(a)).toEqual({
      [`coredns@${DNS_POD}`]: 'node-b',
      'default-scheduler': expect.any(String),
      [`istio-proxy@${WEB_POD}`]: 'node-a',
      'kubelet@node-a': 'node-a',
      'kubelet@node-b': 'node-b',
      [`nginx@${WEB_POD}`]: 'node-a',
      'replicaset-controller': expect.any(String),
    });
  });

  it('reads the previous container log first in the container lane, and joins CRI partial lines', () => {
    const p = x.processNames.indexOf(`nginx@${WEB_POD}`);
    const texts = textsOf(x).slice(x.procStart[p], x.procStart[p + 1]);
    expect(texts).toEqual(['start worker processes', '[emerg] bind() failed', 'start worker processes', 'GET /api/orders req_id=r-17 status=200 bytes=512', '[warn] upstream slow']);
  });

  it('makes no event from resource JSON, and every time lies in the bundle window', () => {
    // 7 Kubernetes events + 5 nginx + 2 istio-proxy + 3 coredns lines.
    expect(x.eventCount).toBe(17);
    expect(textsOf(x).some((t) => /^[{}[\]",:\s]*$/.test(t) || t.includes('"kind"'))).toBe(false);
    expect(a.inputs.map((i) => i.format).sort()).toEqual(['cri', 'cri', 'k8s', 'k8s', 'text', 'text']);
    timesInWindow(a);
  });

  it('links the create → schedule → kubelet chain', () => {
    const rules = new Set<string>();
    for (let i = 0; i < x.edgeCount; i++) rules.add(x.strings.get(x.edgeRule[i]!));
    expect(rules).toEqual(new Set(['k8s-create-schedule', 'k8s-schedule-kubelet']));
  });

  it('lists the skipped members grouped by reason in one info diagnostic', () => {
    const info = a.diagnostics.filter((d) => d.input === 'support.tar.gz' && d.message.includes('troubleshoot.sh'));
    expect(info).toHaveLength(1);
    expect(info[0]!.severity).toBe('info');
    for (const reason of ['resource metadata: pods (used for pod → node and owners) ×2', 'not a log: RBAC and API access ×3', 'image ×1', 'binary file ×1', 'not a log: version and cluster info ×2']) {
      expect(info[0]!.message).toContain(reason);
    }
    expect(a.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });
});

describe('a must-gather and a cluster-info dump through analyze()', () => {
  it('must-gather: events YAML and container logs (previous before current) on the node clock', async () => {
    const a = await analyze([{ name: 'mg.tar.gz', bytes: mustGatherTarGz() }]);
    const l = lanes(a);
    expect(l[`dns@${MG_POD}`]).toBe('master-0');
    expect(l['kubelet@master-0']).toBe('master-0');
    expect(l['default-scheduler']).toBeDefined();
    const x = a.executions[0]!.execution;
    const p = x.processNames.indexOf(`dns@${MG_POD}`);
    expect(textsOf(x).slice(x.procStart[p], x.procStart[p + 1])[0]).toBe('[INFO] CoreDNS starting');
    timesInWindow(a);
    expect(a.diagnostics.some((d) => d.input === 'mg.tar.gz' && /OpenShift must-gather.*not a log: RBAC/.test(d.message))).toBe(true);
  });

  for (const [name, bytes] of [
    ['dump.tgz', clusterInfoDumpTarGz()],
    ['cluster-info.txt', clusterInfoDumpStream()],
    ['dump-stream.tgz', gzipSync(tar([{ name: 'cluster-info.txt', data: clusterInfoDumpStream() }]))],
  ] as const) {
    it(`cluster-info dump (${name}): container sections become container@pod lanes`, async () => {
      const a = await analyze([{ name, bytes }]);
      const l = lanes(a);
      expect(l[`nginx@${WEB_POD}`]).toBe('node-a');
      expect(l[`istio-proxy@${WEB_POD}`]).toBe('node-a');
      expect(l[`coredns@${DNS_POD}`]).toBe('node-b');
      expect(l['kubelet@node-a']).toBe('node-a');
      expect(a.inputs.every((i) => i.format !== 'jsonl')).toBe(true);
      timesInWindow(a);
      expect(a.diagnostics.some((d) => d.input.startsWith(name) && d.message.includes('kubectl cluster-info dump'))).toBe(true);
    });
  }
});

describe('archives in no known layout', () => {
  it('still reads the logs of the archives people sent before, and skips nothing from them', async () => {
    const a = await analyze([{ name: 'support.tar.gz', bytes: bundleTarGz() }]);
    expect(a.inputs.map((i) => i.format)).toEqual(['k8s', 'shiviz', 'shiviz', 'jsonl', 'jsonl']);
  });
});

describe('resources as linker metadata', () => {
  const ev = (name: string, reason: string, message: string, component: string, kind: string, obj: string, at: string) => ({
    kind: 'Event',
    metadata: { name, namespace: 'default', uid: `uid-${name}` },
    involvedObject: { kind, namespace: 'default', name: obj },
    reason,
    message,
    source: { component },
    firstTimestamp: at,
    lastTimestamp: at,
    count: 1,
  });
  const events = JSON.stringify({
    kind: 'EventList',
    items: [
      ev('e1', 'TaintManagerEviction', 'Marking for deletion Pod default/api-pod-1', 'taint-eviction-controller', 'Pod', 'api-pod-1', '2026-03-14T09:40:00Z'),
      ev('e2', 'SuccessfulCreate', 'Created pod: api-pod-2', 'replicaset-controller', 'ReplicaSet', 'api-7c9', '2026-03-14T09:40:01Z'),
    ],
  });
  const pods = JSON.stringify({
    kind: 'PodList',
    items: [{ kind: 'Pod', metadata: { name: 'api-pod-1', namespace: 'default', ownerReferences: [{ kind: 'ReplicaSet', name: 'api-7c9', controller: true }] }, spec: { nodeName: 'node-a' } }],
  });
  const bundle = (withPods: boolean) =>
    gzipSync(
      tar([
        { name: 'sb/cluster-resources/events/default.json', data: events },
        ...(withPods ? [{ name: 'sb/cluster-resources/pods/default.json', data: pods }] : []),
      ]),
    );
  const rulesOf = async (withPods: boolean) => {
    const x = (await analyze([{ name: 'sb.tgz', bytes: bundle(withPods) }])).executions[0]!.execution;
    return Array.from({ length: x.edgeCount }, (_, i) => x.strings.get(x.edgeRule[i]!));
  };

  it("links an eviction to its replacement through the pod's owner named only in the pods resources", async () => {
    expect(await rulesOf(false)).toEqual([]);
    expect(await rulesOf(true)).toEqual(['k8s-evict-replace']);
  });
});
