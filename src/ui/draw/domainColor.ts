/**
 * A colour per clock domain. Hues step by the golden angle so neighbouring
 * domains differ strongly however many there are; lightness depends on the
 * theme so lanes read on both light and dark backgrounds.
 *
 * Memoized: the diagram asks for a colour per mark group every frame, and
 * formatting the string each time was a few percent of a frame.
 */
const memo = new Map<string, string>();
const MEMO_LIMIT = 4096;

export function domainColor(domain: number, dark: boolean, alpha = 1): string {
  const key = `${domain}|${dark ? 1 : 0}|${alpha}`;
  let c = memo.get(key);
  if (c === undefined) {
    const hue = (210 + domain * 137.508) % 360;
    c = `hsl(${hue.toFixed(1)} ${dark ? 70 : 65}% ${dark ? 66 : 38}% / ${alpha})`;
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, c);
  }
  return c;
}
