/**
 * kubectl's relative ages ("45s", "3m10s", "2d3h", "5y") as seconds, the
 * `kubectl events` interval ("2m (x4 over 10m)": last seen 2 m ago, four
 * times since 10 m ago), and the reverse, a span formatted the same way for
 * event texts ("x94 over 19m").
 */

const UNIT_SEC: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, y: 365 * 86400 };
const AGE = /^(?:\d+[smhdy])+$/;

/** Seconds of a kubectl age, or null ("<unknown>", "<invalid>", anything else). */
export function parseRelativeAge(text: string): number | null {
  const t = text.trim();
  if (!AGE.test(t)) return null;
  let total = 0;
  for (const m of t.matchAll(/(\d+)([smhdy])/g)) total += Number(m[1]) * UNIT_SEC[m[2]!]!;
  return total;
}

export interface AgeInterval {
  lastAgeSec: number | null;
  firstAgeSec: number | null;
  count: number;
}

/** "2m (x4 over 10m)" or a plain age; null when neither. */
export function parseAgeInterval(text: string): AgeInterval | null {
  const m = /^(\S+)\s+\(x(\d+) over (\S+)\)$/.exec(text.trim());
  if (m) {
    return { lastAgeSec: parseRelativeAge(m[1]!), firstAgeSec: parseRelativeAge(m[3]!), count: Number(m[2]) };
  }
  const age = parseRelativeAge(text);
  if (age === null && !/^<\w+>$/.test(text.trim())) return null;
  return { lastAgeSec: age, firstAgeSec: null, count: 1 };
}

/** A span in kubectl's style: the two largest units ("19m56s" → "19m", "2h5m"). */
export function formatSpan(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 10) return s % 60 ? `${m}m${s % 60}s` : `${m}m`;
  if (m < 180) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 8) return m % 60 ? `${h}h${m % 60}m` : `${h}h`;
  if (h < 48) return `${h}h`;
  const d = Math.floor(h / 24);
  return d < 8 && h % 24 ? `${d}d${h % 24}h` : `${d}d`;
}
