/**
 * A channel of several sends or receives (sender process A, receiver B, one
 * key), decided as far as it can be without clock bounds: when every send
 * and receive has an attempt number, the k-th receive of attempt n pairs with
 * the k-th send of attempt n; one send and one receive pair; a channel with
 * times on both sides waits (PendingChannel) to be aligned once the other
 * channels' pairs bound the clocks (alignPending.ts); one without pairs in
 * program order (inOrder).
 */
import { hasTime, type Execution } from '../model/execution';
import { others, type DecidedPairs } from './decidedPairs';

/** A channel waiting to be aligned by time: its key group, sends and receives. */
export interface PendingChannel {
  group: number;
  out: number[];
  inn: number[];
}

export function decideChannel(x: Execution, attempt: Int32Array, decided: DecidedPairs, pending: PendingChannel[], g: number, out: number[], inn: number[]): void {
  let attempts = true;
  for (const e of out) if (attempt[e]! < 0) attempts = false;
  for (const e of inn) if (attempt[e]! < 0) attempts = false;
  if (attempts) {
    // The k-th receive of attempt n pairs with the k-th send of attempt n.
    const used = new Uint8Array(out.length);
    const several = out.length > 1 || inn.length > 1;
    for (const r of inn) {
      for (let i = 0; i < out.length; i++) {
        if (used[i] || attempt[out[i]!] !== attempt[r]) continue;
        used[i] = 1;
        decided.push(out[i]!, r, g, several ? { by: 'attempt', alternatives: [] } : undefined);
        break;
      }
    }
    return;
  }
  if (out.length === 1 && inn.length === 1) {
    decided.push(out[0]!, inn[0]!, g);
    return;
  }
  let timed = false;
  for (const e of out) if (hasTime(x, e)) timed = true;
  let timedRecv = false;
  for (const e of inn) if (hasTime(x, e)) timedRecv = true;
  if (timed && timedRecv) {
    pending.push({ group: g, out, inn });
    for (const r of inn) decided.waiting[r]!++;
  } else inOrder(decided, g, out, inn);
}

/** The i-th send with the i-th receive; receives past the sends are redeliveries of the last send. */
export function inOrder(decided: DecidedPairs, g: number, out: number[], inn: number[]): void {
  const m = Math.min(out.length, inn.length);
  for (let i = 0; i < m; i++) decided.push(out[i]!, inn[i]!, g, { by: 'order', alternatives: others(out, i) });
  for (let j = m; j < inn.length; j++) decided.push(out[m - 1]!, inn[j]!, g, { by: 'redelivery', alternatives: [] });
}
