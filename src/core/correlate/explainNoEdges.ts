/**
 * Why an execution with several processes got no message edges at all, and
 * what to change. Without edges every process is its own island and no
 * happened-before crosses them, which is rarely what the user wanted, so the
 * reason is said once, with the field names seen and, where one field looks
 * like an unrecognised message id, that field.
 *
 * A field looks like an id when its values are mostly distinct (at most four
 * events per distinct value on average, which rules out levels and status
 * codes) and some of them occur on more than one process. Names that read
 * like ids (…id, uuid, trace, span, corr…) win among such fields.
 */
import { cmp } from '../model/executionBuilder';
import type { Execution } from '../model/execution';
import { CONVENTION_FIELDS, ID_FIELDS, SPAN_FIELD, TRACE_FIELD } from './messageConventions';
import type { MessageIdResult } from './messageIds';

const MAX_FIELDS_LISTED = 20;
const ID_LIKE_NAME = /id$|uuid|guid|trace|span|corr|txn/i;

export function explainNoEdges(x: Execution, found: MessageIdResult): string {
  const P = x.processNames.length;
  const names = fieldNames(x);
  const listed = names.slice(0, MAX_FIELDS_LISTED).join(', ') + (names.length > MAX_FIELDS_LISTED ? `, … ${names.length - MAX_FIELDS_LISTED} more` : '');
  const idNames = `${ID_FIELDS.join(', ')}, or ${TRACE_FIELD} with ${SPAN_FIELD}`;
  let why: string;
  if (found.idEvents === 0) why = `no event has a message-id field (${idNames})`;
  else if (found.undirected === found.idEvents)
    why =
      `${found.idEvents} events carry ${found.idFields.join('/')} but none says which way the message went ` +
      `(dir, direction, kind or type = send/recv, or a to/from peer)`;
  else why = `${found.idEvents} events carry ${found.idFields.join('/')}, but no id value was sent on one process and received on another`;

  const candidate = idLikeField(x);
  let suggestion: string;
  if (candidate)
    suggestion =
      `"${candidate.name}" looks like a message id (${candidate.shared} of its values appear on more than one process): ` +
      `log it as msg_id, with dir=send where the message leaves and dir=recv where it arrives`;
  else if (found.idEvents > 0 && found.undirected > 0)
    suggestion = `add dir=send on the sending event and dir=recv on the receiving one (or to=/from= naming the other process)`;
  else suggestion = `log a msg_id on both the send and the receive of each message, with dir=send / dir=recv`;

  return (
    `no message edges between the ${P} processes, so none of their events are ordered across processes: ${why}. ` +
    `Fields seen: ${listed || 'none'}. Suggestion: ${suggestion}.`
  );
}

function fieldNames(x: Execution): string[] {
  const seen = new Uint8Array(x.strings.size);
  for (let i = 0; i < x.fieldKey.length; i++) seen[x.fieldKey[i]!] = 1;
  const out: string[] = [];
  for (let k = 0; k < seen.length; k++) if (seen[k]) out.push(x.strings.get(k));
  return out.sort(cmp);
}

function idLikeField(x: Execution): { name: string; shared: number } | null {
  const S = x.strings.size;
  // (key, value) → the one process it was seen on, or -1 once on several.
  const firstProc = new Map<number, number>();
  const events = new Uint32Array(S);
  const distinct = new Uint32Array(S);
  const shared = new Uint32Array(S);
  const skip = new Uint8Array(S);
  for (const f of CONVENTION_FIELDS) {
    const id = x.strings.find(f);
    // trace_id / span_id alone are worth suggesting; the rest are understood already.
    if (id >= 0 && f !== TRACE_FIELD && f !== SPAN_FIELD) skip[id] = 1;
  }
  for (let e = 0; e < x.eventCount; e++) {
    const p = x.eventProc[e]!;
    for (let i = x.fieldStart[e]!; i < x.fieldStart[e + 1]!; i++) {
      const k = x.fieldKey[i]!;
      if (skip[k]) continue;
      events[k]!++;
      const pair = k * S + x.fieldValue[i]!;
      const q = firstProc.get(pair);
      if (q === undefined) {
        firstProc.set(pair, p);
        distinct[k]!++;
      } else if (q >= 0 && q !== p) {
        firstProc.set(pair, -1);
        shared[k]!++;
      }
    }
  }
  let best: { name: string; shared: number; named: boolean } | null = null;
  for (let k = 0; k < S; k++) {
    if (shared[k] === 0 || distinct[k]! < 2 || distinct[k]! * 4 < events[k]!) continue;
    const name = x.strings.get(k);
    const named = ID_LIKE_NAME.test(name);
    const better =
      !best || (named && !best.named) || (named === best.named && (shared[k]! > best.shared || (shared[k] === best.shared && cmp(name, best.name) < 0)));
    if (better) best = { name, shared: shared[k]!, named };
  }
  return best && { name: best.name, shared: best.shared };
}
