/**
 * The causal edges between Kubernetes records, each with its rule and key:
 *
 * - k8s-scale-replicaset: Deployment ScalingReplicaSet ("replica set R") →
 *   R's next SuccessfulCreate (scaled up) or SuccessfulDelete (scaled down;
 *   up to 1 s earlier on the same clock, as the deployment controller records
 *   it after the fact, like the creates and deletes below: RECORDED_AFTER_MS).
 *   An aggregated cause (count > 1) on the same clock also
 *   takes the later effects inside its first..last span;
 * - k8s-create-schedule: SuccessfulCreate "Created pod: P" → the scheduler's
 *   Scheduled / FailedScheduling on P (→ the first kubelet event on P when no
 *   scheduler event is there: k8s-create-kubelet);
 * - k8s-schedule-kubelet: Scheduled "... to NODE" → the first kubelet@NODE event on P
 *   (up to 1 s earlier on the same clock: the scheduler records it after the binding);
 * - k8s-node-not-ready: a Node's NodeNotReady → the pod-level NodeNotReady and
 *   TaintManagerEviction of the pods on that node (joined by namespace/name);
 * - k8s-evict-replace: eviction or deletion of a pod of ReplicaSet R → R's
 *   next SuccessfulCreate after the victim's own creation (later on the
 *   ReplicaSet controller's own clock, so creates of the victim's own burst
 *   are not taken for its replacement);
 * - k8s-delete-kill / k8s-evict-kill: SuccessfulDelete or eviction of P → the kubelet's Killing on P;
 * - k8s-audit-create, k8s-audit-binding, k8s-binding-kubelet,
 *   k8s-audit-delete-kill: audit requests → the events they produced.
 *
 * Objects are joined by uid where both sides carry one, else by kind,
 * namespace and name; a pod's ReplicaSet comes from the SuccessfulCreate that
 * made it, its ownerReferences, or its name (ReplicaSet name + "-xxxxx").
 * A pod's node comes from Scheduled, a pods/binding request, spec.nodeName or
 * its kubelet's events. Which of several candidates is "next" is
 * pickLinkTarget's rule: same-clock times, else program order.
 */
import { diffMs } from '../../model/eventTime';
import { nsName, type K8sRecord, type ObjectRef } from './k8sRecord';
import { inProgramOrder, notBeforeByClock, pickLinkTarget, type LinkPlace } from './pickLinkTarget';

export interface K8sEdge {
  from: number;
  to: number;
  rule: string;
  key: string;
}

/**
 * Controllers record an event after the API call it reports has returned, so
 * on one clock its effect (the deletions of a scale-down, the scheduler's
 * binding of a created pod, the kubelet killing a deleted pod) may be stamped
 * a little before it. Within this much, such an earlier stamp still counts.
 */
const RECORDED_AFTER_MS = 1000;

const objKey = (kind: string, namespace: string, name: string) => `${kind.toLowerCase()}|${nsName(namespace, name)}`;
const CREATED = /^Created pod: (\S+)$|^create Pod (\S+) in \w+ \S+ successful$/;
const DELETED = /^Deleted pod: (\S+)$|^delete Pod (\S+) in \w+ \S+ successful$/;
const ASSIGNED = /^Successfully assigned (?:(\S+?)\/)?(\S+) to (\S+)$/;
const SCALED = /^Scaled (up|down) replica set (\S+)/;
const EVICTIONS = new Set(['TaintManagerEviction', 'Evicted', 'Preempted']);

function sameUid(a: ObjectRef, b: ObjectRef): boolean {
  return !a.uid || !b.uid || a.uid === b.uid;
}

function ok(r: K8sRecord): boolean {
  return !r.audit || r.audit.code === 0 || (r.audit.code >= 200 && r.audit.code < 300);
}

