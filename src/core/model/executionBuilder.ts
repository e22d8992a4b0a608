/**
 * Parsers fill an ExecutionBuilder in whatever order they read lines; build()
 * fixes the canonical layout: processes sorted by name, each process's events
 * contiguous in the order they were added (program order), edges remapped and
 * sorted. Because the layout depends only on names and per-process order, the
 * same inputs in any file order give the same execution.
 *
 * Texts go 256 to a chunk as they come (textColumn.ts), so a text sliced
 * from a chunk of input is copied once, into its chunk, and a long read
 * leaves few objects for the garbage collector to trace. build() seals the
 * string table, which then keeps its strings compactly (stringTable.ts).
 */
import { assert } from '../base/assert';
import { Growable } from '../base/growable';
import { freshString, StringTable } from '../base/stringTable';
import type { WallTime } from './eventTime';
import { EventKind, type Execution } from './execution';
import { edgeOrder } from './edgeOrder';
import { TextColumn } from './textColumn';
import type { InputBytes, TextOrigin } from './fileTexts';

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

/** beginEvent's process for an event whose fields name its process: setProcess gives it once they are read. */
export const PROCESS_PENDING = 0xffffffff;

export class ExecutionBuilder {
  readonly strings = new StringTable();
  private readonly processIndex = new Map<string, number>();
  private readonly processNames: string[] = [];
  private readonly processDomainName: string[] = [];
  private readonly inputIndex = new Map<string, number>();
  private readonly inputs: string[] = [];
  /** Inputs whose stamps are recording times (markRecordedInput). */
  private readonly recordedInputNames = new Set<string>();

  /**
   * Per-event columns share one capacity (`cap`), so adding an event checks
   * it once, and each column keeps its own typed-array type at its stores.
   */
  private n = 0;
  private cap = 1024;
  private proc = new Uint32Array(1024);
  /** Events begun with PROCESS_PENDING and not yet given their process. */
  private unassigned = 0;
  private timeMs = new Float64Array(1024);
  private timeNs = new Uint32Array(1024);
  private timeDigits = new Uint8Array(1024);
  /** The kind, plus KIND_GIVEN where the parser said it. */
  private kind = new Uint8Array(1024);
  private input = new Uint32Array(1024);
  private line = new Uint32Array(1024);
  /** Where each event's fields start in fieldKey/fieldValue. */
  private firstField = new Uint32Array(1024);
  private readonly texts = new TextColumn();
  /** Where the chunk being read lies in its input (the reader's), for beginEventIn; null: texts are strings. */
  textOrigin: TextOrigin | null = null;
  /** Per input (as `inputs`), its bytes when texts of it are kept as positions (fileTexts.ts). */
  private readonly bytesOfInput: (InputBytes | null)[] = [];
  /** beginEventIn's text for beginEvent: textAt[textFrom, textTo), at textPosition in its input. */
  private textAt: string | null = null;
  private textFrom = 0;
  private textTo = 0;
  private textPosition = 0;

  /** Field columns, with their own shared capacity. */
  private fieldLen = 0;
  private fieldCap = 4096;
  private fieldKey = new Uint32Array(4096);
  private fieldValue = new Uint32Array(4096);
  /** The largest key id, which decides fieldKey's width. */
  private maxKey = 0;
  /** Whether any event was given its kind (else build() needs no pass to split kind from KIND_GIVEN). */
  private kindGiven = false;

  /** The last input name seen and its index: parsers add one input's events in a run. */
  private lastInput = '';
  private lastInputIndex = -1;
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
    return this.n;
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

  /** Says the input's stamps are taken when an event is recorded, after what it reports (Execution.recordedInputs). */
  markRecordedInput(input: string): void {
    this.recordedInputNames.add(input);
  }

