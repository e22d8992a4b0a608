/** Shared by the tests that analyze small inline logs and compare the edges drawn (message matching, peer sets). */
import { analyze, type Analysis } from '../../src/core/analysis/analyze';
import { eventId } from '../../src/core/model/execution';

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Analyzes files given as their lines. */
export async function run(files: Record<string, string[]>): Promise<Analysis> {
  return analyze(Object.entries(files).map(([name, lines]) => ({ name, bytes: enc(lines.join('\n') + '\n') })));
}

/** The first execution's edges as `from -> to` event ids, sorted. */
export function edgesOf(a: Analysis): string[] {
  const x = a.executions[0]!.execution;
  const out: string[] = [];
  for (let k = 0; k < x.edgeCount; k++) out.push(`${eventId(x, x.edgeFrom[k]!)} -> ${eventId(x, x.edgeTo[k]!)}`);
  return out.sort();
}
