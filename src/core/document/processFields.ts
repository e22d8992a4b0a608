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
  const keys: number[] = [];
  const values: number[] = [];
  const ok: boolean[] = [];
  for (let i = x.fieldStart[start]!; i < x.fieldStart[start + 1]!; i++) {
    const j = keys.indexOf(x.fieldKey[i]!);
    if (j >= 0) ok[j] = false;
    else {
      keys.push(x.fieldKey[i]!);
      values.push(x.fieldValue[i]!);
      ok.push(true);
    }
  }
  let left = ok.filter(Boolean).length;
  const { fieldStart, fieldKey, fieldValue } = x;
  for (let e = start + 1; e < end && left > 0; e++) {
    const from = fieldStart[e]!;
    const to = fieldStart[e + 1]!;
    for (let j = 0; j < keys.length; j++) {
      if (!ok[j]) continue;
      // 1: the key once with its value; anything else (absent, twice, another value) is not constant.
      let hits = 0;
      for (let i = from; i < to; i++) if (fieldKey[i] === keys[j]) hits += fieldValue[i] === values[j] ? 1 : 2;
      if (hits !== 1) {
        ok[j] = false;
        left--;
      }
    }
  }
  for (let j = 0; j < keys.length; j++) if (ok[j]) out[x.strings.get(keys[j]!)] = x.strings.get(values[j]!);
  return out;
}
