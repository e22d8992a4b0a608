/**
 * An API object that is not an Event (a Pod, ReplicaSet, Deployment, Node...)
 * as seen by a watch → K8sRecord on the watcher's process. Recordings such as
 * kspan's interleave such objects with events; showing them as local events
 * of the watcher, in the order it saw them, keeps what the user recorded
 * (a pod's phase, a ReplicaSet's replica counts) beside the events. Their
 * time is the watcher's (the recording's comment), never the object's own
 * creationTimestamp, which the API server stamped. Pods also tell the linker
 * their node (spec.nodeName) and owning ReplicaSet (ownerReferences).
 */
import type { WallTime } from '../../model/eventTime';
import type { K8sRecord } from './k8sRecord';
import { isObj, str } from './eventRecordOf';

type Obj = Record<string, unknown>;

/** The watcher's process: what a recording or a watch stream was seen by. */
export const WATCH_PROCESS = 'watch';

export function objectRecordOf(
  o: Obj,
  input: string,
  line: number,
  seq: number,
  seen: { how: string; time: WallTime | null },
): K8sRecord | string {
  const kind = str(o.kind);
  const meta = isObj(o.metadata) ? o.metadata : null;
  if (!kind || !meta) return `not a Kubernetes object (no ${kind ? 'metadata' : 'kind'})`;
  const spec = isObj(o.spec) ? o.spec : {};
  const status = isObj(o.status) ? o.status : {};
  const name = str(meta.name);
  const namespace = str(meta.namespace);
  const extra: [string, string][] = [];
  let state = '';
  if (kind === 'Pod') {
    state = str(status.phase);
    const node = str(spec.nodeName);
    if (node) extra.push(['node', node]);
    if (meta.deletionTimestamp) state += ' (terminating)';
  } else if (kind === 'ReplicaSet' || kind === 'Deployment' || kind === 'StatefulSet') {
    state = `replicas ${str(spec.replicas) || '0'}, ready ${str(status.readyReplicas) || '0'}`;
  } else if (kind === 'Node') {
    const ready = Array.isArray(status.conditions) ? status.conditions.find((c) => isObj(c) && c.type === 'Ready') : undefined;
    if (isObj(ready)) state = `Ready=${str(ready.status)}`;
    // The control plane's node, which hostless control-plane components share a clock with (clusterHosts.ts).
    const labels = isObj(meta.labels) ? meta.labels : {};
    if ('node-role.kubernetes.io/control-plane' in labels || 'node-role.kubernetes.io/master' in labels) extra.push(['role', 'control-plane']);
  }
  const owners = Array.isArray(meta.ownerReferences) ? meta.ownerReferences.filter(isObj) : [];
  const owner = owners.find((r) => r.controller === true) ?? owners[0];
  if (owner) extra.push(['owner', `${str(owner.kind)}/${str(owner.name)}`]);
  if (state) extra.push(['state', state.trim()]);
  return {
    source: 'object',
    input,
    line,
    seq,
    reason: seen.how,
    message: `${kind} ${namespace ? `${namespace}/` : ''}${name}${state ? `: ${state.trim()}` : ''}`,
    eventType: '',
    action: '',
    regarding: { kind, namespace, name, uid: str(meta.uid), fieldPath: '' },
    related: null,
    component: WATCH_PROCESS,
    instance: '',
    time: seen.time,
    first: seen.time,
    last: seen.time,
    count: 1,
    nameSuffix: '',
    uid: '',
    eventName: name,
    firstAgeSec: null,
    lastAgeSec: null,
    extra,
    audit: null,
  };
}
