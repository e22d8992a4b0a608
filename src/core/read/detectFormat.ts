/**
 * Format detection without side effects: the format forced by the options,
 * Markdown (documentation, never a log), or the first known format whose
 * detect() accepts the input's name and head. What detection owes the user
 * (an unknown forced format, a skipped Markdown file) is said apart, by
 * formatOrReport, so a parallel reader can ask first and say nothing about an
 * input it declines.
 */
import type { AnalyzeOptions } from '../analysis/analyzeOptions';
import type { FormatSpec } from '../input/formatParser';
import { FORMATS, formatById } from '../input/formats';
import type { DiagnosticSink } from '../model/diagnostic';

export type Detected = FormatSpec | 'unrecognised' | 'markdown' | 'unknown-forced';

/** `planned`: the format the read stage's plan gives the input (an events file of a support bundle), below the user's. */
export function detectFormat(name: string, head: string, options: AnalyzeOptions, planned?: string): Detected {
  const forced = options.format ?? planned;
  if (forced) return formatById(forced) ?? 'unknown-forced';
  if (/\.(md|markdown)$/i.test(name)) return 'markdown';
  return FORMATS.find((f) => f.detect(name, head, options)) ?? 'unrecognised';
}

/** The detected format, with the diagnostics detection owes the user. */
export function formatOrReport(name: string, detected: Detected | undefined, options: AnalyzeOptions, sink: DiagnosticSink): FormatSpec | 'unrecognised' | undefined {
  if (detected === 'unknown-forced') {
    sink.add(name, 0, 'error', `unknown format "${options.format}"; known: ${FORMATS.map((f) => f.id).join(', ')}`);
    return undefined;
  }
  if (detected === 'markdown') {
    sink.add(name, 0, 'info', 'Markdown documentation, not a log: not read');
    return undefined;
  }
  return detected;
}