export function linkK8sRecords(p: LinkPlace): K8sEdge[] {
  const recs = p.recs;
  const edges: K8sEdge[] = [];
  const add = (from: number, to: number, rule: string, key: string) => {
    if (from >= 0 && to >= 0 && from !== to) edges.push({ from, to, rule, key });
  };

  const byObj = new Map<string, number[]>();
  const podNode = new Map<string, string>();
  const kubeletNode = new Map<string, string>();
  const createdBy = new Map<string, number[]>();
  const podOwnerByObject = new Map<string, string>();
  for (let i = 0; i < recs.length; i++) {
    const r = recs[i]!;
    const g = r.regarding;
    const k = objKey(g.kind, g.namespace, g.name);
    let list = byObj.get(k);
    if (!list) byObj.set(k, (list = []));
    list.push(i);
    if (r.reason === 'SuccessfulCreate') {
      const m = CREATED.exec(r.message);
      const pod = m?.[1] ?? m?.[2];
      if (pod) {
        const pk = nsName(g.namespace, pod);
        createdBy.set(pk, [...(createdBy.get(pk) ?? []), i]);
      }
    }
    if (g.kind !== 'Pod') continue;
    const pk = nsName(g.namespace, g.name);
    const assigned = r.reason === 'Scheduled' ? ASSIGNED.exec(r.message) : null;
    if (assigned) podNode.set(pk, assigned[3]!);
    if (r.audit?.bindingNode) podNode.set(pk, r.audit.bindingNode);
    for (const [f, v] of r.extra) {
      if (f === 'node' && !podNode.has(pk)) podNode.set(pk, v);
      if (f === 'owner' && v.startsWith('ReplicaSet/')) podOwnerByObject.set(pk, v.slice(11));
    }
    if (r.component === 'kubelet' && r.instance && !kubeletNode.has(pk)) kubeletNode.set(pk, r.instance);
  }
  for (const list of byObj.values()) inProgramOrder(p, list);
  for (const list of createdBy.values()) inProgramOrder(p, list);
  const nodeOf = (pk: string) => podNode.get(pk) ?? kubeletNode.get(pk);
  const onObj = (kind: string, ns: string, name: string, keep: (i: number) => boolean) =>
    (byObj.get(objKey(kind, ns, name)) ?? []).filter(keep);
  const causesInOrder = (keep: (r: K8sRecord) => boolean) => inProgramOrder(p, [...recs.keys()].filter((i) => keep(recs[i]!)));

  /** The kubelet events on pod `pod` of node `node` (any kubelet when none is known by node). */
  const kubeletEventsOn = (pod: ObjectRef, node: string | undefined) => {
    const all = onObj('Pod', pod.namespace, pod.name, (i) => recs[i]!.component === 'kubelet' && sameUid(recs[i]!.regarding, pod));
    const onNode = node ? all.filter((i) => p.proc[i] === `kubelet@${node}`) : [];
    return onNode.length > 0 ? onNode : all.filter((i) => !recs[i]!.instance || !node);
  };

  // Deployment → ReplicaSet.
  const scaleTaken = new Set<number>();
  const scalers = causesInOrder((r) => r.reason === 'ScalingReplicaSet' && SCALED.test(r.message));
  for (const aggregated of [false, true]) {
    for (const c of scalers) {
      const r = recs[c]!;
      if (r.count > 1 !== aggregated) continue;
      const [, dir, rsName] = SCALED.exec(r.message)!;
      const reasons = dir === 'up' ? ['SuccessfulCreate', 'FailedCreate'] : ['SuccessfulDelete', 'FailedDelete'];
      const lead = dir === 'down' ? RECORDED_AFTER_MS : 0;
      const cands = onObj('ReplicaSet', r.regarding.namespace, rsName!, (i) => reasons.includes(recs[i]!.reason));
      const t = pickLinkTarget(p, c, cands, { taken: scaleTaken, leadMs: lead });
      if (t < 0) continue;
      scaleTaken.add(t);
      const key = nsName(r.regarding.namespace, rsName!);
      add(c, t, 'k8s-scale-replicaset', key);
      if (!aggregated || !r.last || !r.time) continue;
      for (const more of cands) {
        const tm = recs[more]!.time;
        if (scaleTaken.has(more) || p.domain[more] !== p.domain[c] || !tm || !notBeforeByClock(p, c, more, lead)) continue;
        if (diffMs(tm.ms, tm.ns, r.last.ms, r.last.ns) > 1000) continue;
        scaleTaken.add(more);
        add(c, more, 'k8s-scale-replicaset', key);
      }
    }
  }

  // Controller creates pod → scheduler (→ kubelet when the scheduler's events are missing).
  const schedTaken = new Set<number>();
  for (const [pk, creates] of createdBy) {
    const slash = pk.indexOf('/');
    const pod = { kind: 'Pod', namespace: pk.slice(0, slash), name: pk.slice(slash + 1), uid: '', fieldPath: '' };
    const sched = onObj('Pod', pod.namespace, pod.name, (i) => /^(Scheduled|FailedScheduling)$/.test(recs[i]!.reason) && recs[i]!.source !== 'audit');
    for (const c of creates) {
      const t = pickLinkTarget(p, c, sched, { taken: schedTaken, leadMs: RECORDED_AFTER_MS });
      if (t >= 0) {
        schedTaken.add(t);
        add(c, t, 'k8s-create-schedule', pk);
      } else if (sched.length === 0) {
        add(c, pickLinkTarget(p, c, kubeletEventsOn(pod, nodeOf(pk)), { taken: new Set() }), 'k8s-create-kubelet', pk);
      }
    }
  }

  // Scheduler binds pod to NODE → that node's kubelet.
  const kubeletTaken = new Set<number>();
  for (const c of causesInOrder((r) => r.reason === 'Scheduled' && r.regarding.kind === 'Pod' && r.source !== 'audit')) {
    const r = recs[c]!;
    const m = ASSIGNED.exec(r.message);
    const node = m?.[3];
    if (!node) continue;
    // Scheduled is recorded after the binding: on one node's clock its kubelet may be stamped first.
    const t = pickLinkTarget(p, c, kubeletEventsOn(r.regarding, node), { taken: kubeletTaken, leadMs: RECORDED_AFTER_MS });
    if (t >= 0) kubeletTaken.add(t);
    add(c, t, 'k8s-schedule-kubelet', `${nsName(r.regarding.namespace, r.regarding.name)} → ${node}`);
  }

  // Node not ready → its pods' NodeNotReady and TaintManagerEviction.
  const nodeCauses = new Map<string, number[]>();
  for (const c of causesInOrder((r) => r.reason === 'NodeNotReady' && r.regarding.kind === 'Node')) {
    const n = recs[c]!.regarding.name;
    nodeCauses.set(n, [...(nodeCauses.get(n) ?? []), c]);
  }
  const onlyNode = nodeCauses.size === 1 ? [...nodeCauses.keys()][0] : undefined;
  for (let e = 0; e < recs.length && nodeCauses.size > 0; e++) {
    const r = recs[e]!;
    if (r.regarding.kind !== 'Pod' || (r.reason !== 'NodeNotReady' && r.reason !== 'TaintManagerEviction')) continue;
    const node = nodeOf(nsName(r.regarding.namespace, r.regarding.name)) ?? onlyNode;
    const cands = node ? nodeCauses.get(node) : undefined;
    if (!cands) continue;
    let best = -1;
    for (const c of cands) {
      const tc = recs[c]!.time;
      if (p.domain[c] !== p.domain[e] || !tc || !r.time) continue;
      if (diffMs(r.time.ms, r.time.ns, tc.ms, tc.ns) < 0) continue;
      const tb = best >= 0 ? recs[best]!.time! : null;
      if (!tb || diffMs(tc.ms, tc.ns, tb.ms, tb.ns) >= 0) best = c;
    }
    if (best < 0) best = cands.find((c) => p.domain[c] !== p.domain[e] || !recs[c]!.time || !r.time) ?? -1;
    add(best, e, 'k8s-node-not-ready', `${node} → ${nsName(r.regarding.namespace, r.regarding.name)}`);
  }

  // Eviction / deletion → the ReplicaSet's replacement pod; deletion → the kubelet's Killing.
  const replaceTaken = new Set<number>();
  const replacedVictims = new Set<string>();
  const killTaken = new Map<string, Set<number>>();
  const kill = (c: number, pod: ObjectRef, rule: string, leadMs = 0) => {
    const taken = killTaken.get(rule) ?? new Set<number>();
    killTaken.set(rule, taken);
    const cands = onObj('Pod', pod.namespace, pod.name, (i) => recs[i]!.reason === 'Killing' && recs[i]!.component === 'kubelet' && sameUid(recs[i]!.regarding, pod));
    const t = pickLinkTarget(p, c, cands, { taken, leadMs });
    if (t >= 0) taken.add(t);
    add(c, t, rule, nsName(pod.namespace, pod.name));
  };
  const isPodDeletion = (r: K8sRecord) =>
    !!r.audit && ok(r) && r.audit.resource === 'pods' && ((r.audit.verb === 'delete' && !r.audit.subresource) || r.audit.subresource === 'eviction');
  for (const c of causesInOrder((r) => r.regarding.kind === 'Pod' && (EVICTIONS.has(r.reason) || isPodDeletion(r)))) {
    const r = recs[c]!;
    const pod = r.regarding;
    const pk = nsName(pod.namespace, pod.name);
    kill(c, pod, r.audit ? 'k8s-audit-delete-kill' : 'k8s-evict-kill', RECORDED_AFTER_MS);
    if (replacedVictims.has(pk)) continue;
    const own = createdBy.get(pk)?.[0];
    const rs = (own !== undefined ? recs[own]!.regarding.name : undefined) ?? podOwnerByObject.get(pk) ?? rsByName(pod.name);
    if (!rs) continue;
    const cands = onObj('ReplicaSet', pod.namespace, rs, (i) => recs[i]!.reason === 'SuccessfulCreate' && recs[i]!.message !== `Created pod: ${pod.name}`);
    const after = own === undefined ? undefined : (i: number) => createdLater(own, i);
    const t = pickLinkTarget(p, c, cands, { taken: replaceTaken, ...(after && { after }) });
    if (t < 0) continue;
    replaceTaken.add(t);
    replacedVictims.add(pk);
    add(c, t, 'k8s-evict-replace', `${pk} → ${rs}`);
  }
  /**
   * Whether create i came after create `own` on their controller: later in
   * program order, and where both are timed, in a later tick of that one
   * clock (creates of one burst share a second; a replacement needs the
   * victim to have been scheduled and started first, so it never does).
   */
  function createdLater(own: number, i: number): boolean {
    if (p.proc[i] !== p.proc[own]) return true;
    const a = recs[own]!.time;
    const b = recs[i]!.time;
    if (a && b && diffMs(b.ms, b.ns, a.ms, a.ns) <= 0) return false;
    return p.pos[i]! > p.pos[own]!;
  }
  function rsByName(pod: string): string | undefined {
    const m = /^(.+)-[a-z0-9]{5}$/.exec(pod);
    return m && [...byObj.keys()].some((k) => k.startsWith('replicaset|') && k.endsWith(`/${m[1]}`)) ? m[1] : undefined;
  }
  for (const c of causesInOrder((r) => r.reason === 'SuccessfulDelete')) {
    const r = recs[c]!;
    const m = DELETED.exec(r.message);
    const name = m?.[1] ?? m?.[2];
    if (name) kill(c, { kind: 'Pod', namespace: r.regarding.namespace, name, uid: '', fieldPath: '' }, 'k8s-delete-kill', RECORDED_AFTER_MS);
  }

  // Audit requests → the events that report them.
  const auditTaken = new Set<number>();
  for (const c of causesInOrder((r) => !!r.audit && ok(r) && r.audit.verb === 'create' && r.audit.resource === 'pods')) {
    const r = recs[c]!;
    const pod = r.regarding;
    if (!pod.name) continue;
    const pk = nsName(pod.namespace, pod.name);
    if (!r.audit!.subresource) {
      const t = pickLinkTarget(p, c, createdBy.get(pk) ?? [], { taken: auditTaken });
      if (t >= 0) auditTaken.add(t);
      add(c, t, 'k8s-audit-create', pk);
    } else if (r.audit!.subresource === 'binding') {
      const sched = onObj('Pod', pod.namespace, pod.name, (i) => recs[i]!.reason === 'Scheduled' && recs[i]!.source !== 'audit');
      const t = pickLinkTarget(p, c, sched, { taken: auditTaken });
      if (t >= 0) auditTaken.add(t);
      add(c, t, 'k8s-audit-binding', pk);
      const node = r.audit!.bindingNode || nodeOf(pk);
      add(c, pickLinkTarget(p, c, kubeletEventsOn(pod, node), { taken: new Set() }), 'k8s-binding-kubelet', `${pk} → ${node ?? '?'}`);
    }
  }
  return edges;
}
