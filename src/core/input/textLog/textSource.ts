/**
 * Reads, line by line, the source a SourceChoice (sourceColumn.ts) names, and
 * gives its process. The name is found by index arithmetic (sourceShapes.ts)
 * in the line as it stands — a string, or the chunk it lies in — and looked
 * up by its characters in a small hash table of names already met, so a
 * line from a known source makes no string: only a new source's name is
 * sliced, once. Hundreds of interleaved sources cost one hash per line.
 *
 * Lanes: a `pod/container` (kubectl, stern) is in its pod's clock domain; the
 * services of one docker compose file share the file's (they run on one
 * machine); a leading file name or a tail section names the file's lane; a
 * service field beside a host field is the service's lane in the host's
 * domain (`svc@host` when one service is on several hosts, serviceLanes.ts);
 * a host column is its own domain.
 */
import type { EventHandle, ExecutionBuilder } from '../../model/executionBuilder';
import type { ParseContext } from '../formatParser';
import { serviceLane, serviceLaneName } from '../serviceLanes';
import { choiceNamed, detectPrefix, detectWithin, headLines, PREFIX_KINDS, stripPrefix, type SourceChoice, type SourceKind, type StampView } from './sourceColumn';
import {
  laneOfFile,
  newSpans,
  readBracketPrefix,
  readColumn,
  readComposePrefix,
  readFilePrefix,
  readKeyValue,
  readPodContainer,
  readSectionHeader,
  readSyslogHead,
  readSyslogTag,
  type SourceSpans,
} from './sourceShapes';

/** read()'s answer for a section header line (`==> x <==`): not an event. */
export const SECTION_HEADER = -2;

const SLOTS = 4096;

export class TextSource {
  /** The prefix stripped from each line (null: none). */
  readonly strip: SourceKind | null;
  /** Whether the source is read from the prefix (else from inside the line, on records only). */
  readonly fromPrefix: boolean;
  private readonly spans: SourceSpans = newSpans();
  private readonly inner: SourceSpans = newSpans();
  private readonly bare: string;
  private readonly spaced: string;
  private readonly hostBare: string;
  private readonly hostSpaced: string;
  /** The current tail section's process, -1 before the first header. */
  private section = -1;
  /** Names met: per slot the name, the second part ('' none) and the process. */
  private readonly slotA: (string | undefined)[] = new Array<string | undefined>(SLOTS);
  private readonly slotB: string[] = new Array<string>(SLOTS);
  private readonly slotP = new Int32Array(SLOTS).fill(-1);
  /** Other ways the input's sources could be read, for the report. */
  candidates: string[] = [];
  /** The line enter() was given, for process(). */
  private s = '';
  private from = 0;
  private to = 0;
  /** The last record of each process met (by process index), and the process of the line before. */
  private readonly lastOf: EventHandle[] = [];
  private lineP = -1;
  /** After enter(): the record a line without a time continues (the last of its source's, when its prefix names one). */
  last: EventHandle = -1;
  /** Processes this input's lines went to. */
  private readonly used: number[] = [];
  sources = 0;
  /** Records whose line named no source (they go to the file's process). */
  unnamed = 0;
  /** A `key=` source: the reader begins the record with PROCESS_PENDING, adds its fields and asks fieldProcess(). */
  readonly byFields: boolean;
  /** The string ids of the source key and the host key (-1: not met yet), and the last pair of values and its process. */
  private keyId = -1;
  private hostKeyId = -1;
  private lastValue = -1;
  private lastHost = -1;
  private lastFieldP = -1;
  /** Where the keys were among the fields of the record before. */
  private keyPlace = 0;
  private hostPlace = 0;
  /** Processes by source value id, then host value id (-1: none). */
  private readonly byValue = new Map<number, Map<number, number>>();

