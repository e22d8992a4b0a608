/**
 * A long table cut to what a page can hold: the rows whose name contains the
 * query (any case), at most `limit` of them, and how many matched in all, so
 * the table can say how many it does not show and that a search finds them.
 * Thousands of inputs would otherwise be thousands of table rows built at once.
 */
export function shownRows<T>(rows: readonly T[], query: string, nameOf: (row: T) => string, limit: number): { shown: T[]; matched: number } {
  const q = query.trim().toLowerCase();
  if (q === '') return { shown: rows.slice(0, limit), matched: rows.length };
  const shown: T[] = [];
  let matched = 0;
  for (const r of rows) {
    if (!nameOf(r).toLowerCase().includes(q)) continue;
    matched++;
    if (shown.length < limit) shown.push(r);
  }
  return { shown, matched };
}
