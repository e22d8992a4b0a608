/**
 * Event times written as bytes as formatIso and formatIsoFloat
 * (model/eventTime.ts) write them, without a string per time: the calendar
 * part of a second is made once (times come in runs within one second) and
 * the fraction is written as digits. Anything off the common path (a
 * fraction that rounds out of its second, a time Date cannot show) is
 * written from the string functions themselves, so the bytes are theirs.
 */
import { formatIso, roundFloatTime, type RoundedTime } from '../model/eventTime';
import { putAscii } from './byteSink';

/** The most bytes a time takes (`+275760-09-13T00:00:00.000000000Z` is 33). */
export const ISO_BYTES = 40;

/** Seconds whose calendar part is kept: events of hosts whose clocks are seconds apart alternate in causal order. */
const SECONDS = 16;
/** The calendar part: `YYYY-MM-DDTHH:MM:SS`, as toISOString().slice(0, 19) writes it. */
const CALENDAR = 19;

export class IsoTimeWriter {
  /** Per slot (second mod SECONDS), the second it holds and its calendar part. */
  private readonly slotSecond = new Float64Array(SECONDS).fill(NaN);
  private readonly calendars = new Uint8Array(SECONDS * CALENDAR);
  /** putFloat's rounding, reused row to row. */
  private readonly rounded: RoundedTime = { ms: 0, ns: 0, digits: 0 };

  /** formatIso(ms, ns, digits) at buf[pos] (room for ISO_BYTES); returns the position after it. */
  put(buf: Uint8Array, pos: number, ms: number, ns: number, digits: number): number {
    const wholeSecMs = Math.floor(ms / 1000) * 1000;
    const frac = Math.round((ms - wholeSecMs) * 1e6 + ns);
    const slot = (wholeSecMs / 1000) & (SECONDS - 1);
    if (!(frac >= 0 && frac < 1e9 && frac === Math.floor(frac)) || (this.slotSecond[slot] !== wholeSecMs && !this.calendar(wholeSecMs, slot))) {
      return putAscii(buf, pos, formatIso(ms, ns, digits));
    }
    const calendars = this.calendars;
    for (let i = slot * CALENDAR, end = i + CALENDAR; i < end; i++) buf[pos++] = calendars[i]!;
    if (digits > 0) {
      const d = digits < 9 ? digits : 9;
      buf[pos++] = 0x2e; // .
      // The first d of the fraction's nine digits.
      let f = frac;
      for (let k = 9; k > d; k--) f = (f / 10) | 0;
      for (let k = d - 1; k >= 0; k--) {
        const q = (f / 10) | 0;
        buf[pos + k] = 48 + f - q * 10;
        f = q;
      }
      pos += d;
    }
    buf[pos++] = 0x5a; // Z
    return pos;
  }

  /** formatIsoFloat(floatMs, digits) at buf[pos]: its rounding, then put(). */
  putFloat(buf: Uint8Array, pos: number, floatMs: number, digits: number): number {
    const r = roundFloatTime(floatMs, digits, this.rounded);
    return this.put(buf, pos, r.ms, r.ns, r.digits);
  }

  /** Makes the calendar part of the second at wholeSecMs in its slot; false where Date cannot show it. */
  private calendar(wholeSecMs: number, slot: number): boolean {
    const d = new Date(wholeSecMs);
    if (Number.isNaN(d.getTime())) return false;
    const s = d.toISOString().slice(0, CALENDAR);
    if (s.length !== CALENDAR) return false;
    for (let i = 0; i < CALENDAR; i++) this.calendars[slot * CALENDAR + i] = s.charCodeAt(i);
    this.slotSecond[slot] = wholeSecMs;
    return true;
  }
}
