/**
 * Which events say they send or receive a message, and under which id, read
 * from the same field conventions as message-id inference (ids, dir/direction,
 * to/from): what the logs claim, not what was matched.
 *
 * A pass in canonical order (process by process, program order) resolves a
 * `reply`/`response` as inference does: a receive on a process that sent the
 * same id earlier, a send anywhere else. `requestSend` marks sends that the
 * log itself calls a send (a direction word or a `to` field), not resolved
 * replies, so a server answering two attempts is not taken for a retry.
 */
import {
  DIRECTION_FIELDS,
  FROM_FIELDS,
  ID_FIELDS,
  isPlaceholderId,
  MessageRole,
  roleOfWord,
  SPAN_FIELD,
  TO_FIELDS,
  TRACE_FIELD,
} from '../correlate/messageConventions';
import type { Execution } from '../model/execution';
import { fieldColumn } from './fieldColumn';

export interface MessageRoles {
  /** Per event: a number naming its id field and value; NaN when it has none. */
  key: Float64Array;
  /** Per event: MessageRole.Send, Receive or None, replies resolved. */
  role: Uint8Array;
  /** Per event: 1 for a send the log calls a request (not a resolved reply). */
  requestSend: Uint8Array;
  /** Per event: the process named by `to`/`from` as written, string id or -1. */
  peer: Int32Array;
  /** "msg_id=m1" for an event with a key. */
  keyText(e: number): string;
}

export function messageRoles(x: Execution): MessageRoles {
  const n = x.eventCount;
  const S = x.strings.size;
  const idCols = ID_FIELDS.map((f) => fieldColumn(x, [f]));
  const trace = fieldColumn(x, [TRACE_FIELD]);
  const span = fieldColumn(x, [SPAN_FIELD]);
  const dir = fieldColumn(x, DIRECTION_FIELDS);
  const to = fieldColumn(x, TO_FIELDS);
  const from = fieldColumn(x, FROM_FIELDS);
  const placeholder = new Int8Array(S).fill(-1);
  const isPlaceholder = (v: number) => {
    let c = placeholder[v]!;
    if (c < 0) placeholder[v] = c = isPlaceholderId(x.strings.get(v)) ? 1 : 0;
    return c === 1;
  };
  const roleOfValue = new Int8Array(S).fill(-1);

  const key = new Float64Array(n).fill(NaN);
  const role = new Uint8Array(n);
  const requestSend = new Uint8Array(n);
  const peer = new Int32Array(n).fill(-1);
  const sentHere = new Set<number>();
  let proc = -1;
  for (let e = 0; e < n; e++) {
    if (x.eventProc[e] !== proc) {
      proc = x.eventProc[e]!;
      sentHere.clear();
    }
    let k = NaN;
    for (let f = 0; f < idCols.length; f++) {
      const v = idCols[f]![e]!;
      if (v >= 0 && !isPlaceholder(v)) {
        k = f * S + v;
        break;
      }
    }
    if (Number.isNaN(k) && trace[e]! >= 0 && span[e]! >= 0 && !isPlaceholder(span[e]!)) {
      k = (ID_FIELDS.length + 1 + trace[e]!) * S + span[e]!;
    }
    if (Number.isNaN(k)) continue;
    key[e] = k;
    let r: number = MessageRole.None;
    const d = dir[e]!;
    if (d >= 0) {
      let c = roleOfValue[d]!;
      if (c < 0) roleOfValue[d] = c = roleOfWord(x.strings.get(d));
      r = c;
    }
    if (r === MessageRole.None) r = to[e]! >= 0 ? MessageRole.Send : from[e]! >= 0 ? MessageRole.Receive : MessageRole.None;
    if (r === MessageRole.Send) requestSend[e] = 1;
    if (r === MessageRole.Reply) r = sentHere.has(k) ? MessageRole.Receive : MessageRole.Send;
    if (r === MessageRole.Send) sentHere.add(k);
    role[e] = r;
    peer[e] = r === MessageRole.Send ? to[e]! : r === MessageRole.Receive ? from[e]! : -1;
  }

  const keyText = (e: number): string => {
    const k = key[e]!;
    const f = Math.floor(k / S);
    const v = k - f * S;
    if (f < ID_FIELDS.length) return `${ID_FIELDS[f]}=${x.strings.get(v)}`;
    return `${TRACE_FIELD}=${x.strings.get(f - ID_FIELDS.length - 1)} ${SPAN_FIELD}=${x.strings.get(v)}`;
  };
  return { key, role, requestSend, peer, keyText };
}
