/**
 * Parsers fill an ExecutionBuilder in whatever order they read lines; build()
 * fixes the canonical layout: processes sorted by name, each process's events
 * contiguous in the order they were added (program order), edges remapped and
 * sorted. Because the layout depends only on names and per-process order, the
 * same inputs in any file order give the same execution.
 */
import { assert } from '../base/assert';
import { Growable } from '../base/growable';
import { freshString, StringTable } from '../base/stringTable';
import type { WallTime } from './eventTime';
import { EventKind, type Execution } from './execution';

export interface EventInit {
  time?: WallTime | null;
  text: string;
  fields?: Record<string, string> | [string, string][];
  input: string;
  line: number;
  /** A hint; build() derives send/receive from edges where the parser gave none. */
  kind?: EventKind;
}

/** A handle to an added event, valid until build(). */
export type EventHandle = number;

export class ExecutionBuilder {
  readonly strings = new StringTable();
  private readonly processIndex = new Map<string, number>();
  private readonly processNames: string[] = [];
  private readonly processDomainName: string[] = [];
  private readonly inputIndex = new Map<string, number>();
  private readonly inputs: string[] = [];

  private readonly proc = new Growable(Uint32Array);
  private readonly timeMs = new Growable(Float64Array);
  private readonly timeNs = new Growable(Uint32Array);
  private readonly timeDigits = new Growable(Uint8Array);
  private readonly kind = new Growable(Uint8Array);
  private readonly kindGiven = new Growable(Uint8Array);
  private readonly input = new Growable(Uint32Array);
  private readonly line = new Growable(Uint32Array);
  private readonly texts: string[] = [];
  private readonly fieldCount = new Growable(Uint32Array);
  private readonly fieldKey = new Growable(Uint32Array);
  private readonly fieldValue = new Growable(Uint32Array);

  /** The last input name seen and its index: parsers add one input's events in a run. */
  private lastInput = '';
  private lastInputIndex = -1;
  /** An event whose text was appended to and is not yet copied flat (see appendText). */
  private appended = -1;

  private readonly edgeFrom = new Growable(Uint32Array);
  private readonly edgeTo = new Growable(Uint32Array);
  private readonly edgeRule = new Growable(Uint32Array);
  private readonly edgeKey = new Growable(Uint32Array);

  constructor(readonly name: string) {}

  get eventCount(): number {
    return this.proc.length;
  }

  /** The process's index; its clock domain defaults to its own name. */
  process(name: string, clockDomain?: string): number {
    let p = this.processIndex.get(name);
    if (p === undefined) {
      p = this.processNames.length;
      this.processIndex.set(name, p);
      this.processNames.push(name);
      this.processDomainName.push(clockDomain ?? name);
    } else if (clockDomain !== undefined) {
      this.processDomainName[p] = clockDomain;
    }
    return p;
  }

  processOf(h: EventHandle): number {
    return this.proc.get(h);
  }

  processName(p: number): string {
    return this.processNames[p]!;
  }

  addEvent(process: number, init: EventInit): EventHandle {
    const h = this.beginEvent(process, init.time ?? null, init.text, init.input, init.line, init.kind);
    const f = init.fields;
    if (f === undefined) return h;
    if (Array.isArray(f)) {
      for (let i = 0; i < f.length; i++) this.addField(f[i]![0], f[i]![1]);
    } else {
      for (const k of Object.keys(f)) this.addField(k, f[k]!);
    }
    return h;
  }

