/**
 * clock-skew: a message whose receive is stamped earlier than its send, across
 * two clock domains. Causality says the send came first, so the gap is a lower
 * bound on how far the receiver's clock is behind the sender's (or the
 * sender's ahead), whatever the network delay was.
 */
import { hasTime, type Execution } from '../model/execution';
import { diffMs } from '../model/eventTime';
import type { Anomaly } from './anomaly';

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
    const gap = diffMs(x.timeMs[s]!, x.timeNs[s]!, x.timeMs[r]!, x.timeNs[r]!);
    if (gap <= 0) continue;
    const sender = x.domainNames[ds]!;
    const receiver = x.domainNames[dr]!;
    const ms = formatMs(gap);
    out.push({
      kind: 'clock-skew',
      severity: 'warning',
      events: [s, r],
      summary: `${receiver}'s clock is at least ${ms} behind ${sender}'s: it stamped the receive before the send that caused it`,
      detail: {
        senderDomain: sender,
        receiverDomain: receiver,
        atLeastMs: round6(gap),
        rule: x.strings.get(x.edgeRule[k]!),
        key: x.strings.get(x.edgeKey[k]!),
      },
    });
  }
  return out;
}

function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

export function formatMs(ms: number): string {
  if (ms >= 1000) return `${round6(ms / 1000)} s`;
  if (ms >= 1) return `${round6(ms)} ms`;
  return `${round6(ms * 1000)} µs`;
}
