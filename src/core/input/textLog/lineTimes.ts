/**
 * The times of one text input: the layout and place learnt from its head
 * (learnTimeLayout), each line's read at that place, the lines that do not
 * read (continuations, or lines that look like records but have no time:
 * skipped, with samples), the year of yearless layouts and the zone of
 * zoneless times, and what the input's reading report and diagnostics say
 * about them.
 *
 * The year, for a layout without one, comes from (first that applies): a
 * dated timestamp in the input itself (YearChooser), the user's setting for
 * the input (AnalyzeOptions.years), the date of the archive member it was
 * read from (the last line was written before it), else 1970 is assumed. A
 * setting comes before the archive's date: the user said it.
 *
 * Times written without a zone are read as UTC, said once per input, unless
 * the user set the input's zone (AnalyzeOptions.zones), which shifts them,
 * or an epoch column on the same lines gives their offset (BGL writes the
 * site's local time beside the epoch): the offset, in quarter hours, that
 * brings the local time within a second of the epoch is the line's, so a
 * change of daylight-saving time is followed and the local time's digits
 * are kept.
 */
import type { EventHandle, ExecutionBuilder } from '../../model/executionBuilder';
import type { WallTime } from '../../model/eventTime';
import { MAX_LINE_SAMPLES, sampleOf, type LineSample, type ReadingReport } from '../../read/readingReport';
import { wallTimeOf, type YearlessTime } from '../../time/wallTimeOf';
import { zoneShiftOf, type ZoneShift } from '../../time/zoneShift';
import type { ParseContext } from '../formatParser';
import { settingFor } from '../settingFor';
import { isContinuationShape, leadOf, learnTimeLayout, type TimePlacement } from './learnTimeLayout';
import { fieldStart, openerBefore, restAfter } from './linePlaces';
import { epochLayout } from '../../time/layouts/numericLayouts';
import type { LineStamp } from './timestampShapes';
import { ctimeDateIn, DEFAULT_YEAR, namesDay, YearChooser, yearAnchorIn, type YearAnchor } from './yearChooser';

export const NO_TIMESTAMPS_MESSAGE = 'no timestamps: logical order only';

type YearFrom = 'data' | 'setting' | 'archive' | 'assumed';

export class LineTimes {
  /** Where the input's lines have their wall time, or null (no layout reads them, or it is not wall time). */
  readonly placement: TimePlacement | null;
  /** A layout reads the lines, but its clock is not wall time (seconds since boot). */
  readonly notWallClock: TimePlacement | null;
  /** Whether the layout has no year (the reader collects yearless times for end()). */
  readonly yearless: boolean;
  /** The user's zone for zoneless times, or null (UTC). */
  readonly zone: ZoneShift | null;
  private readonly zoneProblem: string | null = null;
  /** The field of the epoch column that gives zoneless times their offset (TimePlacement.epochField), or -1. */
  private readonly epochField: number;
  /** Lines whose offset the epoch column gave, and the offsets met (minutes east of UTC). */
  private offsetLines = 0;
  private readonly offsets = new Set<number>();
  private anchor: YearAnchor | null = null;
  /** A ctime date on the line being read, which anchors the year if that line's record is of its day (yearChooser). */
  private ctimeOnLine: { year: number; month: number; day: number; line: number } | null = null;
  private readonly pending: { h: EventHandle; t: YearlessTime; line: number }[] = [];
  blank = 0;
  private untimed = 0;
  private continuation = 0;
  private skipped = 0;
  private readonly samples: LineSample[] = [];

  constructor(
    private readonly input: string,
    head: string,
    private readonly ctx: ParseContext,
  ) {
    const learnt = learnTimeLayout(head);
    const wall = learnt !== null && learnt.entry.layout?.wallClock !== false;
    this.placement = wall ? learnt : null;
    this.notWallClock = wall ? null : learnt;
    this.yearless = this.placement !== null && !this.placement.entry.hasYear;
    const zoneName = settingFor(ctx.options.zones, input);
    let zone: ZoneShift | null = null;
    if (zoneName !== undefined && zoneName !== '') {
      zone = zoneShiftOf(zoneName);
      if (!zone) this.zoneProblem = zoneName;
    }
    this.zone = zone;
    // A zone the user set comes first: they said it.
    this.epochField = zone === null && this.placement?.epochField !== undefined ? this.placement.epochField : -1;
  }

  /** Whether the ISO fast reader (IsoStampReader) reads this input's lines as read() would. */
  get isoAtStart(): boolean {
    const p = this.placement;
    return p !== null && p.entry.id === 'iso8601' && p.field === 0 && this.zone === null && this.epochField < 0;
  }

