/**
 * clock-skew: a message whose receive is stamped earlier than its send, across
 * two clock domains. Causality says the send came first, so the gap is a lower
 * bound on how far the receiver's clock is behind the sender's (or the
 * sender's ahead), whatever the network delay was. A send stamped when it
 * was recorded (recordingSlack.ts) may trail its action by the recording
 * tolerance: only the gap beyond it is proof, and an inversion within it is
 * a recorded-after-effect note instead.
 */
import { hasTime, type Execution } from '../model/execution';
import { diffMs } from '../model/eventTime';
import { recordingSlackMs } from '../offsets/recordingSlack';
import type { Anomaly } from './anomaly';
import { formatMs, possessive, precisionMs, round6 } from './anomalyText';

export { formatMs } from './anomalyText';

export function findClockSkew(x: Execution, edgeIgnored: Uint8Array): Anomaly[] {
  const out: Anomaly[] = [];
  for (let k = 0; k < x.edgeCount; k++) {
    if (edgeIgnored[k]) continue;
    const s = x.edgeFrom[k]!;
    const r = x.edgeTo[k]!;
    if (!hasTime(x, s) || !hasTime(x, r)) continue;
    const ds = x.processDomain[x.eventProc[s]!]!;
    const dr = x.processDomain[x.eventProc[r]!]!;
    if (ds === dr) continue;
    const stamped = diffMs(x.timeMs[s]!, x.timeNs[s]!, x.timeMs[r]!, x.timeNs[r]!);
    const slack = recordingSlackMs(x, s);
    const gap = stamped - slack;
    // A stamp truncates: the receive may have happened up to one unit of its
    // precision later than written, so only a larger gap proves skew.
    if (gap <= 0 || gap < precisionMs(x, r)) continue;
    const sender = x.domainNames[ds]!;
    const receiver = x.domainNames[dr]!;
    const rule = x.strings.get(x.edgeRule[k]!);
    const key = x.strings.get(x.edgeKey[k]!);
    const ms = formatMs(gap);
    out.push({
      kind: 'clock-skew',
      severity: 'warning',
      events: [s, r],
      summary:
        `${possessive(receiver)} clock is at least ${ms} behind ${possessive(sender)} (or ${possessive(sender)} ahead): ` +
        (slack > 0
          ? `${receiver} stamped receiving ${key} ${formatMs(stamped)} before ${sender} recorded sending it, ${ms} more than the ${formatMs(slack)} a recording stamp may trail`
          : `${receiver} stamped receiving ${key} ${ms} before ${sender} stamped sending it`),
      detail: {
        senderDomain: sender,
        receiverDomain: receiver,
        atLeastMs: round6(gap),
        rule,
        key,
        ...(slack > 0 && { stampedGapMs: round6(stamped), recordingToleranceMs: slack }),
      },
    });
  }
  return out;
}
