/** How a caller follows and stops an analysis: progress, a checkpoint that may throw AnalysisCancelled, and caps for tests. */
import type { Clocks } from '../clocks/clockEngine';
import type { Execution } from '../model/execution';
import type { OffsetResult } from '../offsets/domainOffsets';

/** An execution with its clocks and offsets: all a diagram draws, known before its anomalies and correlations. */
export interface ClockedExecution {
  execution: Execution;
  clocks: Clocks;
  offsets: OffsetResult;
}

export interface Progress {
  stage: 'read' | 'order' | 'done';
  bytesDone: number;
  bytesTotal: number;
  events: number;
}

export interface AnalyzeHooks {
  onProgress?(p: Progress): void;
  /** Throwing from here (e.g. AbortError) stops the analysis. Called between inputs, stages and chunks of one input. */
  checkpoint?(): Promise<void> | void;
  /**
   * Each execution (by its index in Analysis.executions) as soon as its clocks and offsets are
   * known, before its anomalies and correlations are looked for: the page draws its diagram meanwhile.
   */
  onClocked?(index: number, r: ClockedExecution): void;
  /** Overrides DOCUMENT_SIZE_CAP (tests). */
  documentSizeCap?: number;
  /** Archive members are inflated whole before they are read, as before they were streamed (tests compare the two). */
  archiveMembersWhole?: boolean;
  /** Overrides HOLD_SMALL_BYTES, the small archive members held whole (tests: 0 streams every member). */
  archiveHoldSmallBytes?: number;
  /** Sees each piece of an archive member given to its reader as it is inflated (tests). */
  onArchivePiece?(member: string, bytes: Uint8Array): void;
}

export class AnalysisCancelled extends Error {
  constructor() {
    super('analysis cancelled');
    this.name = 'AnalysisCancelled';
  }
}
