/**
 * One pass over the field CSR that gives, per event, the value (string id)
 * of the first of some field names it carries, by the names' priority; -1
 * where it has none. Detectors read columns instead of per-event objects.
 * The names' ranks are looked up in a small typed table indexed by key id
 * (up to the largest id among the names), not a Map per field: the pass
 * visits every field. Most names a detector knows are no
 * field of a given log (idempotency keys, delivery counts…): which ids are
 * keys at all is read once per execution (one byte per string), and a column
 * of names none of which is a key costs no pass.
 */
import type { Execution } from '../model/execution';

/** Per field-key column (shared by an execution and its copies with edges added): 1 for each string id used as a key. */
const usedKeys = new WeakMap<ArrayLike<number>, Uint8Array>();

function keysOf(x: Execution): Uint8Array {
  let used = usedKeys.get(x.fieldKey);
  if (used === undefined) {
    used = new Uint8Array(x.strings.size);
    const keys = x.fieldKey;
    for (let i = 0, m = keys.length; i < m; i++) used[keys[i]!] = 1;
    usedKeys.set(x.fieldKey, used);
  }
  return used;
}

export function fieldColumn(x: Execution, names: readonly string[]): Int32Array {
  return fieldColumnIfAny(x, names) ?? new Int32Array(x.eventCount).fill(-1);
}

/** fieldColumn, or null when none of the names is a key of the execution (its column would be all -1). */
export function fieldColumnIfAny(x: Execution, names: readonly string[]): Int32Array | null {
  const ids: number[] = [];
  let top = -1;
  // Which strings are keys is read (a pass over every field) only when a name is a string of the execution at all.
  let used: Uint8Array | null = null;
  for (const n of names) {
    let id = x.strings.find(n);
    if (id >= 0 && (used ??= keysOf(x))[id] !== 1) id = -1;
    ids.push(id);
    if (id > top) top = id;
  }
  if (top < 0) return null;
  const out = new Int32Array(x.eventCount).fill(-1);
  // rankOf[id] = priority + 1 (0: not one of the names); the first spelling of an id keeps its rank.
  const rankOf = new Uint16Array(top + 1);
  ids.forEach((id, i) => {
    if (id >= 0 && rankOf[id] === 0) rankOf[id] = i + 1;
  });
  // One flat pass over the keys; the event of a field that is one of the names is found by
  // walking fieldStart forward from the last one's (fields are in event order).
  const { fieldStart, fieldKey, fieldValue } = x;
  const fields = fieldStart[x.eventCount]!;
  let e = -1;
  let best = 0;
  for (let i = 0; i < fields; i++) {
    const k = fieldKey[i]!;
    if (k > top) continue;
    const r = rankOf[k]!;
    if (r === 0) continue;
    if (e < 0 || fieldStart[e + 1]! <= i) {
      if (e < 0) e = 0;
      while (fieldStart[e + 1]! <= i) e++;
      best = r;
      out[e] = fieldValue[i]!;
    } else if (r < best) {
      best = r;
      out[e] = fieldValue[i]!;
    }
  }
  return out;
}