  /**
   * Adds an event without fields; addField then gives it fields, in order,
   * until the next event. The parsers' fast path: no object per event.
   */
  beginEvent(process: number, time: WallTime | null, text: string, input: string, line: number, kind?: EventKind): EventHandle {
    assert(process < this.processNames.length, 'unknown process');
    if (this.appended >= 0) this.flattenAppended();
    const h = this.proc.length;
    this.proc.push(process);
    if (time) {
      this.timeMs.push(time.ms);
      this.timeNs.push(time.ns);
      this.timeDigits.push(time.digits);
    } else {
      this.timeMs.push(NaN);
      this.timeNs.push(0);
      this.timeDigits.push(0);
    }
    this.kind.push(kind ?? EventKind.Local);
    this.kindGiven.push(kind === undefined ? 0 : 1);
    let inp = this.lastInputIndex;
    if (input !== this.lastInput || inp < 0) {
      const known = this.inputIndex.get(input);
      if (known === undefined) {
        inp = this.inputs.length;
        this.inputIndex.set(input, inp);
        this.inputs.push(input);
      } else inp = known;
      this.lastInput = input;
      this.lastInputIndex = inp;
    }
    this.input.push(inp);
    this.line.push(line);
    // Readers that slice texts out of a chunk of input copy them (freshString), so the chunk can go.
    this.texts.push(text);
    this.fieldCount.push(0);
    return h;
  }

  /** A field of the event added last. */
  addField(key: string, value: string): void {
    this.fieldKey.push(this.strings.intern(key));
    this.fieldValue.push(this.strings.intern(value));
    this.fieldCount.set(this.fieldCount.length - 1, this.fieldCount.get(this.fieldCount.length - 1) + 1);
  }

  /** A field of the event added last, by an id from `strings.intern`. */
  addFieldId(key: number, value: number): void {
    this.fieldKey.push(key);
    this.fieldValue.push(value);
    this.fieldCount.set(this.fieldCount.length - 1, this.fieldCount.get(this.fieldCount.length - 1) + 1);
  }

  /** Sets the time of an added event (a reader that learns the year only at the end of its input). */
  setTime(h: EventHandle, time: WallTime | null): void {
    this.timeMs.set(h, time ? time.ms : NaN);
    this.timeNs.set(h, time ? time.ns : 0);
    this.timeDigits.set(h, time ? time.digits : 0);
  }

  /** Continuation lines (a stack trace) stay with the record they follow. */
  appendText(h: EventHandle, more: string): void {
    if (this.appended >= 0 && this.appended !== h) this.flattenAppended();
    this.texts[h] += more;
    this.appended = h;
  }

  /** Appends make a tree of string pieces that keeps their chunks alive; one flat copy per record. */
  private flattenAppended(): void {
    this.texts[this.appended] = freshString(this.texts[this.appended]!);
    this.appended = -1;
  }

  addEdge(from: EventHandle, to: EventHandle, rule: string, key: string): void {
    assert(from < this.proc.length && to < this.proc.length, 'edge to an unknown event');
    this.edgeFrom.push(from);
    this.edgeTo.push(to);
    this.edgeRule.push(this.strings.intern(rule));
    this.edgeKey.push(this.strings.intern(key));
  }

