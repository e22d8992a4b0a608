/**
 * The analysis document's event rows written straight from the columns into
 * a ByteSink: no DocEvent object, no vector clock record and no string per
 * event (a field value is the one slice made). It writes exactly what
 * EventRowWriter writes from the DocEvents, serialized by JSON.stringify
 * (documentReader.test.ts and the export tests hold the two to the same
 * bytes): ids, names, kinds and field keys are encoded once, texts are
 * copied from their chunks (StoredTextWriter), times are written as digits
 * (IsoTimeWriter), and the clock delta is read from the clock snapshots: an
 * event with its process's last snapshot has none, else it is the entries
 * that differ from that snapshot's. An event whose fields JSON.stringify
 * would reorder (integer-like keys) or merge (a key twice) is written from
 * its record, as JSON.stringify writes it.
 */
import type { ExecutionResult } from '../analysis/analyze';
import { EVENT_KIND_NAMES, fieldsOf } from '../model/execution';
import { toFloatMs } from '../model/eventTime';
import { eventSlots, slotCorrectionsMs } from '../offsets/domainCorrection';
import { NUMBER_BYTES, putBytes, putNumber, utf8, type ByteSink } from './byteSink';
import { ISO_BYTES, IsoTimeWriter } from './isoTimeWriter';
import { StoredTextWriter } from './storedTextWriter';

const NULL_NULL = utf8('null,null,');
const NULL_COMMA = utf8('null,');

/** Writes the execution's events as rows (the JSON array, from `[` to `]`) into sink, yielding chunks as they fill. */
export function* eventRowBytes(
  r: ExecutionResult,
  inputIndex: ReadonlyMap<string, number>,
  hoisted: readonly Record<string, string>[],
  fullClocks: boolean,
  indent: string,
  sink: ByteSink,
): Generator<Uint8Array> {
  const rows = new RowWriter(r, inputIndex, hoisted, fullClocks, indent);
  const n = r.clocks.order.length;
  // The loop runs in a plain function, a chunk at a time: it is compiled as such, and reads its state from locals.
  for (let i = 0; i < n; ) {
    i = writeRows(rows, sink, i);
    if (sink.full) yield* sink.take();
  }
  sink.text(n === 0 ? '[]' : `\n${indent}]`);
}

/** What rows are written with: the execution's columns and pieces encoded once. */
class RowWriter {
  readonly x: ExecutionResult['execution'];
  readonly order: ExecutionResult['clocks']['order'];
  readonly P: number;
  /** Per process, a row's start up to its id's seq: `,\n        ["name:` (rowHead) or, for the first row, `[\n        ["name:`. */
  readonly rowHead: Uint8Array[];
  readonly firstRowHead: Uint8Array[];
  readonly clockKey: Uint8Array[];
  readonly kinds: Uint8Array[];
  readonly input: Uint8Array[];
  /** Room for a row up to its clock, per process: the pieces above, three numbers, two times and the separators. */
  readonly headRoom: number[];
  readonly corrections: Float64Array;
  readonly slots: Int32Array | null;
  /** Hoisted keys per process as string ids (a key no event has is no id: nothing to skip). */
  readonly hoistedIds: number[][];
  /** Per key id, `"key":`, or null for an integer-like key (JSON.stringify puts those first). */
  readonly keyBytes: (Uint8Array | null | undefined)[] = [];
  /** Per process, the snapshot of its last row's clock (-1: none yet; vectorClocks.ts). */
  readonly lastSnap: Int32Array;
  readonly clock: Uint32Array<ArrayBuffer>;
  readonly vc: ExecutionResult['clocks']['vc'];
  readonly lamport: ExecutionResult['clocks']['lamport'];
  readonly times = new IsoTimeWriter();
  /** Corrected times apart: they may be in another second than the raw ones, and each writer keeps its second's calendar. */
  readonly correctedTimes = new IsoTimeWriter();
  readonly texts: StoredTextWriter;
  /** Where a field value lies in its chunk of the string table (StringTable.locate). */
  readonly span = new Int32Array(2);

