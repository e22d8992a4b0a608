/**
 * A callback in a task of its own that runs before the ordinary tasks already
 * queued (timers, worker messages), where the browser ranks tasks
 * (`scheduler.postTask` at 'user-blocking'); elsewhere a timer. The diagram's
 * first frame is built and painted this way: split from the task that mounts
 * the page, yet not waiting behind the other work that mount queued.
 * Returns a function that cancels it. An error it throws is reported as an
 * uncaught one would be, not swallowed by the task's promise.
 */
export function urgentTask(run: () => void): () => void {
  const s = (globalThis as { scheduler?: Scheduler }).scheduler;
  if (s && typeof s.postTask === 'function' && typeof TaskController === 'function') {
    const c = new TaskController({ priority: 'user-blocking' });
    s.postTask(run, { signal: c.signal }).catch((err: unknown) => {
      if (!c.signal.aborted) reportError(err);
    });
    return () => c.abort();
  }
  const id = setTimeout(run, 0);
  return () => clearTimeout(id);
}
