/**
 * Archives as people send them about a Kubernetes cluster, written here for
 * the tests (layouts as troubleshoot.sh, `oc adm inspect` and `kubectl
 * cluster-info dump` write them; contents invented): a support bundle with
 * events of two namespaces, pods and nodes resources (two nodes), three
 * container logs (CRI with a partial line, plain ISO-stamped, plain without
 * times), a previous container's log, RBAC, config, a version file, analysis
 * results, an image and a binary; a must-gather; a cluster-info dump in its
 * directory form and as one stream. Every time lies on 2026-03-14 between
 * 09:00 and 10:00 UTC (BUNDLE_WINDOW).
 */
import { gzipSync, strToU8 } from 'fflate';
import { tar } from './tarWriter';

export const BUNDLE_WINDOW = { from: Date.UTC(2026, 2, 14, 9), to: Date.UTC(2026, 2, 14, 10) };

const json = (v: unknown) => JSON.stringify(v, null, 2);

function event(ns: string, name: string, reason: string, message: string, component: string, obj: { kind: string; name: string }, at: string, host?: string) {
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace: ns, uid: `uid-${name}`, creationTimestamp: at },
    involvedObject: { kind: obj.kind, namespace: ns, name: obj.name, uid: `uid-${obj.name}` },
    reason,
    message,
    source: { component, ...(host && { host }) },
    firstTimestamp: at,
    lastTimestamp: at,
    count: 1,
    type: reason === 'BackOff' ? 'Warning' : 'Normal',
  };
}

const list = (kind: string, items: unknown[]) => ({ kind, apiVersion: 'v1', metadata: { resourceVersion: '4242' }, items });

function pod(ns: string, name: string, node: string, containers: string[], owner?: string) {
  return {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: {
      name,
      namespace: ns,
      uid: `uid-${name}`,
      creationTimestamp: '2026-03-14T09:30:00Z',
      ...(owner && { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner, uid: `uid-${owner}`, controller: true }] }),
    },
    spec: { nodeName: node, containers: containers.map((c) => ({ name: c, image: `${c}:1` })) },
    status: { phase: 'Running', startTime: '2026-03-14T09:30:02Z' },
  };
}

const node = (name: string) => ({ kind: 'Node', apiVersion: 'v1', metadata: { name, uid: `uid-${name}`, labels: { 'kubernetes.io/hostname': name } }, status: { conditions: [{ type: 'Ready', status: 'True' }] } });

export const WEB_POD = 'web-5d8f7-abcde';
export const DNS_POD = 'coredns-6f9c-xyz12';

const defaultEvents = [
  event('default', 'web-5d8f7.17f0000000000001', 'SuccessfulCreate', `Created pod: ${WEB_POD}`, 'replicaset-controller', { kind: 'ReplicaSet', name: 'web-5d8f7' }, '2026-03-14T09:30:00Z'),
  event('default', `${WEB_POD}.17f0000000000002`, 'Scheduled', `Successfully assigned default/${WEB_POD} to node-a`, 'default-scheduler', { kind: 'Pod', name: WEB_POD }, '2026-03-14T09:30:01Z'),
  event('default', `${WEB_POD}.17f0000000000003`, 'Pulling', 'Pulling image "nginx:1.27"', 'kubelet', { kind: 'Pod', name: WEB_POD }, '2026-03-14T09:30:02Z', 'node-a'),
  event('default', `${WEB_POD}.17f0000000000004`, 'Started', 'Started container nginx', 'kubelet', { kind: 'Pod', name: WEB_POD }, '2026-03-14T09:30:04Z', 'node-a'),
];
const systemEvents = [
  event('kube-system', `${DNS_POD}.17f0000000000005`, 'Scheduled', `Successfully assigned kube-system/${DNS_POD} to node-b`, 'default-scheduler', { kind: 'Pod', name: DNS_POD }, '2026-03-14T09:31:00Z'),
  event('kube-system', `${DNS_POD}.17f0000000000006`, 'Started', 'Started container coredns', 'kubelet', { kind: 'Pod', name: DNS_POD }, '2026-03-14T09:31:03Z', 'node-b'),
  event('kube-system', `${DNS_POD}.17f0000000000007`, 'BackOff', 'Back-off restarting failed container coredns', 'kubelet', { kind: 'Pod', name: DNS_POD }, '2026-03-14T09:35:00Z', 'node-b'),
];

