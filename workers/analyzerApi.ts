/**
 * The surface the worker exposes, as a plain module so Node tests can call it
 * (a module that calls Comlink.expose cannot be imported outside a worker).
 * Its one job beyond forwarding to the session: mark typed-array results with
 * Comlink.transfer, so lane columns move to the page instead of being copied.
 */
import * as Comlink from 'comlink';
import type { Progress } from '../src/core/analysis/analyze';
import type { AnalyzeOptions } from '../src/core/input/formatParser';
import { AnalyzerSession, type EventDetails, type Highlight, type SessionResult } from '../src/core/session/analyzerSession';
import { laneTransferables } from '../src/core/view/laneData';

/** A named blob: dropped files keep their folder path here, which File.name cannot. */
export interface NamedBlob {
  name: string;
  blob: Blob;
}

export interface AnalyzerApi {
  analyze(files: NamedBlob[], options: AnalyzeOptions, onProgress: (p: Progress) => void): Promise<SessionResult>;
  eventDetails(exec: number, e: number): EventDetails;
  highlight(exec: number, e: number): Highlight;
  exportJson(): string;
  cancel(): void;
}

export function createAnalyzerApi(session = new AnalyzerSession()): AnalyzerApi {
  return {
    async analyze(files, options, onProgress) {
      const sessionFiles = files.map(({ name, blob }) => ({ name, size: blob.size, arrayBuffer: () => blob.arrayBuffer() }));
      // The callback is a Comlink proxy: calling it posts a message; no need to wait for it.
      try {
        const result = await session.analyze(sessionFiles, options, (p) => void onProgress(p));
        return Comlink.transfer(result, result.lanes.flatMap(laneTransferables));
      } finally {
        // Free the page's end of the callback's channel; a plain function (Node tests) has no such method.
        (onProgress as Partial<Record<typeof Comlink.releaseProxy, () => void>>)[Comlink.releaseProxy]?.();
      }
    },
    eventDetails: (exec, e) => session.eventDetails(exec, e),
    highlight(exec, e) {
      const h = session.highlight(exec, e);
      return Comlink.transfer(h, [h.past.buffer as ArrayBuffer, h.future.buffer as ArrayBuffer]);
    },
    exportJson: () => session.exportJson(),
    cancel: () => session.cancel(),
  };
}
