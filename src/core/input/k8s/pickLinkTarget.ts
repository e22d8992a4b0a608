/**
 * Which event a cause links to when several could be "the next one".
 *
 * Timestamps of different clock domains are never compared to decide this.
 * When the cause and a candidate share a clock domain (both controllers of
 * one kube-controller-manager, say) and both have times, the candidate must
 * be stamped at or after the cause, less `leadMs` where a component is known
 * to record its event after the action it reports (the deployment
 * controller's "Scaled down" comes after the ReplicaSet's SuccessfulDelete).
 * Otherwise the first candidate in the target's program order that no cause
 * has taken yet wins: causes are visited in their own program order, so the
 * n-th cause gets the n-th effect. `after` can rule out candidates that are
 * causally too early (a replacement cannot precede the victim's creation).
 */
import { diffMs } from '../../model/eventTime';
import type { K8sRecord } from './k8sRecord';

export interface LinkPlace {
  recs: K8sRecord[];
  domain: string[];
  /** Process name per record, and the record's position in that process's program order. */
  proc: string[];
  pos: number[];
}

export interface PickOptions {
  taken: Set<number>;
  leadMs?: number;
  after?: (candidate: number) => boolean;
}

/** Whether candidate c may follow cause a by their shared clock (true when not comparable). */
export function notBeforeByClock(p: LinkPlace, a: number, c: number, leadMs = 0): boolean {
  if (p.domain[a] !== p.domain[c]) return true;
  const ta = p.recs[a]!.time;
  const tc = p.recs[c]!.time;
  if (!ta || !tc) return true;
  // A stamp truncates (firstTimestamp to the second): the candidate may have been up to one unit later.
  return diffMs(tc.ms, tc.ns, ta.ms, ta.ns) >= -leadMs - 10 ** (3 - tc.digits);
}

/** The chosen candidate (candidates in program order), or -1. */
export function pickLinkTarget(p: LinkPlace, cause: number, candidates: readonly number[], opt: PickOptions): number {
  for (const c of candidates) {
    if (c === cause || opt.taken.has(c)) continue;
    if (opt.after && !opt.after(c)) continue;
    if (!notBeforeByClock(p, cause, c, opt.leadMs ?? 0)) continue;
    return c;
  }
  return -1;
}

/** Sorts record indices into program order: by process name, then position. */
export function inProgramOrder(p: LinkPlace, ids: number[]): number[] {
  return ids.sort((a, b) => (p.proc[a]! < p.proc[b]! ? -1 : p.proc[a]! > p.proc[b]! ? 1 : p.pos[a]! - p.pos[b]!));
}
