/**
 * The surface the worker exposes, as a plain module so Node tests can call it
 * (a module that calls Comlink.expose cannot be imported outside a worker).
 * Its one job beyond forwarding to the session: mark typed-array results with
 * Comlink.transfer, so lane columns, orders, marks and chart series move to
 * the page instead of being copied (lanes sent early, before the analysis is
 * done, are not sent again), and turn export chunks into a Blob.
 * The same surface serves both roles a worker of this bundle plays: the
 * analyzer, and a parallel reader of one group of files (readPart).
 */
import * as Comlink from 'comlink';
import { EXPORT_FILE_TYPES } from '../src/core/export/exportFormats';
import { countRecords } from '../src/core/input/shiviz/regexGuess';
import { packedTransferables } from '../src/core/parallel/packPart';
import { AnalyzerSession, type EarlyLanes } from '../src/core/session/analyzerSession';
import { chartTransferables } from '../src/core/session/chartSeries';
import { laneTransferables, type LaneData } from '../src/core/view/laneData';
import type { AnalyzerApi } from './protocol';
import { sessionFilesOf } from './blobFiles';

/** Frees the page's end of a callback's channel; a plain function (Node tests) has no such method. */
function releaseCallback(f: unknown): void {
  (f as Partial<Record<typeof Comlink.releaseProxy, () => void>> | undefined)?.[Comlink.releaseProxy]?.();
}

/** Chunks are joined into parts of about this many characters before going into the Blob. */
const BLOB_PART = 1 << 20;

export function createAnalyzerApi(session = new AnalyzerSession()): AnalyzerApi {
  return {
    async analyze(files, options, onProgress, elsewhere, fetchParts, early, onLanes) {
      // The callbacks are Comlink proxies: calling one posts a message; no need to wait for it.
      try {
        const parts = elsewhere && fetchParts ? { inputs: elsewhere, parts: () => fetchParts() } : [];
        // Lanes sent early were transferred (their buffers are gone here): the answer has null in their place.
        const sent = new Set<LaneData>();
        const send =
          early && onLanes
            ? {
                ...early,
                onLanes(e: EarlyLanes) {
                  sent.add(e.lanes);
                  void onLanes(Comlink.transfer(e, laneTransferables(e.lanes)));
                },
              }
            : undefined;
        const result = await session.analyze(sessionFilesOf(files), options, (p) => void onProgress(p), parts, send);
        const lanes = result.lanes.map((l) => (sent.has(l) ? null : l));
        return Comlink.transfer({ summary: result.summary, lanes }, lanes.flatMap((l) => (l ? laneTransferables(l) : [])));
      } finally {
        releaseCallback(onProgress);
        releaseCallback(fetchParts);
        releaseCallback(onLanes);
      }
    },
    async readPart(files, options, onProgress) {
      try {
        const part = await session.readPart(sessionFilesOf(files), options, (p) => void onProgress(p));
        return Comlink.transfer(part, packedTransferables(part));
      } finally {
        releaseCallback(onProgress);
      }
    },
    eventDetails: (exec, e) => session.eventDetails(exec, e),
    highlight(exec, e) {
      const h = session.highlight(exec, e);
      return Comlink.transfer(h, [h.past.buffer as ArrayBuffer, h.future.buffer as ArrayBuffer]);
    },
    exportJson: () => session.exportJson(),
    exportBlob(format) {
      const parts: string[] = [];
      let part = '';
      for (const chunk of session.exportChunks(format)) {
        part += chunk;
        if (part.length >= BLOB_PART) {
          parts.push(part);
          part = '';
        }
      }
      if (part) parts.push(part);
      return new Blob(parts, { type: EXPORT_FILE_TYPES[format].mediaType });
    },
    anomalyGroups: (exec) => session.anomalyGroups(exec),
    findings: (exec) => session.findings(exec),
    correlations: (exec, query) => session.correlations(exec, query),
    correlationEvents(exec, index) {
      const events = session.correlationEvents(exec, index);
      return Comlink.transfer(events, [events.buffer as ArrayBuffer]);
    },
    correlationProposals: (exec) => session.correlationProposals(exec),
    logIndex(exec, order) {
      const ix = session.logIndex(exec, order);
      return Comlink.transfer(ix, [ix.order.buffer as ArrayBuffer, ix.wrongRaw.buffer as ArrayBuffer]);
    },
    logRows: (exec, order, start, count) => session.logRows(exec, order, start, count),
    async search(exec, query) {
      const a = await session.search(exec, query);
      return a.marks ? Comlink.transfer(a, [a.marks.buffer as ArrayBuffer]) : a;
    },
    cancelSearch: () => session.cancelSearch(),
    chartSeries(exec) {
      const c = session.chartSeries(exec);
      return Comlink.transfer(c, chartTransferables(c));
    },
    compare(a, b, options) {
      const d = session.compare(a, b, options);
      return Comlink.transfer(d, [d.marksA.buffer as ArrayBuffer, d.marksB.buffer as ArrayBuffer]);
    },
    cancel: () => session.cancel(),
    countRecords: (sample, regex) => countRecords(sample, regex),
  };
}
