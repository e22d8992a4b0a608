/**
 * The common ISO-8601 shape read straight from a chunk's aligned bytes
 * (ChunkDecoder.aligned): `YYYY-MM-DD(T|t| )hh:mm:ss[(.|,)f…][Z|z]`, the date
 * also with slashes, and nothing after. Structured loggers write every
 * line's time this way, so a reader of JSON lines asks this first and gives
 * anything else (a zone offset, no seconds, a stray character) to
 * parseTimestampIn, whose result this one equals wherever it answers
 * (tests/property/isoTimeBytes).
 *
 * Lines of a log share their date: the day's start is kept with its date as
 * a number (yyyymmdd) and taken from the line before unless the date changed.
 * The time returned is reused from call to call; the caller copies it (the
 * builder does, into its columns) before the next read.
 */
import type { WallTime } from '../model/eventTime';
import { daysFromCivil, daysInMonth, EARLIEST_CLOCK_YEAR } from './daysFromCivil';

const MS_PER_DAY = 86_400_000;

export class IsoTimeBytes {
  readonly time: WallTime = { ms: 0, ns: 0, digits: 0 };
  /** Whether the date and time stampAt() read last make a valid time (then `time` holds it). */
  inRange = false;
  private day = -1;
  private dayMs = 0;

  /**
   * The time written at u[from, to); null when that text is in the common
   * shape but not a valid time (a 13th month); undefined when it is not in
   * the common shape, for the full parser to decide.
   */
  read(u: Uint8Array, from: number, to: number): WallTime | null | undefined {
    let i = this.stampAt(u, from, to);
    if (i < 0) return undefined;
    if (i < to && (u[i] === 90 /* Z */ || u[i] === 122) /* z */) i++;
    if (i !== to) return undefined;
    return this.inRange ? this.time : null;
  }

  /**
   * The common shape's date and time at the start of u[from, to), without a
   * zone: the index after its seconds and their fraction (a '.' or ',' then
   * digits), or -1 when the text there is not in that shape. `inRange` says
   * whether they make a valid time, then held in `time`. Text logs
   * (IsoStampReader) read their line's stamp with it and look at what follows.
   */
  stampAt(u: Uint8Array, from: number, to: number): number {
    if (to - from < 19) return -1;
    const sep = u[from + 4];
    if ((sep !== 45 /* - */ && sep !== 47) /* / */ || u[from + 7] !== sep || u[from + 13] !== 58 || u[from + 16] !== 58) return -1;
    const t = u[from + 10];
    if (t !== 84 /* T */ && t !== 32 && t !== 116 /* t */) return -1;
    const century = twoDigits(u, from);
    const yy = twoDigits(u, from + 2);
    const month = twoDigits(u, from + 5);
    const dayOfMonth = twoDigits(u, from + 8);
    const hour = twoDigits(u, from + 11);
    const minute = twoDigits(u, from + 14);
    const second = twoDigits(u, from + 17);
    if ((century | yy | month | dayOfMonth | hour | minute | second) < 0) return -1;
    const i = readFraction(u, from + 19, to);
    const { nanos, digits } = fraction;
    this.inRange = month >= 1 && month <= 12 && dayOfMonth >= 1 && hour <= 23 && minute <= 59 && second <= 60 && this.dayIn(century * 100 + yy, month, dayOfMonth);
    if (this.inRange) {
      const time = this.time;
      time.ms = this.dayMs + ((hour * 60 + minute) * 60 + second) * 1000 + Math.floor(nanos / 1e6);
      time.ns = nanos % 1e6;
      time.digits = digits;
    }
    return i;
  }

  /** Whether the day exists; then its start is dayMs (kept from the line before when the date is the same). */
  private dayIn(year: number, month: number, dayOfMonth: number): boolean {
    const day = (year * 100 + month) * 100 + dayOfMonth;
    if (day === this.day) return true;
    if (dayOfMonth > daysInMonth(year, month) || year < EARLIEST_CLOCK_YEAR) return false;
    this.day = day;
    this.dayMs = daysFromCivil(year, month, dayOfMonth) * MS_PER_DAY;
    return true;
  }
}

/** The two digits at u[at] as a number, or -1. */
function twoDigits(u: Uint8Array, at: number): number {
  const a = u[at]! - 48;
  const b = u[at + 1]! - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** What readFraction read last (one object for every line: nothing allocated per stamp). */
export const fraction = { nanos: 0, digits: 0 };

/**
 * The fraction of a second at u[i] ('.' or ',' then digits), if any: its
 * first nine digits as nanoseconds (fraction.nanos) and how many digits were
 * written, at most 9 (fraction.digits; 0 when there is none). Returns where
 * the stamp goes on: past every digit, read or not.
 */
export function readFraction(u: Uint8Array, i: number, to: number): number {
  let nanos = 0;
  let digits = 0;
  if (i + 1 < to && (u[i] === 46 /* . */ || u[i] === 44) /* , */ && isDigit(u[i + 1]!)) {
    const f0 = ++i;
    let c = 0;
    while (i < to && (c = u[i]! - 48) >= 0 && c <= 9) {
      if (i - f0 < 9) nanos = nanos * 10 + c;
      i++;
    }
    digits = Math.min(i - f0, 9);
    for (let k = digits; k < 9; k++) nanos *= 10;
  }
  fraction.nanos = nanos;
  fraction.digits = digits;
  return i;
}
