/**
 * unmatched-send / unmatched-receive: an event that says it sends (or
 * receives) a message with an id, but has no edge out (or in). The other end
 * is not in the logs: the message was lost, a log is missing, or a process
 * crashed. Only the logs' own words decide (id and direction fields, via
 * messageRoles); timestamps are never used to guess a partner. An edge set
 * aside to break a cycle still counts as a match: its other end is logged.
 */
import type { Execution } from '../model/execution';
import { MessageRole } from '../correlate/messageConventions';
import type { Anomaly } from './anomaly';
import type { MessageRoles } from './messageRoles';

export function findUnmatchedMessages(x: Execution, roles: MessageRoles): Anomaly[] {
  const n = x.eventCount;
  const hasOut = new Uint8Array(n);
  const hasIn = new Uint8Array(n);
  for (let k = 0; k < x.edgeCount; k++) {
    hasOut[x.edgeFrom[k]!] = 1;
    hasIn[x.edgeTo[k]!] = 1;
  }
  const out: Anomaly[] = [];
  for (let e = 0; e < n; e++) {
    const r = roles.role[e]!;
    if (Number.isNaN(roles.key[e]!)) continue;
    const proc = x.processNames[x.eventProc[e]!]!;
    const key = roles.keyText(e);
    const peer = roles.peer[e]! >= 0 ? x.strings.get(roles.peer[e]!) : null;
    if (r === MessageRole.Send && !hasOut[e]) {
      const to = peer ?? 'its receiver';
      out.push({
        kind: 'unmatched-send',
        severity: 'warning',
        events: [e],
        summary: `${proc} sent ${key}${peer ? ` to ${peer}` : ''} but no receive of it is in the logs: the message was lost, ${to}'s log is missing, or ${to} crashed`,
        detail: { process: proc, key, peer },
      });
    } else if (r === MessageRole.Receive && !hasIn[e]) {
      const from = peer ?? 'the sender';
      out.push({
        kind: 'unmatched-receive',
        severity: 'warning',
        events: [e],
        summary: `${proc} received ${key}${peer ? ` from ${peer}` : ''} but no send of it is in the logs: ${from}'s log is missing or incomplete`,
        detail: { process: proc, key, peer },
      });
    }
  }
  return out;
}