  /** The stamp of a line at the learnt place, or null. */
  read(line: string): LineStamp | null {
    const p = this.placement;
    // An indented line continues a record (a stack trace), whatever it holds.
    const c = line.charCodeAt(0);
    if (p === null || c === 32 || c === 9) return null;
    const { shape, layout } = p.entry;
    if (shape) {
      const stamp = shape.read(line);
      if (stamp) return stamp;
    }
    if (!layout) return null;
    const at = fieldStart(line, p.field);
    if (at < 0) return null;
    const hit = layout.readAt(line, at);
    if (!hit) return null;
    const stamp: LineStamp = { time: hit.time, ...(hit.yearless && { yearless: hit.yearless }), rest: restAfter(line, at, hit.end), start: at, zoned: hit.zoned, inside: at > 0 };
    if (hit.time !== null && !hit.zoned && this.epochField >= 0) this.placeByEpoch(line, stamp, hit.time);
    return stamp;
  }

  /** Moves a zoneless time by the offset the line's epoch column shows (within 14 hours, in quarter hours), if it shows one. */
  private placeByEpoch(line: string, stamp: LineStamp, t: WallTime): void {
    const at = fieldStart(line, this.epochField);
    const e = at < 0 ? null : epochLayout.readAt(line, at);
    if (!e || !e.time) return;
    const diff = t.ms - e.time.ms;
    const quarters = Math.round(diff / 900_000);
    const rest = diff - quarters * 900_000;
    if (Math.abs(quarters) > 56 || rest <= -1000 || rest >= 1000) return;
    stamp.time = { ms: t.ms - quarters * 900_000, ns: t.ns, digits: t.digits };
    stamp.zoned = true;
    stamp.epochOffset = quarters * 15;
  }

  /** The message of a line read into `stamp`: after the time, and for a time inside the line, the prefix before it too. */
  messageOf(line: string, stamp: LineStamp): string {
    if (!stamp.inside) return line.slice(stamp.rest);
    const open = openerBefore(line, stamp.start);
    const prefix = line.slice(0, open >= 0 ? open : stamp.start);
    return prefix.trim() === '' ? line.slice(stamp.rest) : prefix + line.slice(stamp.rest);
  }

  /** The time to give the event of a stamp (a zoneless time shifted to the user's zone); null ones are counted. */
  timeOf(stamp: LineStamp): WallTime | null {
    const t = stamp.time;
    if (t === null) {
      if (!stamp.yearless) this.untimed++;
      return null;
    }
    if (stamp.epochOffset !== undefined) {
      this.offsetLines++;
      this.offsets.add(stamp.epochOffset);
    }
    return this.zone === null || stamp.zoned ? t : this.zone.toInstant(t);
  }

  /** A yearless time, given its year at end(). */
  later(h: EventHandle, t: YearlessTime, line: number): void {
    this.pending.push({ h, t, line });
    const c = this.ctimeOnLine;
    if (c !== null && c.line === line && this.anchor === null && namesDay(c, t.month, t.day)) this.anchor = { year: c.year, month: c.month, line };
  }

  /** For yearless layouts: looks for the dated timestamp that anchors the year, until found. */
  lookForYear(line: string, lineNo: number): void {
    if (!this.yearless || this.anchor !== null) return;
    this.anchor = yearAnchorIn(line, lineNo);
    if (this.anchor !== null) return;
    const c = ctimeDateIn(line);
    this.ctimeOnLine = c && { ...c, line: lineNo };
  }

  /**
   * A line the layout does not read: whether it continues the record before
   * it (then the caller appends it). It does when there is one and the line
   * does not look like a record of its own; otherwise it is skipped, counted
   * and reported. `written`: the line as the input wrote it (with a source
   * prefix the line has lost), for the report's sample.
   */
  unread(line: string, lineNo: number, hasRecord: boolean, written = line): boolean {
    const label = this.placement!.entry.label;
    if (hasRecord && (isContinuationShape(line) || !this.placement!.leads.has(leadOf(line)))) {
      this.continuation++;
      return true;
    }
    this.skipped++;
    if (this.samples.length < MAX_LINE_SAMPLES) this.samples.push(sampleOf(lineNo, written));
    this.ctx.diagnostics.skip(
      this.input,
      lineNo,
      hasRecord ? `no ${label} time where this input's lines have it, though the line starts like one of its records: not read` : `no ${label} timestamp at the start of the line, and no record before it to continue`,
    );
    return false;
  }

  /** An event read without a time because the input has none. */
  untimedEvent(): void {
    this.untimed++;
  }