  constructor(
    r: ExecutionResult,
    inputIndex: ReadonlyMap<string, number>,
    hoisted: readonly Record<string, string>[],
    readonly fullClocks: boolean,
    indent: string,
  ) {
    const x = (this.x = r.execution);
    const j = JSON.stringify;
    this.order = r.clocks.order;
    this.P = x.processNames.length;
    const idPrefix = x.processNames.map((name) => j(`${name}:`).slice(0, -1)); // "name: without its closing quote
    this.rowHead = idPrefix.map((id) => utf8(`,\n${indent}  [${id}`));
    this.firstRowHead = idPrefix.map((id) => utf8(`[\n${indent}  [${id}`));
    this.clockKey = x.processNames.map((name) => utf8(`${j(name)}:`));
    this.kinds = EVENT_KIND_NAMES.map((k) => utf8(`},${j(k)},`));
    this.input = x.inputs.map((name) => {
      const k = inputIndex.get(name);
      return utf8(`",[${k === undefined ? j(name) : String(k)},`);
    });
    let inputBytes = 0;
    for (const b of this.input) inputBytes = Math.max(inputBytes, b.length);
    this.headRoom = this.firstRowHead.map((b) => b.length + inputBytes + 3 * NUMBER_BYTES + 2 * ISO_BYTES + 16);
    this.corrections = slotCorrectionsMs(r.offsets, x); // per domain, or per epoch where a clock stepped
    this.slots = eventSlots(r.offsets);
    this.hoistedIds = hoisted.map((fields) => Object.keys(fields).map((k) => x.strings.find(k)).filter((id) => id >= 0));
    this.lastSnap = new Int32Array(fullClocks ? 0 : this.P).fill(-1);
    this.clock = new Uint32Array(this.P);
    this.vc = r.clocks.vc;
    this.lamport = r.clocks.lamport;
    this.texts = new StoredTextWriter(x.textChunks, x.textStart, x.eventCount);
  }
}

