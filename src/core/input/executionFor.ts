/**
 * Which execution an input's events belong to: the user's `executionOf`
 * mapping, else DEFAULT_EXECUTION. The longest mapped name that is the input
 * itself or a folder/archive above it wins, so mapping `run2.tar.gz` (or
 * `run2/`) puts every member of that archive or folder into run 2.
 */
import { DEFAULT_EXECUTION, type ParseContext } from './formatParser';

export function executionFor(input: string, ctx: Pick<ParseContext, 'options'>): string {
  const map = ctx.options.executionOf;
  if (!map) return DEFAULT_EXECUTION;
  if (Object.hasOwn(map, input)) return map[input] || DEFAULT_EXECUTION;
  let best = '';
  for (const key of Object.keys(map)) {
    const prefix = key.endsWith('/') ? key : `${key}/`;
    if (input.startsWith(prefix) && key.length > best.length) best = key;
  }
  return (best && map[best]) || DEFAULT_EXECUTION;
}
