/**
 * A colour per clock domain. Hues step by the golden angle so neighbouring
 * domains differ strongly however many there are; lightness depends on the
 * theme so lanes read on both light and dark backgrounds.
 */
export function domainColor(domain: number, dark: boolean, alpha = 1): string {
  const hue = (210 + domain * 137.508) % 360;
  return `hsl(${hue.toFixed(1)} ${dark ? 70 : 65}% ${dark ? 66 : 38}% / ${alpha})`;
}
