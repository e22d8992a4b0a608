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

/** Distinct values of one key kept in its own small table (see internValue). */
const VALUES_PER_KEY = 256;

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
  /** addField's memo: the key at each place of the last event's fields, and its id. */
  private readonly keyAtPlace: string[] = [];
  private readonly keyIdAtPlace: number[] = [];
  /** valueId's memo, per field place: the key, the value and its id. */
  private readonly valueKeyAtPlace: number[] = [];
  private readonly valueAtPlace: string[] = [];
  private readonly valueIdAtPlace: number[] = [];
  /** internValue's tables per key id; null for a key with too many distinct values. */
  private readonly valuesOfKey = new Map<number, Map<string, number> | null>();

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
      // Names are often slices of a chunk of input: a copy lets the chunk go.
      const own = freshString(name);
      p = this.processNames.length;
      this.processIndex.set(own, p);
      this.processNames.push(own);
      this.processDomainName.push(clockDomain === undefined ? own : freshString(clockDomain));
    } else if (clockDomain !== undefined && clockDomain !== this.processDomainName[p]) {
      this.processDomainName[p] = freshString(clockDomain);
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
    // Lines of one logger repeat their keys in the same places: the key at this place on the line before is the likely one.
    const at = this.fieldCount.length - 1;
    const place = this.fieldCount.get(at);
    let keyId: number;
    if (place < this.keyAtPlace.length && this.keyAtPlace[place] === key) keyId = this.keyIdAtPlace[place]!;
    else {
      keyId = this.strings.intern(key);
      this.keyAtPlace[place] = this.strings.get(keyId);
      this.keyIdAtPlace[place] = keyId;
    }
    this.fieldKey.push(keyId);
    this.fieldValue.push(this.valueId(place, keyId, value));
    this.fieldCount.set(at, place + 1);
  }

  /** A field of the event added last, by an id from `strings.intern` (or valueId). */
  addFieldId(key: number, value: number): void {
    this.fieldKey.push(key);
    this.fieldValue.push(value);
    this.fieldCount.set(this.fieldCount.length - 1, this.fieldCount.get(this.fieldCount.length - 1) + 1);
  }

  /**
   * `strings.intern(value, copy)` for the value of key `keyId` at field
   * `place` of an event. What was there on the event before is remembered:
   * most keys repeat their value line after line (service, host, level), and
   * comparing with it is cheaper than a lookup. The table's own copy is what
   * is remembered, never a slice of a chunk.
   */
  valueId(place: number, keyId: number, value: string, copy = true): number {
    if (place < this.valueAtPlace.length && this.valueKeyAtPlace[place] === keyId && this.valueAtPlace[place] === value) {
      return this.valueIdAtPlace[place]!;
    }
    const id = this.internValue(keyId, value, copy);
    this.valueKeyAtPlace[place] = keyId;
    this.valueAtPlace[place] = this.strings.get(id);
    this.valueIdAtPlace[place] = id;
    return id;
  }

  /**
   * Values of one key, while it has few distinct ones (dir, level, a peer's
   * name), are looked up in a small table of that key's own: it stays in
   * cache, where a lookup in the whole string table, grown large with
   * per-message ids, costs a cache miss or two. A key past VALUES_PER_KEY
   * distinct values goes to the whole table only.
   */
  private internValue(keyId: number, value: string, copy: boolean): number {
    let small = this.valuesOfKey.get(keyId);
    if (small === undefined) this.valuesOfKey.set(keyId, (small = new Map()));
    else if (small === null) return this.strings.intern(value, copy);
    const known = small.get(value);
    if (known !== undefined) return known;
    const id = this.strings.intern(value, copy);
    if (small.size >= VALUES_PER_KEY) this.valuesOfKey.set(keyId, null);
    else small.set(this.strings.get(id), id);
    return id;
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

    const procOf = this.proc.view();
    const procStart = new Uint32Array(P + 1);
    for (let h = 0; h < n; h++) procStart[rank[procOf[h]!]! + 1]!++;
    for (let p = 0; p < P; p++) procStart[p + 1]! += procStart[p]!;
    const cursor = procStart.slice(0, P);
    const finalOf = new Uint32Array(n);
    // Parsers usually add one process's events in a run, processes in name order (one file each): then nothing moves.
    let inPlace = true;
    for (let h = 0; h < n; h++) {
      const e = cursor[rank[procOf[h]!]!]!++;
      finalOf[h] = e;
      if (e !== h) inPlace = false;
    }

    const domainIndex = new Map<string, number>();
    const domainNames = [...new Set(byName.map((p) => this.processDomainName[p]!))].sort(cmp);
    domainNames.forEach((d, i) => domainIndex.set(d, i));
    const processDomain = new Uint32Array(P);
    byName.forEach((p, i) => (processDomain[i] = domainIndex.get(this.processDomainName[p]!)!));

    const srcTimeMs = this.timeMs.view();
    const srcTimeNs = this.timeNs.view();
    const srcDigits = this.timeDigits.view();
    const srcKind = this.kind.view();
    const srcInput = this.input.view();
    const srcLine = this.line.view();
    const srcCount = this.fieldCount.view();
    const srcKey = this.fieldKey.view();
    const srcValue = this.fieldValue.view();
    let eventProc: Uint32Array;
    let timeMs: Float64Array;
    let timeNs: Uint32Array;
    let timeDigits: Uint8Array;
    let eventKind: Uint8Array;
    let eventInput: Uint32Array;
    let eventLine: Uint32Array;
    let texts: string[];
    const fieldStart = new Uint32Array(n + 1);
    let fieldKey: Uint32Array;
    let fieldValue: Uint32Array;
    if (inPlace) {
      // Right-sized copies of the columns (slice() copies: the builder's spare capacity is not kept).
      eventProc = new Uint32Array(n);
      for (let h = 0; h < n; h++) eventProc[h] = rank[procOf[h]!]!;
      timeMs = srcTimeMs.slice();
      timeNs = srcTimeNs.slice();
      timeDigits = srcDigits.slice();
      eventKind = srcKind.slice();
      eventInput = srcInput.slice();
      eventLine = srcLine.slice();
      texts = this.texts.slice();
      for (let e = 0; e < n; e++) fieldStart[e + 1] = fieldStart[e]! + srcCount[e]!;
      fieldKey = srcKey.slice();
      fieldValue = srcValue.slice();
    } else {
      eventProc = new Uint32Array(n);
      timeMs = new Float64Array(n);
      timeNs = new Uint32Array(n);
      timeDigits = new Uint8Array(n);
      eventKind = new Uint8Array(n);
      eventInput = new Uint32Array(n);
      eventLine = new Uint32Array(n);
      texts = new Array<string>(n);
      const srcFieldStart = new Uint32Array(n + 1);
      for (let h = 0; h < n; h++) {
        srcFieldStart[h + 1] = srcFieldStart[h]! + srcCount[h]!;
        fieldStart[finalOf[h]! + 1] = srcCount[h]!;
      }
      for (let e = 0; e < n; e++) fieldStart[e + 1]! += fieldStart[e]!;
      fieldKey = new Uint32Array(srcKey.length);
      fieldValue = new Uint32Array(srcValue.length);
      for (let h = 0; h < n; h++) {
        const e = finalOf[h]!;
        eventProc[e] = rank[procOf[h]!]!;
        timeMs[e] = srcTimeMs[h]!;
        timeNs[e] = srcTimeNs[h]!;
        timeDigits[e] = srcDigits[h]!;
        eventKind[e] = srcKind[h]!;
        eventInput[e] = srcInput[h]!;
        eventLine[e] = srcLine[h]!;
        texts[e] = this.texts[h]!;
        let out = fieldStart[e]!;
        for (let i = srcFieldStart[h]!; i < srcFieldStart[h + 1]!; i++, out++) {
          fieldKey[out] = srcKey[i]!;
          fieldValue[out] = srcValue[i]!;
        }
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
    const srcGiven = this.kindGiven.view();
    for (let h = 0; h < n; h++) given[finalOf[h]!] = srcGiven[h]!;
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
