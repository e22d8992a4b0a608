/**
 * The colours the diagram paints with. They come from the page's CSS
 * variables (styles.css), so canvas, SVG export and HTML legend agree in both
 * light and dark themes; `themeFrom` takes a lookup function rather than the
 * DOM so tests and the SVG writer can use fixed values.
 */
export interface DrawTheme {
  dark: boolean;
  background: string;
  surface: string;
  foreground: string;
  muted: string;
  grid: string;
  accent: string;
  past: string;
  future: string;
  warning: string;
  danger: string;
  /** Search hits. */
  mark: string;
}

const LIGHT: DrawTheme = {
  dark: false,
  background: '#ffffff',
  surface: '#f4f6f9',
  foreground: '#1a1c1f',
  muted: '#5b6068',
  grid: '#e3e6eb',
  accent: '#2457c5',
  past: '#1f7a4d',
  future: '#b0501a',
  warning: '#a86400',
  danger: '#b3261e',
  mark: '#c026d3',
};

const DARK: DrawTheme = {
  dark: true,
  background: '#16181c',
  surface: '#1f2228',
  foreground: '#e6e8eb',
  muted: '#a0a6ae',
  grid: '#2a2e35',
  accent: '#7aa7ff',
  past: '#5fd49a',
  future: '#ff9d66',
  warning: '#f0b050',
  danger: '#ff8a80',
  mark: '#f472b6',
};

export function defaultTheme(dark: boolean): DrawTheme {
  return { ...(dark ? DARK : LIGHT) };
}

/** The theme with each colour taken from `cssVar('--name')` where it is set. */
export function themeFrom(dark: boolean, cssVar: (name: string) => string): DrawTheme {
  const t = defaultTheme(dark);
  const keys: (keyof DrawTheme)[] = ['background', 'surface', 'foreground', 'muted', 'grid', 'accent', 'past', 'future', 'warning', 'danger', 'mark'];
  const names: Record<string, string> = { background: '--bg', foreground: '--fg' };
  for (const k of keys) {
    const v = cssVar(names[k] ?? `--${k}`).trim();
    if (v) (t as unknown as Record<string, string>)[k] = v;
  }
  return t;
}