/** nginx: CRI, one line split by the runtime (P then F), and key=value pairs. */
export const NGINX_CRI = [
  '2026-03-14T09:30:05.100000000Z stdout F start worker processes',
  '2026-03-14T09:30:06.200000000Z stdout P GET /api/orders req_id=r-17 ',
  '2026-03-14T09:30:06.200000100Z stdout F status=200 bytes=512',
  '2026-03-14T09:30:07.000000000Z stderr F [warn] upstream slow',
  '',
].join('\n');
export const NGINX_PREVIOUS_CRI = ['2026-03-14T09:20:00.000000000Z stdout F start worker processes', '2026-03-14T09:25:00.000000000Z stderr F [emerg] bind() failed', ''].join('\n');
export const ISTIO_PLAIN = ['2026-03-14T09:30:05.500000000Z info Envoy proxy is ready', '2026-03-14T09:30:06.150000000Z info outbound req_id=r-17 to=orders', ''].join('\n');
export const COREDNS_PLAIN = ['.:53', '[INFO] plugin/reload: Running configuration SHA512 = 3b9f', 'CoreDNS-1.11.1', ''].join('\n');

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const BINARY = new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);

export const SUPPORT_BUNDLE_ROOT = 'support-bundle-2026-03-14T09_40_00';

export function supportBundleMembers(): Record<string, string | Uint8Array> {
  return {
    'version.yaml': 'apiVersion: troubleshoot.sh/v1beta2\nkind: SupportBundle\nspec:\n  versionNumber: 0.107.0\n',
    'cluster-info/cluster_version.json': json({ info: { major: '1', minor: '30', gitVersion: 'v1.30.2' }, string: 'v1.30.2' }),
    'cluster-resources/events/default.json': json(list('EventList', defaultEvents)),
    'cluster-resources/events/kube-system.json': json(list('EventList', systemEvents)),
    'cluster-resources/events/kube-public.json': json(list('EventList', [])),
    'cluster-resources/pods/default.json': json(list('PodList', [pod('default', WEB_POD, 'node-a', ['nginx', 'istio-proxy'], 'web-5d8f7')])),
    'cluster-resources/pods/kube-system.json': json(list('PodList', [pod('kube-system', DNS_POD, 'node-b', ['coredns'])])),
    'cluster-resources/nodes.json': json(list('NodeList', [node('node-a'), node('node-b')])),
    'cluster-resources/replicasets/default.json': json(list('ReplicaSetList', [{ kind: 'ReplicaSet', metadata: { name: 'web-5d8f7', namespace: 'default', ownerReferences: [{ kind: 'Deployment', name: 'web', controller: true }] } }])),
    'cluster-resources/deployments/default.json': json(list('DeploymentList', [{ kind: 'Deployment', metadata: { name: 'web', namespace: 'default' } }])),
    'cluster-resources/clusterroles.json': json(list('ClusterRoleList', [{ kind: 'ClusterRole', metadata: { name: 'admin' }, rules: [{ verbs: ['*'], resources: ['*'] }] }])),
    'cluster-resources/clusterrolebindings.json': json(list('ClusterRoleBindingList', [])),
    'cluster-resources/auth-cani-list/default.json': json({ kind: 'SelfSubjectRulesReview', status: { resourceRules: [{ verbs: ['get'] }] } }),
    'cluster-resources/configmaps/default.json': json(list('ConfigMapList', [{ kind: 'ConfigMap', metadata: { name: 'web-config' }, data: { 'nginx.conf': 'worker_processes 2;' } }])),
    [`cluster-resources/pods/logs/default/${WEB_POD}/nginx.log`]: NGINX_CRI,
    [`cluster-resources/pods/logs/default/${WEB_POD}/nginx-previous.log`]: NGINX_PREVIOUS_CRI,
    [`cluster-resources/pods/logs/default/${WEB_POD}/istio-proxy.log`]: ISTIO_PLAIN,
    [`cluster-resources/pods/logs/kube-system/${DNS_POD}/coredns.log`]: COREDNS_PLAIN,
    // A logs collector's copy (a symbolic link in troubleshoot's own tarballs; a file once unpacked and packed again).
    [`web-logs/${WEB_POD}/nginx.log`]: NGINX_CRI,
    'analysis.json': json([{ name: 'node-count', pass: true }]),
    'files/dashboard.png': PNG,
    'host-collectors/run-host/probe.bin': BINARY,
  };
}

