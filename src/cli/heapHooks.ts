/**
 * Analysis hooks that let dead memory go at the stage ends where much of it
 * died (the CLI's peak memory). V8 collects dead typed arrays only in a full
 * collection, and it starts one for them only past 64 MB of array memory
 * allocated since the last: at a million events the columns a stage copies
 * and drops (the builder's, the edges', the clocks' working arrays) stay
 * around that long, and the process's memory is its high-water mark (freed
 * memory is mostly reused, seldom given back). So when the clocks are known
 * (before the anomalies) and at the end of each execution (its checkpoint,
 * before the output), a full collection is asked for when the heap and array
 * memory grew by COLLECT_BYTES since the last one asked for: two collections
 * of a heap of a few tens of MB per execution, ~10 ms each. The read's
 * checkpoints ask for none (its garbage is collected as it goes).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { AnalyzeHooks } from '../core/read/analyzeHooks';

/** Growth of heap and array memory since the last collection asked for that asks for another. */
const COLLECT_BYTES = 32 << 20;

let gc: (() => void) | null | undefined;

/** V8's gc(), made available to this process (a context made after the flag is set has it). */
function collector(): (() => void) | null {
  if (gc === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
    } catch {
      gc = null;
    }
  }
  return gc;
}

/** What heapHooks measures and calls (the process's own, unless a test gives others). */
export interface HeapProbe {
  /** Heap and array memory in use, in bytes. */
  used(): number;
  /** A full collection, or null where this process cannot ask for one. */
  collector(): (() => void) | null;
}

const processProbe: HeapProbe = {
  used: () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.arrayBuffers;
  },
  collector,
};

export function heapHooks(probe: HeapProbe = processProbe): AnalyzeHooks {
  let after = 0;
  const collect = () => {
    if (probe.used() - after < COLLECT_BYTES) return;
    const run = probe.collector();
    if (!run) return;
    run();
    after = probe.used();
  };
  /** Between an execution's clocks and its end (the next checkpoint is the end's). */
  let armed = false;
  return {
    onClocked: () => {
      armed = true;
      collect();
    },
    checkpoint: () => {
      if (!armed) return;
      armed = false;
      collect();
    },
  };
}
