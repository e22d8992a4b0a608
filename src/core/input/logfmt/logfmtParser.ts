/**
 * Reads logfmt (`ts=... level=info msg="payment sent" req_id=7 to=ledger`),
 * one event per line, with the field conventions of JSON lines
 * (fieldConventions.ts): the first time, process and message keys present
 * give the event's time, lane and text, and every other pair is a field.
 *
 * A line with no pairs continues the record before it (a stack trace printed
 * after a logfmt line) and is appended to its text; one diagnostic counts
 * them. A line that breaks the syntax (an unterminated quote) is skipped and
 * reported, as is a pair-less line before any record.
 */
import type { FormatParser, ParseContext } from '../formatParser';
import { executionFor } from '../executionFor';
import { processNameOfInput } from '../fieldConventions';
import { KeyShapeCache, pickShapeProcess, ProcessCache, processKeysFor, reportSources, UnreadableTimes, type KeyShape, type PickedProcess } from '../keyShapes';
import { LogfmtScanner } from '../keyValuePairs';
import { SpanFieldIds, type ValueSlots } from '../spanFieldIds';
import type { EventHandle, ExecutionBuilder } from '../../model/executionBuilder';
import { LineSplitter, readWhole, type LineSink, type TextReader } from '../lineSplitter';
import type { WallTime } from '../../model/eventTime';
import { parseIsoDateTimeIn } from '../../time/parseTimestamp';
import { FieldZone } from '../../time/fieldZone';
import { layoutTimeOf, readTimeText } from '../../time/readTimeText';

/** Key shapes matched against a line's key spans before asking the KeyShapeCache (which needs strings). */
const SHAPES_MATCHED = 8;

export class LogfmtParser implements FormatParser {
  parse(input: string, text: string, ctx: ParseContext): void {
    readWhole(this.reader(input, '', ctx), text);
  }

  reader(input: string, _head: string, ctx: ParseContext): TextReader {
    return new LogfmtReader(input, ctx);
  }
}

class LogfmtReader implements LineSink, TextReader {
  private readonly b: ExecutionBuilder;
  private readonly fileProcess: string;
  /** The read stage's clock domain for the file's process; with `fixed`, every line is that process (a container's log). */
  private readonly fileDomain: string | undefined;
  private readonly fixed: boolean;
  private readonly splitter = new LineSplitter(this);
  private last: EventHandle = -1;
  private continued = 0;
  private firstContinued = 0;
  /** The first key a time was read from, for the reading report's timePosition. */
  private timeKey: string | undefined = undefined;
  /** Times written without a zone: read in the input's zone where one is set. */
  private readonly zone: FieldZone;
  private readonly badTimes = new UnreadableTimes();
  /** Key sequences met, with the keys that name a process (AnalyzeOptions.sourceColumns, else the conventions). */
  private readonly shapes: KeyShapeCache;
  private readonly processes = new ProcessCache();
  private readonly picked: PickedProcess = { at: -1, name: '', domain: undefined };
  private readonly scan = new LogfmtScanner();
  private readonly ids: SpanFieldIds;
  /** Shapes met so far, the last matched first, and per shape its keys' value tables (filled on first use). */
  private readonly known: KeyShape[] = [];
  private readonly knownValues: (ValueSlots | undefined)[][] = [];
  /** The line being read and, per place, the value text made last (process and host repeat line after line). */
  private current = '';
  private readonly lastText: string[] = [];
  private readonly keyAt = (i: number) => this.scan.key(this.current, i);
  private readonly usableAt = (i: number) => {
    const v = this.textAt(i);
    return v === '' ? undefined : v;
  };

  constructor(
    private readonly input: string,
    private readonly ctx: ParseContext,
  ) {
    this.b = ctx.execution(executionFor(input, ctx));
    const source = ctx.sourceOf?.(input);
    this.fileProcess = source?.process ?? processNameOfInput(input);
    this.fileDomain = source?.domain;
    this.fixed = source?.process !== undefined;
    this.ids = new SpanFieldIds(this.b);
    this.shapes = new KeyShapeCache(processKeysFor(ctx.options.sourceColumns, input));
    this.zone = new FieldZone(ctx.options, input);
  }

  text(chunk: string): void {
    this.splitter.text(chunk);
  }