  constructor(
    readonly choice: SourceChoice,
    /** The prefix to strip when the source is read elsewhere (the user chose a column over it), or null. */
    prefix: SourceKind | null,
    private readonly b: ExecutionBuilder,
    /** The input's own lane name, and its clock domain for compose services. */
    private readonly fileLane: string,
    /** Syslog apps kept apart as app@host, for the reader's one diagnostic. */
    private readonly renamed: Set<string> = new Set(),
  ) {
    this.fromPrefix = PREFIX_KINDS.includes(choice.kind);
    this.strip = this.fromPrefix ? choice.kind : prefix;
    this.bare = `${choice.key ?? ''}=`;
    this.spaced = ` ${choice.key ?? ''}=`;
    this.hostBare = `${choice.hostKey ?? ''}=`;
    this.hostSpaced = ` ${choice.hostKey ?? ''}=`;
    this.byFields = choice.kind === 'field';
  }

  /**
   * With a `key=` source, the process of the record added last, begun with
   * PROCESS_PENDING and given its fields: the value of the source key (and
   * of the host key) as the field scan read it, so the lane and the event's
   * fields say the same. A line whose message has no such field (the key
   * written before the time) is searched whole, s[from, to). -1: it names none.
   */
  fieldProcess(s: string, from: number, to: number): number {
    const b = this.b;
    const strings = b.strings;
    if (this.keyId < 0) this.keyId = strings.find(this.choice.key!);
    const v = this.keyId < 0 ? -1 : b.lastFieldValue(this.keyId, this.keyPlace);
    if (v < 0) return this.recordProcess(s, from, to);
    this.keyPlace = b.foundAt;
    let h = -1;
    if (this.choice.hostKey !== undefined) {
      if (this.hostKeyId < 0) this.hostKeyId = strings.find(this.choice.hostKey);
      if (this.hostKeyId >= 0) h = b.lastFieldValue(this.hostKeyId, this.hostPlace);
      if (h >= 0) this.hostPlace = b.foundAt;
    }
    // Runs of lines from one source: the pair of ids before is the likely one.
    if (v === this.lastValue && h === this.lastHost) return this.lastFieldP;
    let hosts = this.byValue.get(v);
    if (hosts === undefined) this.byValue.set(v, (hosts = new Map()));
    let p = hosts.get(h);
    if (p === undefined) {
      const name = strings.get(v);
      if (name === '') {
        this.unnamed++;
        return -1;
      }
      p = this.laneOf(name, h < 0 ? '' : strings.get(h));
      hosts.set(h, p);
      if (this.used[p] !== 1) {
        this.used[p] = 1;
        this.sources++;
      }
    }
    this.lastValue = v;
    this.lastHost = h;
    return (this.lastFieldP = p);
  }

  /**
   * A line s[from, to), before its time is read: where the rest of it starts
   * (after a prefix; from when it has none), or SECTION_HEADER. `last` is the
   * parser's last record, kept for the line before's source; after, `last`
   * is the record this line would continue.
   */
  enter(s: string, from: number, to: number, last: EventHandle): number {
    if (this.lineP >= 0) this.lastOf[this.lineP] = last;
    const rest = this.readPrefix(s, from, to);
    const p = this.prefixProcess;
    this.lineP = p;
    this.last = p >= 0 ? (this.lastOf[p] ?? -1) : last;
    this.s = s;
    this.from = rest;
    this.to = to;
    return rest;
  }

  /** The line enter() was given without its prefix, read from now on; returns it. */
  rebase(line: string): string {
    this.s = line;
    this.from = 0;
    this.to = line.length;
    return line;
  }

  /**
   * The process of the record on the line enter() was given last, or -1 when
   * it names none (the file's process, or the syslog host and app its stamp
   * gives). `stamp.rest`: where its message starts in that line.
   */
  process(stamp?: StampView): number {
    const kind = this.choice.kind;
    if (kind === 'none') return -1;
    if (kind === 'syslog') {
      if (stamp === undefined || stamp.app !== undefined) return -1;
      const sp = this.inner;
      const host = stamp.host;
      if (host !== undefined) {
        // The layout read the host but no tag it knows (`Some App[12]:`, `tag[12] (detail)`): the tag after it.
        const h0 = stamp.rest - 1 - host.length;
        if (h0 < 0 || !this.s.startsWith(host, h0)) return -1;
        sp.a0 = h0;
        sp.a1 = h0 + host.length;
        if (readSyslogTag(this.s, stamp.rest, this.to, sp) === 0) return -1;
      } else if (readSyslogHead(this.s, stamp.rest, this.to, sp) === 0) return -1;
      return this.lookup(this.s, sp.a0, sp.a1, sp.b0, sp.b1);
    }
    if (this.fromPrefix) {
      if (this.prefixProcess < 0) this.unnamed++;
      return this.prefixProcess;
    }
    return this.recordProcess(this.s, this.from, this.to);
  }