  /** The canonical execution; `domainOf` maps process names to the clock domain the user chose. */
  build(domainOf?: Readonly<Record<string, string>>): Execution {
    if (domainOf) {
      this.processNames.forEach((name, p) => {
        const d = Object.hasOwn(domainOf, name) ? domainOf[name] : undefined;
        if (d) this.processDomainName[p] = d;
      });
    }
    if (this.appended >= 0) this.flattenAppended();
    const n = this.proc.length;
    const P = this.processNames.length;
    // Canonical process order: by name.
    const byName = [...this.processNames.keys()].sort((a, b) =>
      cmp(this.processNames[a]!, this.processNames[b]!),
    );
    const rank = new Uint32Array(P);
    byName.forEach((p, i) => (rank[p] = i));

    const procStart = new Uint32Array(P + 1);
    for (let h = 0; h < n; h++) procStart[rank[this.proc.get(h)]! + 1]!++;
    for (let p = 0; p < P; p++) procStart[p + 1]! += procStart[p]!;
    const cursor = procStart.slice(0, P);
    const finalOf = new Uint32Array(n);
    for (let h = 0; h < n; h++) finalOf[h] = cursor[rank[this.proc.get(h)]!]!++;

    const domainIndex = new Map<string, number>();
    const domainNames = [...new Set(byName.map((p) => this.processDomainName[p]!))].sort(cmp);
    domainNames.forEach((d, i) => domainIndex.set(d, i));
    const processDomain = new Uint32Array(P);
    byName.forEach((p, i) => (processDomain[i] = domainIndex.get(this.processDomainName[p]!)!));

    const eventProc = new Uint32Array(n);
    const timeMs = new Float64Array(n);
    const timeNs = new Uint32Array(n);
    const timeDigits = new Uint8Array(n);
    const eventKind = new Uint8Array(n);
    const eventInput = new Uint32Array(n);
    const eventLine = new Uint32Array(n);
    const texts = new Array<string>(n);
    const fieldStart = new Uint32Array(n + 1);
    const srcFieldStart = new Uint32Array(n + 1);
    for (let h = 0; h < n; h++) {
      srcFieldStart[h + 1] = srcFieldStart[h]! + this.fieldCount.get(h);
      fieldStart[finalOf[h]! + 1] = this.fieldCount.get(h);
    }
    for (let e = 0; e < n; e++) fieldStart[e + 1]! += fieldStart[e]!;
    const fieldKey = new Uint32Array(this.fieldKey.length);
    const fieldValue = new Uint32Array(this.fieldValue.length);
    for (let h = 0; h < n; h++) {
      const e = finalOf[h]!;
      eventProc[e] = rank[this.proc.get(h)]!;
      timeMs[e] = this.timeMs.get(h);
      timeNs[e] = this.timeNs.get(h);
      timeDigits[e] = this.timeDigits.get(h);
      eventKind[e] = this.kind.get(h);
      eventInput[e] = this.input.get(h);
      eventLine[e] = this.line.get(h);
      texts[e] = this.texts[h]!;
      let out = fieldStart[e]!;
      for (let i = srcFieldStart[h]!; i < srcFieldStart[h + 1]!; i++, out++) {
        fieldKey[out] = this.fieldKey.get(i);
        fieldValue[out] = this.fieldValue.get(i);
      }
    }

    // Edges: remapped, de-duplicated (same from, to: first rule wins) and sorted.
    const m = this.edgeFrom.length;
    const order = [...Array(m).keys()].map((i) => ({
      from: finalOf[this.edgeFrom.get(i)]!,
      to: finalOf[this.edgeTo.get(i)]!,
      rule: this.edgeRule.get(i),
      key: this.edgeKey.get(i),
      i,
    }));
    order.sort((a, b) => a.from - b.from || a.to - b.to || a.i - b.i);
    const kept = order.filter((ed, k) => k === 0 || ed.from !== order[k - 1]!.from || ed.to !== order[k - 1]!.to);
    const edgeFrom = Uint32Array.from(kept, (ed) => ed.from);
    const edgeTo = Uint32Array.from(kept, (ed) => ed.to);
    const edgeRule = Uint32Array.from(kept, (ed) => ed.rule);
    const edgeKey = Uint32Array.from(kept, (ed) => ed.key);

    // Kinds the parser did not give come from the edges.
    const given = new Uint8Array(n);
    for (let h = 0; h < n; h++) given[finalOf[h]!] = this.kindGiven.get(h);
    for (let k = 0; k < kept.length; k++) {
      const { from, to } = kept[k]!;
      if (!given[from] && eventKind[from] === EventKind.Local) eventKind[from] = EventKind.Send;
      if (!given[to]) eventKind[to] = EventKind.Receive;
    }

    return {
      name: this.name,
      strings: this.strings,
      inputs: this.inputs.slice(),
      processNames: byName.map((p) => this.processNames[p]!),
      processDomain,
      procStart,
      domainNames,
      eventCount: n,
      eventProc,
      timeMs,
      timeNs,
      timeDigits,
      eventKind,
      eventInput,
      eventLine,
      texts,
      fieldStart,
      fieldKey,
      fieldValue,
      edgeCount: kept.length,
      edgeFrom,
      edgeTo,
      edgeRule,
      edgeKey,
    };
  }
}

/** Code-unit order: locale-independent, so output is the same everywhere. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
