/**
 * The young generation of the CLI's heap, held at a few MB. Reading a
 * million events allocates steadily and most of it survives a while (texts,
 * strings, columns), so V8 grows its new space to two semi-spaces of 16 MB:
 * about 30 MB of the peak memory that hold nothing once the analysis runs,
 * and no faster for it (on the 1 M-event text set, semi-spaces of 4 MB cost
 * the same CPU time). The size is a start-up flag (--max-semi-space-size),
 * which a script cannot give itself; but V8 reads its growth factor each time
 * new space grows, so once new space has reached the cap the factor is set to
 * 1: no more growth. A timer looks while the inputs are read (when the growth
 * happens: the event loop turns between chunks) and stops at the cap. Every
 * thread of the CLI looks at its own heap, but the flag is the process's: the
 * first to reach the cap stops the growth of all (reading threads start with
 * the main one and grow as it does).
 */
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** New space (both semi-spaces) at most, in bytes. */
const NEW_SPACE_CAP = 8 << 20;
const LOOK_MS = 5;

export function capYoungGeneration(cap = NEW_SPACE_CAP): void {
  const timer = setInterval(() => {
    const space = getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    if (!space || space.space_size < cap) return;
    setFlagsFromString('--semi-space-growth-factor=1');
    clearInterval(timer);
  }, LOOK_MS);
  timer.unref();
}
