/**
 * The surface the worker exposes, as a plain module so Node tests can call it
 * (a module that calls Comlink.expose cannot be imported outside a worker).
 * Its one job beyond forwarding to the session: mark typed-array results with
 * Comlink.transfer, so lane columns, orders, marks and chart series move to
 * the page instead of being copied, and turn export chunks into a Blob.
 * The same surface serves both roles a worker of this bundle plays: the
 * analyzer, and a parallel reader of one group of files (readPart).
 */
import * as Comlink from 'comlink';
import type { AnalyzeOptions } from '../src/core/analysis/analyzeOptions';
import { EXPORT_FILE_TYPES, type ExportFormat } from '../src/core/export/exportFormats';
import type { AnomalyGroup } from '../src/core/session/anomalyIndex';
import {
  AnalyzerSession,
  type EventDetails,
  type Highlight,
  type LogIndex,
  type SearchAnswer,
  type SessionFile,
  type SessionProgress,
  type SessionResult,
} from '../src/core/session/analyzerSession';
import type { Progress } from '../src/core/analysis/analyze';
import { packedTransferables, type PackedPart } from '../src/core/parallel/packPart';
import { chartTransferables, type ChartData } from '../src/core/session/chartSeries';
import type { LogOrder } from '../src/core/session/eventOrders';
import type { DiffOptions, ExecutionDiff } from '../src/core/session/executionDiff';
import type { LogRow } from '../src/core/session/logRows';
import { laneTransferables } from '../src/core/view/laneData';
import { readableChunks } from '../src/core/input/inputSource';

/** A named blob: dropped files keep their folder path here, which File.name cannot. */
export interface NamedBlob {
  name: string;
  blob: Blob;
}

export interface AnalyzerApi {
  /**
   * `elsewhere`: files other workers are reading (readPart), which this one
   * skips; it asks `fetchParts` for their packed parts (transferred in) when
   * its reading gets to them.
   */
  analyze(
    files: NamedBlob[],
    options: AnalyzeOptions,
    onProgress: (p: SessionProgress) => void,
    elsewhere?: string[],
    fetchParts?: () => Promise<PackedPart[]>,
  ): Promise<SessionResult>;
  /** A parallel worker's job: read a group of the files as one packed part, transferred back. */
  readPart(files: NamedBlob[], options: AnalyzeOptions, onProgress: (p: Progress) => void): Promise<PackedPart>;
  eventDetails(exec: number, e: number): EventDetails;
  highlight(exec: number, e: number): Highlight;
  exportJson(): string;
  /** Any export format as a Blob (structured-cloned by reference, not copied). */
  exportBlob(format: ExportFormat): Blob;
  anomalyGroups(exec: number): AnomalyGroup[];
  logIndex(exec: number, order: LogOrder): LogIndex;
  logRows(exec: number, order: LogOrder, start: number, count: number): LogRow[];
  search(exec: number, query: string): Promise<SearchAnswer>;
  cancelSearch(): void;
  chartSeries(exec: number): ChartData;
  compare(a: number, b: number, options: DiffOptions): ExecutionDiff;
  cancel(): void;
}

/** Read as streams, chunk by chunk: a file of any size never becomes one buffer or one string. */
function sessionFilesOf(files: NamedBlob[]): SessionFile[] {
  return files.map(({ name, blob }) => ({
    name,
    size: blob.size,
    arrayBuffer: () => blob.arrayBuffer(),
    stream: () => readableChunks(blob.stream()),
  }));
}

/** Frees the page's end of a callback's channel; a plain function (Node tests) has no such method. */
function releaseCallback(f: unknown): void {
  (f as Partial<Record<typeof Comlink.releaseProxy, () => void>> | undefined)?.[Comlink.releaseProxy]?.();
}

/** Chunks are joined into parts of about this many characters before going into the Blob. */
const BLOB_PART = 1 << 20;

export function createAnalyzerApi(session = new AnalyzerSession()): AnalyzerApi {
  return {
    async analyze(files, options, onProgress, elsewhere, fetchParts) {
      // The callback is a Comlink proxy: calling it posts a message; no need to wait for it.
      try {
        const parts = elsewhere && fetchParts ? { inputs: elsewhere, parts: () => fetchParts() } : [];
        const result = await session.analyze(sessionFilesOf(files), options, (p) => void onProgress(p), parts);
        return Comlink.transfer(result, result.lanes.flatMap(laneTransferables));
      } finally {
        releaseCallback(onProgress);
        releaseCallback(fetchParts);
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
  };
}
