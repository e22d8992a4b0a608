/**
 * The names two runs loaded side by side go by, as executions (and so as the
 * comparison's sides): a run of one file is that file, a run of files under
 * one folder is the folder, a sample is its name, otherwise the first file
 * and how many more. Names are made distinct (" (2)"), and the first run's
 * sorts first, as executions are listed in name order.
 */
import type { NamedBlob } from '../../../workers/protocol';

/** The name of one run: its file, its folder, the sample, or "first + N more". */
export function runName(files: readonly NamedBlob[], sample: string | null): string {
  if (sample) return `${sample} sample`;
  if (files.length === 0) return 'run';
  const names = files.map((f) => f.name).sort();
  if (names.length === 1) return names[0]!;
  const top = names[0]!.split('/')[0]!;
  if (names.every((n) => n.startsWith(`${top}/`))) return `${top}/`;
  return `${names[0]} + ${names.length - 1} more`;
}

/** Both runs' names, distinct, the first sorting before the second. */
export function runNames(runs: readonly (readonly NamedBlob[])[], sample: string | null): [string, string] {
  const a = runName(runs[0] ?? [], sample);
  let b = runName(runs[1] ?? [], null);
  if (b === a || b < a) {
    // Kept apart and in order: the same file name in two folders is the usual case.
    const stem = a === b ? a : b;
    return [a === b ? a : `1 · ${a}`, a === b ? `${stem} (2)` : `2 · ${b}`];
  }
  return [a, b];
}
