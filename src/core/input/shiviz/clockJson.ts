/**
 * Vector clocks as ShiViz and GoVector write them: a JSON object from host
 * name to a count, e.g. `{"client":3, "server":2}`. Clocks may be sparse (a
 * missing host counts 0) and may hold explicit zeros. Some loggers escape the
 * quotes (`{\"a\":1}`) because the clock went through a string formatter;
 * that is accepted by unescaping once when plain JSON fails.
 */
import { err, ok, type Result } from '../../base/result';

/** Host name → count. A Map, so host names like "__proto__" are plain keys. */
export type VectorClock = Map<string, number>;

export type ClockParse = Result<VectorClock, string>;

/** Counts are stored in Uint32 columns downstream. */
const MAX_COUNT = 0xffffffff;

export function parseClock(raw: string): ClockParse {
  const text = raw.trim();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (caught) {
    if (!text.includes('\\"')) return err(`not valid JSON (${jsonError(caught)})`);
    try {
      value = JSON.parse(text.replace(/\\"/g, '"'));
    } catch (err2) {
      return err(`not valid JSON, even with its \\" quotes unescaped (${jsonError(err2)})`);
    }
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return err('not a JSON object of host names to counts');
  }
  const clock: VectorClock = new Map();
  for (const [host, count] of Object.entries(value)) {
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > MAX_COUNT) {
      return err(`entry ${JSON.stringify(host)} is ${JSON.stringify(count)}, not a non-negative integer`);
    }
    clock.set(host, count);
  }
  return ok(clock);
}

export function entryOf(clock: VectorClock | undefined, host: string): number {
  return clock?.get(host) ?? 0;
}

function jsonError(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
