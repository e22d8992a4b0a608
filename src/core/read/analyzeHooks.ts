/** How a caller follows and stops an analysis: progress, a checkpoint that may throw AnalysisCancelled, and caps for tests. */

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
  /** Overrides DOCUMENT_SIZE_CAP (tests). */
  documentSizeCap?: number;
}

export class AnalysisCancelled extends Error {
  constructor() {
    super('analysis cancelled');
    this.name = 'AnalysisCancelled';
  }
}
