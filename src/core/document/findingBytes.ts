/**
 * The findings and anomalies of an execution built here, written straight
 * into a ByteSink an item at a time: the bytes JSON.stringify writes for the
 * DocFinding and DocAnomaly that docFindings and docAnomalies make
 * (documentReader.test.ts holds the two to the same bytes), without the
 * object, its arrays of id strings and its JSON string per item (tens of
 * thousands of items, ~100 MB of garbage at a million events). Event ids are
 * written as the rows write them (the process's `"name:` and the seq);
 * strings through ByteSink.jsonString; an anomaly's detail, whose shape is
 * its kind's, by JSON.stringify. An item with a field of another type than
 * its declared one is written from its object, as before.
 */
import type { ExecutionResult } from '../analysis/analyze';
import { groupFindings } from '../findings/groupFindings';
import { putBytes, putNumber, NUMBER_BYTES, utf8, type ByteSink } from './byteSink';
import type { AnomalyNumbers } from './docAnomalies';

/** Writes the anomalies' list (from `[` to `]`, its comma if not last and a line break), yielding chunks as they fill. */
export function* anomalyListBytes(r: ExecutionResult, numbers: AnomalyNumbers, indent: string, last: boolean, sink: ByteSink): Generator<Uint8Array> {
  const ids = new EventIdBytes(r);
  const items = new ListWriter(indent, last, sink);
  for (const i of numbers.order) {
    const an = r.anomalies[i]!;
    items.next();
    const id = numbers.ids[i]!;
    const summary = an.summary;
    const detail = JSON.stringify(an.detail);
    if (typeof an.kind !== 'string' || typeof an.severity !== 'string' || typeof summary !== 'string') {
      sink.text(JSON.stringify({ id, kind: an.kind, severity: an.severity, events: an.events.map((e) => ids.string(e)), summary, detail: an.detail }));
    } else {
      sink.bytes(ID);
      sink.jsonString(id);
      sink.bytes(KIND);
      sink.jsonString(an.kind);
      sink.bytes(SEVERITY);
      sink.jsonString(an.severity);
      sink.bytes(EVENTS);
      ids.list(sink, an.events);
      sink.bytes(SUMMARY);
      sink.jsonString(summary);
      // JSON.stringify leaves out a key whose value it cannot write (undefined).
      if (detail !== undefined) {
        sink.bytes(DETAIL);
        sink.text(detail);
      }
      sink.byte(0x7d); // }
    }
    if (sink.full) yield* sink.take();
  }
  items.end();
}

/** Writes the findings' list (from `[` to `]`, its comma if not last and a line break), yielding chunks as they fill. */
export function* findingListBytes(r: ExecutionResult, numbers: AnomalyNumbers, indent: string, last: boolean, sink: ByteSink): Generator<Uint8Array> {
  const ids = new EventIdBytes(r);
  const items = new ListWriter(indent, last, sink);
  for (const f of groupFindings(r)) {
    items.next();
    if (typeof f.id !== 'string' || typeof f.kind !== 'string' || typeof f.severity !== 'string' || typeof f.summary !== 'string') {
      const doc: Record<string, unknown> = { id: f.id, kind: f.kind, severity: f.severity, summary: f.summary, anomalies: f.anomalies.map((i) => numbers.ids[i]!), events: f.events.map((e) => ids.string(e)) };
      if (f.timeline) doc['timeline'] = f.timeline.map((s) => ({ step: s.step, events: s.events.map((e) => ids.string(e)) }));
      sink.text(JSON.stringify(doc));
    } else {
      sink.bytes(ID);
      sink.jsonString(f.id);
      sink.bytes(KIND);
      sink.jsonString(f.kind);
      sink.bytes(SEVERITY);
      sink.jsonString(f.severity);
      sink.bytes(SUMMARY);
      sink.jsonString(f.summary);
      sink.bytes(ANOMALIES);
      sink.byte(0x5b); // [
      f.anomalies.forEach((i, k) => {
        if (k > 0) sink.byte(0x2c);
        sink.jsonString(numbers.ids[i]!);
      });
      sink.byte(0x5d); // ]
      sink.bytes(EVENTS);
      ids.list(sink, f.events);
      if (f.timeline) {
        sink.bytes(TIMELINE);
        f.timeline.forEach((s, k) => {
          if (k > 0) sink.byte(0x2c);
          if (typeof s.step === 'string') {
            sink.bytes(STEP);
            sink.jsonString(s.step);
            sink.bytes(EVENTS);
            ids.list(sink, s.events);
            sink.byte(0x7d); // }
          } else sink.text(JSON.stringify({ step: s.step, events: s.events.map((e) => ids.string(e)) }));
        });
        sink.byte(0x5d); // ]
      }
      sink.byte(0x7d); // }
    }
    if (sink.full) yield* sink.take();
  }
  items.end();
}

/** An item list's separators, as the document's list() writes them: `[`, then `,` between items, each on a line of its own. */
class ListWriter {
  private any = false;
  private readonly first: Uint8Array;
  private readonly between: Uint8Array;

  constructor(
    private readonly indent: string,
    private readonly last: boolean,
    private readonly sink: ByteSink,
  ) {
    this.first = utf8(`[\n${indent}  `);
    this.between = utf8(`,\n${indent}  `);
  }

  next(): void {
    this.sink.bytes(this.any ? this.between : this.first);
    this.any = true;
  }

  end(): void {
    const comma = this.last ? '' : ',';
    this.sink.text(this.any ? `\n${this.indent}]${comma}\n` : `[]${comma}\n`);
  }
}

/** Event ids (`name:seq`) as JSON strings, from the process's `"name:` encoded once. */
class EventIdBytes {
  private readonly prefix: Uint8Array[];
  private readonly room: number;
  private readonly x: ExecutionResult['execution'];

  constructor(r: ExecutionResult) {
    this.x = r.execution;
    this.prefix = this.x.processNames.map((name) => utf8(JSON.stringify(`${name}:`).slice(0, -1)));
    let longest = 0;
    for (const b of this.prefix) longest = Math.max(longest, b.length);
    this.room = longest + NUMBER_BYTES + 2;
  }

  /** `[` the events' ids `]`. */
  list(sink: ByteSink, events: readonly number[]): void {
    const { eventProc, procStart } = this.x;
    sink.byte(0x5b); // [
    for (let k = 0; k < events.length; k++) {
      const e = events[k]!;
      const p = eventProc[e]!;
      sink.room(this.room);
      const buf = sink.buf;
      let pos = sink.pos;
      if (k > 0) buf[pos++] = 0x2c;
      pos = putBytes(buf, pos, this.prefix[p]!);
      pos = putNumber(buf, pos, e - procStart[p]! + 1);
      buf[pos++] = 0x22;
      sink.pos = pos;
    }
    sink.byte(0x5d); // ]
  }

  /** The id as a string (eventId), for an item written from its object. */
  string(e: number): string {
    const p = this.x.eventProc[e]!;
    return `${this.x.processNames[p]}:${e - this.x.procStart[p]! + 1}`;
  }
}

const ID = utf8('{"id":');
const KIND = utf8(',"kind":');
const SEVERITY = utf8(',"severity":');
const SUMMARY = utf8(',"summary":');
const EVENTS = utf8(',"events":');
const DETAIL = utf8(',"detail":');
const ANOMALIES = utf8(',"anomalies":');
const TIMELINE = utf8(',"timeline":[');
const STEP = utf8('{"step":');
