import { describe, expect, it } from 'vitest';
import { defaultTheme } from '../../src/ui/draw/drawTheme';
import { coloursByName, processColour, processHue } from '../../src/ui/draw/processColour';

/** sRGB 0..1 from "hsl(h s% l% / a)" or "#rrggbb". */
function rgbOf(css: string): [number, number, number] {
  const m = /^hsl\(([\d.]+) ([\d.]+)% ([\d.]+)%/.exec(css);
  if (m) {
    const [h, s, l] = [Number(m[1]), Number(m[2]) / 100, Number(m[3]) / 100];
    const a = s * Math.min(l, 1 - l);
    const f = (n: number) => {
      const k = (n + h / 30) % 12;
      return l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    };
    return [f(0), f(8), f(4)];
  }
  return [1, 3, 5].map((i) => parseInt(css.slice(i, i + 2), 16) / 255) as [number, number, number];
}

function lab(css: string): [number, number, number] {
  const lin = rgbOf(css).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  const [r, g, b] = lin as [number, number, number];
  const xyz = [(0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047, 0.2126 * r + 0.7152 * g + 0.0722 * b, (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883];
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  const [fx, fy, fz] = xyz.map(f) as [number, number, number];
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

const deltaE = (a: string, b: string) => {
  const [x, y] = [lab(a), lab(b)];
  return Math.hypot(x[0] - y[0], x[1] - y[1], x[2] - y[2]);
};

/** Hue angle (degrees) of a colour, from its Lab a and b. */
const labHue = (c: string) => {
  const [, a, b] = lab(c);
  return ((Math.atan2(b, a) * 180) / Math.PI + 360) % 360;
};
const hueGap = (x: number, y: number) => Math.min(Math.abs(x - y), 360 - Math.abs(x - y));

describe('process palette', () => {
  for (const dark of [false, true]) {
    const t = defaultTheme(dark);
    const highlights: Record<string, string> = { past: t.past, future: t.future, danger: t.danger, warning: t.warning, mark: t.mark, accent: t.accent };

    it(`no process colour is near a highlight colour (${dark ? 'dark' : 'light'} theme), over 1,000 processes`, () => {
      for (const [name, h] of Object.entries(highlights)) {
        let min = Infinity;
        for (let p = 0; p < 1000; p++) min = Math.min(min, deltaE(processColour(p, dark), h));
        expect(min, `closest process colour to ${name} ${h}: ΔE ${min.toFixed(1)}`).toBeGreaterThan(15);
      }
    });

    it(`the "happened before" green is unlike every process colour in hue (${dark ? 'dark' : 'light'} theme)`, () => {
      const green = labHue(t.past);
      for (let p = 0; p < 1000; p++) {
        const c = processColour(p, dark);
        expect(hueGap(labHue(c), green), `process ${p} ${c}`).toBeGreaterThan(30);
        expect(deltaE(c, t.past)).toBeGreaterThan(25);
      }
    });
  }

  it('gives neighbouring processes clearly different colours, the same one every time', () => {
    for (let p = 0; p < 8; p++) {
      expect(processColour(p, false)).toBe(processColour(p, false));
      for (let q = p + 1; q < 8; q++) expect(deltaE(processColour(p, false), processColour(q, false)), `${p} vs ${q}`).toBeGreaterThan(10);
    }
    const hues = Array.from({ length: 6 }, (_, p) => processHue(p).hue);
    expect(new Set(hues.map((h) => Math.round(h))).size).toBe(6);
  });

  it('by name: a process its own colour, a clock domain its first process colour', () => {
    const c = coloursByName(['gateway', 'ledger', 'payments'], [0, 1, 1], ['gw-host', 'db-host'], false);
    expect(c.process('ledger')).toBe(processColour(1, false));
    expect(c.domain('db-host')).toBe(processColour(1, false));
    expect(c.domain('gw-host')).toBe(processColour(0, false));
    expect(c.process('nobody', 'x')).toBe('x');
  });
});