  processOf(h: EventHandle): number {
    return this.proc[h]!;
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
   * The text may be a slice of a chunk of input: the text column copies it
   * (see chunkedStrings.ts).
   */
  beginEvent(process: number, time: WallTime | null, text: string, input: string, line: number, kind?: EventKind): EventHandle {
    if (process === PROCESS_PENDING) this.unassigned++;
    else assert(process < this.processNames.length, 'unknown process');
    const h = this.n;
    if (h === this.cap) this.grow();
    this.n = h + 1;
    this.proc[h] = process;
    if (time) {
      this.timeMs[h] = time.ms;
      this.timeNs[h] = time.ns;
      this.timeDigits[h] = time.digits;
    } else this.timeMs[h] = NaN;
    if (kind !== undefined) {
      this.kind[h] = kind | KIND_GIVEN;
      this.kindGiven = true;
    }
    let inp = this.lastInputIndex;
    if (input !== this.lastInput || inp < 0) inp = this.inputOf(input);
    this.input[h] = inp;
    this.line[h] = line;
    this.firstField[h] = this.fieldLen;
    const at = this.textAt;
    if (at === null) this.texts.push(text);
    else {
      this.textAt = null;
      this.texts.pushAt(at, this.textFrom, this.textTo, this.textPosition);
      if (this.bytesOfInput[inp] == null) this.bytesOfInput[inp] = this.textOrigin!.bytes;
    }
    return h;
  }

  /**
   * beginEvent with the text s.slice(from, to), s being the chunk of input
   * being read: where the reader says that chunk is its input's own bytes
   * (textOrigin), the text is kept as its position (fileTexts.ts), not sliced.
   */
  beginEventIn(process: number, time: WallTime | null, s: string, from: number, to: number, input: string, line: number, kind?: EventKind): EventHandle {
    const origin = this.textOrigin;
    if (origin === null || origin.chunk !== s || origin.input !== input) return this.beginEvent(process, time, s.slice(from, to), input, line, kind);
    // beginEvent (a subclass's too) takes the text from here.
    this.textAt = s;
    this.textFrom = from;
    this.textTo = to;
    this.textPosition = origin.at + from;
    return this.beginEvent(process, time, '', input, line, kind);
  }

  private inputOf(input: string): number {
    let inp = this.inputIndex.get(input);
    if (inp === undefined) {
      inp = this.inputs.length;
      this.inputIndex.set(input, inp);
      this.inputs.push(input);
    }
    this.lastInput = input;
    this.lastInputIndex = inp;
    return inp;
  }

  /** Doubles the per-event columns (new typed arrays are zeroed: no time digits, local kind, not given). */
  private grow(): void {
    const cap = this.cap * 2;
    this.proc = grown(this.proc, new Uint32Array(cap));
    this.timeMs = grown(this.timeMs, new Float64Array(cap));
    this.timeNs = grown(this.timeNs, new Uint32Array(cap));
    this.timeDigits = grown(this.timeDigits, new Uint8Array(cap));
    this.kind = grown(this.kind, new Uint8Array(cap));
    this.input = grown(this.input, new Uint32Array(cap));
    this.line = grown(this.line, new Uint32Array(cap));
    this.firstField = grown(this.firstField, new Uint32Array(cap));
    this.cap = cap;
  }

  private growFields(): void {
    const cap = this.fieldCap * 2;
    this.fieldKey = grown(this.fieldKey, new Uint32Array(cap));
    this.fieldValue = grown(this.fieldValue, new Uint32Array(cap));
    this.fieldCap = cap;
  }

  /** A field of the event added last. */
  addField(key: string, value: string): void {
    assert(this.n > 0, 'a field before any event');
    // Lines of one logger repeat their keys in the same places: the key at this place on the line before is the likely one.
    const place = this.fieldLen - this.firstField[this.n - 1]!;
    let keyId: number;
    if (place < this.keyAtPlace.length && this.keyAtPlace[place] === key) keyId = this.keyIdAtPlace[place]!;
    else {
      keyId = this.strings.intern(key);
      this.keyAtPlace[place] = this.strings.get(keyId);
      this.keyIdAtPlace[place] = keyId;
    }
    this.addFieldId(keyId, this.valueId(place, keyId, value));
  }

  /** The process of an event begun with PROCESS_PENDING, once its fields have named it. */
  setProcess(h: EventHandle, process: number): void {
    assert(this.proc[h] === PROCESS_PENDING && process < this.processNames.length, 'setProcess: no pending event or unknown process');
    this.proc[h] = process;
    this.unassigned--;
  }

  /**
   * The value id of the first field with key id `key` of the event added
   * last, or -1. `place`: where the key was on the event before (a logger
   * writes its keys in the same places), looked at first; `foundAt` says
   * where it was this time.
   */
  lastFieldValue(key: number, place = 0): number {
    const first = this.firstField[this.n - 1]!;
    const at = first + place;
    if (at < this.fieldLen && this.fieldKey[at] === key) {
      // The first with that key: a repeated key keeps its first value, and readers add each key once.
      this.foundAt = place;
      return this.fieldValue[at]!;
    }
    for (let i = first; i < this.fieldLen; i++) {
      if (this.fieldKey[i] === key) {
        this.foundAt = i - first;
        return this.fieldValue[i]!;
      }
    }
    return -1;
  }

  /** lastFieldValue's place of the key it found. */
  foundAt = 0;

  /** A field of the event added last, by an id from `strings.intern` (or valueId). */
  addFieldId(key: number, value: number): void {
    const i = this.fieldLen;
    if (i === this.fieldCap) this.growFields();
    this.fieldKey[i] = key;
    this.fieldValue[i] = value;
    this.fieldLen = i + 1;
    if (key > this.maxKey) this.maxKey = key;
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
  internValue(keyId: number, value: string, copy: boolean): number {
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

  /**
   * internValue of s.slice(from, to), `u` being the chunk's aligned bytes or
   * null: for a key with too many values for a table of its own (message
   * ids), the string table looks the text up where it stands and the slice is
   * made only for a value not seen before.
   */
  internValueIn(keyId: number, s: string, from: number, to: number, u: Uint8Array | null): number {
    if (this.valuesOfKey.get(keyId) === null) return this.strings.internIn(s, from, to, u);
    return this.internValue(keyId, s.slice(from, to), true);
  }

  /** Whether the values of key `keyId` go to the whole string table only (for good): internValue is then strings.intern. */
  valuesInWholeTable(keyId: number): boolean {
    return this.valuesOfKey.get(keyId) === null;
  }

  /** Sets the time of an added event (a reader that learns the year only at the end of its input). */
  setTime(h: EventHandle, time: WallTime | null): void {
    this.timeMs[h] = time ? time.ms : NaN;
    this.timeNs[h] = time ? time.ns : 0;
    this.timeDigits[h] = time ? time.digits : 0;
  }

  /** Continuation lines (a stack trace) stay with the record they follow. */
  appendText(h: EventHandle, more: string): void {
    this.texts.append(h, more, this.bytesOfInput[this.input[h]!]);
  }

  addEdge(from: EventHandle, to: EventHandle, rule: string, key: string): void {
    assert(from < this.n && to < this.n, 'edge to an unknown event');
    this.edgeFrom.push(from);
    this.edgeTo.push(to);
    this.edgeRule.push(this.strings.intern(rule));
    this.edgeKey.push(this.strings.intern(key));
  }

  /** The canonical execution; `domainOf` maps process names to the clock domain the user chose. */
  build(domainOf?: Readonly<Record<string, string>>): Execution {
    assert(this.unassigned === 0, 'an event begun with PROCESS_PENDING was given no process');
    if (domainOf) {
      this.processNames.forEach((name, p) => {
        const d = Object.hasOwn(domainOf, name) ? domainOf[name] : undefined;
        if (d) this.processDomainName[p] = d;
      });
    }
    const n = this.n;
    const P = this.processNames.length;
    // Canonical process order: by name.
    const byName = [...this.processNames.keys()].sort((a, b) =>
      cmp(this.processNames[a]!, this.processNames[b]!),
    );
    const rank = new Uint32Array(P);
    byName.forEach((p, i) => (rank[p] = i));

    const procOf = this.proc;
    const procStart = new Uint32Array(P + 1);
    const eventProc = new Uint32Array(n);
    // Parsers usually add one process's events in a run, processes in name order (one file each): then nothing moves,
    // which one pass over the events tells while it counts them and writes their canonical processes.
    let inPlace = true;
    let before = 0;
    for (let h = 0; h < n; h++) {
      const r = rank[procOf[h]!]!;
      eventProc[h] = r;
      procStart[r + 1]!++;
      if (r < before) inPlace = false;
      before = r;
    }
    for (let p = 0; p < P; p++) procStart[p + 1]! += procStart[p]!;
    // Where each event goes (in place: where it is).
    let finalOf: Uint32Array | null = null;
    if (!inPlace) {
      const cursor = procStart.slice(0, P);
      finalOf = new Uint32Array(n);
      for (let h = 0; h < n; h++) finalOf[h] = cursor[eventProc[h]!]!++;
    }

    const domainIndex = new Map<string, number>();
    const domainNames = [...new Set(byName.map((p) => this.processDomainName[p]!))].sort(cmp);
    domainNames.forEach((d, i) => domainIndex.set(d, i));
    const processDomain = new Uint32Array(P);
    byName.forEach((p, i) => (processDomain[i] = domainIndex.get(this.processDomainName[p]!)!));

    const F = this.fieldLen;
    const srcFirst = this.firstField;
    const srcKey = this.fieldKey;
    const srcValue = this.fieldValue;
    // In place, a builder column nearly full (within an eighth of its capacity) becomes the execution's as it is, a
    // view: a right-sized copy would have both alive at build (~50 MB at a million events) for an eighth at most.
    const own = inPlace && n < this.cap && n >= this.cap - (this.cap >>> 3);
    const ownFields = inPlace && F >= this.fieldCap - (this.fieldCap >>> 3);
    const timeMs = own ? this.timeMs.subarray(0, n) : new Float64Array(n);
    const timeNs = own ? this.timeNs.subarray(0, n) : new Uint32Array(n);
    const timeDigits = own ? this.timeDigits.subarray(0, n) : new Uint8Array(n);
    const eventKind = new Uint8Array(n);
    const given = new Uint8Array(n);
    const eventInput = narrowest(this.inputs.length, n);
    const eventLine = own ? this.line.subarray(0, n) : new Uint32Array(n);
    const fieldStart = own ? this.firstField.subarray(0, n + 1) : new Uint32Array(n + 1);
    const fieldKey = this.maxKey <= 0xffff ? new Uint16Array(F) : new Uint32Array(F);
    const fieldValue = ownFields ? this.fieldValue.subarray(0, F) : new Uint32Array(F);
    const srcKind = this.kind;
    let stored = inPlace ? this.texts.finish(null, eventInput, this.bytesOfInput) : null;
    if (inPlace) {
      // Right-sized copies of the columns not taken as they are: the builder's spare capacity is not kept.
      if (!own) {
        timeMs.set(this.timeMs.subarray(0, n));
        timeNs.set(this.timeNs.subarray(0, n));
        timeDigits.set(this.timeDigits.subarray(0, n));
        eventLine.set(this.line.subarray(0, n));
        fieldStart.set(srcFirst.subarray(0, n));
      }
      if (this.kindGiven) {
        for (let h = 0; h < n; h++) {
          eventKind[h] = srcKind[h]! & KIND_MASK;
          given[h] = srcKind[h]! & KIND_GIVEN;
        }
      } else eventKind.set(srcKind.subarray(0, n));
      eventInput.set(this.input.subarray(0, n));
      fieldStart[n] = F;
      fieldKey.set(srcKey.subarray(0, F));
      if (!ownFields) fieldValue.set(srcValue.subarray(0, F));
    } else {
      const hOf = new Uint32Array(n);
      const procByEvent = eventProc.slice();
      for (let h = 0; h < n; h++) {
        const e = finalOf![h]!;
        hOf[e] = h;
        eventProc[e] = procByEvent[h]!;
        timeMs[e] = this.timeMs[h]!;
        timeNs[e] = this.timeNs[h]!;
        timeDigits[e] = this.timeDigits[h]!;
        eventKind[e] = srcKind[h]! & KIND_MASK;
        given[e] = srcKind[h]! & KIND_GIVEN;
        eventInput[e] = this.input[h]!;
        eventLine[e] = this.line[h]!;
      }
      stored = this.texts.finish(hOf, eventInput, this.bytesOfInput);
      let out = 0;
      for (let e = 0; e < n; e++) {
        const h = hOf[e]!;
        fieldStart[e] = out;
        const end = h + 1 < n ? srcFirst[h + 1]! : F;
        for (let i = srcFirst[h]!; i < end; i++, out++) {
          fieldKey[out] = srcKey[i]!;
          fieldValue[out] = srcValue[i]!;
        }
      }
      fieldStart[n] = out;
    }

    // Edges: remapped, de-duplicated (same from, to: first rule wins) and sorted.
    const m = this.edgeFrom.length;
    const allFrom = new Uint32Array(m);
    const allTo = new Uint32Array(m);
    for (let i = 0; i < m; i++) {
      const from = this.edgeFrom.get(i);
      const to = this.edgeTo.get(i);
      allFrom[i] = finalOf === null ? from : finalOf[from]!;
      allTo[i] = finalOf === null ? to : finalOf[to]!;
    }
    const kept = edgeOrder(allFrom, allTo, m, n, true);
    const edgeFrom = new Uint32Array(kept.length);
    const edgeTo = new Uint32Array(kept.length);
    const edgeRule = new Uint32Array(kept.length);
    const edgeKey = new Uint32Array(kept.length);
    for (let k = 0; k < kept.length; k++) {
      const i = kept[k]!;
      const from = (edgeFrom[k] = allFrom[i]!);
      const to = (edgeTo[k] = allTo[i]!);
      edgeRule[k] = this.edgeRule.get(i);
      edgeKey[k] = this.edgeKey.get(i);
      // Kinds the parser did not give come from the edges.
      if (!given[from] && eventKind[from] === EventKind.Local) eventKind[from] = EventKind.Send;
      if (!given[to]) eventKind[to] = EventKind.Receive;
    }
    // Reading is over: the string table trades its lookup Map for a compact index.
    this.strings.seal();

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
      textChunks: stored!.textChunks,
      textStart: stored!.textStart,
      fieldStart,
      fieldKey,
      fieldValue,
      edgeCount: kept.length,
      edgeFrom,
      edgeTo,
      edgeRule,
      edgeKey,
      ...(this.recordedInputNames.size > 0 && { recordedInputs: Uint8Array.from(this.inputs, (i) => (this.recordedInputNames.has(i) ? 1 : 0)) }),
    };
  }
}

const KIND_GIVEN = 4;
const KIND_MASK = 3;

function grown<T extends Uint8Array | Uint32Array | Float64Array>(from: T, to: T): T {
  (to as Float64Array).set(from as Float64Array);
  return to;
}

/** A column of n indexes below `count`, as narrow as they allow. */
function narrowest(count: number, n: number): Uint8Array | Uint16Array | Uint32Array {
  return count <= 0x100 ? new Uint8Array(n) : count <= 0x10000 ? new Uint16Array(n) : new Uint32Array(n);
}

/** Code-unit order: locale-independent, so output is the same everywhere. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
