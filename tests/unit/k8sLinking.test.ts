/**
 * Causal edges between Kubernetes components on project-written dumps: a node
 * failure with taint-manager evictions and replacement pods, a node whose
 * clock is 30 s behind the control plane, audit requests linked to the events
 * they produced, and the clock-domain mapping with its override.
 */
import { describe, expect, it } from 'vitest';
import { fieldsOf, textOf, textsOf } from '../../src/core/model/execution';
import { domainOf, edgesOf, eventsWhere, fixture, hasEdge, one, run, textInput } from './k8sTestKit';

describe('Kubernetes node failure with eviction and replacement pods', () => {
  it('links the node\'s NodeNotReady to its pods\' NotReady warnings and evictions, joined by namespace and name', async () => {
    const { a, x, r } = await run([fixture('node-failure.json')]);
    expect(a.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
    const nodeDown = one(x, 'node-controller', 'NodeNotReady', 'node-b');
    for (const pod of ['web-7c9f8d6b5-aaaaa', 'web-7c9f8d6b5-bbbbb']) {
      const notReady = one(x, 'node-controller', 'NodeNotReady', pod);
      const eviction = one(x, 'taint-eviction-controller', 'TaintManagerEviction', pod);
      expect(fieldsOf(x, eviction).objectUid).toBeUndefined(); // the eviction names the pod without its uid
      expect(hasEdge(x, nodeDown, notReady, 'k8s-node-not-ready')).toBe(true);
      expect(hasEdge(x, nodeDown, eviction, 'k8s-node-not-ready')).toBe(true);
      expect(r.clocks.vc.happenedBefore(nodeDown, eviction)).toBe(true);
    }
  });

  it('links each eviction to its ReplicaSet\'s next SuccessfulCreate, never to the victim\'s own creation', async () => {
    const { x, r } = await run([fixture('node-failure.json')]);
    const replaced = edgesOf(x).filter((e) => e.rule === 'k8s-evict-replace');
    expect(replaced.map((e) => [fieldsOf(x, e.from).objectName, textOf(x, e.to)])).toEqual([
      ['web-7c9f8d6b5-aaaaa', 'SuccessfulCreate: Created pod: web-7c9f8d6b5-ccccc'],
      ['web-7c9f8d6b5-bbbbb', 'SuccessfulCreate: Created pod: web-7c9f8d6b5-ddddd'],
    ]);
    // Node failure → eviction → replacement → scheduled on node-a → node-a's kubelet.
    const nodeDown = one(x, 'node-controller', 'NodeNotReady', 'node-b');
    const pulled = one(x, 'kubelet@node-a', 'Pulled', 'web-7c9f8d6b5-ccccc');
    expect(r.clocks.vc.happenedBefore(nodeDown, pulled)).toBe(true);
    expect(r.clocks.vc.happenedBefore(one(x, 'kubelet@node-b', 'Started', 'web-7c9f8d6b5-aaaaa'), pulled)).toBe(false);
  });
});

describe('Kubernetes node whose clock is behind the control plane', () => {
  it('flags the scheduler → kubelet edge into the slow node as clock skew', async () => {
    const { x, r } = await run([fixture('skewed-node.json')]);
    const skew = r.anomalies.filter((an) => an.kind === 'clock-skew');
    expect(skew).toHaveLength(1);
    // Scheduled is stamped when recorded, up to the 1 s recording tolerance after the binding: 28.5 s of the 29.5 s gap is proof.
    expect(skew[0]!.detail).toMatchObject({ senderDomain: 'cp-1', receiverDomain: 'node-slow', atLeastMs: 28500, stampedGapMs: 29500, recordingToleranceMs: 1000, rule: 'k8s-schedule-kubelet' });
    expect(skew[0]!.events).toEqual([one(x, 'default-scheduler', 'Scheduled', 'api-5d4f7b9c8-x1y2z'), one(x, 'kubelet@node-slow', 'Pulling')]);
  });

  it('bounds the slow node\'s offset on both sides, from its edges into and out of the control plane', async () => {
    const { x, r } = await run([fixture('skewed-node.json')]);
    expect(r.offsets.conflictEdges).toEqual([]);
    const slow = r.offsets.offsets[x.domainNames.indexOf('node-slow')]!;
    // The controllers share the one control-plane node's clock (cp-1, where the scheduler reports from).
    expect(slow.reference).toBe('cp-1');
    // In: scheduled 12:00:00.5 on cp-1, pulled 11:59:31 → at most −29.5 s, loosened by the 1 s a recorded Scheduled may trail.
    // Out: evicted at 11:59:30 + 5 min on the node, replacement created 12:05:01 → at least −31 s, less the Evicted stamp's 1 s.
    expect(slow.high).toBeCloseTo(-28500, 6);
    expect(slow.low).toBeCloseTo(-32000, 6);
    const fast = r.offsets.offsets[x.domainNames.indexOf('node-fast')]!;
    expect(fast.high).toBeLessThan(2000); // 0.4 s from its edge in, plus the recording tolerance
    const replace = edgesOf(x).filter((e) => e.rule === 'k8s-evict-replace');
    expect(replace.map((e) => [e.from, textOf(x, e.to)])).toEqual([[one(x, 'kubelet@node-slow', 'Evicted'), 'SuccessfulCreate: Created pod: api-5d4f7b9c8-q7w3e']]);
  });

  it('puts a process in the clock domain clockDomainOf names, so one host\'s inversions are not skew', async () => {
    const { x, r } = await run([fixture('skewed-node.json')], { clockDomainOf: { 'kubelet@node-slow': 'cp-1' } });
    expect(domainOf(x, 'kubelet@node-slow')).toBe('cp-1');
    expect(domainOf(x, 'kubelet@node-fast')).toBe('node-fast');
    expect(r.anomalies.filter((an) => an.kind === 'clock-skew' && (an.detail as { receiverDomain: string }).receiverDomain === 'node-slow')).toEqual([]);
  });

  it('maps kubelets to their nodes, the scheduler to its reportingInstance host and controllers to the one control-plane node', async () => {
    const { x } = await run([fixture('skewed-node.json')]);
    expect(domainOf(x, 'kubelet@node-slow')).toBe('node-slow');
    expect(domainOf(x, 'default-scheduler')).toBe('cp-1');
    expect(domainOf(x, 'deployment-controller')).toBe('cp-1');
    expect(domainOf(x, 'replicaset-controller')).toBe('cp-1');
  });
});

describe('Kubernetes recording stamps and control-plane clocks (kind, two nodes)', () => {
  it('still reports a worker whose clock is 2 s behind, by what exceeds the recording tolerance', async () => {
    const { x, r } = await run([fixture('kind-two-nodes-slow-worker.json')]);
    expect(domainOf(x, 'replicaset-controller')).toBe('kind-control-plane');
    expect(domainOf(x, 'kubelet@kind-worker')).toBe('kind-worker');
    const skew = r.anomalies.filter((an) => an.kind === 'clock-skew');
    expect(skew).toHaveLength(1);
    expect(skew[0]!.detail).toMatchObject({ senderDomain: 'kind-control-plane', receiverDomain: 'kind-worker', atLeastMs: 800, stampedGapMs: 1800, recordingToleranceMs: 1000 });
    expect(skew[0]!.events).toEqual([one(x, 'default-scheduler', 'Scheduled', 'web-5f6c8d-wk001'), one(x, 'kubelet@kind-worker', 'Pulling')]);
  });

  it('links the control-plane kubelet to a Scheduled recorded 4 ms after it, with an info note and no skew', async () => {
    const { x, r } = await run([fixture('kind-two-nodes-slow-worker.json')]);
    const sched = one(x, 'default-scheduler', 'Scheduled', 'web-5f6c8d-cp001');
    const pulling = one(x, 'kubelet@kind-control-plane', 'Pulling');
    expect(hasEdge(x, sched, pulling, 'k8s-schedule-kubelet')).toBe(true);
    const notes = r.anomalies.filter((an) => an.events.includes(pulling));
    expect(notes.map((n) => [n.kind, n.severity])).toEqual([['recorded-after-effect', 'info']]);
  });

  it('reports the 2 s worker at a tighter bound with a smaller tolerance, and none with one past the gap', async () => {
    const tight = await run([fixture('kind-two-nodes-slow-worker.json')], { recordingToleranceMs: 100 });
    expect(tight.r.anomalies.find((an) => an.kind === 'clock-skew')!.detail.atLeastMs).toBe(1700);
    const loose = await run([fixture('kind-two-nodes-slow-worker.json')], { recordingToleranceMs: 2000 });
    expect(loose.r.anomalies.filter((an) => an.kind === 'clock-skew')).toEqual([]);
  });

  it('puts hostless controllers of a cluster with two control-plane nodes on a domain of their own', async () => {
    const { x } = await run([
      textInput(
        'ha.json',
        JSON.stringify({
          kind: 'EventList',
          items: [
            { kind: 'Event', metadata: { name: 'rs.1' }, involvedObject: { kind: 'ReplicaSet', namespace: 'd', name: 'rs' }, reason: 'SuccessfulCreate', message: 'Created pod: rs-aaaaa', source: { component: 'replicaset-controller' }, eventTime: '2025-01-01T00:00:00.000000Z' },
            { kind: 'Event', metadata: { name: 'n1.1' }, involvedObject: { kind: 'Node', name: 'cp-a-control-plane' }, reason: 'Starting', message: 'Starting kubelet.', source: { component: 'kubelet', host: 'cp-a-control-plane' }, eventTime: '2025-01-01T00:00:00.000000Z' },
            { kind: 'Event', metadata: { name: 'n2.1' }, involvedObject: { kind: 'Node', name: 'cp-b-control-plane' }, reason: 'Starting', message: 'Starting kubelet.', source: { component: 'kubelet', host: 'cp-b-control-plane' }, eventTime: '2025-01-01T00:00:00.000000Z' },
          ],
        }),
      ),
    ]);
    expect(domainOf(x, 'replicaset-controller')).toBe('kube-controller-manager');
  });
});

describe('Kubernetes audit logs', () => {
  it('puts requests on kube-apiserver, one per audit ID, leaving out read-only ones with one note', async () => {
    const { a, x } = await run([fixture('audit.log'), fixture('audit-events.json')]);
    expect(a.inputs.map((i) => [i.name, i.format, i.events])).toEqual([
      ['audit-events.json', 'k8s', 4],
      ['audit.log', 'k8s', 3],
    ]);
    // The API server runs on the one control-plane node the records show (the scheduler's host).
    expect(domainOf(x, 'kube-apiserver')).toBe('cp-1');
    const api = x.processNames.indexOf('kube-apiserver');
    const texts = textsOf(x).slice(x.procStart[api]!, x.procStart[api + 1]!);
    expect(texts).toEqual([
      'create pods default/cart-6b8d9f7c4-tq2zx → 201 by system:serviceaccount:kube-system:replicaset-controller',
      'create pods/binding default/cart-6b8d9f7c4-tq2zx → 201 by system:kube-scheduler',
      'delete pods default/cart-6b8d9f7c4-tq2zx → 200 by kubernetes-admin',
    ]);
    expect(fieldsOf(x, x.procStart[api]!)).toMatchObject({ auditID: 'a1', stage: 'ResponseComplete', verb: 'create', resource: 'pods' });
    expect(a.diagnostics).toContainEqual({ input: 'audit.log', line: 0, severity: 'info', message: '1 read-only audit requests (get, list, watch) were left out' });
  });

  it('links create pods → SuccessfulCreate, pods/binding → Scheduled and the kubelet, delete → Killing', async () => {
    const { x, r } = await run([fixture('audit.log'), fixture('audit-events.json')]);
    const api = x.processNames.indexOf('kube-apiserver');
    const [create, binding, del] = [0, 1, 2].map((k) => x.procStart[api]! + k) as [number, number, number];
    const pod = 'cart-6b8d9f7c4-tq2zx';
    expect(hasEdge(x, create, one(x, 'replicaset-controller', 'SuccessfulCreate'), 'k8s-audit-create')).toBe(true);
    expect(hasEdge(x, binding, one(x, 'default-scheduler', 'Scheduled', pod), 'k8s-audit-binding')).toBe(true);
    expect(hasEdge(x, binding, one(x, 'kubelet@node-a', 'Pulled', pod), 'k8s-binding-kubelet')).toBe(true);
    expect(hasEdge(x, del, one(x, 'kubelet@node-a', 'Killing', pod), 'k8s-audit-delete-kill')).toBe(true);
    expect(r.clocks.vc.happenedBefore(create, one(x, 'kubelet@node-a', 'Killing', pod))).toBe(true);
    // The API server's clock bounds node-a against it: the kubelet killed the pod at 08:05:00, 20 ms before
    // the delete's ResponseComplete stamp, which is taken when the response is done and may trail the deletion
    // the kubelet saw by the 1 s recording tolerance: node-a is at most 980 ms ahead.
    const nodeA = r.offsets.offsets[x.domainNames.indexOf('node-a')]!;
    expect(nodeA.reference).toBe('cp-1');
    expect(nodeA.high).toBeCloseTo(980, 6);
  });
});
