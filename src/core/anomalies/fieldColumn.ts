/**
 * One pass over the field CSR that gives, per event, the value (string id)
 * of the first of some field names it carries, by the names' priority; -1
 * where it has none. Detectors read columns instead of per-event objects.
 */
import type { Execution } from '../model/execution';

export function fieldColumn(x: Execution, names: readonly string[]): Int32Array {
  const out = new Int32Array(x.eventCount).fill(-1);
  const rank = new Map<number, number>();
  names.forEach((n, i) => {
    const id = x.strings.find(n);
    if (id >= 0 && !rank.has(id)) rank.set(id, i);
  });
  if (rank.size === 0) return out;
  for (let e = 0; e < x.eventCount; e++) {
    let best = Infinity;
    for (let i = x.fieldStart[e]!; i < x.fieldStart[e + 1]!; i++) {
      const r = rank.get(x.fieldKey[i]!);
      if (r !== undefined && r < best) {
        best = r;
        out[e] = x.fieldValue[i]!;
      }
    }
  }
  return out;
}
