/**
 * One colour per process, the same in the diagram, the charts and the log.
 * Hues step by the golden angle (neighbouring processes differ strongly
 * however many there are) over the hue circle with the highlight colours'
 * hues cut out (drawTheme.ts): no process is green like "happened before",
 * orange or red like "happened after", a backward message or a warning, nor
 * blue or pink like the selection and search hits. Every other process is
 * a shade darker (lighter in the dark theme), so hues that land close are
 * still told apart; lightness follows the theme so lanes read on
 * both backgrounds.
 *
 * Memoized: the diagram asks for a colour per mark group every frame.
 */

/** Hue bands (degrees) processes may take: what is left between the highlight colours. */
export const PROCESS_HUE_BANDS: readonly (readonly [number, number])[] = [
  [52, 86], // yellow, olive: well away from the "happened before" green
  [184, 204], // cyan, teal
  [248, 284], // indigo, violet
];
const BAND_TOTAL = PROCESS_HUE_BANDS.reduce((s, [a, b]) => s + (b - a), 0);
const GOLDEN = 0.6180339887498949;

/** Process p's hue, and which shade (0 or 1). */
export function processHue(p: number): { hue: number; shade: 0 | 1 } {
  const t = (0.15 + p * GOLDEN) % 1;
  let at = t * BAND_TOTAL;
  let hue = PROCESS_HUE_BANDS[0]![0];
  for (const [a, b] of PROCESS_HUE_BANDS) {
    if (at <= b - a) {
      hue = a + at;
      break;
    }
    at -= b - a;
  }
  // Processes 3 and 5 apart land close in hue (0.854 and 0.09 of a lap): odd steps, so shades differ.
  return { hue, shade: (p & 1) as 0 | 1 };
}

const memo = new Map<string, string>();
const MEMO_LIMIT = 4096;

/** Process p's colour in the light or dark theme, as a CSS colour. */
export function processColour(p: number, dark: boolean, alpha = 1): string {
  const key = `${p}|${dark ? 1 : 0}|${alpha}`;
  let c = memo.get(key);
  if (c === undefined) {
    const { hue, shade } = processHue(p);
    const light = dark ? (shade ? 76 : 64) : shade ? 28 : 40;
    const sat = dark ? 70 : 72;
    c = `hsl(${hue.toFixed(1)} ${sat}% ${light}% / ${alpha})`;
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, c);
  }
  return c;
}

/**
 * Colours by name for views that know processes and clock domains by name (charts, log):
 * a process's own colour; a clock domain's is its first process's (the same when it has one).
 */
export function coloursByName(processNames: readonly string[], processDomain: ArrayLike<number>, domainNames: readonly string[], dark: boolean) {
  const byProcess = new Map<string, number>();
  processNames.forEach((n, p) => byProcess.set(n, p));
  const byDomain = new Map<string, number>();
  for (let p = 0; p < processNames.length; p++) {
    const d = domainNames[processDomain[p]!];
    if (d !== undefined && !byDomain.has(d)) byDomain.set(d, p);
  }
  const of = (p: number | undefined, fallback: string) => (p === undefined ? fallback : processColour(p, dark));
  return {
    process: (name: string, fallback = 'gray') => of(byProcess.get(name), fallback),
    domain: (name: string, fallback = 'gray') => of(byDomain.get(name), fallback),
    /** For HTML: both themes' colours in CSS light-dark(), so the page's colour-scheme picks. */
    processCss: (name: string): string | null => {
      const p = byProcess.get(name);
      return p === undefined ? null : `light-dark(${processColour(p, false)}, ${processColour(p, true)})`;
    },
  };
}
