/**
 * The fields a process's every event carries with one value (a text log's
 * `service=` and `host=`, a JSON line's `pod`): the analysis document lists
 * them once on the process rather than on each of its events. A key counts
 * only when each event has it exactly once with the same value, so taking it
 * off the events and putting it back gives every event's fields as they were.
 */
import type { Execution } from '../model/execution';

export function processFields(x: Execution, p: number): Record<string, string> {
  const out: Record<string, string> = Object.create(null); // a field may be named __proto__
  const start = x.procStart[p]!;
  const end = x.procStart[p + 1]!;
  if (start === end) return out;
  const { fieldStart, fieldKey, fieldValue } = x;
  // The first event's keys, each with its value, in order; a key it has twice is out.
  const keys: number[] = [];
  const values: number[] = [];
  const ok: boolean[] = [];
  for (let i = fieldStart[start]!; i < fieldStart[start + 1]!; i++) {
    const j = keys.indexOf(fieldKey[i]!);
    if (j >= 0) ok[j] = false;
    else {
      keys.push(fieldKey[i]!);
      values.push(fieldValue[i]!);
      ok.push(true);
    }
  }
  // The keys still in, packed (typed, so the loop below reads no boxed array).
  const inKeys = new Uint32Array(keys.length);
  const inValues = new Uint32Array(keys.length);
  let left = 0;
  for (let j = 0; j < keys.length; j++) {
    if (!ok[j]) continue;
    inKeys[left] = keys[j]!;
    inValues[left++] = values[j]!;
  }
  left = keepConstant(fieldStart, fieldKey, fieldValue, start + 1, end, inKeys, inValues, left);
  const kept = new Set<number>();
  for (let j = 0; j < left; j++) kept.add(inKeys[j]!);
  for (let j = 0; j < keys.length; j++) if (kept.has(keys[j]!)) out[x.strings.get(keys[j]!)] = x.strings.get(values[j]!);
  return out;
}

/**
 * Drops from keys[0, left) (values beside them) every key that some event of
 * [from, to) does not have exactly once with its value; returns how many are
 * left (those kept first, in their order).
 */
function keepConstant(fieldStart: Uint32Array, fieldKey: Uint16Array | Uint32Array, fieldValue: Uint32Array, from: number, to: number, keys: Uint32Array, values: Uint32Array, left: number): number {
  for (let e = from; e < to && left > 0; e++) {
    const a = fieldStart[e]!;
    const b = fieldStart[e + 1]!;
    for (let j = 0; j < left; ) {
      const key = keys[j]!;
      // 1: the key once with its value; anything else (absent, twice, another value) is not constant.
      let hits = 0;
      for (let i = a; i < b; i++) if (fieldKey[i] === key) hits += fieldValue[i] === values[j] ? 1 : 2;
      if (hits === 1) {
        j++;
        continue;
      }
      // Out: the later keys move down one, in their order.
      left--;
      for (let m = j; m < left; m++) {
        keys[m] = keys[m + 1]!;
        values[m] = values[m + 1]!;
      }
    }
  }
  return left;
}
