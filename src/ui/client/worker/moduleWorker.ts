/** The analysis worker as a module script beside the page (dev server and the normal build). */
export function createAnalysisWorker(): Worker {
  return new Worker(new URL('../../../../workers/analyzer.worker.ts', import.meta.url), { type: 'module', name: 'causeway-analyzer' });
}
