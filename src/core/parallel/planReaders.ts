/**
 * The one decision the page and the CLI share about parallel reading: how
 * many readers, and which inputs each reads. A reader count the user forced
 * (`?workers=N` in the page's URL, CAUSEWAY_WORKERS=N for the CLI) applies
 * at any size; otherwise the machine's cores give defaultReaders, from
 * PARALLEL_MIN_BYTES on. The page keeps an analysis with user regexes in one
 * worker, where its time budget watches them.
 */
import { CLI_FIRST_WEIGHT, defaultReaders, PARALLEL_MIN_BYTES, splitInputs, type SplitOptions } from './splitInputs';

export interface ReaderSettings {
  /** The machine's cores (navigator.hardwareConcurrency, os.availableParallelism()). */
  cores: number;
  /** The reader count as the user wrote it; used only when it is a positive integer. */
  forced?: string | null | undefined;
  /** The CLI, whose analysing (main) thread reads the first group: that group heavier (CLI_FIRST_WEIGHT). */
  cli?: boolean;
}

/** The readers and the size from which they are used. */
export function readerOptions(settings: ReaderSettings): Required<SplitOptions> {
  const forced = Number(settings.forced ?? NaN);
  const firstWeight = settings.cli ? CLI_FIRST_WEIGHT : 1;
  if (Number.isInteger(forced) && forced > 0) return { workers: forced, minBytes: 0, firstWeight };
  return { workers: defaultReaders(settings.cores), minBytes: PARALLEL_MIN_BYTES, firstWeight };
}

/**
 * The groups of inputs, in name order, one per reader (the first for the
 * analysis itself), or null for "one reader reads everything". `oneReader`:
 * the caller needs everything read in one place (the page's regex budget).
 */
export function planReaders<T extends { name: string; size: number }>(inputs: readonly T[], settings: ReaderSettings, oneReader = false): T[][] | null {
  return oneReader ? null : splitInputs(inputs, readerOptions(settings));
}
