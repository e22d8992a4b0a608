/**
 * The CSV export (exportCsv.ts) written straight from the columns into byte
 * chunks, for the CLI: the same lines, byte for byte, without a DocEvent, a
 * vector clock record (a dictionary object per event, whose JSON.stringify
 * was most of the ~14 µs each row took at a million events) and papaparse's
 * quoting per cell. Cells are quoted as papaparse quotes them (quotes:
 * false): a cell holding a quote, a comma, CR, LF or a byte order mark, or
 * beginning or ending with a space, is written in quotes with its quotes
 * doubled; a cell a spreadsheet could read as a formula gets its leading
 * single quote first (neutraliseCell). Names, domains and clock keys are
 * quoted once; times and numbers are written as digits (isoTimeWriter.ts).
 * An execution whose clock JSON.stringify would write in another order (a
 * process named like an array index) or that is a copy not built here is
 * written by exportCsv's rows. The streaming-writers and csvBytes property
 * tests compare the two on random executions.
 */
import type { Analysis } from '../analysis/analyze';
import { buildAnalysisDocument, builtFromResult, type DocExecution } from '../document/analysisDocument';
import { ByteSink, NUMBER_BYTES, putNumber, utf8 } from '../document/byteSink';
import { ISO_BYTES, IsoTimeWriter } from '../document/isoTimeWriter';
import { CHUNK_SHIFT, endOf } from '../base/chunkedStrings';
import { EVENT_KIND_NAMES } from '../model/execution';
import { toFloatMs } from '../model/eventTime';
import { eventSlots, slotCorrectionsMs } from '../offsets/domainCorrection';
import { annotationsByEvent, fromColumns } from './ndjsonBytes';
import { csvHeader, csvLines, neutraliseCell } from './exportCsv';

export function* exportCsvBytes(analysis: Analysis): Generator<Uint8Array> {
  const doc = buildAnalysisDocument(analysis, true);
  const sink = new ByteSink();
  sink.text(csvHeader());
  for (const x of doc.executions) {
    if (!fromColumns(x)) {
      for (const lines of csvLines(x)) {
        sink.text(lines);
        if (sink.full) yield* sink.take();
      }
      continue;
    }
    yield* rows(x, sink);
  }
  yield* sink.take();
}

