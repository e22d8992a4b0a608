/**
 * The ISO-8601 shape's read (timestampShapes.ts), for the lines of an input
 * that learnt it: the same stamps, at fixed offsets and without allocating.
 * Lines of one log write their timestamps one way (`2026-03-14T09:00:00.002284Z`,
 * `2026-03-14 09:26:53,123`), so the reader checks the separators where that
 * layout has them, reads the digits in place and takes the day's start from
 * the line before unless the date changed. Anything else — a bracketed or
 * zoned timestamp (`+01:00`, ` UTC`), an out-of-range part, a line that does
 * not start with a date — goes to the shape's own read, so results are the
 * same for every line.
 *
 * readIn() is the same read over a chunk's aligned bytes (ChunkDecoder.aligned),
 * for a line that lies in the chunk; it answers only where read() would take
 * its own fast path, and says so with null otherwise, so the caller can give
 * the line to read() as a string. Lines come many to a minute: where a line's
 * first 17 bytes (date, hour and minute, with their separators) are those of
 * the line it last read whole, compared as four 32-bit words and a byte, only
 * the seconds and their fraction are read, from that minute's start.
 *
 * The stamp and its time are reused from line to line: the caller takes what
 * it needs (the builder copies the time into its columns) before the next read.
 */
import type { WallTime } from '../../model/eventTime';
import { daysFromCivil, daysInMonth, EARLIEST_CLOCK_YEAR } from '../../time/daysFromCivil';
import { fraction, IsoTimeBytes, readFraction } from '../../time/isoTimeBytes';
import { iso, syslogHost, type LineStamp } from './timestampShapes';

const MS_PER_DAY = 86_400_000;

export class IsoStampReader {
  private readonly time: WallTime = { ms: 0, ns: 0, digits: 0 };
  private readonly stamp: LineStamp = { time: this.time, rest: 0, start: 0, yearless: undefined, host: undefined, app: undefined, fields: undefined };
  /** The last date read (yyyymmdd) and its start in ms since the epoch. */
  private day = -1;
  private dayMs = 0;
  /** readIn's read of the date and time (the JSON-lines one). */
  private readonly bytes = new IsoTimeBytes();
  /** readIn: the first '[' at or after bracketFrom in the chunk `bracketIn` (its length when none). */
  private bracketIn: Uint8Array | null = null;
  private bracketFrom = 0;
  private bracketAt = 0;
  /** readIn's minute: the chunk (and a view of it) whose line it last read whole, that line's first 17 bytes, and the minute's start. */
  private minuteIn: Uint8Array | null = null;
  private view: DataView | null = null;
  private m0 = 0;
  private m1 = 0;
  private m2 = 0;
  private m3 = 0;
  private m4 = 0;
  private minuteMs = 0;

  read(line: string): LineStamp | null {
    const sep = line.charCodeAt(4);
    if ((sep !== 45 /* - */ && sep !== 47) /* / */ || line.charCodeAt(7) !== sep || line.charCodeAt(13) !== 58 || line.charCodeAt(16) !== 58) return iso.read(line);
    const t = line.charCodeAt(10);
    if (t !== 84 /* T */ && t !== 32 && t !== 116 /* t */) return iso.read(line);
    const century = twoDigits(line, 0);
    const yy = twoDigits(line, 2);
    const month = twoDigits(line, 5);
    const dayOfMonth = twoDigits(line, 8);
    const hour = twoDigits(line, 11);
    const minute = twoDigits(line, 14);
    const second = twoDigits(line, 17);
    if ((century | yy | hour | minute | second) < 0 || month < 1 || month > 12 || dayOfMonth < 1 || hour > 23 || minute > 59 || second > 60) {
      return iso.read(line);
    }
    const n = line.length;
    let i = 19;
    let c = line.charCodeAt(19);
    let nanos = 0;
    let digits = 0;
    if ((c === 46 /* . */ || c === 44) /* , */ && isDigit(line.charCodeAt(20))) {
      i = 20;
      while (i < n && isDigit((c = line.charCodeAt(i)))) {
        if (i - 20 < 9) nanos = nanos * 10 + (c - 48);
        i++;
      }
      digits = Math.min(i - 20, 9);
      for (let k = digits; k < 9; k++) nanos *= 10;
      c = line.charCodeAt(i);
    }
    let end = i;
    if (c === 90 /* Z */ || c === 122 /* z */) end = i + 1;
    else if (c === 43 /* + */ || c === 45 /* - */) return iso.read(line);
    else if (c === 32) {
      const z = line.charCodeAt(i + 1);
      if (z === 43 || z === 45 || z === 85 /* U */ || z === 71 /* G */) return iso.read(line);
    }
    const day = ((century * 100 + yy) * 100 + month) * 100 + dayOfMonth;
    if (day !== this.day) {
      const year = century * 100 + yy;
      if (dayOfMonth > daysInMonth(year, month) || year < EARLIEST_CLOCK_YEAR) return iso.read(line);
      this.day = day;
      this.dayMs = daysFromCivil(year, month, dayOfMonth) * MS_PER_DAY;
    }
    const ms = this.dayMs + ((hour * 60 + minute) * 60 + second) * 1000 + Math.floor(nanos / 1e6);
    let rest = end;
    const after = line.charCodeAt(rest);
    if (after === 32 || after === 9) rest++;
    const head = syslogHost(line, rest, true);
    if (head) return { time: { ms, ns: nanos % 1e6, digits }, start: 0, ...head };
    const time = this.time;
    time.ms = ms;
    time.ns = nanos % 1e6;
    time.digits = digits;
    this.stamp.rest = rest;
    return this.stamp;
  }

