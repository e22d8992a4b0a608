/**
 * The layouts of the archives people send about a Kubernetes cluster, told
 * apart by their member paths, and what each path of a layout holds:
 *
 * - troubleshoot.sh support bundles (also what sbctl serves):
 *   `cluster-resources/events/<ns>.json`, `cluster-resources/pods/<ns>.json`,
 *   `cluster-resources/nodes.json`, container logs at
 *   `cluster-resources/pods/logs/<ns>/<pod>/<container>.log` and
 *   `<container>-previous.log`, and a logs collector's copies at
 *   `<collector>/<pod>/<container>.log` (symbolic links in the tarball);
 * - OpenShift must-gather (`oc adm inspect`): `namespaces/<ns>/core/events.yaml`,
 *   `namespaces/<ns>/core/pods.yaml`, `namespaces/<ns>/pods/<pod>/<pod>.yaml`,
 *   container logs at `namespaces/<ns>/pods/<pod>/<container>/<container>/logs/`
 *   `current.log`, `previous.log` (`.insecure.log` variants) and
 *   `rotated/<n>.log.<date>` (the node's own CRI files), and
 *   `cluster-scoped-resources/<group>/<resource>/<name>.yaml`;
 * - `kubectl cluster-info dump --output-directory`: `nodes.json`,
 *   `<ns>/events.json`, `<ns>/pods.json`, `<ns>/replicasets.json`, … and
 *   `<ns>/<pod>/logs.txt` with every container's log between
 *   `==== START logs for container …` markers (clusterInfoDump.ts).
 *
 * A layout is found from marker paths; its root is whatever precedes them
 * (a bundle's top folder), so one archive may hold several. classifyPath
 * says what one path under a root is; a path it does not know is 'other',
 * judged by its content (memberKind.ts).
 */

export type LayoutId = 'support-bundle' | 'must-gather' | 'cluster-info-dump';

export const LAYOUT_LABELS: Record<LayoutId, string> = {
  'support-bundle': 'Kubernetes support bundle (troubleshoot.sh)',
  'must-gather': 'OpenShift must-gather',
  'cluster-info-dump': 'kubectl cluster-info dump',
};

export interface Layout {
  id: LayoutId;
  /** The prefix of every member of this layout: '' or a folder path ending in '/'. */
  root: string;
}

/** Where a container log lives, and where it falls in its container's history. */
export interface ContainerLogPlace {
  namespace: string;
  pod: string;
  container: string;
  /** 0 rotated files, 1 the previous container, 2 the current one: program order. */
  age: 0 | 1 | 2;
}

export type PathClass =
  | { what: 'events' }
  | { what: 'pods' }
  | { what: 'nodes' }
  | { what: 'workloads' }
  | { what: 'containerLog'; place: ContainerLogPlace }
  /** A log of a pod that a logs collector put under its own name: the namespace is not in the path. */
  | { what: 'collectorLog'; pod: string; container: string; age: 1 | 2 }
  /** cluster-info dump's logs.txt: every container of the pod, in sections. */
  | { what: 'podLogSections'; namespace: string; pod: string }
  | { what: 'skip'; reason: string }
  | { what: 'other' };

const MARKERS: [LayoutId, RegExp][] = [
  ['support-bundle', /^(.*?)cluster-resources\/(?:events|pods|deployments|replicasets)\/[^/]+\.(?:json|yaml)$|^(.*?)cluster-resources\/(?:nodes|namespaces)\.json$/],
  ['must-gather', /^(.*?)(?:namespaces\/[^/]+\/(?:core\/(?:events|pods)\.yaml|pods\/[^/]+\/[^/]+\.yaml)|cluster-scoped-resources\/[^/]+\/[^/]+)/],
];
const DUMP_NODES = /^(.*?)nodes\.(?:json|yaml|txt)$/;
const DUMP_NS_FILE = /^[^/]+\/(?:events|pods|replicasets|deployments|daemonsets|services|replication-controllers)\.(?:json|yaml|txt)$/;

