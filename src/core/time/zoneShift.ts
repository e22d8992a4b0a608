/**
 * The zone a user sets for an input whose times carry none: 'UTC', a fixed
 * offset ('+02:00', '-0500', '+01') or an IANA name ('Europe/Paris'). An
 * IANA zone's offset depends on the instant (summer time), so it is asked of
 * Intl (the runtime's zone database) for each quarter hour a time falls in,
 * and remembered: the same input gives the same times wherever it is read
 * with the same database. A wall time is turned into an instant in two
 * steps (offset at the wall time read as UTC, then at the instant that
 * gives), which settles on the later offset in a repeated hour and skips a
 * missing one forward, deterministically.
 */
import type { WallTime } from '../model/eventTime';

export interface ZoneShift {
  /** The zone as the user wrote it. */
  name: string;
  /** The instant of a wall time written without a zone (read as if UTC). */
  toInstant(t: WallTime): WallTime;
}

const FIXED = /^(?:UTC|GMT|Z)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i;

/** The zone for `name`, or null when it is neither UTC, an offset nor a zone Intl knows. */
export function zoneShiftOf(name: string): ZoneShift | null {
  const z = name.trim();
  if (/^(UTC|GMT|Z|Etc\/UTC)$/i.test(z)) return { name: z, toInstant: (t) => t };
  const m = FIXED.exec(z);
  if (m) {
    const h = Number(m[2]);
    const min = Number(m[3] ?? 0);
    if (h > 23 || min > 59) return null;
    const offsetMs = (m[1] === '-' ? -1 : 1) * (h * 60 + min) * 60_000;
    return { name: z, toInstant: (t) => ({ ms: t.ms - offsetMs, ns: t.ns, digits: t.digits }) };
  }
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', { timeZone: z, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  } catch {
    return null;
  }
  const memo = new Map<number, number>();
  const QUARTER = 900_000;
  /** The zone's offset (ms east of UTC) at the instant `ms`. */
  const offsetAt = (ms: number): number => {
    const q = Math.floor(ms / QUARTER);
    let o = memo.get(q);
    if (o === undefined) {
      const at = q * QUARTER;
      const p: Record<string, number> = {};
      for (const part of format.formatToParts(new Date(at))) if (part.type !== 'literal') p[part.type] = Number(part.value);
      o = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - at;
      if (memo.size > 4096) memo.clear();
      memo.set(q, o);
    }
    return o;
  };
  return {
    name: z,
    toInstant(t) {
      if (!Number.isFinite(t.ms) || Math.abs(t.ms) > 8.64e15) return t;
      const guess = t.ms - offsetAt(t.ms);
      return { ms: t.ms - offsetAt(guess), ns: t.ns, digits: t.digits };
    },
  };
}