  line(text: string, lineNo: number): void {
    const raw = lineNo === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const line = raw.trim();
    if (line === '') return;
    const { b, ctx, input, scan } = this;
    const d = ctx.diagnostics;

    if (!scan.scan(line)) {
      d.skip(input, lineNo, `not a logfmt line: ${scan.error}`);
      return;
    }
    // A line of bare words only (no '=') is free text, not pairs.
    if (scan.count === scan.bareKeys) {
      if (this.last >= 0) {
        b.appendText(this.last, `\n${raw}`);
        if (this.continued++ === 0) this.firstContinued = lineNo;
      } else {
        d.skip(input, lineNo, 'line has no key=value pairs and no record before it to continue');
      }
      return;
    }

    this.current = line;
    const shape = this.shapeOf(line);
    const values = this.knownValues[0]!;
    const firsts = shape.firsts;
    let timeAt = -1;
    let time: WallTime | null = null;
    let candidateAt = -1;
    for (let r = 0; r < shape.time.length; r++) {
      const at = shape.time[r]!;
      time = this.timeAt(line, at);
      if (time) {
        timeAt = at;
        if (this.timeKey === undefined) this.timeKey = scan.key(line, at);
        if (!this.zone.idle) time = this.zonedAt(time, line, at);
        break;
      }
      if (candidateAt < 0) candidateAt = at;
    }
    if (!time && candidateAt >= 0) this.badTimes.note(lineNo, () => `${scan.key(line, candidateAt)}=${scan.value(line, candidateAt).slice(0, 60)}`);
    let processAt = -1;
    let p: number;
    if (this.fixed) p = this.processes.get(b, this.fileProcess, this.fileDomain);
    else if ((p = this.knownProcess(shape, line)) >= 0) processAt = this.knownAt;
    else {
      const picked = pickShapeProcess(shape, this.usableAt, this.fileProcess, this.picked);
      processAt = picked.at;
      p = this.processes.get(b, picked.name, picked.domain);
    }
    const messageAt = shape.message;
    const message = messageAt >= 0 ? scan.value(line, messageAt) : line;
    // No copy: the builder's text column joins texts into chunk strings of its own.
    this.last = b.beginEvent(p, time, message, input, lineNo);
    const ids = this.ids;
    const keyIds = shape.keyIds;
    let place = 0;
    for (let f = 0; f < firsts.length; f++) {
      const at = firsts[f]!;
      if (at === timeAt || at === processAt || at === messageAt) continue;
      // Keys are interned when first added, as addField would: ids come in the order fields are met.
      let keyId = keyIds[at]!;
      if (keyId < 0) keyId = keyIds[at] = b.strings.intern(shape.keys[at]!);
      const unescaped = scan.unescaped[at];
      if (unescaped !== undefined) {
        b.addFieldId(keyId, b.valueId(place, keyId, unescaped));
      } else {
        const table = values[at] ?? (values[at] = ids.valuesOf(keyId));
        b.addFieldId(keyId, ids.valueIdAt(table, place, keyId, line, scan.valueStart[at]!, scan.valueEnd[at]!));
      }
      place++;
    }
  }

  /** Where knownProcess found the process's value. */
  private knownAt = -1;

  /**
   * The process pickShapeProcess would give the line, when it was met
   * before, found from the values' spans (ProcessCache.lastIf) without
   * making their strings: lines of many sources interleaved (hundreds of
   * hosts in one file) cost no name string each. -1 when it must be picked
   * from strings (an escaped value, a process not met yet).
   */
  private knownProcess(shape: KeyShape, line: string): number {
    const { scan } = this;
    const { valueStart, valueEnd, unescaped } = scan;
    let at = -1;
    for (const i of shape.process) {
      if (unescaped[i] !== undefined) return -1;
      if (valueEnd[i]! > valueStart[i]!) {
        at = i;
        break;
      }
    }
    if (at < 0) return -1;
    let hostAt = -1;
    if (!shape.hostKey[at]) {
      for (const i of shape.host) {
        if (unescaped[i] !== undefined) return -1;
        if (valueEnd[i]! > valueStart[i]!) {
          hostAt = i;
          break;
        }
      }
    }
    this.knownAt = at;
    return this.processes.lastIf(line, valueStart[at]!, valueEnd[at]!, hostAt < 0 ? -1 : valueStart[hostAt]!, hostAt < 0 ? -1 : valueEnd[hostAt]!);
  }