  /** A lane the parser made for a record from the syslog host and app its stamp read: one of the sources reported. */
  counted(p: number): number {
    if (this.used[p] !== 1) {
      this.used[p] = 1;
      this.sources++;
    }
    return p;
  }

  /** What the reading report says of the sources, at the input's end. */
  end(ctx: ParseContext, input: string): void {
    if (this.choice.kind === 'none') return;
    const sources = this.sources + (this.unnamed > 0 ? 1 : 0);
    ctx.reportReading?.(input, { sourceColumn: this.choice.id, sourceCandidates: this.candidates, sources });
    this.s = '';
    if (this.unnamed > 0) {
      ctx.diagnostics.add(input, 0, 'info', `${this.unnamed} record${this.unnamed === 1 ? '' : 's'} named no source in ${this.choice.id}: read as the file's own process`);
    }
  }

  /** With a prefix source, the process the last readPrefix() found (-1: none). */
  private prefixProcess = -1;

  private readPrefix(s: string, from: number, to: number): number {
    const kind = this.strip;
    this.prefixProcess = -1;
    if (kind === null) return from;
    const sp = this.spans;
    if (kind === 'sections') {
      if (readSectionHeader(s, from, to, sp)) {
        this.section = this.lookup(s, sp.a0, sp.a1, -1, -1);
        return SECTION_HEADER;
      }
      this.prefixProcess = this.section;
      return from;
    }
    let found: boolean;
    if (kind === 'bracket') found = readBracketPrefix(s, from, to, sp);
    else if (kind === 'stern') found = readPodContainer(s, from, to, sp);
    else if (kind === 'compose') found = readComposePrefix(s, from, to, sp);
    else found = readFilePrefix(s, from, to, sp);
    if (!found) return from;
    if (this.fromPrefix) this.prefixProcess = this.lookup(s, sp.a0, sp.a1, sp.b0, sp.b1);
    return sp.rest;
  }

  /** The process a record s[from, to) (after any prefix) names inside it, or -1 when it names none. */
  private recordProcess(s: string, from: number, to: number): number {
    const c = this.choice;
    const sp = this.inner;
    let found: boolean;
    if (c.kind === 'column') found = readColumn(s, from, to, c.column!, sp);
    else if (c.kind === 'field') {
      found = readKeyValue(s, from, to, this.bare, this.spaced, sp);
      sp.b0 = sp.b1 = -1;
      if (found && c.hostKey !== undefined) {
        const a0 = sp.a0;
        const a1 = sp.a1;
        if (readKeyValue(s, from, to, this.hostBare, this.hostSpaced, sp)) {
          sp.b0 = sp.a0;
          sp.b1 = sp.a1;
        }
        sp.a0 = a0;
        sp.a1 = a1;
      }
    } else return -1;
    if (!found) {
      this.unnamed++;
      return -1;
    }
    return this.lookup(s, sp.a0, sp.a1, sp.b0, sp.b1);
  }

