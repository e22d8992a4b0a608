/**
 * The value of a per-input setting (zones, years): the input's own entry,
 * else that of the longest name above it (a folder or an archive), as
 * executionFor maps executions.
 */
export function settingFor<T>(map: Record<string, T> | undefined, input: string): T | undefined {
  if (!map) return undefined;
  if (Object.hasOwn(map, input)) return map[input];
  let best = '';
  for (const key of Object.keys(map)) {
    const prefix = key.endsWith('/') ? key : `${key}/`;
    if (input.startsWith(prefix) && key.length > best.length) best = key;
  }
  return best ? map[best] : undefined;
}