/** The layouts found among these paths (relative to the archive), longest root first. */
export function findLayouts(paths: readonly string[]): Layout[] {
  const found = new Map<string, Layout>();
  const add = (id: LayoutId, root: string) => {
    if ((root === '' || root.endsWith('/')) && !found.has(root)) found.set(root, { id, root });
  };
  for (const path of paths) {
    for (const [id, re] of MARKERS) {
      const m = re.exec(path);
      if (m) add(id, m[1] ?? m[2] ?? '');
    }
  }
  // cluster-info dump: nodes.<ext> beside <ns>/events.<ext>, under one root.
  const set = new Set(paths);
  for (const path of paths) {
    const m = DUMP_NODES.exec(path);
    if (!m) continue;
    const root = m[1]!;
    if (root !== '' && !root.endsWith('/')) continue;
    if (found.has(root)) continue;
    const ext = path.slice(path.lastIndexOf('.'));
    if (paths.some((p) => p.startsWith(root) && p.endsWith(`/events${ext}`) && DUMP_NS_FILE.test(p.slice(root.length))) && set.has(path)) {
      add('cluster-info-dump', root);
    }
  }
  return [...found.values()].sort((a, b) => b.root.length - a.root.length);
}

/** The layout whose root holds the path (the longest), or null. */
export function layoutOf(path: string, layouts: readonly Layout[]): Layout | null {
  return layouts.find((l) => path.startsWith(l.root)) ?? null;
}

// Reasons a member is not read, shown grouped with counts.
export const REASON = {
  pods: 'resource metadata: pods (used for pod → node and owners)',
  workloads: 'resource metadata: replica sets (used for owner chains)',
  nodes: 'resource metadata: nodes (the pods resources name each pod\'s node)',
  resources: 'resource metadata, not a log',
  rbac: 'not a log: RBAC and API access',
  config: 'not a log: configuration and secrets',
  crds: 'not a log: custom resources and their definitions',
  version: 'not a log: version and cluster info',
  analysis: 'not a log: analysis results',
  errors: 'not a log: collector errors',
  html: 'not a log: HTML page',
  duplicate: 'a copy of a container log read from cluster-resources/pods/logs',
  emptyEvents: 'event list with no events',
} as const;

const RBAC = /^(?:auth-cani-list|clusterroles|clusterrolebindings|roles|rolebindings|serviceaccounts|groups|resources)(?:\/|\.json$|\.yaml$)/;
const CONFIG = /^(?:configmaps|secrets|image-pull-secrets)(?:\/|\.json$|\.yaml$)/;
const CRDS = /^(?:custom-resource-definitions|custom-resources)(?:\/|\.json$|\.yaml$)/;
const WORKLOADS = /^(?:replicasets)\/[^/]+\.(?:json|yaml)$/;

function supportBundlePath(r: string): PathClass {
  if (r === 'version.yaml' || r.startsWith('cluster-info/')) return { what: 'skip', reason: REASON.version };
  if (r === 'analysis.json' || r.startsWith('execution-data/')) return { what: 'skip', reason: REASON.analysis };
  if (r.endsWith('-errors.json')) return { what: 'skip', reason: REASON.errors };
  if (r.startsWith('cluster-resources/')) {
    const c = r.slice('cluster-resources/'.length);
    let m = /^events\/[^/]+\.(?:json|yaml)$/.exec(c);
    if (m) return { what: 'events' };
    m = /^pods\/logs\/([^/]+)\/([^/]+)\/(.+?)(-previous)?\.log$/.exec(c);
    if (m) return { what: 'containerLog', place: { namespace: m[1]!, pod: m[2]!, container: m[3]!, age: m[4] ? 1 : 2 } };
    if (/^pods\/[^/]+\.(?:json|yaml)$/.test(c)) return { what: 'pods' };
    if (/^nodes\.(?:json|yaml)$/.test(c)) return { what: 'nodes' };
    if (WORKLOADS.test(c)) return { what: 'workloads' };
    if (RBAC.test(c)) return { what: 'skip', reason: REASON.rbac };
    if (CONFIG.test(c)) return { what: 'skip', reason: REASON.config };
    if (CRDS.test(c)) return { what: 'skip', reason: REASON.crds };
    if (/\.(?:json|yaml)$/.test(c)) return { what: 'skip', reason: REASON.resources };
    return { what: 'other' };
  }
  // A logs collector's `<collector>/<pod>/<container>.log`.
  const m = /^[^/]+\/([^/]+)\/([^/]+?)(-previous)?\.log$/.exec(r);
  if (m) return { what: 'collectorLog', pod: m[1]!, container: m[2]!, age: m[3] ? 1 : 2 };
  return { what: 'other' };
}

