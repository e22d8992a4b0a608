/**
 * Findings: the anomalies of one execution told as what happened, one per
 * thing a person would name. Anomalies stay the evidence; a finding groups
 * those that say the same thing:
 * - clock skew: one per pair of clock domains (every backwards message
 *   between them is the same fact, a clock offset), with the offset interval
 *   where the solver bounds it;
 * - lost messages: one per process, kind and peer;
 * - concurrent writes: one per key;
 * - same-clock inversions and recorded-after-effect notes: one per pair of
 *   processes;
 * - retries, clock steps and missing-log notes: one each;
 * - a Kubernetes node failure: one, laid out as a timeline (nodeFailures.ts),
 *   read from the events as no anomaly tells it.
 * Anomalies whose outcomes differ (a retry that ran twice, one that ran once)
 * are never grouped, so a finding's texts cannot contradict each other
 * (findingContradiction.ts checks it).
 * Findings are sorted most severe first (a node failure first among its
 * severity: the incident the others happen in), then by how many anomalies
 * they hold, then by their first event, so the order is deterministic.
 */
import type { Anomaly, AnomalySeverity } from '../anomalies/anomaly';
import { possessive } from '../anomalies/anomalyText';
import { rangeMs, roundMs, signedMs } from './roundMs';
import type { ExecutionResult } from '../analysis/analyze';
import type { Execution } from '../model/execution';
import type { DomainOffset } from '../offsets/domainOffset';
import type { Finding, FindingKind } from './finding';
import { findNodeFailures, type TimelineStep } from './nodeFailures';

const RANK: Record<AnomalySeverity, number> = { critical: 0, warning: 1, info: 2 };

export function groupFindings(r: ExecutionResult): Finding[] {
  const x = r.execution;
  // Groups in order of their first anomaly; an anomaly that is a finding alone (a retry, a
  // missing-log note) is a group of its own without a key made or looked up.
  const groups: number[][] = [];
  const byKey = new Map<string, number>();
  r.anomalies.forEach((a, i) => {
    const key = groupKey(x, a);
    if (key === null) {
      groups.push([i]);
      return;
    }
    const g = byKey.get(key);
    if (g === undefined) {
      byKey.set(key, groups.length);
      groups.push([i]);
    } else groups[g]!.push(i);
  });
  const out: Unnumbered[] = [];
  for (const members of groups) {
    const list = members.map((i) => r.anomalies[i]!);
    let severity: AnomalySeverity = 'info';
    for (const a of list) if (RANK[a.severity] < RANK[severity]) severity = a.severity;
    out.push({ kind: list[0]!.kind, severity, say: () => summaryOf(r, list), anomalies: members, events: eventsOf(list) });
  }
  for (const f of findNodeFailures(r)) out.push({ kind: 'node-failure', severity: 'warning', say: f.summary, anomalies: [], events: f.events, timeline: f.timeline });
  const lead = (f: Unnumbered) => (f.kind === 'node-failure' ? 0 : 1);
  out.sort((a, b) => RANK[a.severity] - RANK[b.severity] || lead(a) - lead(b) || b.anomalies.length - a.anomalies.length || (a.events[0] ?? 0) - (b.events[0] ?? 0) || cmp(a.kind, b.kind));
  return out.map((f, i) => {
    const id = `finding-${i + 1}`;
    if (typeof f.say === 'string') return { id, kind: f.kind, severity: f.severity, summary: f.say, anomalies: f.anomalies, events: f.events, timeline: f.timeline };
    return new LazyFinding(id, f.kind, f.severity, f.anomalies, f.events, f.say);
  });
}

/** A finding before it is numbered; `say` its summary, or what writes it when read. */
interface Unnumbered {
  kind: FindingKind;
  severity: AnomalySeverity;
  say: string | (() => string);
  anomalies: number[];
  events: number[];
  timeline?: TimelineStep[];
}

/**
 * A finding of anomalies, its summary written when read: the words report shows about a
 * hundred of tens of thousands, and a summary of one anomaly is that anomaly's (lazyAnomaly.ts).
 */
class LazyFinding implements Finding {
  readonly #say: () => string;

  constructor(
    public id: string,
    public kind: FindingKind,
    public severity: AnomalySeverity,
    public anomalies: number[],
    public events: number[],
    say: () => string,
  ) {
    this.#say = say;
  }

  get summary(): string {
    return this.#say();
  }
}

/** Every event the anomalies name, each once, ascending. */
function eventsOf(list: readonly Anomaly[]): number[] {
  if (list.length === 1 && list[0]!.events.length <= 1) return list[0]!.events.slice();
  let m = 0;
  for (const a of list) m += a.events.length;
  const all = new Float64Array(m);
  m = 0;
  for (const a of list) for (const e of a.events) all[m++] = e;
  all.sort();
  const out: number[] = [];
  for (let i = 0; i < m; i++) if (i === 0 || all[i] !== all[i - 1]) out.push(all[i]!);
  return out;
}

