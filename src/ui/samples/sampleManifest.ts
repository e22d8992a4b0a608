/**
 * The sample manifest, sample-logs/index.json: [{id, title, summary, teaches?, files}]
 * with file paths relative to sample-logs/. It is read leniently: a malformed
 * entry is left out, and a path may not climb out of sample-logs/.
 */
export interface SampleEntry {
  id: string;
  title: string;
  summary: string;
  /** The idea the incident teaches, in one sentence (optional). */
  teaches?: string;
  files: string[];
}

export function validEntries(raw: unknown): SampleEntry[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((e): SampleEntry[] => {
    if (typeof e !== 'object' || e === null) return [];
    const { id, title, summary, teaches, files } = e as Record<string, unknown>;
    if (typeof id !== 'string' || !id || !Array.isArray(files)) return [];
    const paths = files.filter((f): f is string => typeof f === 'string' && !f.startsWith('/') && !f.split('/').includes('..'));
    if (paths.length === 0) return [];
    const entry: SampleEntry = { id, title: typeof title === 'string' && title ? title : id, summary: typeof summary === 'string' ? summary : '', files: paths };
    if (typeof teaches === 'string' && teaches) entry.teaches = teaches;
    return [entry];
  });
}