function tarGz(root: string, members: Record<string, string | Uint8Array>): Uint8Array {
  return gzipSync(tar(Object.entries(members).map(([name, data]) => withLongName(`${root}/${name}`, data))));
}

/** A member, with a pax path record when its name is too long for the ustar header. */
function withLongName(name: string, data: string | Uint8Array) {
  return { name, data, ...(name.length > 99 && { longName: 'pax' as const }) };
}

export const supportBundleTarGz = () => tarGz(SUPPORT_BUNDLE_ROOT, supportBundleMembers());

// ---- must-gather (YAML, as oc adm inspect writes) ----

export const MG_ROOT = 'must-gather.local.5121/quay-io-openshift-release-dev-ocp-v4-0-art-dev-sha256-0f1e';
export const MG_POD = 'dns-default-x7k2p';

export function mustGatherMembers(): Record<string, string> {
  const ns = 'openshift-dns';
  const podYaml = (indent: string) =>
    [
      `${indent}apiVersion: v1`,
      `${indent}kind: Pod`,
      `${indent}metadata:`,
      `${indent}  name: ${MG_POD}`,
      `${indent}  namespace: ${ns}`,
      `${indent}  uid: uid-${MG_POD}`,
      `${indent}  ownerReferences:`,
      `${indent}  - kind: DaemonSet`,
      `${indent}    name: dns-default`,
      `${indent}    controller: true`,
      `${indent}spec:`,
      `${indent}  nodeName: master-0`,
      `${indent}  containers:`,
      `${indent}  - name: dns`,
    ].join('\n');
  return {
    timestamp: '2026-03-14 09:40:00.000000 +0000 UTC m=+0.1\n',
    version: 'oc 4.16.0\n',
    'event-filter.html': '<html><body>events</body></html>\n',
    [`namespaces/${ns}/${ns}.yaml`]: `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${ns}\n`,
    [`namespaces/${ns}/core/events.yaml`]: [
      'apiVersion: v1',
      'items:',
      '- apiVersion: v1',
      '  kind: Event',
      '  metadata:',
      `    name: ${MG_POD}.17f00000000000a1`,
      `    namespace: ${ns}`,
      '  involvedObject:',
      '    kind: Pod',
      `    name: ${MG_POD}`,
      `    namespace: ${ns}`,
      '  reason: Scheduled',
      `  message: Successfully assigned ${ns}/${MG_POD} to master-0`,
      '  source:',
      '    component: default-scheduler',
      "  firstTimestamp: '2026-03-14T09:32:00Z'",
      "  lastTimestamp: '2026-03-14T09:32:00Z'",
      '  count: 1',
      '  type: Normal',
      '- apiVersion: v1',
      '  kind: Event',
      '  metadata:',
      `    name: ${MG_POD}.17f00000000000a2`,
      `    namespace: ${ns}`,
      '  involvedObject:',
      '    kind: Pod',
      `    name: ${MG_POD}`,
      `    namespace: ${ns}`,
      '  reason: Started',
      '  message: Started container dns',
      '  source:',
      '    component: kubelet',
      '    host: master-0',
      "  firstTimestamp: '2026-03-14T09:32:04Z'",
      "  lastTimestamp: '2026-03-14T09:32:04Z'",
      '  count: 1',
      '  type: Normal',
      'kind: EventList',
      'metadata:',
      "  resourceVersion: '99'",
      '',
    ].join('\n'),
    [`namespaces/${ns}/core/pods.yaml`]: `apiVersion: v1\nitems:\n${podYaml('  ').replace(/^ {2}apiVersion/, '- apiVersion')}\nkind: PodList\n`,
    [`namespaces/${ns}/pods/${MG_POD}/${MG_POD}.yaml`]: `${podYaml('')}\n`,
    [`namespaces/${ns}/core/configmaps.yaml`]: 'apiVersion: v1\nitems: []\nkind: ConfigMapList\n',
    [`namespaces/${ns}/pods/${MG_POD}/dns/dns/logs/current.log`]: '2026-03-14T09:32:05.000000000Z [INFO] plugin/reload: Running configuration\n2026-03-14T09:33:00.000000000Z [INFO] 10.0.0.7:53 - query A\n',
    [`namespaces/${ns}/pods/${MG_POD}/dns/dns/logs/previous.log`]: '2026-03-14T09:10:00.000000000Z [INFO] CoreDNS starting\n2026-03-14T09:12:00.000000000Z [FATAL] plugin/loop: Loop detected\n',
    'cluster-scoped-resources/core/nodes/master-0.yaml': 'apiVersion: v1\nkind: Node\nmetadata:\n  name: master-0\n',
    'cluster-scoped-resources/rbac.authorization.k8s.io/clusterroles/admin.yaml': 'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: admin\nrules: []\n',
    'host_service_logs/masters/kubelet_service.log': '2026-03-14T09:32:03.000000Z master-0 kubenswrapper[2101]: I0314 09:32:03.000000 2101 kubelet.go:1] SyncLoop ADD\n',
  };
}

