/**
 * The zone of times read from a field or column (JSON lines, logfmt, CSV),
 * for one input. A value that writes its zone (`Z`, `+02:00`, `-0500`,
 * ` UTC`, an epoch number) is an instant already. One that does not
 * (`2026-03-14 09:26:53`, `14-Mar-2026 09:26:53`) was read as UTC; where
 * the user set the input's zone (AnalyzeOptions.zones) it is read in that
 * zone instead (ZoneShift), value by value, so an input that mixes both
 * keeps the zones it wrote.
 *
 * Without a zone set, only the first values are looked at, to say in the
 * reading report and once in the diagnostics whether times carried no zone
 * and were read as UTC: the common case costs one comparison per line.
 */
import type { AnalyzeOptions } from '../analysis/analyzeOptions';
import { settingFor } from '../input/settingFor';
import type { DiagnosticSink } from '../model/diagnostic';
import type { WallTime } from '../model/eventTime';
import type { ReadingReport } from '../read/readingReport';
import { zoneShiftOf, type ZoneShift } from './zoneShift';

/** Values looked at to tell whether an input's times carry a zone, when none is set. */
const LOOK = 256;

export class FieldZone {
  private readonly shift: ZoneShift | null = null;
  /** A zone set for the input that is neither UTC, an offset nor a zone name the runtime knows. */
  private readonly problem: string | null = null;
  private looked = 0;
  private zoneless = 0;

  constructor(options: AnalyzeOptions, input: string) {
    const name = settingFor(options.zones, input)?.trim();
    if (name === undefined || name === '') return;
    this.shift = zoneShiftOf(name);
    if (!this.shift) this.problem = name;
  }

  /** Whether of() gives every time back as it is: no zone set, and the first values looked at. */
  get idle(): boolean {
    return this.shift === null && this.looked >= LOOK;
  }

  /** The instant of `t`, read from the text s[from, to). */
  of(t: WallTime, s: string, from: number, to: number): WallTime {
    const shift = this.shift;
    if (shift === null && this.looked >= LOOK) return t;
    this.looked++;
    if (writesZone(s, from, to)) return t;
    this.zoneless++;
    return shift === null ? t : shift.toInstant(t);
  }

  /** A time read from a number (an epoch): an instant. */
  ofNumber(t: WallTime): WallTime {
    if (this.looked < LOOK) this.looked++;
    return t;
  }

  /** The report's `zone` and what the diagnostics say of it, once the input is read; nothing when no time was read. */
  report(sink: DiagnosticSink, input: string): Partial<ReadingReport> {
    if (this.looked === 0) return {};
    if (this.problem !== null) {
      sink.add(input, 0, 'warning', `time zone "${this.problem}" is not UTC, an offset (+02:00) or a zone name this runtime knows: times without a zone are read as UTC`);
    }
    if (this.shift) {
      sink.add(input, 0, 'info', `times without a zone are read in ${this.shift.name}, as set for this input`);
      return { zone: this.shift.name };
    }
    if (this.zoneless === 0) return { zone: 'in the data' };
    sink.add(input, 0, 'info', "times carry no zone: read as UTC (set this input's zone to read them in another)");
    return { zone: 'UTC' };
  }
}

/**
 * Whether the time text s[from, to) writes its zone: it ends in `Z`, `UTC`
 * or `GMT`, or in an offset (`±hh`, `±hhmm`, `±hh:mm`) after a clock time,
 * or it is a number (an epoch). Dates such as `2026-03-14` end in `-14` but
 * have no clock time before it.
 */
export function writesZone(s: string, from: number, to: number): boolean {
  while (to > from && s.charCodeAt(to - 1) <= 32) to--;
  while (from < to && s.charCodeAt(from) <= 32) from++;
  if (to <= from) return false;
  const last = s.charCodeAt(to - 1);
  if (last === 90 /* Z */ || last === 122 /* z */) return true;
  if (to - from >= 3) {
    const tail = s.slice(to - 3, to).toUpperCase();
    if (tail === 'UTC' || tail === 'GMT') return true;
  }
  let digits = true;
  for (let i = from; i < to && digits; i++) {
    const c = s.charCodeAt(i);
    digits = (c >= 48 && c <= 57) || (c === 46 && i > from);
  }
  if (digits) return true;
  // An offset: digits (and one colon) back from the end, then a sign after a digit of the clock time.
  let i = to - 1;
  let n = 0;
  let colon = false;
  while (i >= from) {
    const c = s.charCodeAt(i);
    if (c >= 48 && c <= 57) n++;
    else if (c === 58 && !colon && n === 2) colon = true;
    else break;
    i--;
  }
  if (i <= from || (n !== 2 && n !== 4)) return false;
  const sign = s.charCodeAt(i);
  if (sign !== 43 && sign !== 45) return false;
  const before = s.charCodeAt(i - 1);
  if (!(before >= 48 && before <= 57) && before !== 32) return false;
  return s.lastIndexOf(':', i) > from;
}
