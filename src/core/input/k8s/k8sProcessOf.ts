/**
 * Which process a record belongs to and which clock domain (host) that
 * process reads. Processes are the reporting component with its instance
 * where the instance is a host: `kubelet@node-a`, `kube-proxy@node-a`; the
 * scheduler and the controllers are one process each (`default-scheduler`,
 * `replicaset-controller`). Domains are hosts: a kubelet's node; the
 * scheduler's host from reportingInstance (`default-scheduler-<host>`); all
 * controllers of kube-controller-manager share one clock, named after its
 * host when any of their events gives one, else `kube-controller-manager`.
 * The API server of audit logs is `kube-apiserver` with its own domain; the
 * watcher of a recording is `watch`. Where the records show the control-plane
 * node (clusterHosts.ts), hostless control-plane components (the controller
 * manager, a scheduler, the API server) take its domain, and in a one-node
 * cluster every hostless component does. AnalyzeOptions.clockDomainOf
 * overrides the domain per process name (the parser applies it).
 */
import type { ClusterHosts } from './clusterHosts';
import { API_SERVER, hostOfInstance, isControllerManagerComponent } from './k8sComponents';
import type { K8sRecord } from './k8sRecord';
import { WATCH_PROCESS } from './objectRecordOf';

export interface ProcessPlace {
  name: string;
  domain: string;
}

/**
 * `hosts` (clusterHosts.ts): the control-plane node hostless control-plane
 * components run on, and the one node of a one-node cluster, where known.
 */
export function k8sProcessOf(r: K8sRecord, controllerManagerDomain: string, hosts: ClusterHosts = { onlyNode: null, controlPlane: null }): ProcessPlace {
  if (r.source === 'audit') return { name: API_SERVER, domain: hosts.controlPlane ?? API_SERVER };
  if (r.source === 'object') return { name: WATCH_PROCESS, domain: WATCH_PROCESS };
  const component = r.component || 'unknown-reporter';
  if (isControllerManagerComponent(component)) return { name: component, domain: controllerManagerDomain };
  if (component === 'kubelet') {
    return r.instance ? { name: `kubelet@${r.instance}`, domain: r.instance } : { name: 'kubelet', domain: hosts.onlyNode ?? 'kubelet' };
  }
  if (component.endsWith('scheduler')) {
    return { name: component, domain: r.instance ? hostOfInstance(r.instance, component) : (hosts.controlPlane ?? component) };
  }
  // Other reporters (kube-proxy, operators): a host-like instance is their node.
  if (r.instance && !r.instance.startsWith(`${component}-`)) return { name: `${component}@${r.instance}`, domain: r.instance };
  return { name: component, domain: hosts.onlyNode ?? component };
}