  /**
   * The shape of the line's keys: one met before is recognised from the
   * spans (no key strings), else the KeyShapeCache finds or makes it. Moves
   * it to the front of `known`.
   */
  private shapeOf(line: string): KeyShape {
    const { known, knownValues, scan } = this;
    const count = scan.count;
    for (let s = 0; s < known.length; s++) {
      const keys = known[s]!.keys;
      if (keys.length !== count) continue;
      let same = true;
      for (let i = 0; i < count && same; i++) same = sameText(keys[i]!, line, scan.keyStart[i]!, scan.keyEnd[i]!);
      if (!same) continue;
      if (s > 0) moveToFront(known, knownValues, s);
      return known[0]!;
    }
    const shape = this.shapes.find(count, this.keyAt);
    known.push(shape);
    knownValues.push([]);
    if (known.length > SHAPES_MATCHED) {
      known.shift();
      knownValues.shift();
    }
    moveToFront(known, knownValues, known.length - 1);
    return shape;
  }

  /** parseTimestamp of the value at `at`, reading an ISO date-time in place. */
  private timeAt(line: string, at: number): WallTime | null {
    const unescaped = this.scan.unescaped[at];
    if (unescaped !== undefined) return readTimeText(unescaped);
    const from = this.scan.valueStart[at]!;
    const to = this.scan.valueEnd[at]!;
    // parseTimestamp trims first: a value that starts and ends with printable ASCII has nothing to trim.
    if (to - from >= 16 && isPrintable(line.charCodeAt(from)) && isPrintable(line.charCodeAt(to - 1))) {
      const sep = line.charCodeAt(from + 4);
      // Not ISO after all (BGL's `2005-06-03-15.42.50`): the time layouts may read it.
      if (sep === 45 /* - */ || sep === 47 /* / */) return parseIsoDateTimeIn(line, from, to) ?? layoutTimeOf(line.slice(from, to));
    }
    return readTimeText(line.slice(from, to));
  }

  /** The instant of a time read from the value at `at` (FieldZone). */
  private zonedAt(time: WallTime, line: string, at: number): WallTime {
    const unescaped = this.scan.unescaped[at];
    return unescaped !== undefined ? this.zone.of(time, unescaped, 0, unescaped.length) : this.zone.of(time, line, this.scan.valueStart[at]!, this.scan.valueEnd[at]!);
  }

  /** The value at `at` as text; the one made last at that place when it is the same. */
  private textAt(at: number): string {
    const { scan, current: line } = this;
    const unescaped = scan.unescaped[at];
    if (unescaped !== undefined) return unescaped;
    const from = scan.valueStart[at]!;
    const to = scan.valueEnd[at]!;
    const was = this.lastText[at];
    if (was !== undefined && sameText(was, line, from, to)) return was;
    return (this.lastText[at] = line.slice(from, to));
  }

  end(): void {
    this.splitter.end();
    const { ctx, input, continued } = this;
    const d = ctx.diagnostics;
    if (continued > 0) {
      d.add(input, this.firstContinued, 'info', `${continued} line${continued === 1 ? '' : 's'} without key=value pairs kept as continuation of the record before ${continued === 1 ? 'it' : 'them'}`);
    }
    this.badTimes.report(d, input);
    ctx.reportReading?.(input, { continuation: continued, ...(this.timeKey !== undefined && { timePosition: this.timeKey, ...this.zone.report(d, input) }) });
    reportSources(ctx, input, this.shapes, this.processes, this.fixed);
  }
}

function moveToFront<A, B>(a: A[], b: B[], at: number): void {
  const x = a[at]!;
  const y = b[at]!;
  for (let i = at; i > 0; i--) {
    a[i] = a[i - 1]!;
    b[i] = b[i - 1]!;
  }
  a[0] = x;
  b[0] = y;
}

/** Whether s equals text[start, end): sliced and compared natively, quicker in V8 than a loop of charCodeAt. */
function sameText(s: string, text: string, start: number, end: number): boolean {
  return s.length === end - start && text.slice(start, end) === s;
}

/** A printable ASCII character, which trim() never removes. */
function isPrintable(c: number): boolean {
  return c > 32 && c < 127;
}
