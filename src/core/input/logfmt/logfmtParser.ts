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
import { freshString } from '../../base/stringTable';
import type { FormatParser, ParseContext } from '../formatParser';
import { executionFor } from '../executionFor';
import { firstPresentKey, HOST_KEYS, MESSAGE_KEYS, PROCESS_KEYS, processNameOfInput, TIME_KEYS } from '../fieldConventions';
import { scanLogfmt } from '../keyValuePairs';
import type { EventHandle, ExecutionBuilder } from '../../model/executionBuilder';
import { LineSplitter, readWhole, type LineSink, type TextReader } from '../lineSplitter';
import type { WallTime } from '../../model/eventTime';
import { parseTimestamp } from '../../time/parseTimestamp';

export class LogfmtParser implements FormatParser {
  parse(input: string, text: string, ctx: ParseContext): void {
    readWhole(this.reader(input, '', ctx), text);
  }

  reader(input: string, _head: string, ctx: ParseContext): TextReader {
    return new LogfmtReader(input, ctx);
  }
}

/**
 * Where the roles sit in one key sequence (lines of one logger share a few):
 * indices into its pairs, in convention order. A repeated key counts once, at
 * its first place, with its first value (`firsts` lists those places).
 */
interface KeyShape {
  keys: string[];
  firsts: number[];
  time: number[];
  process: number[];
  host: number[];
  /** Whether the key at an index is a host key (then a process named by it has no separate domain). */
  hostKey: boolean[];
  message: number;
}

/** Key shapes remembered per input. */
const SHAPES_KEPT = 8;

function newShape(keys: string[]): KeyShape {
  const firstAt = new Map<string, number>();
  keys.forEach((k, i) => {
    if (!firstAt.has(k)) firstAt.set(k, i);
  });
  const present = (list: readonly string[]) => list.filter((k) => firstAt.has(k)).map((k) => firstAt.get(k)!);
  const message = firstPresentKey(MESSAGE_KEYS, (k) => firstAt.has(k));
  return {
    keys,
    firsts: [...firstAt.values()],
    time: present(TIME_KEYS),
    process: present(PROCESS_KEYS),
    host: present(HOST_KEYS),
    hostKey: keys.map((k) => (HOST_KEYS as readonly string[]).includes(k)),
    message: message ? firstAt.get(message)! : -1,
  };
}

class LogfmtReader implements LineSink, TextReader {
  private readonly b: ExecutionBuilder;
  private readonly fileProcess: string;
  private readonly splitter = new LineSplitter(this);
  private last: EventHandle = -1;
  private continued = 0;
  private firstContinued = 0;
  private badTimes = 0;
  private firstBadTime = 0;
  private badTimeSample = '';
  private readonly shapes: KeyShape[] = [];
  /** Where in `shapes` the last line's shape is, and the shape added last. */
  private lastShape = 0;
  private lastAdded = -1;
  /** The last line's process, so a run of lines from one process looks it up once. */
  private lastName = '';
  private lastDomain: string | undefined = undefined;
  private lastProcess = -1;

  constructor(
    private readonly input: string,
    private readonly ctx: ParseContext,
  ) {
    this.b = ctx.execution(executionFor(input, ctx));
    this.fileProcess = processNameOfInput(input);
  }

  text(chunk: string): void {
    this.splitter.text(chunk);
  }

