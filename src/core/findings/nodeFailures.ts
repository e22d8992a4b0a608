/**
 * Kubernetes node failures as findings, laid out as a timeline. No anomaly
 * tells a node failure: it is read from the execution's Kubernetes events and
 * the edges the k8s linker made between them (input/k8s/linkK8sRecords.ts):
 *
 * - not-ready: a Node's NodeNotReady event (objectKind Node, reason field);
 * - last-heartbeat: the last lease renewal / node status update / heartbeat
 *   line of that node's kubelet lane (`kubelet@NODE`, `kubelet-NODE`, or a
 *   lane on the node's clock domain), in that lane's program order;
 * - pods-not-ready, taint, eviction: what the NodeNotReady's
 *   `k8s-node-not-ready` edges reach (pod NotReady; TaintManagerEviction is
 *   both the NoExecute taint acting and the eviction);
 * - replacement: what the evictions' `k8s-evict-replace` edges reach
 *   (SuccessfulCreate), then `k8s-create-schedule` (scheduled) and
 *   `k8s-schedule-kubelet` (on-new-node: the new node's kubelet takes it up).
 *
 * Steps with no event are left out rather than guessed. Times are each told on
 * the clock that stamped them: the steps come from different hosts, and only
 * the edges order them.
 */
import type { ExecutionResult } from '../analysis/analyze';
import { fieldColumn } from '../anomalies/fieldColumn';
import { formatIso } from '../model/eventTime';
import { hasTime, textOf, type Execution } from '../model/execution';

export type NodeFailureStep = 'last-heartbeat' | 'not-ready' | 'pods-not-ready' | 'taint' | 'eviction' | 'replacement' | 'scheduled' | 'on-new-node';

export const NODE_FAILURE_STEPS: readonly NodeFailureStep[] = ['last-heartbeat', 'not-ready', 'pods-not-ready', 'taint', 'eviction', 'replacement', 'scheduled', 'on-new-node'];

export interface TimelineStep {
  step: NodeFailureStep;
  /** Event indices, in event order. */
  events: number[];
}

export interface NodeFailure {
  node: string;
  summary: string;
  /** Steps in NODE_FAILURE_STEPS order, only those with events. */
  timeline: TimelineStep[];
  events: number[];
}

const HEARTBEAT = /\b(?:node lease|lease renew|renewed lease|heartbeat|node ?status|NodeStatus)\b/i;
const EVICTION = new Set(['TaintManagerEviction', 'Evicted', 'Preempted', 'Killing']);

export function findNodeFailures(r: ExecutionResult): NodeFailure[] {
  const x = r.execution;
  // Most logs never say NodeNotReady: they cost two string lookups, not a pass over the fields.
  const notReadyId = x.strings.find('NodeNotReady');
  const nodeId = x.strings.find('Node');
  if (notReadyId < 0 || nodeId < 0) return [];
  const reason = fieldColumn(x, ['reason']);
  const kind = fieldColumn(x, ['objectKind']);
  const name = fieldColumn(x, ['objectName']);
  const rule = (k: number) => x.strings.get(x.edgeRule[k]!);
  const out = new Map<number, number[]>();
  for (let k = 0; k < x.edgeCount; k++) {
    if (r.clocks.edgeIgnored[k]) continue;
    const f = x.edgeFrom[k]!;
    const list = out.get(f);
    if (list) list.push(k);
    else out.set(f, [k]);
  }
  const reached = (from: number[], rules: string[]) => {
    const got = new Set<number>();
    for (const e of from) for (const k of out.get(e) ?? []) if (rules.includes(rule(k))) got.add(x.edgeTo[k]!);
    return [...got].sort((a, b) => a - b);
  };
  const reasonOf = (e: number) => (reason[e]! >= 0 ? x.strings.get(reason[e]!) : '');

  // One finding per node: its first NodeNotReady (a flapping node's later ones join it).
  const byNode = new Map<string, number[]>();
  for (let e = 0; e < x.eventCount; e++) {
    if (reason[e] !== notReadyId || kind[e] !== nodeId || name[e]! < 0) continue;
    const node = x.strings.get(name[e]!);
    const list = byNode.get(node);
    if (list) list.push(e);
    else byNode.set(node, [e]);
  }
  const failures: NodeFailure[] = [];
  for (const [node, notReady] of byNode) {
    const fromNode = reached(notReady, ['k8s-node-not-ready']);
    const podsNotReady = fromNode.filter((e) => reasonOf(e) === 'NodeNotReady');
    const evictions = fromNode.filter((e) => EVICTION.has(reasonOf(e)));
    const taint = fromNode.filter((e) => reasonOf(e) === 'TaintManagerEviction' || (/taint/i.test(textOf(x, e)) && !EVICTION.has(reasonOf(e))));
    const replacements = reached(evictions, ['k8s-evict-replace']);
    const scheduled = reached(replacements, ['k8s-create-schedule']);
    const onNewNode = reached(scheduled, ['k8s-schedule-kubelet']);
    const heartbeat = lastHeartbeat(x, node);
    const steps: Record<NodeFailureStep, number[]> = {
      'last-heartbeat': heartbeat >= 0 ? [heartbeat] : [],
      'not-ready': notReady,
      'pods-not-ready': podsNotReady,
      taint,
      eviction: evictions,
      replacement: replacements,
      scheduled,
      'on-new-node': onNewNode,
    };
    const timeline = NODE_FAILURE_STEPS.filter((s) => steps[s].length > 0).map((s) => ({ step: s, events: steps[s] }));
    const events = [...new Set(timeline.flatMap((s) => s.events))].sort((a, b) => a - b);
    failures.push({ node, timeline, events, summary: summaryOf(x, node, steps, (e) => (name[e]! >= 0 ? x.strings.get(name[e]!) : '')) });
  }
  return failures.sort((a, b) => a.events[0]! - b.events[0]!);
}

