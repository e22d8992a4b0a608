/**
 * An audit.k8s.io/v1 Event (one line of an API server audit log) → K8sRecord
 * on the API server, which stamps every request with its one clock. The
 * object is objectRef, with its name taken from the response or request body
 * where objectRef has none (creates with generateName). Stages of one request
 * share an auditID; the parser keeps the last stage read. Time is the stage's
 * timestamp (µs): for ResponseComplete, when the change was done, which is
 * before any controller could report it.
 */
import type { K8sRecord } from './k8sRecord';
import { isObj, str, timeOf } from './eventRecordOf';

type Obj = Record<string, unknown>;

export function isAuditObject(o: Obj): boolean {
  return str(o.apiVersion).startsWith('audit.k8s.io/') && (o.kind === 'Event' || typeof o.auditID === 'string');
}

/** Verbs that change nothing; the parser leaves them out (counted in one note). */
export const READ_ONLY_VERBS = new Set(['get', 'list', 'watch']);

const KIND_OF_RESOURCE: Record<string, string> = {
  pods: 'Pod',
  replicasets: 'ReplicaSet',
  deployments: 'Deployment',
  nodes: 'Node',
  jobs: 'Job',
  statefulsets: 'StatefulSet',
  daemonsets: 'DaemonSet',
  events: 'Event',
};

export function auditRecordOf(o: Obj, input: string, line: number, seq: number): K8sRecord | string {
  const verb = str(o.verb);
  if (!verb) return 'audit event has no verb';
  const ref = isObj(o.objectRef) ? o.objectRef : {};
  const resource = str(ref.resource);
  const sub = str(ref.subresource);
  const req = isObj(o.requestObject) ? o.requestObject : {};
  const resp = isObj(o.responseObject) ? o.responseObject : {};
  const reqMeta = isObj(req.metadata) ? req.metadata : {};
  const respMeta = isObj(resp.metadata) ? resp.metadata : {};
  const name = str(ref.name) || str(respMeta.name) || str(reqMeta.name);
  const namespace = str(ref.namespace) || str(respMeta.namespace) || str(reqMeta.namespace);
  const user = isObj(o.user) ? str(o.user.username) : '';
  const status = isObj(o.responseStatus) ? o.responseStatus : {};
  const code = typeof status.code === 'number' ? status.code : 0;
  const received = timeOf(o.requestReceivedTimestamp);
  const time = timeOf(o.stageTimestamp) ?? received;
  const target = isObj(req.target) ? req.target : {};
  const what = sub ? `${resource}/${sub}` : resource;
  const obj = name ? (namespace ? `${namespace}/${name}` : name) : namespace ? `${namespace}/*` : '';
  const extra: [string, string][] = [
    ['auditID', str(o.auditID)],
    ['stage', str(o.stage)],
    ['verb', verb],
    ['resource', what],
    ['user', user],
    ['userAgent', str(o.userAgent)],
    ['code', code ? String(code) : ''],
    ['requestReceived', str(o.requestReceivedTimestamp)],
  ];
  return {
    source: 'audit',
    input,
    line,
    seq,
    reason: `${verb} ${what}`,
    message: `${verb} ${what} ${obj}${code ? ` → ${code}` : ''}${user ? ` by ${user}` : ''}`.replace(/\s+/g, ' ').trim(),
    eventType: verb,
    action: verb,
    regarding: {
      kind: KIND_OF_RESOURCE[resource] ?? resource,
      namespace,
      name,
      uid: str(ref.uid) || str(respMeta.uid),
      fieldPath: '',
    },
    related: null,
    component: 'kube-apiserver',
    instance: '',
    time,
    first: time,
    last: time,
    count: 1,
    nameSuffix: '',
    uid: str(o.auditID),
    eventName: '',
    firstAgeSec: null,
    lastAgeSec: null,
    extra: extra.filter(([, v]) => v !== ''),
    audit: { verb, resource, subresource: sub, user, code, bindingNode: sub === 'binding' ? str(target.name) : '' },
  };
}