function mustGatherPath(r: string): PathClass {
  if (r === 'timestamp' || r === 'version' || r.endsWith('/version')) return { what: 'skip', reason: REASON.version };
  if (r.endsWith('.html')) return { what: 'skip', reason: REASON.html };
  let m = /^namespaces\/([^/]+)\/pods\/([^/]+)\/([^/]+)\/[^/]+\/logs\/(?:(current|previous)(?:\.insecure)?\.log|rotated\/.+)$/.exec(r);
  if (m) return { what: 'containerLog', place: { namespace: m[1]!, pod: m[2]!, container: m[3]!, age: m[4] === 'current' ? 2 : m[4] === 'previous' ? 1 : 0 } };
  m = /^namespaces\/([^/]+)\/(.*)$/.exec(r);
  if (m) {
    const rest = m[2]!;
    if (rest === 'core/events.yaml' || rest === 'events.k8s.io/events.yaml') return { what: 'events' };
    if (rest === 'core/pods.yaml' || /^pods\/([^/]+)\/\1\.yaml$/.test(rest)) return { what: 'pods' };
    if (rest === 'apps/replicasets.yaml') return { what: 'workloads' };
    if (/^rbac\.authorization\.k8s\.io\/|^core\/serviceaccounts\.yaml$/.test(rest)) return { what: 'skip', reason: REASON.rbac };
    if (/^core\/(?:configmaps|secrets)\.yaml$/.test(rest)) return { what: 'skip', reason: REASON.config };
    if (/\.yaml$/.test(rest)) return { what: 'skip', reason: REASON.resources };
    return { what: 'other' };
  }
  m = /^cluster-scoped-resources\/([^/]+)\/(.*)$/.exec(r);
  if (m) {
    const [, group, rest] = m;
    if (group === 'core' && /^nodes(?:\/[^/]+)?\.yaml$/.test(rest!)) return { what: 'nodes' };
    if (group === 'rbac.authorization.k8s.io') return { what: 'skip', reason: REASON.rbac };
    if (group === 'apiextensions.k8s.io') return { what: 'skip', reason: REASON.crds };
    if (/\.yaml$/.test(rest!)) return { what: 'skip', reason: REASON.resources };
  }
  return { what: 'other' };
}

function clusterInfoDumpPath(r: string): PathClass {
  if (/^nodes\.(?:json|yaml|txt)$/.test(r)) return { what: 'nodes' };
  const m = /^([^/]+)\/(?:([^/]+)\.(?:json|yaml|txt)|([^/]+)\/logs\.txt)$/.exec(r);
  if (!m) return { what: 'other' };
  if (m[3]) return { what: 'podLogSections', namespace: m[1]!, pod: m[3] };
  switch (m[2]) {
    case 'events':
      return { what: 'events' };
    case 'pods':
      return { what: 'pods' };
    case 'replicasets':
      return { what: 'workloads' };
    default:
      return { what: 'skip', reason: REASON.resources };
  }
}

/** What the member at `path` holds in its layout. */
export function classifyPath(layout: Layout, path: string): PathClass {
  const r = path.slice(layout.root.length);
  if (layout.id === 'support-bundle') return supportBundlePath(r);
  if (layout.id === 'must-gather') return mustGatherPath(r);
  return clusterInfoDumpPath(r);
}
