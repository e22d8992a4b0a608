/**
 * The analysis document, schema `causeway.analysis/2` (docs/analysis-schema.md):
 * what the CLI writes with --format json and the page exports. It is built
 * from an Analysis with events as a lazy iterable, so a million events can be
 * streamed out (analysisDocumentBytes) without one giant string; the same
 * builder backs the in-memory form, so both give identical bytes. In memory
 * an event is a whole DocEvent (the other exports read those); written, it is
 * a row with its vector clock as a delta (eventRows.ts).
 */
import type { ReadingReport } from '../read/readingReport';
import type { Analysis, ExecutionResult } from '../analysis/analyze';
import { EVENT_KIND_NAMES, eventId, fieldsOf, hasTime, seqOf, textOf } from '../model/execution';
import { formatIso, formatIsoFloat, toFloatMs } from '../model/eventTime';
import { eventCorrectionMs } from '../offsets/domainCorrection';
import type { Diagnostic } from '../model/diagnostic';
import { countInversions, type InversionCount } from '../offsets/inversions';
import { estimateWindowOffsets } from '../offsets/windowOffsets';
import { groupFindings } from '../findings/groupFindings';
import { eventColumns, EventRowWriter } from './eventRows';
import { eventRowBytes } from './eventRowBytes';
import { edgeBytes } from './edgeBytes';
import { ByteSink, decodeChunks } from './byteSink';
import { processFields } from './processFields';
import type { DocEvent } from './docEvent';

export const ANALYSIS_SCHEMA = 'causeway.analysis/2';
/** The schema before events became rows (full clocks, one object per event); docs/analysis-schema.md reads both. */
export const ANALYSIS_SCHEMA_V1 = 'causeway.analysis/1';

export interface DocumentOptions {
  /** Each event's whole vector clock (column `vc`) instead of what changed since its process's previous event (`vcDelta`). */
  fullClocks?: boolean;
}

export type { DocEvent } from './docEvent';

export interface DocEdge {
  from: string;
  to: string;
  rule: string;
  key: string;
  /** Where the matcher had a choice: how it chose (EdgeEvidence.by) and the other sends it could have paired. */
  match?: { by: string; alternatives: string[] };
}

export interface DocAnomaly {
  id: string;
  kind: string;
  severity: string;
  events: string[];
  summary: string;
  detail: Record<string, unknown>;
}

/** What happened, told once: the anomalies that say one thing, or a Kubernetes node failure's timeline (findings/groupFindings.ts). */
export interface DocFinding {
  id: string;
  kind: string;
  severity: string;
  summary: string;
  /** Ids of the anomalies below it in `anomalies`. */
  anomalies: string[];
  events: string[];
  /** A node failure's steps (findings/nodeFailures.ts), in order. */
  timeline?: { step: string; events: string[] }[];
}

/** Ids shared by events of two or more processes (correlate/correlationGroups.ts). */
export interface DocCorrelation {
  key: string;
  events: string[];
  processes: string[];
}

export interface DocExecution {
  name: string;
  /** `fields`: what every event of the process carries with one value; written once here, not on the events. */
  processes: { name: string; clockDomain: string; events: number; fields: Record<string, string> }[];
  clockDomains: DocClockDomain[];
  events: Iterable<DocEvent>;
  edges: DocEdge[];
  /** Most severe first; every anomaly is in one finding at most, and stays listed in `anomalies`. */
  findings: DocFinding[];
  anomalies: DocAnomaly[];
  correlations: DocCorrelation[];
  /** Happened-before pairs (edges and program-order neighbours) a timestamp sort inverts. */
  inversions: InversionCount;
  offsetWindows: DocOffsetWindow[];
}

export interface DocOffsetWindow {
  start: string;
  end: string;
  edges: number;
  /** Per domain name, relative to its reference in clockDomains. */
  offsetMs: Record<string, { low: number | null; high: number | null; estimate: number | null }>;
  conflicts: { from: string; to: string }[];
}

/** A clock domain; `offsetMs` is its last epoch's where its clock stepped (clockEpochs.ts), `epochs` each epoch's. */
export interface DocClockDomain {
  name: string;
  reference: string;
  offsetMs: DocOffsetMs;
  /** Only where the clock stepped back: its epochs in order, each from its first to its last event on the process that shows the steps. */
  epochs?: { from: string; to: string; reference: string; offsetMs: DocOffsetMs }[];
}

type DocOffsetMs = { low: number | null; high: number | null; estimate: number | null };

export interface AnalysisDocument {
  schema: typeof ANALYSIS_SCHEMA;
  inputs: { name: string; format: string; bytes: number; events: number; skipped: number; reading: ReadingReport }[];
  diagnostics: Diagnostic[];
  executions: DocExecution[];
}