  /**
   * read() of the line u[from, to) of a chunk's aligned bytes (its text's
   * characters at the same indices); the stamp's `rest` is an index in the
   * chunk. Null where read() would not take its fast path or would find a
   * syslog host after the stamp. The date and time are IsoTimeBytes' read.
   * `s`: the chunk's text, when the caller has it (searched natively for '[').
   */
  readIn(u: Uint8Array, from: number, to: number, s?: string): LineStamp | null {
    const time = this.time;
    let i: number;
    if (this.sameMinute(u, from, to)) {
      i = this.secondsIn(u, from, to);
      if (i < 0) return null;
    } else {
      const bytes = this.bytes;
      i = bytes.stampAt(u, from, to);
      if (i < 0 || !bytes.inRange) return null;
      time.ms = bytes.time.ms;
      time.ns = bytes.time.ns;
      time.digits = bytes.time.digits;
      this.keepMinute(u, from, to);
    }
    const c = i < to ? u[i]! : -1;
    let end = i;
    if (c === 90 /* Z */ || c === 122 /* z */) end = i + 1;
    else if (c === 43 /* + */ || c === 45 /* - */) return null;
    else if (c === 32) {
      const z = i + 1 < to ? u[i + 1] : -1;
      if (z === 43 || z === 45 || z === 85 /* U */ || z === 71 /* G */) return null;
    }
    let rest = end;
    const after = rest < to ? u[rest] : -1;
    if (after === 32 || after === 9) rest++;
    if (this.mayHaveSyslogHead(u, rest, to, s)) return null;
    this.stamp.rest = rest;
    return this.stamp;
  }

  /** A new chunk comes: what readIn remembers of the last one goes (its bytes may be a reused buffer). */
  newChunk(): void {
    this.bracketIn = null;
    this.minuteIn = null;
  }

  /** Whether the line u[from, to) starts with the 17 bytes of the line readIn last read whole (the same minute). */
  private sameMinute(u: Uint8Array, from: number, to: number): boolean {
    if (this.minuteIn !== u || to - from < 19) return false;
    const v = this.view!;
    return v.getUint32(from + 12) === this.m3 && v.getUint32(from + 8) === this.m2 && v.getUint32(from) === this.m0 && v.getUint32(from + 4) === this.m1 && u[from + 16] === this.m4;
  }

  /**
   * After IsoTimeBytes read the line u[from, to) whole, into `time`: its
   * first 17 bytes and its minute's start (its time less the seconds and
   * their milliseconds, read again here), for the lines after it.
   */
  private keepMinute(u: Uint8Array, from: number, to: number): void {
    if (this.minuteIn !== u) {
      this.view = new DataView(u.buffer, u.byteOffset, u.byteLength);
      this.minuteIn = u;
    }
    const v = this.view!;
    this.m0 = v.getUint32(from);
    this.m1 = v.getUint32(from + 4);
    this.m2 = v.getUint32(from + 8);
    this.m3 = v.getUint32(from + 12);
    this.m4 = u[from + 16]!;
    let ms = 0;
    const at = from + 19;
    if (at + 1 < to && (u[at] === 46 /* . */ || u[at] === 44) /* , */ && isDigit(u[at + 1]!)) {
      // The fraction's first three digits, less than three padded with zeros: floor(nanos / 1e6) in stampAt.
      let more = true;
      for (let k = 0, f = at + 1; k < 3; k++, f++) {
        more = more && f < to && isDigit(u[f]!);
        ms = ms * 10 + (more ? u[f]! - 48 : 0);
      }
    }
    this.minuteMs = this.time.ms - ((u[from + 17]! - 48) * 10 + (u[from + 18]! - 48)) * 1000 - ms;
  }

  /**
   * IsoTimeBytes.stampAt for a line of the minute kept (sameMinute): the
   * seconds and their fraction into `time`, and the index after them; -1
   * where stampAt would not read a valid time (not two digits, past 60).
   */
  private secondsIn(u: Uint8Array, from: number, to: number): number {
    const a = u[from + 17]! - 48;
    const b = u[from + 18]! - 48;
    if (a < 0 || a > 9 || b < 0 || b > 9) return -1;
    const second = a * 10 + b;
    if (second > 60) return -1;
    const i = readFraction(u, from + 19, to);
    const { nanos, digits } = fraction;
    const time = this.time;
    time.ms = this.minuteMs + second * 1000 + Math.floor(nanos / 1e6);
    time.ns = nanos % 1e6;
    time.digits = digits;
    return i;
  }

  /**
   * Whether syslogHost(line, rest, true) could find a host and tag: only
   * where a '[' follows within 66 characters of the first space after rest.
   * The chunk's next '[' is found once and kept while lines come before it:
   * in the text when given (String indexOf is native and vectorised, where a
   * typed array's indexOf reads a byte at a time; the indices are the same).
   */
  private mayHaveSyslogHead(u: Uint8Array, rest: number, to: number, s: string | undefined): boolean {
    let sp = rest;
    while (sp < to && u[sp] !== 32) sp++;
    if (sp === rest || sp >= to) return false;
    const appStart = sp + 1;
    if (this.bracketIn !== u || this.bracketFrom > appStart || this.bracketAt < appStart) {
      const at = s !== undefined ? s.indexOf('[', appStart) : u.indexOf(91 /* [ */, appStart);
      this.bracketIn = u;
      this.bracketFrom = appStart;
      this.bracketAt = at < 0 ? u.length : at;
    }
    return this.bracketAt < to && this.bracketAt <= appStart + 65;
  }
}

/** The two digits at s[at] as a number, or -1. */
function twoDigits(s: string, at: number): number {
  const a = s.charCodeAt(at) - 48;
  const b = s.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