  line(text: string, lineNo: number): void {
    const raw = lineNo === 1 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const line = raw.trim();
    if (line === '') return;
    const { b, ctx, input } = this;
    const d = ctx.diagnostics;

    const scan = scanLogfmt(line);
    if (scan.error) {
      d.skip(input, lineNo, `not a logfmt line: ${scan.error}`);
      return;
    }
    // A line of bare words only (no '=') is free text, not pairs.
    if (scan.pairs.length === scan.bareKeys) {
      if (this.last >= 0) {
        b.appendText(this.last, `\n${raw}`);
        if (this.continued++ === 0) this.firstContinued = lineNo;
      } else {
        d.skip(input, lineNo, 'line has no key=value pairs and no record before it to continue');
      }
      return;
    }

    const pairs = scan.pairs;
    const shape = this.shapeOf(pairs);
    const firsts = shape.firsts;
    let timeAt = -1;
    let time: WallTime | null = null;
    let candidateAt = -1;
    for (let r = 0; r < shape.time.length; r++) {
      const at = shape.time[r]!;
      time = parseTimestamp(pairs[at]![1]);
      if (time) {
        timeAt = at;
        break;
      }
      if (candidateAt < 0) candidateAt = at;
    }
    if (!time && candidateAt >= 0 && this.badTimes++ === 0) {
      this.firstBadTime = lineNo;
      this.badTimeSample = `${pairs[candidateAt]![0]}=${pairs[candidateAt]![1].slice(0, 60)}`;
    }
    // pickProcess (fieldConventions.ts) over the shape's indices.
    let processAt = -1;
    let name = this.fileProcess;
    for (let r = 0; r < shape.process.length; r++) {
      const v = pairs[shape.process[r]!]![1];
      if (v !== '') {
        processAt = shape.process[r]!;
        name = v;
        break;
      }
    }
    let domain: string | undefined;
    if (processAt >= 0 && !shape.hostKey[processAt]) {
      for (let r = 0; r < shape.host.length; r++) {
        const host = pairs[shape.host[r]!]![1];
        if (host !== '') {
          if (host !== name) domain = host;
          break;
        }
      }
    }
    let p = this.lastProcess;
    if (p < 0 || name !== this.lastName || domain !== this.lastDomain) {
      p = b.process(name, domain);
      this.lastProcess = p;
      this.lastName = b.processName(p);
      this.lastDomain = domain;
    }
    const messageAt = shape.message;
    const message = messageAt >= 0 ? pairs[messageAt]![1] : line;
    this.last = b.beginEvent(p, time, freshString(message), input, lineNo);
    for (let f = 0; f < firsts.length; f++) {
      const at = firsts[f]!;
      if (at !== timeAt && at !== processAt && at !== messageAt) b.addField(pairs[at]![0], pairs[at]![1]);
    }
  }

  /** The shape of this key sequence, from the few remembered (the one that matched last is tried first). */
  private shapeOf(pairs: readonly [string, string][]): KeyShape {
    const shapes = this.shapes;
    const n = shapes.length;
    for (let t = 0; t < n; t++) {
      const s = (this.lastShape + t) % n;
      const known = shapes[s]!.keys;
      if (known.length !== pairs.length) continue;
      let same = true;
      for (let i = 0; i < known.length; i++) {
        if (known[i] !== pairs[i]![0]) {
          same = false;
          break;
        }
      }
      if (!same) continue;
      this.lastShape = s;
      return shapes[s]!;
    }
    // A new shape takes a free place, else the place after the last one taken (round robin).
    const shape = newShape(pairs.map((pair) => freshString(pair[0])));
    const s = n < SHAPES_KEPT ? n : (this.lastAdded + 1) % SHAPES_KEPT;
    shapes[s] = shape;
    this.lastAdded = s;
    this.lastShape = s;
    return shape;
  }

  end(): void {
    this.splitter.end();
    const { ctx, input, continued, badTimes } = this;
    const d = ctx.diagnostics;
    if (continued > 0) {
      d.add(input, this.firstContinued, 'info', `${continued} line${continued === 1 ? '' : 's'} without key=value pairs kept as continuation of the record before ${continued === 1 ? 'it' : 'them'}`);
    }
    if (badTimes > 0) {
      d.add(input, this.firstBadTime, 'warning', `${badTimes} line${badTimes === 1 ? ' has a time field' : 's have time fields'} that could not be read as a timestamp (first: ${this.badTimeSample}); ${badTimes === 1 ? 'it has' : 'they have'} no time`);
    }
  }
}