/** The last heartbeat-like line on the node's kubelet lane, -1 when there is none. */
function lastHeartbeat(x: Execution, node: string): number {
  const lanes: number[] = [];
  x.processNames.forEach((p, i) => {
    if (p === `kubelet@${node}` || p === `kubelet-${node}` || p === `${node}-kubelet` || (p.startsWith('kubelet') && x.domainNames[x.processDomain[i]!] === node)) lanes.push(i);
  });
  let best = -1;
  for (const p of lanes) {
    for (let e = x.procStart[p + 1]! - 1; e >= x.procStart[p]!; e--) {
      if (HEARTBEAT.test(textOf(x, e))) {
        // Lanes of one node share its clock; the later stamp is the later heartbeat.
        if (best < 0 || (hasTime(x, e) && hasTime(x, best) && x.timeMs[e]! > x.timeMs[best]!)) best = e;
        break;
      }
    }
  }
  return best;
}

function at(x: Execution, e: number): string {
  if (!hasTime(x, e)) return '';
  const iso = formatIso(x.timeMs[e]!, 0, 3);
  return ` at ${iso.slice(11, 23)} (${x.domainNames[x.processDomain[x.eventProc[e]!]!]}'s clock)`;
}

function summaryOf(x: Execution, node: string, s: Record<NodeFailureStep, number[]>, podOf: (e: number) => string): string {
  const parts: string[] = [];
  const hb = s['last-heartbeat'][0];
  parts.push(`node ${node} went NotReady${at(x, s['not-ready'][0]!)}`);
  if (hb !== undefined) parts.push(`its last heartbeat is${at(x, hb)}`);
  const pods = new Set([...s['pods-not-ready'], ...s.eviction].map(podOf));
  if (s.eviction.length > 0) parts.push(`${count(s.eviction.length, 'pod was', 'pods were')} evicted${at(x, s.eviction[0]!)}`);
  else if (pods.size > 0) parts.push(`${count(pods.size, 'pod was', 'pods were')} marked NotReady with it and not evicted in the logs`);
  if (s.replacement.length > 0) {
    const nodes = [...new Set(s['on-new-node'].map((e) => x.processNames[x.eventProc[e]!]!.replace(/^kubelet@/, '')))];
    parts.push(`${count(s.replacement.length, 'replacement was', 'replacements were')} created${nodes.length > 0 ? ` and taken up by the kubelet${nodes.length > 1 ? 's' : ''} of ${nodes.join(' and ')}` : ''}`);
  } else if (s.eviction.length > 0) parts.push('no replacement is in the logs');
  return parts.join('; ');
}

function count(n: number, one: string, many: string): string {
  return n === 1 ? `1 ${one}` : `${n} ${many}`;
}
