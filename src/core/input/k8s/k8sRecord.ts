/**
 * One normalised Kubernetes record, whatever it was read from: a core/v1 or
 * events.k8s.io/v1 Event, an audit.k8s.io request, another API object seen in
 * a watch recording, or a row of a kubectl text table. Readers fill these;
 * K8sParser orders them per process and linkK8sRecords joins them.
 */
import type { WallTime } from '../../model/eventTime';

export interface ObjectRef {
  kind: string;
  namespace: string;
  name: string;
  uid: string;
  fieldPath: string;
}

export type K8sRecordSource = 'event' | 'object' | 'audit' | 'table';

export interface K8sRecord {
  source: K8sRecordSource;
  input: string;
  line: number;
  /** Reading order over all inputs; the last tie-break of program order. */
  seq: number;
  reason: string;
  message: string;
  /** Normal / Warning (events), the verb (audit), the phase (objects). */
  eventType: string;
  action: string;
  regarding: ObjectRef;
  related: ObjectRef | null;
  /** Reporting component: source.component, reportingComponent/Controller, or 'kube-apiserver'. */
  component: string;
  /** source.host (a node) or reportingInstance. */
  instance: string;
  /** The reporter's clock at the first occurrence; null when unknown. */
  time: WallTime | null;
  first: WallTime | null;
  last: WallTime | null;
  /** Occurrences this record stands for (count / series.count); 1 when single. */
  count: number;
  /** Hex UnixNano suffix of metadata.name, '' when none. */
  nameSuffix: string;
  /** metadata.uid of the event / object / audit ID: for de-duplicating watch streams. */
  uid: string;
  eventName: string;
  /** Tables: age of the first and last occurrence, seconds before the table was printed. */
  firstAgeSec: number | null;
  lastAgeSec: number | null;
  /** Extra fields shown with the event (audit verb, object phase, ...). */
  extra: [string, string][];
  /** Audit only. */
  audit: AuditInfo | null;
}

export interface AuditInfo {
  verb: string;
  resource: string;
  subresource: string;
  user: string;
  code: number;
  /** The node of a pods/binding request, when the request body says. */
  bindingNode: string;
}

export function emptyRef(): ObjectRef {
  return { kind: '', namespace: '', name: '', uid: '', fieldPath: '' };
}

/** namespace/name, the join key when there is no uid. */
export function nsName(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}
