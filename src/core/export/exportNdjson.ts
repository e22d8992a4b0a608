/**
 * NDJSON export: one JSON object per line, one line per event, executions in
 * name order and events in annotated causal order (ascending Lamport, ties by
 * process and sequence number), so every cause is on an earlier line than its
 * effects. A line carries the event as the analysis document has it (id,
 * process, seq, source, raw and corrected time, Lamport, vector clock, kind,
 * text, fields) plus its execution and clock domain, the anomalies that name
 * it and its incoming message edges; a script or a TLA+ trace validator can
 * then consume events one line at a time without reading the whole document.
 * Built on the lazy analysis document, so the numbering and the values are the
 * JSON export's and a large execution streams out line by line.
 */
import type { Analysis } from '../analysis/analyze';
import { buildAnalysisDocument, type DocEvent } from '../document/analysisDocument';
import { eventAnnotations, type AnomalyRef, type IncomingEdge } from './eventAnnotations';

export interface NdjsonEvent extends DocEvent {
  execution: string;
  clockDomain: string;
  anomalies: AnomalyRef[];
  incoming: IncomingEdge[];
}

/** Lines are batched into chunks of about this many characters, so a writer sees few, mid-sized writes. */
const CHUNK_CHARS = 1 << 16;

export function* exportNdjson(analysis: Analysis): Generator<string> {
  const doc = buildAnalysisDocument(analysis, true);
  let pending = '';
  for (const x of doc.executions) {
    const domainOf = new Map(x.processes.map((p) => [p.name, p.clockDomain]));
    const notes = eventAnnotations(x);
    for (const ev of x.events) {
      // Keys are written in a fixed order (this literal's), which makes the bytes deterministic.
      const line: NdjsonEvent = {
        execution: x.name,
        id: ev.id,
        process: ev.process,
        clockDomain: domainOf.get(ev.process) ?? ev.process,
        seq: ev.seq,
        source: ev.source,
        time: ev.time,
        correctedTime: ev.correctedTime,
        lamport: ev.lamport,
        vc: ev.vc,
        kind: ev.kind,
        text: ev.text,
        fields: ev.fields,
        anomalies: notes.anomalies(ev.id),
        incoming: notes.incoming(ev.id),
      };
      pending += `${oneLine(JSON.stringify(line))}\n`;
      if (pending.length >= CHUNK_CHARS) {
        yield pending;
        pending = '';
      }
    }
  }
  if (pending !== '') yield pending;
}

/**
 * JSON.stringify escapes \n and \r inside strings but writes U+2028 and U+2029
 * raw, which some line splitters (Python's splitlines, editors) break on; the
 * escaped form is the same JSON value.
 */
export function oneLine(json: string): string {
  return /[\u2028\u2029]/.test(json) ? json.replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029') : json;
}