/** What groups an anomaly with others like it; null for one that is a finding alone. */
function groupKey(x: Execution, a: Anomaly): string | null {
  const d = a.detail;
  // What became of it (ran twice, ran once, unknown) is part of what a finding says.
  if (d['outcome'] !== undefined) return null;
  switch (a.kind) {
    case 'clock-skew':
      return `${a.kind}\0${pair(String(d['senderDomain']), String(d['receiverDomain']))}`;
    case 'unmatched-send':
    case 'unmatched-receive':
      // A missing-log note (no process) is one finding by itself.
      return d['process'] === undefined ? null : `${a.kind}\0${String(d['process'])}\0${String(d['peer'] ?? '')}`;
    case 'concurrent-writes':
      return `${a.kind}\0${String(d['key'])}`;
    case 'same-clock-inversion':
    case 'recorded-after-effect':
      return `${a.kind}\0${pair(...processesOf(x, a))}`;
    default:
      return null;
  }
}

function processesOf(x: Execution, a: Anomaly): [string, string] {
  const first = a.events[0];
  const last = a.events[a.events.length - 1];
  const name = (e: number | undefined) => (e === undefined ? '' : x.processNames[x.eventProc[e]!]!);
  return [name(first), name(last)];
}

function pair(a: string, b: string): string {
  return a < b ? `${a}\0${b}` : `${b}\0${a}`;
}

function summaryOf(r: ExecutionResult, list: Anomaly[]): string {
  const first = list[0]!;
  if (first.kind === 'clock-skew') return skewSummary(r, list);
  if (list.length === 1) return first.summary;
  const n = list.length;
  const d = first.detail;
  switch (first.kind) {
    case 'unmatched-send':
      return `${n} messages ${String(d['process'])} sent${d['peer'] ? ` to ${String(d['peer'])}` : ''} were never received, though the receiver's log covers the time they were sent (first: ${String(d['key'])})`;
    case 'unmatched-receive':
      return `${String(d['process'])} received ${n} messages${d['peer'] ? ` from ${String(d['peer'])}` : ''} whose sends are not in the logs (first: ${String(d['key'])})`;
    case 'concurrent-writes':
      return `${n} pairs of concurrent writes to ${String(d['key'])}: no message orders them, so which one won is up to timing`;
    default:
      return `${first.summary} (and ${n - 1} more like it)`;
  }
}

/**
 * One sentence for every backwards message between two domains: who is
 * behind whom by at least how much, how many messages show it, and the
 * offset the solver settles on where one domain is the other's reference.
 */
function skewSummary(r: ExecutionResult, list: Anomaly[]): string {
  let most = list[0]!;
  for (const a of list) if (num(a.detail['atLeastMs']) > num(most.detail['atLeastMs'])) most = a;
  const behind = String(most.detail['receiverDomain']);
  const ahead = String(most.detail['senderDomain']);
  const n = list.length;
  const backwards = n === 1 ? 'one message is stamped received before it was sent' : `${n} messages are stamped received before they were sent`;
  let text = `${possessive(behind)} clock is at least ${roundMs(num(most.detail['atLeastMs']), 'down')} behind ${possessive(ahead)}: ${backwards}`;
  const offset = pairOffset(r, behind, ahead, most.events);
  if (offset) text += `; ${offset}`;
  return text;
}

/**
 * "offset estimate: node-b −1.2 s from cp-1 (−1.3 s … −1.1 s)" when one is the other's reference.
 * Where a clock stepped, the offset of the epoch the skewed message's end on it lies in: the last
 * epoch's would contradict a skew from before the step.
 */
function pairOffset(r: ExecutionResult, behind: string, ahead: string, events: readonly number[]): string | null {
  const x = r.execution;
  const of = (name: string): DomainOffset | undefined => {
    const d = x.domainNames.indexOf(name);
    const ep = r.offsets.epochs;
    const e = ep ? events.find((v) => x.processDomain[x.eventProc[v]!] === d) : undefined;
    return ep && e !== undefined ? ep.offsets[ep.epochs.eventSlot[e]!] : r.offsets.offsets[d];
  };
  const b = of(behind);
  const a = of(ahead);
  let o: DomainOffset | undefined;
  let sign = 1;
  if (b && b.reference === ahead) o = b;
  else if (a && a.reference === behind) {
    o = a;
    sign = -1;
  }
  if (!o || o.estimate === null) return null;
  const lo = sign === 1 ? o.low : o.high === null ? null : -o.high;
  const hi = sign === 1 ? o.high : o.low === null ? null : -o.low;
  const est = sign * o.estimate;
  const range = lo !== null && hi !== null ? ` (${rangeMs(lo, hi)})` : lo !== null ? ` (at least ${signedMs(lo, 'down')})` : hi !== null ? ` (at most ${signedMs(hi, 'up')})` : '';
  return `estimated offset of ${behind} from ${ahead}: ${signedMs(est)}${range}`;
}

function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