/** The document; with lazy=true event lists are generated as they are read. */
export function buildAnalysisDocument(a: Analysis, lazy = false): AnalysisDocument {
  return {
    schema: ANALYSIS_SCHEMA,
    inputs: a.inputs.map((i) => ({ name: i.name, format: i.format, bytes: i.bytes, events: i.events, skipped: i.skipped, reading: docReading(i.reading) })),
    diagnostics: a.diagnostics.map((d) => ({ input: d.input, line: d.line, severity: d.severity, message: d.message })),
    executions: a.executions.map((r) => docExecution(r, lazy)),
  };
}

/** The reading report with its keys in one order (parsers report fields in any order), optional ones only when set. */
function docReading(r: ReadingReport): ReadingReport {
  const { lines, timed, untimed, continuation, skipped, blank, skippedSamples, timeLayout } = r;
  const out: ReadingReport = { lines, timed, untimed, continuation, skipped, blank, skippedSamples: skippedSamples.map((s) => ({ line: s.line, text: s.text })), timeLayout };
  for (const k of ['timeLayoutLabel', 'timePosition', 'zone', 'yearFrom', 'sourceColumn', 'sourceCandidates', 'sources', 'noTimeReason'] as const) {
    if (r[k] !== undefined) (out as unknown as Record<string, unknown>)[k] = r[k];
  }
  return out;
}

/** The result each execution of a document was built from: its rows are then written from the columns (eventRowBytes.ts). */
const builtFrom = new WeakMap<DocExecution, ExecutionResult>();

/** The result an execution of a document built here came from (undefined for a copy): exports write its events from the columns. */
export function builtFromResult(x: DocExecution): ExecutionResult | undefined {
  return builtFrom.get(x);
}

function docExecution(r: ExecutionResult, lazy: boolean): DocExecution {
  const x = r.execution;
  const ids = (e: number) => eventId(x, e);
  const events = lazy ? { [Symbol.iterator]: () => docEvents(r) } : [...docEvents(r)];
  // The lists after the events are made when first read: written after the rows, they are not held while those are.
  let edges: DocEdge[] | undefined;
  let numbered: AnomalyNumbers | undefined;
  let findings: DocFinding[] | undefined;
  let anomalies: DocAnomaly[] | undefined;
  let correlations: DocCorrelation[] | undefined;
  let inversions: InversionCount | undefined;
  let offsetWindows: DocOffsetWindow[] | undefined;
  const doc: DocExecution = {
    name: x.name,
    processes: x.processNames.map((name, p) => ({
      name,
      clockDomain: x.domainNames[x.processDomain[p]!]!,
      events: x.procStart[p + 1]! - x.procStart[p]!,
      fields: processFields(x, p),
    })),
    clockDomains: x.domainNames.map((name, d): DocClockDomain => {
      const o = r.offsets.offsets[d]!;
      const epochs = domainEpochs(r, d, ids);
      return { name, reference: o.reference, offsetMs: { low: round(o.low), high: round(o.high), estimate: round(o.estimate) }, ...(epochs && { epochs }) };
    }),
    events,
    // Made when read: the JSON document writes them from the columns (edgeBytes.ts).
    get edges() {
      return (edges ??= docEdges(r));
    },
    get findings() {
      return (findings ??= [...docFindings(r, (numbered ??= numberAnomalies(r)), ids)]);
    },
    get anomalies() {
      return (anomalies ??= [...docAnomalies(r, (numbered ??= numberAnomalies(r)), ids)]);
    },
    get correlations() {
      return (correlations ??= (r.correlations ?? []).map((c) => ({ key: c.key, events: c.events.map(ids), processes: c.processes.map((p) => x.processNames[p]!) })));
    },
    get inversions() {
      return (inversions ??= countInversions(x, r.clocks, r.offsets));
    },
    get offsetWindows() {
      return (offsetWindows ??= docOffsetWindows(r, ids));
    },
  };
  builtFrom.set(doc, r);
  // The JSON writer takes these lists an item at a time: no list of 36 k anomalies held to be written once.
  streamedLists.set(doc, {
    findings: () => docFindings(r, (numbered ??= numberAnomalies(r)), ids),
    anomalies: () => docAnomalies(r, (numbered ??= numberAnomalies(r)), ids),
  });
  return doc;
}

/** Per document execution built here, its findings and anomalies made as they are read. */
const streamedLists = new WeakMap<DocExecution, { findings: () => Iterable<DocFinding>; anomalies: () => Iterable<DocAnomaly> }>();

/** The anomalies in the document's order (by kind, then the causal order of their first event) and each one's id (`kind-n`, numbered per kind). */
interface AnomalyNumbers {
  order: number[];
  /** Per anomaly index. */
  ids: string[];
}