  /** The process of the name s[a0, a1) with second part s[b0, b1) (b0 < 0: none), made on first sight. */
  private lookup(s: string, a0: number, a1: number, b0: number, b1: number): number {
    let h = 0x811c9dc5;
    for (let i = a0; i < a1; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0x2f, 0x01000193);
    if (b0 >= 0) for (let i = b0; i < b1; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
    const slot = (h ^ (h >>> 15)) & (SLOTS - 1);
    const a = this.slotA[slot];
    const bLen = b0 >= 0 ? b1 - b0 : 0;
    if (a !== undefined && a.length === a1 - a0 && this.slotB[slot]!.length === bLen && s.startsWith(a, a0) && (bLen === 0 || s.startsWith(this.slotB[slot]!, b0))) {
      return this.slotP[slot]!;
    }
    // Copies, so that the table keeps no chunk alive.
    const name = copyOf(s, a0, a1);
    const second = b0 >= 0 ? copyOf(s, b0, b1) : '';
    const p = this.laneOf(name, second);
    this.slotA[slot] = name;
    this.slotB[slot] = second;
    this.slotP[slot] = p;
    if (this.used[p] !== 1) {
      this.used[p] = 1;
      this.sources++;
    }
    return p;
  }

  private laneOf(name: string, second: string): number {
    const b = this.b;
    switch (this.choice.kind) {
      case 'bracket':
        return b.process(name, second);
      case 'stern':
        return b.process(`${name}/${second}`, name);
      case 'compose':
        return b.process(name, this.fileLane);
      case 'file':
      case 'sections':
        return b.process(laneOfFile(name));
      case 'field':
        return serviceLane(b, name, second === '' ? undefined : second);
      case 'syslog': {
        // name: the host, second: the app.
        const lane = serviceLaneName(b, second, name);
        if (lane !== second) this.renamed.add(lane);
        return b.process(lane, name);
      }
      default:
        return b.process(name);
    }
  }
}

function copyOf(s: string, from: number, to: number): string {
  const t = s.slice(from, to);
  return t.length < 13 ? t : t[0]! + t.slice(1);
}

/**
 * How one text input's sources are read, in two steps around the learning
 * of its time layout: first the prefix (the layout is learnt from `head`,
 * the head without it), then, given the layout's read, the source inside the
 * lines, the user's choice (AnalyzeOptions.sourceColumns) and the report.
 */
export class SourcePlan {
  /** The head with any prefix taken off its lines, for learning the time layout. */
  readonly head: string;
  /** Whether the whole input is one source ('none' chosen). */
  readonly none: boolean;
  private readonly prefix: SourceChoice | null;
  private readonly lines: string[];

  constructor(
    private readonly input: string,
    head: string,
    /** The user's choice for the input, if any. */
    private readonly wanted: string | undefined,
  ) {
    this.none = wanted !== undefined && wanted.trim().toLowerCase() === 'none';
    const lines = headLines(head);
    this.prefix = detectPrefix(lines);
    if (this.prefix === null) {
      this.head = head;
      this.lines = lines;
    } else {
      const kind = this.prefix.kind;
      this.lines = [];
      for (const l of lines) {
        const rest = stripPrefix(kind, l);
        if (rest !== null && rest.trim() !== '') this.lines.push(rest);
      }
      this.head = this.lines.join('\n');
    }
  }

  /**
   * The source reader for the input, or null when its lines name no source
   * (or the syslog host and app the layout reads name it, or the user said
   * 'none'). Says in the reading report which way was chosen and what else
   * could be. `read`: the time layout's read, null without one.
   */
  open(read: ((line: string) => StampView | null) | null, b: ExecutionBuilder, fileLane: string, ctx: ParseContext, renamed?: Set<string>): TextSource | null {
    const within = detectWithin(this.lines, read);
    const candidates = this.prefix ? [this.prefix, ...within.candidates] : within.candidates;
    let chosen = this.prefix ?? within.chosen;
    if (this.wanted !== undefined && !this.none) {
      const named = choiceNamed(this.wanted, candidates);
      if (named) chosen = named;
      else {
        const list = candidates.map((c) => c.id).join(', ');
        ctx.diagnostics.add(this.input, 0, 'warning', `source column "${this.wanted}" is not one of this input's (${list || 'none found'}); the detected one is used`);
      }
    }
    if (this.none) chosen = null;
    const others = candidates.filter((c) => c !== chosen && c.id !== chosen?.id).map((c) => c.id);
    if (chosen === null) {
      if (others.length > 0) ctx.reportReading?.(this.input, { sourceCandidates: others });
      // The prefix still comes off each line: the time layout was learnt without it.
      return this.prefix ? new TextSource({ id: 'none', kind: 'none' }, this.prefix.kind, b, fileLane) : null;
    }
    const source = new TextSource(chosen, this.prefix?.kind ?? null, b, fileLane, renamed);
    source.candidates = others;
    return source;
  }
}
