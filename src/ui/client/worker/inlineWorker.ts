/**
 * The analysis worker inlined into the page, for the single-file build that
 * is opened from file://: module workers cannot load from file://, so Vite
 * bundles it as a classic (iife) script and starts it from a blob: URL.
 * vite.config.ts swaps this module in for moduleWorker.ts in that build.
 */
import AnalysisWorker from '../../../../workers/analyzer.worker.ts?worker&inline';

export function createAnalysisWorker(): Worker {
  return new AnalysisWorker({ name: 'causeway-analyzer' });
}
