/**
 * The analysis document written as JSON: two-space indentation for the
 * structure, one line per event, edge, finding, anomaly and diagnostic. The
 * rows and edges of an execution built here are written from its columns
 * (eventRowBytes.ts, edgeBytes.ts), its findings and anomalies an item at a
 * time; a copy's are written from its DocEvents and lists.
 */
import { ByteSink, decodeChunks } from './byteSink';
import { eventColumns, EventRowWriter } from './eventRows';
import { eventRowBytes } from './eventRowBytes';
import { edgeBytes } from './edgeBytes';
import type { AnalysisDocument, DocumentOptions } from './analysisDocumentTypes';
import { builtFromResult, streamedListsOf } from './docExecution';
import { anomalyListBytes, findingListBytes } from './findingBytes';

/**
 * The document as JSON, in chunks: two-space indentation for the structure,
 * one line per event, edge, anomaly and diagnostic, so diffs and `grep` work
 * on it. A generator, so a writer can wait for backpressure between chunks.
 * Deterministic: key order is fixed by the builders (analysisDocument.ts).
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
    const source = builtFromResult(x);
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
    const streamed = streamedListsOf(x);
    out.text('      "findings": ');
    if (source && streamed) yield* findingListBytes(source, streamed.numbers(), '      ', false, out);
    else yield* list(x.findings, '      ', false);
    out.text('      "anomalies": ');
    if (source && streamed) yield* anomalyListBytes(source, streamed.numbers(), '      ', false, out);
    else yield* list(x.anomalies, '      ', false);
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
