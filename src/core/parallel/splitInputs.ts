/**
 * Which inputs parallel workers read, and how they are grouped: in name
 * order, into contiguous groups of about equal bytes, one per worker. Small
 * analyses (one input, few bytes, one core) are not split: starting workers
 * and merging would cost more than it saves.
 *
 * A group may hold inputs a part does not read (documents, archives); the
 * part declines them and the analysis reads them, so the page need not know
 * formats. Contiguity is not needed for the result (the merge orders by
 * input), but it keeps merges to concatenations.
 */
import { cmp } from '../model/executionBuilder';

/**
 * Below this many bytes in all, one worker reads everything. A reader starts
 * cold (its JIT has seen nothing: ~0.3 s on the 2-core test machine) and the
 * merge costs about a fifth of the read, so on two cores parallel reading
 * pays from roughly 1 s of reading (~60 MB of JSON lines) on.
 */
export const PARALLEL_MIN_BYTES = 64 * 1024 * 1024;

/** Past this many readers the merge and the workers' start cost more than another core saves. */
export const MAX_READERS = 4;

/**
 * How many readers a machine with `cores` cores uses by default: all but one,
 * at most MAX_READERS. The spare core is for what runs beside the readers (the
 * page's own thread, V8's garbage-collector threads, the merge): on the
 * 2-core test machine two readers gave no speed-up at all (read stage of 1 M
 * JSON lines: 1.83 s on one thread, 1.80 s on two; 0.91× for text; drop to
 * diagram 4.2 s either way), so there one worker reads everything. The CLI
 * too (1 M text events, words report, CPU per thread from /proc): a second
 * reader takes the main thread from ~2.1 s to ~1.8 s (its read ~0.6 s, the
 * part's unpacking and merge ~0.16 s), but with one reader V8's compiler and
 * collector threads already use ~0.9 s of the second core, and the reading
 * thread (~0.65 s: it loads the CLI and warms a JIT of its own) and a second
 * isolate's compiling and collecting (+0.4 s) want it too: +1.1 s of CPU in
 * all, and ~+50 MB peak RSS (the thread's allocations stay with the process
 * after it ends).
 */
export function defaultReaders(cores: number): number {
  return Math.max(1, Math.min(MAX_READERS, Math.floor(cores) - 1));
}

/**
 * The CLI's first group, read by its analysing (main) thread while threads
 * it starts read the others, weighs this many times another group: a thread
 * begins ~0.1–0.3 s later (a new V8 instance loads the CLI again) and its
 * part is packed and moved before the merge. 1 M text events in 16 files,
 * 2 readers (thread CPU): the main thread read 9 files in ~0.69 s while the
 * thread started, read 7 in ~0.6 s and packed them.
 */
export const CLI_FIRST_WEIGHT = 1.4;

export interface SplitOptions {
  /** Parallel readers to use: the machine's cores unless forced. */
  workers: number;
  minBytes?: number;
  /** The first group's bytes as a multiple of each other group's (1: all equal). */
  firstWeight?: number;
}

/** The groups, or null for "read everything in the analyzing worker, as one". */
export function splitInputs<T extends { name: string; size: number }>(inputs: readonly T[], options: SplitOptions): T[][] | null {
  const k = Math.min(Math.floor(options.workers), inputs.length);
  const total = inputs.reduce((s, i) => s + i.size, 0);
  if (k < 2 || total < (options.minBytes ?? PARALLEL_MIN_BYTES)) return null;
  const sorted = [...inputs].sort((a, b) => cmp(a.name, b.name));
  const first = options.firstWeight ?? 1;
  const groups: T[][] = [];
  let group: T[] = [];
  let done = 0;
  sorted.forEach((input, i) => {
    const left = sorted.length - i;
    const groupsLeft = k - groups.length;
    // Close the group once it reaches its share, or when every later group needs an input of its own.
    const share = ((first + groups.length) * total) / (first + k - 1);
    if (group.length > 0 && groupsLeft > 1 && (left < groupsLeft || done + input.size / 2 > share)) {
      groups.push(group);
      group = [];
    }
    group.push(input);
    done += input.size;
  });
  groups.push(group);
  return groups;
}
