/**
 * Known catastrophic shapes of a user regex, told before it runs: a group
 * that holds a quantifier and is itself quantified, as in `(a+)+`, `(\w*)*`
 * or `(?<x>(a|b+){2,})`. On a line that almost matches, a backtracking engine
 * tries every way to split the run between the two quantifiers: time
 * exponential in the line's length. A single pass over the source, with a
 * stack of open groups; escapes and character classes are skipped. It may
 * warn about a pattern that is fine in practice (a warning, never a refusal),
 * and misses other slow shapes (overlapping alternatives), which the time
 * budget still stops.
 */

/** The nested-quantifier group in `source` (its text, e.g. `(a+)+`), or null. */
export function nestedQuantifier(source: string): string | null {
  /** Per open group: where it starts, and whether a quantifier is inside it. */
  const open: { at: number; quantified: boolean }[] = [];
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') open.push({ at: i, quantified: false });
    else if (c === ')') {
      const g = open.pop();
      if (!g) continue;
      const q = quantifierAt(source, i + 1);
      if (g.quantified && q > 0) return source.slice(g.at, i + 1 + q);
      // An enclosing group holds this quantifier too.
      if ((g.quantified || q > 0) && open.length > 0) open[open.length - 1]!.quantified = true;
    } else if (open.length > 0 && quantifierAt(source, i) > 0) {
      open[open.length - 1]!.quantified = true;
    }
  }
  return null;
}

/** The length of a variable quantifier (`+`, `*`, `{n,}`, `{n,m}` with m > n, lazy or not) at `at`, or 0; a fixed count `{n}` never backtracks. */
function quantifierAt(s: string, at: number): number {
  const c = s[at];
  if (c === '+' || c === '*') return s[at + 1] === '?' ? 2 : 1;
  if (c !== '{') return 0;
  const m = /^\{(\d+)(,(\d*))?\}\??/.exec(s.slice(at, at + 24));
  if (!m) return 0;
  const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
  return max > Number(m[1]) ? m[0].length : 0;
}