function numberAnomalies(r: ExecutionResult): AnomalyNumbers {
  const x = r.execution;
  const position = new Uint32Array(x.eventCount);
  r.clocks.order.forEach((e, i) => (position[e] = i));
  const order = [...r.anomalies.keys()].sort((i, j) => {
    const p = r.anomalies[i]!;
    const q = r.anomalies[j]!;
    return cmpStr(p.kind, q.kind) || firstPos(p.events, position) - firstPos(q.events, position);
  });
  // Ids are numbered per kind, so a new finding of one kind does not renumber the others.
  const perKind = new Map<string, number>();
  const ids: string[] = new Array<string>(r.anomalies.length);
  for (const i of order) {
    const kind = r.anomalies[i]!.kind;
    const n = (perKind.get(kind) ?? 0) + 1;
    perKind.set(kind, n);
    ids[i] = `${kind}-${n}`;
  }
  return { order, ids };
}

function* docAnomalies(r: ExecutionResult, numbers: AnomalyNumbers, ids: (e: number) => string): Generator<DocAnomaly> {
  for (const i of numbers.order) {
    const an = r.anomalies[i]!;
    yield { id: numbers.ids[i]!, kind: an.kind, severity: an.severity, events: an.events.map(ids), summary: an.summary, detail: an.detail };
  }
}

function* docFindings(r: ExecutionResult, numbers: AnomalyNumbers, ids: (e: number) => string): Generator<DocFinding> {
  for (const f of groupFindings(r)) {
    const doc: DocFinding = { id: f.id, kind: f.kind, severity: f.severity, summary: f.summary, anomalies: f.anomalies.map((i) => numbers.ids[i]!), events: f.events.map(ids) };
    if (f.timeline) doc.timeline = f.timeline.map((s) => ({ step: s.step, events: s.events.map(ids) }));
    yield doc;
  }
}

function docOffsetWindows(r: ExecutionResult, ids: (e: number) => string): DocOffsetWindow[] {
  const x = r.execution;
  return estimateWindowOffsets(x, r.offsets, r.clocks.edgeIgnored).map((w) => {
    const offsetMs: DocOffsetWindow['offsetMs'] = {};
    w.offsets.forEach((o, d) => (offsetMs[x.domainNames[d]!] = { low: round(o.low), high: round(o.high), estimate: round(o.estimate) }));
    return {
      start: formatIsoFloat(w.startMs, 3),
      end: formatIsoFloat(w.endMs, 3),
      edges: w.edges,
      offsetMs,
      conflicts: w.conflictEdges.map((k) => ({ from: ids(x.edgeFrom[k]!), to: ids(x.edgeTo[k]!) })),
    };
  });
}

function docEdges(r: ExecutionResult): DocEdge[] {
  const x = r.execution;
  const ids = (e: number) => eventId(x, e);
  const edges: DocEdge[] = [];
  for (let k = 0; k < x.edgeCount; k++) {
    if (r.clocks.edgeIgnored[k]) continue;
    const edge: DocEdge = { from: ids(x.edgeFrom[k]!), to: ids(x.edgeTo[k]!), rule: x.strings.get(x.edgeRule[k]!), key: x.strings.get(x.edgeKey[k]!) };
    const ev = r.messages?.evidence(x.edgeFrom[k]!, x.edgeTo[k]!);
    if (ev && (ev.alternatives.length > 0 || ev.by === 'redelivery')) edge.match = { by: ev.by, alternatives: ev.alternatives.map(ids) };
    edges.push(edge);
  }
  return edges;
}

/** A stepped domain's epochs, in order; undefined for a domain whose clock did not step. */
function domainEpochs(r: ExecutionResult, d: number, ids: (e: number) => string): DocClockDomain['epochs'] {
  const ep = r.offsets.epochs;
  if (!ep) return undefined;
  const slots: number[] = [];
  for (let s = 0; s < ep.epochs.slots; s++) if (ep.epochs.slotDomain[s] === d) slots.push(s);
  if (slots.length < 2) return undefined;
  return slots.map((s) => {
    const o = ep.offsets[s]!;
    return { from: ids(ep.epochs.slotFrom[s]!), to: ids(ep.epochs.slotTo[s]!), reference: o.reference, offsetMs: { low: round(o.low), high: round(o.high), estimate: round(o.estimate) } };
  });
}