function* rows(doc: DocExecution, sink: ByteSink): Generator<Uint8Array> {
  const r = builtFromResult(doc)!;
  const x = r.execution;
  const notes = annotationsByEvent(doc, x);
  // Per process: `execution,process,domain,` as cells.
  const head = x.processNames.map((name, p) => utf8(`${csvCell(doc.name)},${csvCell(name)},${csvCell(x.domainNames[x.processDomain[p]!]!)},`));
  // A clock entry inside the quoted clock cell: `""name"":` (its quotes doubled), and a comma before all but the first.
  const clockKey = x.processNames.map((name) => utf8(`${JSON.stringify(name)}:`.replace(/"/g, '""')));
  const kinds = EVENT_KIND_NAMES.map((k) => utf8(`,${csvCell(k)},`));
  let longest = 0;
  for (const b of head) longest = Math.max(longest, b.length);
  let keyLongest = 0;
  for (const b of clockKey) keyLongest = Math.max(keyLongest, b.length);
  const room = longest + 2 * (ISO_BYTES + 1) + NUMBER_BYTES + 8;
  const entryRoom = keyLongest + NUMBER_BYTES + 1;
  const corrections = slotCorrectionsMs(r.offsets, x);
  const slots = eventSlots(r.offsets);
  const times = new IsoTimeWriter();
  const correctedTimes = new IsoTimeWriter();
  const clock = new Uint32Array(x.processNames.length);
  const P = clock.length;
  const { eventProc, timeMs, timeNs, timeDigits, processDomain, eventKind, textChunks, textStart } = x;
  const lamport = r.clocks.lamport;
  for (const e of r.clocks.order) {
    const p = eventProc[e]!;
    sink.room(room);
    const buf = sink.buf;
    let pos = sink.pos;
    const h = head[p]!;
    for (let i = 0; i < h.length; i++) buf[pos++] = h[i]!;
    const ms = timeMs[e]!;
    if (ms === ms) {
      const digits = timeDigits[e]!;
      const ns = timeNs[e]!;
      const est = corrections[slots ? slots[e]! : processDomain[p]!]!;
      pos = neutralisedTime(buf, pos, times.put(buf, pos, ms, ns, digits));
      buf[pos++] = 0x2c;
      const c0 = pos;
      pos = est === 0 ? times.put(buf, pos, ms, ns, digits) : correctedTimes.putFloat(buf, pos, toFloatMs(ms, ns) - est, digits > 3 ? digits : 3);
      pos = neutralisedTime(buf, c0, pos);
    } else buf[pos++] = 0x2c;
    buf[pos++] = 0x2c;
    pos = putNumber(buf, pos, lamport[e]!);
    buf[pos++] = 0x2c;
    sink.pos = pos;
    // The clock: `{}`, or `"{""a"":1,""b"":2}"` (JSON in a quoted cell).
    r.clocks.vc.clockOf(e, clock);
    let into = sink.buf;
    let at = sink.pos;
    let any = false;
    for (let q = 0; q < P; q++) {
      const v = clock[q]!;
      if (v === 0) continue;
      if (at + entryRoom + 2 > into.length) {
        sink.pos = at;
        sink.room(entryRoom + 2);
        into = sink.buf;
        at = sink.pos;
      }
      if (any) into[at++] = 0x2c;
      else {
        into[at++] = 0x22; // "
        into[at++] = 0x7b; // {
      }
      const k = clockKey[q]!;
      for (let i = 0; i < k.length; i++) into[at++] = k[i]!;
      at = putNumber(into, at, v);
      any = true;
    }
    sink.pos = at;
    sink.room(4);
    if (any) {
      sink.byte(0x7d);
      sink.byte(0x22);
    } else {
      sink.byte(0x7b);
      sink.byte(0x7d);
    }
    sink.bytes(kinds[eventKind[e]!]!);
    if (notes.marked[e]) {
      const anomalies = notes.anomalies.get(e);
      if (anomalies !== undefined) {
        const ids = anomalies.map((a) => a.id).join(' ');
        cell(sink, ids, 0, ids.length);
      }
    }
    sink.byte(0x2c);
    // The text from its chunk (the chunks' reading order: texts kept as positions are read back 256 at a time).
    const chunk = textChunks.at(e >>> CHUNK_SHIFT)!;
    cell(sink, chunk, textStart[e]!, endOf(chunk, textStart, x.eventCount, e));
    sink.byte(0x0d);
    sink.byte(0x0a);
    if (sink.full) yield* sink.take();
  }
}

/** A time written at buf[from, to) with its leading quote if it starts a formula (a year before 0 or past 9999); returns its end. */
function neutralisedTime(buf: Uint8Array, from: number, to: number): number {
  const c = buf[from];
  if (c !== 0x2b && c !== 0x2d) return to;
  buf.copyWithin(from + 1, from, to);
  buf[from] = 0x27; // '
  return to + 1;
}

/** One cell, s[from, to), as exportCsv writes it: neutralised, then quoted as papaparse quotes (see the module note). */
function cell(sink: ByteSink, s: string, from: number, to: number): void {
  if (from === to) return;
  const first = s.charCodeAt(from);
  // =, +, -, @, tab, CR: a formula to a spreadsheet.
  const formula = first === 0x3d || first === 0x2b || first === 0x2d || first === 0x40 || first === 0x09 || first === 0x0d;
  let quote = s.charCodeAt(to - 1) === 0x20 || (!formula && first === 0x20);
  let quotes = false;
  let ascii = true;
  for (let i = from; i < to && !quotes; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x22) quotes = true;
    else if (c === 0x2c || c === 0x0a || c === 0x0d || c === 0xfeff) quote = true;
    else if (c >= 0x80) ascii = false;
  }
  if (quote || quotes) {
    const v = s.slice(from, to);
    sink.text(`"${formula ? "'" : ''}${quotes ? v.replace(/"/g, '""') : v}"`);
    return;
  }
  if (formula) sink.byte(0x27);
  if (!ascii) {
    sink.text(s.slice(from, to));
    return;
  }
  // ASCII as it is, a byte a character.
  const n = to - from;
  sink.room(n);
  const buf = sink.buf;
  let pos = sink.pos;
  for (let i = from; i < to; i++) buf[pos++] = s.charCodeAt(i);
  sink.pos = pos;
}

/** csvCell as exportCsv writes a string cell (for pieces made once). */
function csvCell(s: string): string {
  const v = neutraliseCell(s);
  const escaped = v.replace(/"/g, '""');
  const quote = /[\r\n",\ufeff]/.test(escaped) || escaped.charAt(0) === ' ' || escaped.charAt(escaped.length - 1) === ' ';
  return quote ? `"${escaped}"` : escaped;
}