/** Writes rows order[from..] until the sink is full; returns where it stopped. */
function writeRows(w: RowWriter, sink: ByteSink, from: number): number {
  const { x, order, P, rowHead, firstRowHead, clockKey, kinds, input, headRoom, corrections, slots, hoistedIds, keyBytes, lastSnap, clock, vc, lamport, times, correctedTimes, texts, fullClocks, span } = w;
  const { snapOf, snapshots } = vc;
  const { eventProc, procStart, eventInput, eventLine, timeMs, timeNs, timeDigits, processDomain, eventKind, fieldStart, fieldKey, fieldValue, strings } = x;
  const j = JSON.stringify;
  const n = order.length;
  let i = from;
  while (i < n) {
    const e = order[i]!;
    const p = eventProc[e]!;
    sink.room(headRoom[p]!);
    const buf = sink.buf;
    let pos = putBytes(buf, sink.pos, i === 0 ? firstRowHead[p]! : rowHead[p]!);
    i++;
    pos = putNumber(buf, pos, e - procStart[p]! + 1);
    pos = putBytes(buf, pos, input[eventInput[e]!]!);
    pos = putNumber(buf, pos, eventLine[e]!);
    buf[pos++] = 0x5d; // ]
    buf[pos++] = 0x2c; // ,
    const ms = timeMs[e]!;
    if (ms === ms) {
      const digits = timeDigits[e]!;
      const ns = timeNs[e]!;
      const est = corrections[slots ? slots[e]! : processDomain[p]!]!;
      buf[pos++] = 0x22;
      const t0 = pos;
      pos = times.put(buf, pos, ms, ns, digits);
      const t1 = pos;
      buf[pos++] = 0x22;
      buf[pos++] = 0x2c;
      if (est === 0) pos = putBytes(buf, pos, NULL_COMMA);
      else {
        buf[pos++] = 0x22;
        const c0 = pos;
        pos = correctedTimes.putFloat(buf, pos, toFloatMs(ms, ns) - est, digits > 3 ? digits : 3);
        // A corrected time equal to the raw one is written null.
        if (sameBytes(buf, t0, t1, c0, pos)) pos = putBytes(buf, c0 - 1, NULL_COMMA);
        else {
          buf[pos++] = 0x22;
          buf[pos++] = 0x2c;
        }
      }
    } else pos = putBytes(buf, pos, NULL_NULL);
    pos = putNumber(buf, pos, lamport[e]!);
    buf[pos++] = 0x2c;
    buf[pos++] = 0x7b; // {
    sink.pos = pos;
    if (fullClocks) {
      vc.clockOf(e, clock);
      let sep = false;
      for (let q = 0; q < P; q++) {
        const v = clock[q]!;
        if (v === 0) continue;
        if (sep) sink.byte(0x2c);
        sink.bytes(clockKey[q]!);
        sink.number(v);
        sep = true;
      }
    } else {
      // Other entries change only at a receive (a new snapshot, vectorClocks.ts): the same snapshot as the process's last row writes none.
      // Entries never decrease along a process, so those of the last row's snapshot are what the reader has.
      const s = snapOf[e]!;
      const before = lastSnap[p]!;
      if (s !== before) {
        lastSnap[p] = s;
        let sep = false;
        for (let q = 0, at = s * P, was = before * P; q < P; q++, at++, was++) {
          const v = snapshots[at]!;
          if (v === 0 || q === p || (before >= 0 && snapshots[was] === v)) continue;
          if (sep) sink.byte(0x2c);
          sink.bytes(clockKey[q]!);
          sink.number(v);
          sep = true;
        }
      }
    }
    sink.bytes(kinds[eventKind[e]!]!);
    texts.write(sink, e);
    sink.byte(0x2c);
    fields(e, hoistedIds[p]!);
    sink.byte(0x5d); // ]
    if (sink.full) break;
  }
  return i;

  function fields(e: number, skip: number[]): void {
    const start = fieldStart[e]!;
    const end = fieldStart[e + 1]!;
    if (!plainFields(start, end, skip)) {
      const record = fieldsOf(x, e);
      for (const id of skip) delete record[strings.get(id)];
      sink.text(j(record));
      return;
    }
    sink.byte(0x7b);
    let any = false;
    for (let k = start; k < end; k++) {
      const key = fieldKey[k]!;
      if (skip.length > 0 && skip.includes(key)) continue;
      if (any) sink.byte(0x2c);
      sink.bytes(keyBytes[key]!);
      const value = strings.locate(fieldValue[k]!, span);
      sink.jsonStringOf(value, span[0]!, span[1]!);
      any = true;
    }
    sink.byte(0x7d);
  }

  /** Whether JSON.stringify writes the event's own fields in their order, each once: no integer-like key, no key twice. */
  function plainFields(start: number, end: number, skip: number[]): boolean {
    for (let k = start; k < end; k++) {
      const key = fieldKey[k]!;
      if (skip.length > 0 && skip.includes(key)) continue;
      let kb = keyBytes[key];
      if (kb === undefined) {
        const name = strings.get(key);
        kb = /^\d+$/.test(name) ? null : utf8(`${j(name)}:`);
        keyBytes[key] = kb;
      }
      if (kb === null) return false;
      for (let m = start; m < k; m++) if (fieldKey[m] === key) return false;
    }
    return true;
  }
}

function sameBytes(buf: Uint8Array, a0: number, a1: number, b0: number, b1: number): boolean {
  if (a1 - a0 !== b1 - b0) return false;
  for (let i = 0; i < a1 - a0; i++) if (buf[a0 + i] !== buf[b0 + i]) return false;
  return true;
}
