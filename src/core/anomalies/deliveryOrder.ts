/**
 * A retry's deliveries by the attempt they answer (the client's order), then
 * by stamp, then canonically: the order they happened in, whatever the lanes
 * are called (an instance's name decides the canonical order, and `worker-2`
 * may be `worker` in another log shape). Stamps of different hosts only order
 * the list; they decide nothing.
 */
import { diffMs } from '../model/eventTime';
import { type Execution, hasTime } from '../model/execution';
import type { RetryUnit } from './retryUnits';

/** The unit's receives in delivery order (a new array). */
export function inDeliveryOrder(x: Execution, sendOf: Int32Array, u: RetryUnit): number[] {
  if (u.recvs.length < 2) return u.recvs.slice();
  // A request is one event: each send is in u.sends once.
  const rankOf = (r: number) => {
    const i = sendOf[r]! >= 0 ? u.sends.indexOf(sendOf[r]!) : -1;
    return i < 0 ? u.sends.length : i;
  };
  const before = (a: number, b: number) => {
    const d = rankOf(a) - rankOf(b);
    if (d !== 0) return d;
    const ta = hasTime(x, a);
    const tb = hasTime(x, b);
    if (ta && tb) {
      const t = diffMs(x.timeMs[a]!, x.timeNs[a]!, x.timeMs[b]!, x.timeNs[b]!);
      if (t !== 0) return t;
    } else if (ta !== tb) return ta ? -1 : 1;
    return a - b;
  };
  // A total order (events differ), so any sort gives the one answer: a few deliveries are put in
  // place one by one (Array.prototype.sort made a work copy and state for each of thousands of keys).
  const out = u.recvs.slice();
  if (out.length > 16) return out.sort(before);
  for (let i = 1; i < out.length; i++) {
    const r = out[i]!;
    let j = i - 1;
    for (; j >= 0 && before(out[j]!, r) > 0; j--) out[j + 1] = out[j]!;
    out[j + 1] = r;
  }
  return out;
}
