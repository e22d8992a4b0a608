/**
 * Parsers fill an ExecutionBuilder in whatever order they read lines; build()
 * fixes the canonical layout: processes sorted by name, each process's events
 * contiguous in the order they were added (program order), edges remapped and
 * sorted. Because the layout depends only on names and per-process order, the
 * same inputs in any file order give the same execution.
 */
import { assert } from '../base/assert';
import { Growable } from '../base/growable';
import { StringTable } from '../base/stringTable';
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
    assert(process < this.processNames.length, 'unknown process');
    const h = this.proc.length;
    this.proc.push(process);
    const t = init.time;
    this.timeMs.push(t ? t.ms : NaN);
    this.timeNs.push(t ? t.ns : 0);
    this.timeDigits.push(t ? t.digits : 0);
    this.kind.push(init.kind ?? EventKind.Local);
    this.kindGiven.push(init.kind === undefined ? 0 : 1);
    let inp = this.inputIndex.get(init.input);
    if (inp === undefined) {
      inp = this.inputs.length;
      this.inputIndex.set(init.input, inp);
      this.inputs.push(init.input);
    }
    this.input.push(inp);
    this.line.push(init.line);
    this.texts.push(init.text);
    const pairs = init.fields === undefined ? [] : Array.isArray(init.fields) ? init.fields : Object.entries(init.fields);
    this.fieldCount.push(pairs.length);
    for (const [k, v] of pairs) {
      this.fieldKey.push(this.strings.intern(k));
      this.fieldValue.push(this.strings.intern(v));
    }
    return h;
  }

  /** Continuation lines (a stack trace) stay with the record they follow. */
  appendText(h: EventHandle, more: string): void {
    this.texts[h] += more;
  }

  addEdge(from: EventHandle, to: EventHandle, rule: string, key: string): void {
    assert(from < this.proc.length && to < this.proc.length, 'edge to an unknown event');
    this.edgeFrom.push(from);
    this.edgeTo.push(to);
    this.edgeRule.push(this.strings.intern(rule));
    this.edgeKey.push(this.strings.intern(key));
  }

  build(): Execution {
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
