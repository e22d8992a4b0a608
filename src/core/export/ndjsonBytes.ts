/**
 * The NDJSON export (exportNdjson.ts) written straight from the columns into
 * byte chunks, for the CLI: the same lines, byte for byte, without a
 * DocEvent, a vector clock record and a JSON.stringify per event (about a
 * microsecond of the ~12 each line took). Names, domains, inputs and field
 * keys are encoded once; texts, times and numbers as the document's rows
 * write them (eventRowBytes.ts); strings escape U+2028 and U+2029 as the
 * export's oneLine does. An execution whose clock or fields JSON.stringify
 * would write in another order (an integer-like process name or field key, a
 * key twice) or that is a copy not built here is written by exportNdjson.
 * The streaming-writers property test compares the two on random executions.
 */
import type { Analysis } from '../analysis/analyze';
import { buildAnalysisDocument, builtFromResult, type DocExecution } from '../document/analysisDocument';
import { ByteSink, NUMBER_BYTES, putBytes, putNumber, utf8 } from '../document/byteSink';
import { ISO_BYTES, IsoTimeWriter } from '../document/isoTimeWriter';
import { StoredTextWriter } from '../document/storedTextWriter';
import { EVENT_KIND_NAMES, fieldsOf, type Execution } from '../model/execution';
import { toFloatMs } from '../model/eventTime';
import { eventSlots, slotCorrectionsMs } from '../offsets/domainCorrection';
import type { AnomalyRef, IncomingEdge } from './eventAnnotations';
import { exportNdjson, oneLine } from './exportNdjson';

/** What JSON.stringify puts before other keys, in ascending order: an array index. */
const INDEX_KEY = /^(0|[1-9]\d*)$/;

export function* exportNdjsonBytes(analysis: Analysis): Generator<Uint8Array> {
  const doc = buildAnalysisDocument(analysis, true);
  const sink = new ByteSink(undefined, true);
  for (const x of doc.executions) {
    if (!fromColumns(x)) {
      // The record path, for this execution only: exportNdjson of an analysis with just it.
      const one = { ...analysis, executions: [analysis.executions[doc.executions.indexOf(x)]!] };
      for (const chunk of exportNdjson(one)) {
        sink.text(chunk);
        if (sink.full) yield* sink.take();
      }
      continue;
    }
    yield* lines(x, sink);
  }
  yield* sink.take();
}

/** Whether an execution can be written from its columns: built from a result, with no process named like an array index (JSON.stringify orders those first). */
export function fromColumns(x: DocExecution): boolean {
  const r = builtFromResult(x);
  return r !== undefined && !r.execution.processNames.some(isIndexKey);
}

/** A name JSON.stringify would order before the others in an object (an array index). */
export function isIndexKey(name: string): boolean {
  return INDEX_KEY.test(name) && Number(name) < 2 ** 32 - 1;
}

