/**
 * Which host the cluster's hostless components run on, when the records say.
 * kube-controller-manager's controllers, a scheduler or an API server that
 * report no host of their own run on a control-plane node; so does
 * everything in a cluster of one node. A component's domain is then that
 * node's, so its events and the node's kubelet read one clock: a cause
 * stamped after its effect there is logging order, never skew.
 *
 * Nodes are what the records name as nodes: kubelet hosts, Node objects and
 * events about Nodes, "Successfully assigned P to NODE", a pod's
 * spec.nodeName, a binding's target, and the hosts control-plane components
 * report from. Control-plane nodes are those labelled
 * node-role.kubernetes.io/control-plane (or master) in a recorded Node, named
 * so (`kind-control-plane`, `master-1`), or hosting a scheduler or
 * controller manager that says its host. With one node, that node; else with
 * exactly one control-plane node, that one; else (a managed cluster whose
 * control plane is hidden, or several control-plane nodes, whose leaders may
 * be anywhere) none: such components keep a domain of their own.
 */
import type { K8sRecord } from './k8sRecord';
import { hostOfInstance, isControllerManagerComponent } from './k8sComponents';

const ASSIGNED = /^Successfully assigned (?:\S+?\/)?\S+ to (\S+)$/;
/** Node names kubeadm, kind, k3d and minikube give control-plane nodes. */
const CONTROL_PLANE_NAME = /(?:^|[-_.])(?:control-plane|controlplane|master)(?:\d*|-\d+)(?:$|[-_.])/;

export interface ClusterHosts {
  /** The one node of a one-node cluster, else null. */
  onlyNode: string | null;
  /** Where hostless control-plane components run: onlyNode, else the one control-plane node, else null. */
  controlPlane: string | null;
}

export function clusterHosts(recs: readonly K8sRecord[]): ClusterHosts {
  const nodes = new Set<string>();
  const planes = new Set<string>();
  for (const r of recs) {
    if (r.source === 'audit') {
      if (r.audit?.bindingNode) nodes.add(r.audit.bindingNode);
      continue;
    }
    const g = r.regarding;
    if (g.kind === 'Node' && g.name) {
      nodes.add(g.name);
      if (r.extra.some(([k, v]) => k === 'role' && v === 'control-plane')) planes.add(g.name);
    }
    for (const [k, v] of r.extra) if (k === 'node' && v) nodes.add(v);
    if (r.source === 'object') continue;
    if (r.component === 'kubelet' && r.instance) nodes.add(r.instance);
    if (r.reason === 'Scheduled') {
      const m = ASSIGNED.exec(r.message);
      if (m) nodes.add(m[1]!);
    }
    if (r.instance && (r.component.endsWith('scheduler') || isControllerManagerComponent(r.component))) {
      const host = hostOfInstance(r.instance, r.component);
      nodes.add(host);
      planes.add(host);
    }
  }
  for (const n of nodes) if (CONTROL_PLANE_NAME.test(n)) planes.add(n);
  const onlyNode = nodes.size === 1 ? [...nodes][0]! : null;
  return { onlyNode, controlPlane: onlyNode ?? (planes.size === 1 ? [...planes][0]! : null) };
}
