/**
 * Numbers as the page shows counts: "1,234,567". One formatter for the page:
 * `toLocaleString` builds a new Intl.NumberFormat on every call, which showed
 * up as ~10 ms of a progress-heavy load.
 */
const format = new Intl.NumberFormat('en-US');

export function formatCount(v: number): string {
  return format.format(v);
}