function* lines(doc: DocExecution, sink: ByteSink): Generator<Uint8Array> {
  const r = builtFromResult(doc)!;
  const x = r.execution;
  const js = (v: unknown) => oneLine(JSON.stringify(v));
  const notes = annotationsByEvent(doc, x);
  // `{"execution":…,"id":"name:` (the id's closing quote after its seq), then `","process":…,"seq":`.
  const head = x.processNames.map((name) => utf8(`{"execution":${js(doc.name)},"id":${js(`${name}:`).slice(0, -1)}`));
  const process = x.processNames.map((name, p) => utf8(`","process":${js(name)},"clockDomain":${js(x.domainNames[x.processDomain[p]!]!)},"seq":`));
  const input = x.inputs.map((name) => utf8(`,"source":{"input":${js(name)},"line":`));
  const clockKey = x.processNames.map((name) => utf8(`${js(name)}:`));
  const kinds = EVENT_KIND_NAMES.map((k) => utf8(`},"kind":${JSON.stringify(k)},"text":`));
  const keyBytes: (Uint8Array | null | undefined)[] = [];
  let longest = 0;
  for (let p = 0; p < head.length; p++) longest = Math.max(longest, head[p]!.length + process[p]!.length);
  let inputLongest = 0;
  for (const b of input) inputLongest = Math.max(inputLongest, b.length);
  const room = longest + inputLongest + 4 * NUMBER_BYTES + 2 * ISO_BYTES + 64;
  // A clock entry: a comma, its key and its number.
  const entryRoom = clockKey.reduce((n, b) => Math.max(n, b.length), 0) + NUMBER_BYTES + 1;
  const corrections = slotCorrectionsMs(r.offsets, x);
  const slots = eventSlots(r.offsets);
  const times = new IsoTimeWriter();
  const correctedTimes = new IsoTimeWriter();
  const texts = new StoredTextWriter(x.textChunks, x.textStart, x.eventCount);
  const clock = new Uint32Array(x.processNames.length);
  const P = clock.length;
  const { eventProc, procStart, eventInput, eventLine, timeMs, timeNs, timeDigits, processDomain, eventKind, fieldStart, fieldKey, fieldValue, strings } = x;
  const lamport = r.clocks.lamport;
  for (const e of r.clocks.order) {
    const p = eventProc[e]!;
    const seq = e - procStart[p]! + 1;
    sink.room(room);
    const buf = sink.buf;
    let pos = putBytes(buf, sink.pos, head[p]!);
    pos = putNumber(buf, pos, seq);
    pos = putBytes(buf, pos, process[p]!);
    pos = putNumber(buf, pos, seq);
    pos = putBytes(buf, pos, input[eventInput[e]!]!);
    pos = putNumber(buf, pos, eventLine[e]!);
    pos = putBytes(buf, pos, TIME);
    const ms = timeMs[e]!;
    if (ms === ms) {
      const digits = timeDigits[e]!;
      const ns = timeNs[e]!;
      const est = corrections[slots ? slots[e]! : processDomain[p]!]!;
      buf[pos++] = 0x22;
      pos = times.put(buf, pos, ms, ns, digits);
      pos = putBytes(buf, pos, CORRECTED);
      pos = est === 0 ? times.put(buf, pos, ms, ns, digits) : correctedTimes.putFloat(buf, pos, toFloatMs(ms, ns) - est, digits > 3 ? digits : 3);
      buf[pos++] = 0x22;
    } else pos = putBytes(buf, pos, NO_TIMES);
    pos = putBytes(buf, pos, LAMPORT);
    pos = putNumber(buf, pos, lamport[e]!);
    pos = putBytes(buf, pos, VC);
    sink.pos = pos;
    r.clocks.vc.clockOf(e, clock);
    let into = sink.buf;
    let at = sink.pos;
    let sep = false;
    for (let q = 0; q < P; q++) {
      const v = clock[q]!;
      if (v === 0) continue;
      if (at + entryRoom > into.length) {
        sink.pos = at;
        sink.room(entryRoom);
        into = sink.buf;
        at = sink.pos;
      }
      if (sep) into[at++] = 0x2c;
      at = putBytes(into, at, clockKey[q]!);
      at = putNumber(into, at, v);
      sep = true;
    }
    sink.pos = at;
    sink.bytes(kinds[eventKind[e]!]!);
    texts.write(sink, e);
    sink.bytes(FIELDS);
    fields(e);
    const anomalies = notes.marked[e] ? notes.anomalies.get(e) : undefined;
    const incoming = notes.marked[e] ? notes.incoming.get(e) : undefined;
    sink.bytes(ANOMALIES);
    if (anomalies === undefined) sink.bytes(EMPTY);
    else sink.text(js(anomalies));
    sink.bytes(INCOMING);
    if (incoming === undefined) sink.bytes(EMPTY);
    else sink.text(js(incoming));
    sink.bytes(END);
    if (sink.full) yield* sink.take();
  }

  function fields(e: number): void {
    const start = fieldStart[e]!;
    const end = fieldStart[e + 1]!;
    for (let k = start; k < end; k++) {
      const key = fieldKey[k]!;
      let kb = keyBytes[key];
      if (kb === undefined) {
        const name = strings.get(key);
        kb = isIndexKey(name) ? null : utf8(`${js(name)}:`);
        keyBytes[key] = kb;
      }
      let twice = false;
      for (let m = start; m < k; m++) if (fieldKey[m] === key) twice = true;
      if (kb === null || twice) {
        sink.text(js(fieldsOf(x, e)));
        return;
      }
    }
    sink.byte(0x7b);
    for (let k = start; k < end; k++) {
      if (k > start) sink.byte(0x2c);
      sink.bytes(keyBytes[fieldKey[k]!]!);
      sink.jsonString(strings.get(fieldValue[k]!));
    }
    sink.byte(0x7d);
  }
}

/**
 * eventAnnotations(doc) by event number rather than by id, so a line looks
 * up nothing unless its event is marked: the same lists, pushed in the same
 * order (anomalies in the document's order, each event once; edges in theirs).
 */
export function annotationsByEvent(doc: DocExecution, x: Execution) {
  const processIndex = new Map(x.processNames.map((name, p) => [name, p]));
  const eventOf = (id: string) => {
    const at = id.lastIndexOf(':');
    return x.procStart[processIndex.get(id.slice(0, at))!]! + Number(id.slice(at + 1)) - 1;
  };
  const marked = new Uint8Array(x.eventCount);
  const anomalies = new Map<number, AnomalyRef[]>();
  const incoming = new Map<number, IncomingEdge[]>();
  const push = <T>(map: Map<number, T[]>, e: number, value: T) => {
    marked[e] = 1;
    const list = map.get(e);
    if (list) list.push(value);
    else map.set(e, [value]);
  };
  for (const an of doc.anomalies) for (const id of new Set(an.events)) push(anomalies, eventOf(id), { id: an.id, kind: an.kind });
  for (const edge of doc.edges) push(incoming, eventOf(edge.to), { from: edge.from, rule: edge.rule, key: edge.key });
  return { marked, anomalies, incoming };
}

const TIME = utf8(`},"time":`);
const CORRECTED = utf8(`","correctedTime":"`);
const NO_TIMES = utf8('null,"correctedTime":null');
const LAMPORT = utf8(',"lamport":');
const VC = utf8(',"vc":{');
const FIELDS = utf8(',"fields":');
const ANOMALIES = utf8(',"anomalies":');
const INCOMING = utf8(',"incoming":');
const EMPTY = utf8('[]');
const END = utf8('}\n');
