import { analyze, type Analysis } from '../../src/core/analysis/analyze';
import type { AnalyzeOptions } from '../../src/core/analysis/analyzeOptions';
import { formatIso } from '../../src/core/model/eventTime';
import type { Execution } from '../../src/core/model/execution';

export { fieldsOf, type Execution } from '../../src/core/model/execution';

/** An event's time as ISO at the precision its input wrote. */
export function formatIsoOf(x: Execution, e: number): string {
  return formatIso(x.timeMs[e]!, x.timeNs[e]!, x.timeDigits[e]!);
}

const enc = (s: string) => new TextEncoder().encode(s);

/** analyze() over inline text files. */
export async function runText(files: Record<string, string>, options: AnalyzeOptions = {}): Promise<Analysis> {
  return analyze(Object.entries(files).map(([name, text]) => ({ name, bytes: enc(text) })), options);
}
