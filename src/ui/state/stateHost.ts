/**
 * What the page's part states (logs, rules, comparison) need of the state
 * that owns them. AnalyzerState implements it; the parts take this, not
 * AnalyzerState, so the owner can import them without an import cycle.
 */
import type { AnalyzerClient } from '../client/analyzerClient';
import type { SessionResult } from '../../core/session/analyzerSession';

export type Phase = 'idle' | 'running' | 'done' | 'cancelled' | 'failed';

export interface StateHost {
  readonly client: AnalyzerClient;
  readonly phase: Phase;
  readonly result: SessionResult | null;
  readonly hasFiles: boolean;
  /** Runs the analysis again with the current files and options. */
  reanalyze(): Promise<void>;
  /** A failure of a follow-up call: the worker's death, or a plain error to show. */
  failed(err: unknown): void;
  /** The worker was replaced under a finished analysis (a search past its budget): analyze again. */
  recoverAfterReplace(message: string): Promise<void>;
  writeHash(): void;
  /** A search hit gone to: select it and bring it into view in the diagram, the view and the keyboard left where they are. */
  showHit(event: number, query: string): void;
}
