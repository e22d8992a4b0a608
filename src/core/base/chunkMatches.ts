/**
 * Which of many stored strings (chunkedStrings.ts) a pattern may occur in,
 * found by searching each chunk once instead of slicing every string and
 * testing it: most strings hold nothing, and a chunk is searched in one call.
 *
 * The search (`find`: the first place at or after `from` in a chunk where the
 * pattern may be, or -1) must find every place where the caller's exact test
 * would match a string, and may find more: it sees the chunk, so what it
 * checks may run into the strings around. A place found marks the string that
 * holds it, and the search resumes at the start of the next string, so the
 * answer is a superset of the exact one, to be tested exactly. A regex works
 * as a search (`regexSearch`) when it matches wherever the exact one does:
 * the exact one less its `\b` and lookarounds, say.
 */
import { assert } from './assert';
import { CHUNK_SHIFT, STRINGS_PER_CHUNK, type TextChunks } from './chunkedStrings';

/** The first place at or after `from` in `chunk` where the pattern may be, or -1. */
export type ChunkSearch = (chunk: string, from: number) => number;

/** A global regex as a search: where its next match starts. */
export function regexSearch(loose: RegExp): ChunkSearch {
  assert(loose.global, 'regexSearch needs a global regex');
  return (chunk, from) => {
    loose.lastIndex = from;
    const m = loose.exec(chunk);
    loose.lastIndex = 0;
    return m === null ? -1 : m.index;
  };
}

/** Marks with 1 in `out` (one entry per string) each string `find` finds a place in; returns how many. */
export function markPossibleMatches({ chunks, starts }: { chunks: TextChunks; starts: Uint16Array | Uint32Array }, count: number, find: ChunkSearch, out: Uint8Array): number {
  let marked = 0;
  for (let c = 0; c < chunks.length; c++) {
    const first = c << CHUNK_SHIFT;
    const end = Math.min(count, first + STRINGS_PER_CHUNK); // strings first .. end - 1
    if (end <= first) break;
    marked += markPossibleMatchesIn(chunks.at(c)!, first, end, starts, find, out);
  }
  return marked;
}

/** markPossibleMatches in one chunk, holding strings first .. end − 1 (for a pass over the chunks that does more). */
export function markPossibleMatchesIn(chunk: string, first: number, end: number, starts: Uint16Array | Uint32Array, find: ChunkSearch, out: Uint8Array): number {
  let marked = 0;
  let from = 0;
  for (;;) {
    const at = find(chunk, from);
    if (at < 0 || at >= chunk.length) break;
    // The string holding `at`: the last one starting at or before it (an empty one holds nothing).
    let lo = first;
    let hi = end - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (starts[mid]! <= at) lo = mid;
      else hi = mid - 1;
    }
    if (out[lo] === 0) {
      out[lo] = 1;
      marked++;
    }
    if (lo + 1 >= end) break;
    from = Math.max(starts[lo + 1]!, at + 1);
  }
  return marked;
}