  /** Gives the yearless times their year, and says how the input's times were read. `events`: events read. */
  end(b: ExecutionBuilder, events: number): void {
    const { ctx, input, placement: p } = this;
    const d = ctx.diagnostics;
    let badDates = 0;
    let firstBadDate = 0;
    let yearFrom: YearFrom | undefined;
    if (this.yearless) {
      const years = this.years();
      yearFrom = years.from;
      for (const { h, t, line } of this.pending) {
        let time = wallTimeOf(years.yearFor(t), t);
        if (time && this.zone) time = this.zone.toInstant(time);
        b.setTime(h, time);
        if (!time && badDates++ === 0) firstBadDate = line;
      }
      if (events > 0) d.add(input, this.anchor?.line ?? 0, 'info', years.said);
    }
    this.untimed += badDates;
    let noTimeReason: string | undefined;
    if (this.notWallClock && events > 0) {
      noTimeReason = `times are ${this.notWallClock.entry.label}, not wall time: logical order only`;
      d.add(input, 0, 'info', `${noTimeReason} (${events} line${events === 1 ? '' : 's'} read as events in file order)`);
    } else if (!p && events > 0) {
      noTimeReason = 'no time layout reads the lines of this input';
      d.add(input, 0, 'info', `${NO_TIMESTAMPS_MESSAGE} (${events} line${events === 1 ? '' : 's'} read as events in file order, without times)`);
    } else if (p && events > 0 && this.untimed >= events) {
      noTimeReason = `no line's ${p.entry.label} time could be read`;
    }
    if (badDates > 0) {
      d.add(input, firstBadDate, 'warning', `${badDates} timestamp${badDates === 1 ? ' is' : 's are'} not a valid date in the chosen year; ${badDates === 1 ? 'it has' : 'they have'} no time`);
    }
    let zone: string | undefined;
    if (p && events > 0) {
      if (this.zoneProblem !== null) d.add(input, 0, 'warning', `time zone "${this.zoneProblem}" is not UTC, an offset (+02:00) or a zone name this runtime knows: times without a zone are read as UTC`);
      if (this.zone) {
        zone = this.zone.name;
        d.add(input, 0, 'info', `times without a zone are read in ${zone}, as set for this input`);
      } else if (p.zoned) {
        zone = 'in the data';
      } else if (this.offsetLines > 0) {
        zone = 'in the data';
        const shown = [...this.offsets].sort((a, b) => a - b).map(offsetText).join(', ');
        const others = events - this.untimed - this.offsetLines;
        d.add(input, 0, 'info', `times carry no zone: each line's offset from UTC (${shown}) is taken from the epoch column beside its time${others > 0 ? `; ${others} line${others === 1 ? '' : 's'} without one that agrees are read as UTC` : ''}`);
      } else {
        zone = 'UTC';
        d.add(input, 0, 'info', 'times carry no zone: read as UTC (set this input\'s zone to read them in another)');
      }
    }
    ctx.reportReading?.(input, {
      timed: events - this.untimed,
      untimed: this.untimed,
      continuation: this.continuation,
      skipped: this.skipped,
      blank: this.blank,
      skippedSamples: this.samples,
      timeLayout: p ? p.entry.id : null,
      ...(p && { timeLayoutLabel: p.entry.label, timePosition: p.column }),
      ...(zone !== undefined && { zone }),
      ...(yearFrom !== undefined && { yearFrom }),
      ...(noTimeReason !== undefined && { noTimeReason }),
    });
  }

  /** Where the year of yearless times comes from, a year for each, and the diagnostic that says so. */
  private years(): { from: YearFrom; yearFor(t: YearlessTime): number; said: string } {
    const label = this.placement!.entry.label;
    const a = this.anchor;
    if (a) {
      const c = new YearChooser(a);
      return { from: 'data', yearFor: (t) => c.yearFor(t.month), said: `${label} timestamps carry no year: taken from the dated timestamp on line ${a.line} (${a.year}), within six months of it` };
    }
    const set = settingFor(this.ctx.options.years, this.input);
    if (set !== undefined && Number.isInteger(set)) {
      const c = new YearChooser(null, set);
      return { from: 'setting', yearFor: (t) => c.yearFor(t.month), said: `${label} timestamps carry no year: ${set} as set for this input (advancing at each December → January)` };
    }
    const modified = this.ctx.inputModifiedMs?.(this.input);
    if (modified !== undefined && Number.isFinite(modified)) {
      const m = new Date(modified);
      const y = m.getUTCFullYear();
      const md = (m.getUTCMonth() + 1) * 100 + m.getUTCDate();
      // Lines are written before their file is archived: a date later in the year than that is the year before.
      return {
        from: 'archive',
        yearFor: (t) => (t.month * 100 + t.day > md + 1 ? y - 1 : y),
        said: `${label} timestamps carry no year: taken from the archive member's date (${m.toISOString().slice(0, 10)}), each the latest year that puts it before that date`,
      };
    }
    const c = new YearChooser(null);
    return {
      from: 'assumed',
      yearFor: (t) => c.yearFor(t.month),
      said: `${label} timestamps carry no year and the input has no dated timestamp: year ${DEFAULT_YEAR} assumed (advancing at each December → January); times are right within the year only`,
    };
  }
}

/** Minutes east of UTC as ±hh:mm. */
function offsetText(minutes: number): string {
  const m = Math.abs(minutes);
  return `${minutes < 0 ? '−' : '+'}${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}
