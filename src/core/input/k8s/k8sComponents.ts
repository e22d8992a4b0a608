/**
 * The names Kubernetes' own components report events under, and the host an
 * instance names. Shared by k8sProcessOf.ts (which process and clock a record
 * belongs to) and clusterHosts.ts (which node the control plane runs on), so
 * neither imports the other.
 */
export const CONTROLLER_MANAGER = 'kube-controller-manager';
export const API_SERVER = 'kube-apiserver';

// Event recorder names of kube-controller-manager's controllers (an explicit
// list: many third-party operators also end in "-controller").
const KCM_COMPONENTS = new Set([
  'deployment-controller',
  'replicaset-controller',
  'replication-controller',
  'statefulset-controller',
  'daemonset-controller',
  'job-controller',
  'cronjob-controller',
  'node-controller',
  'node-lifecycle-controller',
  'taint-controller',
  'taint-eviction-controller',
  'NoExecuteTaintManager',
  'endpoint-controller',
  'endpoint-slice-controller',
  'endpointslice-controller',
  'persistentvolume-controller',
  'persistentvolume-expander-controller',
  'attachdetach-controller',
  'horizontal-pod-autoscaler',
  'disruption-controller',
  'namespace-controller',
  'resourcequota-controller',
  'garbage-collector-controller',
  'ttl-after-finished-controller',
  'pvc-protection-controller',
  'node-ipam-controller',
  'cidrAllocator',
  'ipam',
  'serviceaccount-controller',
]);

export function isControllerManagerComponent(component: string): boolean {
  return KCM_COMPONENTS.has(component);
}

/** The host named by an instance: `default-scheduler-host` → `host`. */
export function hostOfInstance(instance: string, component: string): string {
  for (const prefix of [`${component}-`, `${CONTROLLER_MANAGER}-`]) {
    if (instance.startsWith(prefix) && instance.length > prefix.length) return instance.slice(prefix.length);
  }
  return instance;
}
