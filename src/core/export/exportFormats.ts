/**
 * The one entry point to every export, shared by the CLI (`--format`) and the
 * page, so both write the same bytes for the same analysis. Each format is a
 * generator of string chunks: a caller writes them as they come (waiting for
 * backpressure in between) and a large execution never becomes one string.
 */
import type { Analysis } from '../analysis/analyze';
import { analysisDocumentBytes, analysisDocumentChunks, buildAnalysisDocument, type DocumentOptions } from '../document/analysisDocument';
import { exportChromeTrace } from './exportChromeTrace';
import { exportCsv } from './exportCsv';
import { exportCsvBytes } from './csvBytes';
import { exportNdjson } from './exportNdjson';
import { exportNdjsonBytes } from './ndjsonBytes';
import { exportShiviz } from './exportShiviz';

export const EXPORT_FORMATS = ['json', 'ndjson', 'csv', 'shiviz', 'chrome-trace'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** File extension and media type per format, for downloads and --out suggestions. */
export const EXPORT_FILE_TYPES: Record<ExportFormat, { extension: string; mediaType: string }> = {
  json: { extension: '.json', mediaType: 'application/json' },
  ndjson: { extension: '.ndjson', mediaType: 'application/x-ndjson' },
  csv: { extension: '.csv', mediaType: 'text/csv' },
  shiviz: { extension: '.log', mediaType: 'text/plain' },
  'chrome-trace': { extension: '.trace.json', mediaType: 'application/json' },
};

/** `options` shape the JSON document (--full-clocks); the other formats always carry whole clocks. */
export function exportChunks(analysis: Analysis, format: ExportFormat, options: DocumentOptions = {}): Iterable<string> {
  switch (format) {
    case 'json':
      return analysisDocumentChunks(buildAnalysisDocument(analysis, true), options);
    case 'ndjson':
      return exportNdjson(analysis);
    case 'csv':
      return exportCsv(analysis);
    case 'shiviz':
      return exportShiviz(analysis);
    case 'chrome-trace':
      return exportChromeTrace(analysis);
  }
}

/**
 * The export as UTF-8 chunks, the bytes of exportChunks: what the CLI
 * writes. The JSON document, NDJSON and CSV are written as bytes from the start
 * (no string to flatten and encode again); the other formats' chunks are
 * encoded.
 */
export function* exportBytes(analysis: Analysis, format: ExportFormat, options: DocumentOptions = {}): Generator<Uint8Array> {
  if (format === 'json') {
    yield* analysisDocumentBytes(buildAnalysisDocument(analysis, true), options);
    return;
  }
  if (format === 'ndjson') {
    yield* exportNdjsonBytes(analysis);
    return;
  }
  if (format === 'csv') {
    yield* exportCsvBytes(analysis);
    return;
  }
  const encoder = new TextEncoder();
  for (const chunk of exportChunks(analysis, format, options)) yield encoder.encode(chunk);
}

/** The whole export as one string: for tests and small analyses. */
export function exportText(analysis: Analysis, format: ExportFormat, options: DocumentOptions = {}): string {
  let out = '';
  for (const chunk of exportChunks(analysis, format, options)) out += chunk;
  return out;
}
