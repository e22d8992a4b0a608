import fc from 'fast-check';
import { gzipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { expandArchives, type NamedBytes } from '../../src/core/input/archive/expandArchives';
import { findLayouts } from '../../src/core/input/bundle/bundleLayouts';
import { isClusterInfoStream, splitClusterInfoStream, splitLogSections } from '../../src/core/input/bundle/clusterInfoDump';
import { memberKind } from '../../src/core/input/bundle/memberKind';
import { planBundle } from '../../src/core/input/bundle/planBundle';
import { DiagnosticSink } from '../../src/core/model/diagnostic';
import {
  clusterInfoDumpStream,
  clusterInfoDumpTarGz,
  DNS_POD,
  DUMP_ROOT,
  MG_POD,
  MG_ROOT,
  mustGatherTarGz,
  SUPPORT_BUNDLE_ROOT,
  supportBundleTarGz,
  WEB_POD,
} from './kubeArchives';
import { tar } from './tarWriter';

function members(name: string, bytes: Uint8Array): NamedBytes[] {
  return expandArchives([{ name, bytes }], new DiagnosticSink()) as NamedBytes[];
}

const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('layouts from member paths', () => {
  it('finds each layout at its root folder, and none in an archive of plain logs', () => {
    expect(findLayouts(['b/cluster-resources/events/default.json', 'b/version.yaml'])).toEqual([{ id: 'support-bundle', root: 'b/' }]);
    expect(findLayouts(['mg/img/namespaces/x/core/events.yaml'])).toEqual([{ id: 'must-gather', root: 'mg/img/' }]);
    expect(findLayouts(['d/nodes.json', 'd/default/events.json'])).toEqual([{ id: 'cluster-info-dump', root: 'd/' }]);
    // nodes.json alone is no dump; a folder merely ending in the marker's name is no bundle.
    expect(findLayouts(['d/nodes.json', 'd/logs/api.log'])).toEqual([]);
    expect(findLayouts(['x-cluster-resources/events/a.json'])).toEqual([]);
    expect(findLayouts(['logs/api.jsonl', 'govector/alice-Log.txt'])).toEqual([]);
  });
});

describe('support bundle plan', () => {
  const archive = 'support.tar.gz';
  const plan = planBundle(archive, members(archive, supportBundleTarGz()));
  const root = `${archive}/${SUPPORT_BUNDLE_ROOT}/`;
  const logs = `${root}cluster-resources/pods/logs/`;

  it('reads events as Kubernetes events and container logs as container@pod on the pod node clock', () => {
    expect(plan.read.map((m) => m.name.slice(root.length)).sort()).toEqual([
      'cluster-resources/events/default.json',
      'cluster-resources/events/kube-system.json',
      `cluster-resources/pods/logs/default/${WEB_POD}/istio-proxy.log`,
      `cluster-resources/pods/logs/default/${WEB_POD}/nginx-previous.log`,
      `cluster-resources/pods/logs/default/${WEB_POD}/nginx.log`,
      `cluster-resources/pods/logs/kube-system/${DNS_POD}/coredns.log`,
    ]);
    expect(plan.sources.get(`${root}cluster-resources/events/default.json`)).toEqual({ format: 'k8s' });
    expect(plan.sources.get(`${logs}default/${WEB_POD}/nginx.log`)).toEqual({ process: `nginx@${WEB_POD}`, domain: 'node-a' });
    expect(plan.sources.get(`${logs}default/${WEB_POD}/nginx-previous.log`)).toEqual({ process: `nginx@${WEB_POD}`, domain: 'node-a' });
    expect(plan.sources.get(`${logs}kube-system/${DNS_POD}/coredns.log`)).toEqual({ process: `coredns@${DNS_POD}`, domain: 'node-b' });
  });

  it('orders a previous container log before the current one', () => {
    const key = (n: string) => plan.orderKeys.get(`${logs}default/${WEB_POD}/${n}`)!;
    expect(key('nginx-previous.log') < key('nginx.log')).toBe(true);
  });

  it('keeps pods and replica sets as metadata for the linker, not as inputs', () => {
    expect(plan.resourceMeta.map((m) => [m.kind, m.namespace, m.name, m.node, m.owner])).toEqual([
      ['Pod', 'default', WEB_POD, 'node-a', 'ReplicaSet/web-5d8f7'],
      ['Pod', 'kube-system', DNS_POD, 'node-b', ''],
      ['ReplicaSet', 'default', 'web-5d8f7', '', 'Deployment/web'],
    ]);
  });

  it('lists every member not read, with its reason, in one info diagnostic', () => {
    const reasons = Object.fromEntries(plan.skipped.map((s) => [s.name.slice(root.length), s.reason]));
    expect(reasons).toMatchObject({
      'version.yaml': expect.stringMatching(/version/),
      'cluster-info/cluster_version.json': expect.stringMatching(/version/),
      'cluster-resources/events/kube-public.json': 'event list with no events',
      'cluster-resources/pods/default.json': expect.stringMatching(/pods \(used for pod → node/),
      'cluster-resources/nodes.json': expect.stringMatching(/nodes/),
      'cluster-resources/clusterroles.json': expect.stringMatching(/RBAC/),
      'cluster-resources/clusterrolebindings.json': expect.stringMatching(/RBAC/),
      'cluster-resources/auth-cani-list/default.json': expect.stringMatching(/RBAC/),
      'cluster-resources/configmaps/default.json': expect.stringMatching(/configuration/),
      'cluster-resources/deployments/default.json': expect.stringMatching(/resource metadata/),
      [`web-logs/${WEB_POD}/nginx.log`]: expect.stringMatching(/copy of a container log/),
      'analysis.json': expect.stringMatching(/analysis/),
      'files/dashboard.png': 'image',
      'host-collectors/run-host/probe.bin': 'binary file',
    });
    // Read or skipped: every member is accounted for.
    expect(plan.read.length + plan.skipped.length).toBe(members(archive, supportBundleTarGz()).length);
    const info = plan.diagnostics.filter((d) => d.input === archive && d.severity === 'info');
    expect(info).toHaveLength(1);
    expect(info[0]!.message).toMatch(/Kubernetes support bundle \(troubleshoot\.sh\)/);
    expect(info[0]!.message).toMatch(/not a log: RBAC and API access ×3: cluster-resources\/clusterroles\.json/);
    expect(info[0]!.message).toMatch(/4 container logs read as container@pod \(2 pods placed on 2 node clocks\)/);
  });

  it('names a pod with its namespace only when two namespaces share the pod name', () => {
    const twin = Object.fromEntries(
      ['a', 'b'].flatMap((ns) => [
        [`bundle/cluster-resources/pods/logs/${ns}/api-0/app.log`, `2026-03-14T09:30:00Z ${ns}\n`],
        [`bundle/cluster-resources/events/${ns}.json`, '{"kind":"EventList","items":[]}'],
      ]),
    );
    const p = planBundle('t.tar', members('t.tar', tar(Object.entries(twin).map(([name, data]) => ({ name, data })))));
    expect([...p.sources.values()].map((s) => s.process).sort()).toEqual(['app@a/api-0', 'app@b/api-0']);
    // No pods resources: each pod keeps a clock of its own, and the summary says so.
    expect([...p.sources.values()].every((s) => s.domain === undefined)).toBe(true);
    expect(p.diagnostics[0]!.message).toMatch(/2 pods not found in the pods resources keep a clock of its own|2 pods not found/);
  });
});

describe('must-gather plan', () => {
  const archive = 'mg.tar.gz';
  const plan = planBundle(archive, members(archive, mustGatherTarGz()));
  const root = `${archive}/${MG_ROOT}/`;
  const logDir = `${root}namespaces/openshift-dns/pods/${MG_POD}/dns/dns/logs/`;

  it('reads the events YAML, the container logs (previous first) and the host service logs', () => {
    expect(plan.read.map((m) => m.name.slice(root.length)).sort()).toEqual([
      'host_service_logs/masters/kubelet_service.log',
      'namespaces/openshift-dns/core/events.yaml',
      `namespaces/openshift-dns/pods/${MG_POD}/dns/dns/logs/current.log`,
      `namespaces/openshift-dns/pods/${MG_POD}/dns/dns/logs/previous.log`,
    ]);
    expect(plan.sources.get(`${logDir}current.log`)).toEqual({ process: `dns@${MG_POD}`, domain: 'master-0' });
    expect(plan.orderKeys.get(`${logDir}previous.log`)! < plan.orderKeys.get(`${logDir}current.log`)!).toBe(true);
  });

  it('skips resources, RBAC, version files and the HTML page with their reasons', () => {
    const reasons = Object.fromEntries(plan.skipped.map((s) => [s.name.slice(root.length), s.reason]));
    expect(reasons).toMatchObject({
      timestamp: expect.stringMatching(/version/),
      version: expect.stringMatching(/version/),
      'event-filter.html': expect.stringMatching(/HTML/),
      'namespaces/openshift-dns/openshift-dns.yaml': expect.stringMatching(/resource metadata/),
      'namespaces/openshift-dns/core/pods.yaml': expect.stringMatching(/pods/),
      [`namespaces/openshift-dns/pods/${MG_POD}/${MG_POD}.yaml`]: expect.stringMatching(/pods/),
      'namespaces/openshift-dns/core/configmaps.yaml': expect.stringMatching(/configuration/),
      'cluster-scoped-resources/core/nodes/master-0.yaml': expect.stringMatching(/nodes/),
      'cluster-scoped-resources/rbac.authorization.k8s.io/clusterroles/admin.yaml': expect.stringMatching(/RBAC/),
    });
    expect(plan.diagnostics[0]!.message).toMatch(/OpenShift must-gather/);
  });
});

describe('kubectl cluster-info dump', () => {
  it('splits a logs.txt into its containers', () => {
    const t = strToU8('==== START logs for container a of pod ns/p ====\nline 1\n==== END logs for container a of pod ns/p ====\n==== START logs for container b of pod ns/p ====\nline 2\n');
    const { sections, outside } = splitLogSections(t);
    expect(sections.map((s) => [s.container, s.namespace, s.pod, text(s.bytes)])).toEqual([
      ['a', 'ns', 'p', 'line 1\n'],
      ['b', 'ns', 'p', 'line 2\n'],
    ]);
    expect(outside).toBe(0);
  });

  it('plans the directory form: container sections on their node clocks, empty event lists skipped', () => {
    const archive = 'dump.tgz';
    const plan = planBundle(archive, members(archive, clusterInfoDumpTarGz()));
    const root = `${archive}/${DUMP_ROOT}/`;
    expect(plan.read.map((m) => m.name.slice(root.length)).sort()).toEqual([
      'default/events.json',
      `default/${WEB_POD}/logs.txt/istio-proxy`,
      `default/${WEB_POD}/logs.txt/nginx`,
      `kube-system/${DNS_POD}/logs.txt/coredns`,
      'kube-system/events.json',
    ]);
    expect(plan.sources.get(`${root}default/${WEB_POD}/logs.txt/nginx`)).toEqual({ process: `nginx@${WEB_POD}`, domain: 'node-a' });
    expect(plan.skipped.map((s) => s.name.slice(root.length)).sort()).toEqual([
      'default/pods.json',
      'default/replicasets.json',
      'default/replication-controllers.json',
      'kube-system/pods.json',
      'kube-system/services.json',
      'nodes.json',
    ]);
    expect(plan.diagnostics[0]!.message).toMatch(/kubectl cluster-info dump/);
  });

  it('turns the single-stream form into the directory form', () => {
    const stream = clusterInfoDumpStream();
    expect(isClusterInfoStream(stream)).toBe(true);
    expect(isClusterInfoStream(strToU8('{"kind":"PodList","items":[]}'))).toBe(false);
    const { members: parts, problems } = splitClusterInfoStream('dump.txt', stream);
    expect(problems).toEqual([]);
    expect(parts.map((m) => m.name)).toEqual([
      'dump.txt/nodes.json',
      'dump.txt/kube-system/events.json',
      'dump.txt/kube-system/services.json',
      'dump.txt/kube-system/pods.json',
      `dump.txt/kube-system/${DNS_POD}/logs.txt`,
      'dump.txt/default/events.json',
      'dump.txt/default/replication-controllers.json',
      'dump.txt/default/replicasets.json',
      'dump.txt/default/pods.json',
      `dump.txt/default/${WEB_POD}/logs.txt`,
    ]);
    expect(JSON.parse(text(parts[1]!.bytes)).kind).toBe('EventList');
    const plan = planBundle('dump.txt', parts);
    expect(plan.sources.get(`dump.txt/default/${WEB_POD}/logs.txt/istio-proxy`)).toEqual({ process: `istio-proxy@${WEB_POD}`, domain: 'node-a' });
  });
});

describe('members of an archive in no known layout', () => {
  const k8sPod = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } }, null, 2);
  it.each([
    ['a.json', k8sPod, 'Kubernetes resource (JSON), not a log'],
    ['one-line.json', JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } }), 'Kubernetes resource (JSON), not a log'],
    ['config.json', '{\n  "retries": 3,\n  "servers": ["a", "b"]\n}\n', 'JSON document, not a log'],
    ['list.json', '[\n  1,\n  2\n]\n', 'JSON document, not a log'],
    ['deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n', 'Kubernetes resource (YAML manifest), not a log'],
    ['values.yml', 'replicas: 3\nimage: nginx\n', 'YAML document, not a log'],
    ['manifest', '---\napiVersion: v1\nkind: Service\n', 'Kubernetes resource (YAML manifest), not a log'],
  ])('skips %s', (name, body, reason) => {
    expect(memberKind(name, strToU8(body))).toEqual({ read: false, reason });
  });

  it.each([
    ['api.jsonl', '{"ts":"2026-03-14T09:00:00Z","msg":"a"}\n{"ts":"2026-03-14T09:00:01Z","msg":"b"}\n'],
    ['one.json', '{"ts":"2026-03-14T09:00:00Z","msg":"only line"}\n'],
    ['app.log', '2026-03-14T09:00:00Z started\n--- separator ---\n'],
    ['events.json', JSON.stringify({ kind: 'EventList', items: [{ kind: 'Event', involvedObject: { kind: 'Pod', name: 'p' } }] }, null, 2)],
    ['trace.json', '{\n  "resourceSpans": []\n}\n'],
    ['utf16.log', new Uint8Array([0xff, 0xfe, 0x61, 0, 0x0a, 0])],
  ])('reads %s', (name, body) => {
    expect(memberKind(name, typeof body === 'string' ? strToU8(body) : body)).toEqual({ read: true });
  });

  it('plans an archive of logs and documents: logs read, the rest listed', () => {
    const bytes = gzipSync(
      tar([
        { name: 'x/api.log', data: '2026-03-14T09:00:00Z started\n' },
        { name: 'x/pod.json', data: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } }, null, 2) },
        { name: 'x/logo.png', data: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) },
      ]),
    );
    const plan = planBundle('x.tgz', members('x.tgz', bytes));
    expect(plan.read.map((m) => m.name)).toEqual(['x.tgz/x/api.log']);
    expect(plan.sources.size).toBe(0);
    expect(plan.diagnostics[0]!.message).toBe('1 member read; 2 not read as logs — Kubernetes resource (JSON), not a log ×1: x/pod.json; image ×1: x/logo.png');
  });
});

describe('memberKind on random JSON', () => {
  const key = fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/);
  const scalar = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null));
  const flat = fc.dictionary(key, scalar, { minKeys: 1, maxKeys: 6 });
  const nested = fc.dictionary(key, fc.oneof(scalar, flat, fc.array(scalar, { maxLength: 3 })), { minKeys: 1, maxKeys: 6 });

  it('reads JSON lines of any objects', () => {
    fc.assert(
      fc.property(fc.array(flat, { minLength: 2, maxLength: 6 }), fc.constantFrom('a.jsonl', 'a.json', 'a.log'), (rows, name) => {
        expect(memberKind(name, strToU8(rows.map((r) => JSON.stringify(r)).join('\n') + '\n'))).toEqual({ read: true });
      }),
    );
  });

  it('skips a pretty-printed JSON document of any object or array', () => {
    fc.assert(
      fc.property(fc.oneof(nested, fc.array(nested, { minLength: 1, maxLength: 3 })), fc.constantFrom('a.json', 'data', 'x.txt'), (doc, name) => {
        const k = memberKind(name, strToU8(JSON.stringify(doc, null, 2)));
        expect(k.read).toBe(false);
      }),
    );
  });
});
