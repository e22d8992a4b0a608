/**
 * recorded-after-effect (info): a cause stamped after its effect by no more
 * than the recording tolerance, where the cause's stamp is a recording time
 * (a Kubernetes event, an audit stage, an access-log line: recordingSlack.ts).
 * The recorder wrote the stamp after the action it reports, so such an
 * inversion says nothing about clocks: it is neither clock skew nor a
 * same-clock inversion, and it bounds no offset. It is still shown, as the
 * stamps do run backward there. O(edges).
 */
import { hasTime, type Execution } from '../model/execution';
import { diffMs } from '../model/eventTime';
import { recordingSlackMs } from '../offsets/recordingSlack';
import type { Anomaly } from './anomaly';
import { formatMs, possessive, precisionMs, round6, timeText } from './anomalyText';

export function findRecordedAfterEffect(x: Execution, edgeIgnored: Uint8Array): Anomaly[] {
  const out: Anomaly[] = [];
  if (!x.recordedInputs) return out;
  for (let k = 0; k < x.edgeCount; k++) {
    if (edgeIgnored[k]) continue;
    const s = x.edgeFrom[k]!;
    const r = x.edgeTo[k]!;
    const slack = recordingSlackMs(x, s);
    if (slack === 0 || !hasTime(x, s) || !hasTime(x, r)) continue;
    const gap = diffMs(x.timeMs[s]!, x.timeNs[s]!, x.timeMs[r]!, x.timeNs[r]!);
    const precision = Math.max(precisionMs(x, s), precisionMs(x, r));
    if (gap <= precision) continue;
    // Past the slack, clockSkew or sameClockInversion reports it (the same tests as theirs).
    const sameDomain = x.processDomain[x.eventProc[s]!] === x.processDomain[x.eventProc[r]!];
    const beyond = gap - slack;
    if (sameDomain ? beyond > precision : beyond > 0 && beyond >= precisionMs(x, r)) continue;
    const sender = x.processNames[x.eventProc[s]!]!;
    const receiver = x.processNames[x.eventProc[r]!]!;
    const key = x.strings.get(x.edgeKey[k]!);
    out.push({
      kind: 'recorded-after-effect',
      severity: 'info',
      events: [s, r],
      summary:
        `${possessive(receiver)} event on ${key} is stamped ${formatMs(gap)} before the ${sender} event that caused it; ` +
        `${sender} is stamped when recorded, after the action it reports, and this is within the ${formatMs(slack)} recording tolerance: not clock skew`,
      detail: {
        causeTime: timeText(x, s),
        effectTime: timeText(x, r),
        byMs: round6(gap),
        recordingToleranceMs: slack,
        sameDomain,
        rule: x.strings.get(x.edgeRule[k]!),
        key,
      },
    });
  }
  return out;
}
