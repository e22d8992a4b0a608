/** What the CLI writes from an analysis, and what decides its exit status: shared by the main thread and the analysis thread. */
import type { Analysis } from '../core/analysis/analyze';
import { exportBytes } from '../core/export/exportFormats';
import { groupFindings } from '../core/findings/groupFindings';
import { wordsReport } from '../core/report/wordsReport';
import type { FailOn, OutputFormat } from './cliArgs';

/** The output as UTF-8 chunks, each a buffer of its own (a thread can transfer it). */
export function outputChunks(analysis: Analysis, format: OutputFormat, color: boolean, fullClocks = false): Iterable<Uint8Array> {
  return format === 'words' ? [new TextEncoder().encode(wordsReport(analysis, { color }))] : exportBytes(analysis, format, { fullClocks });
}

/** How many findings are at least as severe as --fail-on asks. */
export function failingFindings(analysis: Analysis, failOn: FailOn): number {
  let n = 0;
  for (const r of analysis.executions) for (const f of groupFindings(r)) if (f.severity === 'critical' || (failOn === 'warning' && f.severity === 'warning')) n++;
  return n;
}
