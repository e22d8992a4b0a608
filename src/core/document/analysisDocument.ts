/**
 * The analysis document, schema `causeway.analysis/2` (docs/analysis-schema.md):
 * what the CLI writes with --format json and the page exports. It is built
 * from an Analysis with events as a lazy iterable, so a million events can be
 * streamed out (analysisDocumentBytes) without one giant string; the same
 * builder backs the in-memory form, so both give identical bytes. In memory
 * an event is a whole DocEvent (the other exports read those); written, it is
 * a row with its vector clock as a delta (eventRows.ts).
 *
 * Its parts: the shape (analysisDocumentTypes.ts), an execution and its
 * lists made when read (docExecution.ts, with docEvents, docEdges,
 * docAnomalies and offsetSections), and the JSON writer
 * (analysisDocumentBytes.ts).
 */
import type { ReadingReport } from '../read/readingReport';
import type { Analysis } from '../analysis/analyze';
import { ANALYSIS_SCHEMA, type AnalysisDocument } from './analysisDocumentTypes';
import { docExecution } from './docExecution';

export {
  ANALYSIS_SCHEMA,
  ANALYSIS_SCHEMA_V1,
  type AnalysisDocument,
  type DocAnomaly,
  type DocClockDomain,
  type DocCorrelation,
  type DocEdge,
  type DocExecution,
  type DocFinding,
  type DocOffsetWindow,
  type DocumentOptions,
} from './analysisDocumentTypes';
export type { DocEvent } from './docEvent';
export { builtFromResult } from './docExecution';
export { analysisDocumentBytes, analysisDocumentChunks, serializeAnalysisDocument } from './analysisDocumentBytes';

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