export const mustGatherTarGz = () => tarGz(MG_ROOT, mustGatherMembers());

// ---- kubectl cluster-info dump ----

/** The lists and logs of the dump, in the order kubectl writes them; `logs` are per pod, with START/END markers. */
function dumpParts(): { path: string; text: string }[] {
  const json4 = (v: unknown) => JSON.stringify(v, null, 4);
  const section = (c: string, ns: string, p: string, body: string) => `==== START logs for container ${c} of pod ${ns}/${p} ====\n${body}==== END logs for container ${c} of pod ${ns}/${p} ====\n`;
  return [
    { path: 'nodes.json', text: json4(list('NodeList', [node('node-a'), node('node-b')])) },
    { path: 'kube-system/events.json', text: json4(list('EventList', systemEvents)) },
    { path: 'kube-system/services.json', text: json4(list('ServiceList', [])) },
    { path: 'kube-system/pods.json', text: json4(list('PodList', [pod('kube-system', DNS_POD, 'node-b', ['coredns'])])) },
    { path: `kube-system/${DNS_POD}/logs.txt`, text: section('coredns', 'kube-system', DNS_POD, COREDNS_PLAIN) },
    { path: 'default/events.json', text: json4(list('EventList', defaultEvents)) },
    { path: 'default/replication-controllers.json', text: json4(list('ReplicationControllerList', [])) },
    { path: 'default/replicasets.json', text: json4(list('ReplicaSetList', [{ kind: 'ReplicaSet', metadata: { name: 'web-5d8f7', namespace: 'default' } }])) },
    { path: 'default/pods.json', text: json4(list('PodList', [pod('default', WEB_POD, 'node-a', ['nginx', 'istio-proxy'], 'web-5d8f7')])) },
    { path: `default/${WEB_POD}/logs.txt`, text: section('nginx', 'default', WEB_POD, ISTIO_PLAIN.replace(/Envoy proxy/, 'nginx')) + section('istio-proxy', 'default', WEB_POD, ISTIO_PLAIN) },
  ];
}

export const DUMP_ROOT = 'cluster-state';

export function clusterInfoDumpTarGz(): Uint8Array {
  return gzipSync(tar(dumpParts().map((p) => withLongName(`${DUMP_ROOT}/${p.path}`, p.text))));
}

/** The same dump written to one stream (no --output-directory). */
export function clusterInfoDumpStream(): Uint8Array {
  return strToU8(dumpParts().map((p) => (p.path.endsWith('.json') ? `${p.text}\n` : p.text)).join(''));
}