function* docEvents(r: ExecutionResult): Generator<DocEvent> {
  const x = r.execution;
  const P = x.processNames.length;
  const clock = new Uint32Array(P);
  for (const e of r.clocks.order) {
    const p = x.eventProc[e]!;
    r.clocks.vc.clockOf(e, clock);
    const vc: Record<string, number> = Object.create(null); // a process may be named __proto__
    for (let q = 0; q < P; q++) if (clock[q]! > 0) vc[x.processNames[q]!] = clock[q]!;
    let time: string | null = null;
    let corrected: string | null = null;
    if (hasTime(x, e)) {
      const digits = x.timeDigits[e]!;
      time = formatIso(x.timeMs[e]!, x.timeNs[e]!, digits);
      const est = eventCorrectionMs(r.offsets, x, e);
      corrected = est === 0 ? time : formatIsoFloat(toFloatMs(x.timeMs[e]!, x.timeNs[e]!) - est, Math.max(digits, 3));
    }
    yield {
      id: eventId(x, e),
      process: x.processNames[p]!,
      seq: seqOf(x, e),
      source: { input: x.inputs[x.eventInput[e]!]!, line: x.eventLine[e]! },
      time,
      correctedTime: corrected,
      lamport: r.clocks.lamport[e]!,
      vc,
      kind: EVENT_KIND_NAMES[x.eventKind[e]!]!,
      text: textOf(x, e),
      fields: fieldsOf(x, e),
    };
  }
}

function firstPos(events: number[], position: Uint32Array): number {
  let m = Infinity;
  for (const e of events) m = Math.min(m, position[e]!);
  return m;
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Offsets to the nanosecond: float noise must not make output differ. */
function round(v: number | null): number | null {
  return v === null ? null : Math.round(v * 1e6) / 1e6;
}

/**
 * The document as JSON, in chunks: two-space indentation for the structure,
 * one line per event, edge, anomaly and diagnostic, so diffs and `grep` work
 * on it. A generator, so a writer can wait for backpressure between chunks.
 * Deterministic: key order is fixed by the builders above.
 */
export function analysisDocumentChunks(doc: AnalysisDocument, options: DocumentOptions = {}): Generator<string> {
  return decodeChunks(analysisDocumentBytes(doc, options));
}

/**
 * analysisDocumentChunks as UTF-8, chunks of about 256 KB written straight
 * as bytes (byteSink.ts): what the CLI writes. The rows of an execution built
 * here are written from its columns (eventRowBytes.ts), those of a copy from
 * its DocEvents.
 */
export function* analysisDocumentBytes(doc: AnalysisDocument, options: DocumentOptions = {}): Generator<Uint8Array> {
  const fullClocks = options.fullClocks === true;
  const inputIndex = new Map<string, number>();
  doc.inputs.forEach((input, k) => inputIndex.set(input.name, k));
  const j = JSON.stringify;
  const out = new ByteSink();
  function* list<T>(items: Iterable<T>, indent: string, last: boolean): Generator<Uint8Array> {
    let any = false;
    for (const item of items) {
      out.text(any ? `,\n${indent}  ` : `[\n${indent}  `);
      out.text(j(item));
      any = true;
      if (out.full) yield* out.take();
    }
    out.text(any ? `\n${indent}]${last ? '' : ','}\n` : `[]${last ? '' : ','}\n`);
  }
  out.text(`{\n  "schema": ${j(doc.schema)},\n  "inputs": `);
  yield* list(doc.inputs, '  ', false);
  out.text('  "diagnostics": ');
  yield* list(doc.diagnostics, '  ', false);
  out.text('  "executions": [');
  for (const [i, x] of doc.executions.entries()) {
    out.text(`${i ? ',' : ''}\n    {\n      "name": ${j(x.name)},\n      "processes": `);
    yield* list(x.processes, '      ', false);
    out.text('      "clockDomains": ');
    yield* list(x.clockDomains, '      ', false);
    out.text(`      "eventColumns": ${j(eventColumns(fullClocks))},\n      "events": `);
    const source = builtFrom.get(x);
    if (source) {
      yield* eventRowBytes(source, inputIndex, x.processes.map((p) => p.fields), fullClocks, '      ', out);
      out.text(',\n');
    } else {
      const rows = new EventRowWriter(inputIndex, x.processes, fullClocks);
      yield* list(mapIterable(x.events, (ev) => rows.row(ev)), '      ', false);
    }
    out.text('      "edges": ');
    if (source) {
      yield* edgeBytes(source, '      ', out);
      out.text(',\n');
    } else yield* list(x.edges, '      ', false);
    const streamed = streamedLists.get(x);
    out.text('      "findings": ');
    yield* list(streamed ? streamed.findings() : x.findings, '      ', false);
    out.text('      "anomalies": ');
    yield* list(streamed ? streamed.anomalies() : x.anomalies, '      ', false);
    out.text('      "correlations": ');
    yield* list(x.correlations, '      ', false);
    out.text(`      "inversions": ${j(x.inversions)},\n      "offsetWindows": `);
    yield* list(x.offsetWindows, '      ', true);
    out.text('    }');
  }
  out.text(doc.executions.length ? '\n  ]\n}\n' : ']\n}\n');
  yield* out.take();
}

export function serializeAnalysisDocument(doc: AnalysisDocument, options: DocumentOptions = {}): string {
  return [...analysisDocumentChunks(doc, options)].join('');
}

function* mapIterable<T, U>(items: Iterable<T>, f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}
