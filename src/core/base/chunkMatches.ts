/**
 * Which of many stored strings (chunkedStrings.ts) a regex may match, found
 * by running a looser regex over each chunk once instead of slicing every
 * string and testing it: most strings match nothing, and a chunk is read in
 * one call. `loose` (global) must match wherever the caller's exact regex
 * matches a string, at the same place: the exact one less its `\b` and
 * lookarounds, say. A loose match may run past its string's end or start
 * where the exact one would not, so the answer is a superset, to be tested
 * exactly; no string the exact regex matches is left out, because the search
 * resumes at the start of the string after each one listed, and the leftmost
 * loose match from there cannot lie beyond an exact match.
 */
import { assert } from './assert';
import { CHUNK_SHIFT, STRINGS_PER_CHUNK, type StoredStrings } from './chunkedStrings';

/** Marks with 1 in `out` (one entry per string) each string `loose` may match; returns how many. */
export function markPossibleMatches({ chunks, starts }: StoredStrings, count: number, loose: RegExp, out: Uint8Array): number {
  assert(loose.global, 'markPossibleMatches needs a global regex');
  let marked = 0;
  for (let c = 0; c < chunks.length; c++) {
    const chunk = chunks[c]!;
    const first = c << CHUNK_SHIFT;
    const end = Math.min(count, first + STRINGS_PER_CHUNK); // strings first .. end - 1
    if (end <= first) break;
    loose.lastIndex = 0;
    for (;;) {
      const m = loose.exec(chunk);
      if (m === null) break;
      // The string holding m.index: the last one starting at or before it (an empty one holds nothing).
      let lo = first;
      let hi = end - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >>> 1;
        if (starts[mid]! <= m.index) lo = mid;
        else hi = mid - 1;
      }
      if (out[lo] === 0) {
        out[lo] = 1;
        marked++;
      }
      if (lo + 1 >= end) break;
      loose.lastIndex = Math.max(starts[lo + 1]!, m.index + 1);
    }
  }
  loose.lastIndex = 0;
  return marked;
}
