/**
 * clock-skew: a message whose receive is stamped earlier than its send, across
 * two clock domains. Causality says the send came first, so the gap is a lower
 * bound on how far the receiver's clock is behind the sender's (or the
 * sender's ahead), whatever the network delay was. A send stamped when it
 * was recorded (recordingSlack.ts) may trail its action by the recording
 * tolerance: only the gap beyond it is proof, and an inversion within it is
 * a recorded-after-effect note instead.
 */
import type { Execution } from '../model/execution';
import { diffMs } from '../model/eventTime';
import { recordingSlackMs } from '../offsets/recordingSlack';
import type { Anomaly } from './anomaly';
import { LazyAnomaly } from './lazyAnomaly';
import { formatMs, possessive, precisionMs, round6 } from './anomalyText';

export { formatMs } from './anomalyText';

/**
 * `within`, when given, gets the messages this pass passes over as within one domain and
 * timed at both ends (edge indices, ascending): what findSameClockInversions reads, so it
 * need not visit every message again.
 */
export function findClockSkew(x: Execution, edgeIgnored: Uint8Array, within?: number[]): Anomaly[] {
  const out: Anomaly[] = [];
  // Columns in locals: the loop runs once per analysis over every edge, mostly before it is optimized.
  const { edgeFrom, edgeTo, timeMs, timeNs, eventProc, processDomain } = x;
  // A few rules name every edge: one string each, not one per anomaly.
  const rules = new Map<number, string>();
  const ruleOf = (id: number) => {
    let rule = rules.get(id);
    if (rule === undefined) rules.set(id, (rule = x.strings.get(id)));
    return rule;
  };
  for (let k = 0, m = x.edgeCount; k < m; k++) {
    if (edgeIgnored[k]) continue;
    const s = edgeFrom[k]!;
    const r = edgeTo[k]!;
    // Domains first: a message within one domain is never skew (it is listed for the same-clock pass), and times are read only for the others.
    const ds = processDomain[eventProc[s]!]!;
    const dr = processDomain[eventProc[r]!]!;
    if (ds === dr) {
      if (within !== undefined && !Number.isNaN(timeMs[s]) && !Number.isNaN(timeMs[r])) within.push(k);
      continue;
    }
    if (Number.isNaN(timeMs[s]) || Number.isNaN(timeMs[r])) continue;
    const stamped = diffMs(timeMs[s]!, timeNs[s]!, timeMs[r]!, timeNs[r]!);
    const slack = recordingSlackMs(x, s);
    const gap = stamped - slack;
    // A stamp truncates: the receive may have happened up to one unit of its
    // precision later than written, so only a larger gap proves skew.
    if (gap <= 0 || gap < precisionMs(x, r)) continue;
    out.push(skewAnomaly(s, r, x.domainNames[ds]!, x.domainNames[dr]!, ruleOf(x.edgeRule[k]!), x.strings.get(x.edgeKey[k]!), gap, stamped, slack));
  }
  return out;
}

/** Out of the loop over edges: its summary's closure holds this call's values only. */
function skewAnomaly(s: number, r: number, sender: string, receiver: string, rule: string, key: string, gap: number, stamped: number, slack: number): Anomaly {
  const detail: Record<string, unknown> = { senderDomain: sender, receiverDomain: receiver, atLeastMs: round6(gap), rule, key };
  if (slack > 0) {
    detail['stampedGapMs'] = round6(stamped);
    detail['recordingToleranceMs'] = slack;
  }
  return new LazyAnomaly('clock-skew', 'warning', [s, r], detail, () => skewSummary(sender, receiver, key, gap, stamped, slack));
}

function skewSummary(sender: string, receiver: string, key: string, gap: number, stamped: number, slack: number): string {
  const ms = formatMs(gap);
  return (
    `${possessive(receiver)} clock is at least ${ms} behind ${possessive(sender)} (or ${possessive(sender)} ahead): ` +
    (slack > 0
      ? `${receiver} stamped receiving ${key} ${formatMs(stamped)} before ${sender} recorded sending it, ${ms} more than the ${formatMs(slack)} a recording stamp may trail`
      : `${receiver} stamped receiving ${key} ${ms} before ${sender} stamped sending it`)
  );
}
