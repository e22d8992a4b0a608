/**
 * One execution of the analysis document, built from its ExecutionResult.
 * Processes and clock domains are made at once; the events are a list, or
 * with `lazy` an iterable generating them as read; the lists after the
 * events (edges, findings, anomalies, correlations, inversions, offset
 * windows) are getters that make them when first read: written after the
 * rows, they are not held while those are. Each execution built here is
 * remembered with its result (a WeakMap), so the writers write its rows and
 * edges from the columns and its findings and anomalies from the result, an item at a
 * time, while a copy of the document is written from what it holds.
 */
import type { ExecutionResult } from '../analysis/analyze';
import { eventId } from '../model/execution';
import { countInversions, type InversionCount } from '../offsets/inversions';
import type { DocAnomaly, DocCorrelation, DocEdge, DocExecution, DocFinding, DocOffsetWindow } from './analysisDocumentTypes';
import { type AnomalyNumbers, docAnomalies, docFindings, numberAnomalies } from './docAnomalies';
import { docEdges } from './docEdges';
import { docEvents } from './docEvents';
import { docClockDomains, docOffsetWindows } from './offsetSections';
import { processFields } from './processFields';

/** The result each execution of a document was built from: its rows are then written from the columns (eventRowBytes.ts). */
const builtFrom = new WeakMap<DocExecution, ExecutionResult>();

/** The result an execution of a document built here came from (undefined for a copy): exports write its events from the columns. */
export function builtFromResult(x: DocExecution): ExecutionResult | undefined {
  return builtFrom.get(x);
}

export function docExecution(r: ExecutionResult, lazy: boolean): DocExecution {
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
    clockDomains: docClockDomains(r, ids),
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
  // The JSON writer writes these lists from the result an item at a time (findingBytes.ts): no list of 36 k anomalies
  // held to be written once, and the same numbering as the getters'.
  streamedLists.set(doc, { numbers: () => (numbered ??= numberAnomalies(r)) });
  return doc;
}

/** Per document execution built here, what its findings and anomalies are written with. */
const streamedLists = new WeakMap<DocExecution, StreamedLists>();

interface StreamedLists {
  /** The anomalies' order and ids (made once, shared with the getters), for the writer of both lists (findingBytes.ts). */
  numbers: () => AnomalyNumbers;
}

/** An execution built here: its findings and anomalies written from its result, for the JSON writer (undefined for a copy). */
export function streamedListsOf(x: DocExecution): StreamedLists | undefined {
  return streamedLists.get(x);
}
