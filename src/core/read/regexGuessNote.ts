/**
 * What the read stage says about an input that looks like a vector-clock log
 * (ShiViz, GoVector) but was read as something else, because none of the
 * built-in ShiViz readings fits its layout: the regex guessed from its head
 * (input/shiviz/regexGuess.ts), as one info diagnostic the CLI prints
 * ("try --regex '…'") and on the input's summary, where the page offers it.
 * Only the head is looked at, and only when it holds a clock-like object, so
 * ordinary logs pay one substring test.
 */
import type { AnalyzeOptions } from '../analysis/analyzeOptions';
import type { FormatSpec } from '../input/formatParser';
import { guessShivizRegex, hasClockObject } from '../input/shiviz/regexGuess';
import type { DiagnosticSink } from '../model/diagnostic';
import type { InputSummary } from './inputSummary';

export function noteRegexGuess(name: string, head: string, spec: FormatSpec | 'unrecognised' | undefined, options: AnalyzeOptions, summary: InputSummary, sink: DiagnosticSink): void {
  if (!spec || (spec !== 'unrecognised' && spec.id === 'shiviz')) return;
  if (options.format || (typeof options.regex === 'string' && options.regex.trim() !== '')) return;
  if (!hasClockObject(head)) return;
  const guess = guessShivizRegex(head);
  if (!guess) return;
  summary.regexGuess = guess;
  const { valid, lines } = guess.count;
  sink.add(
    name,
    0,
    'info',
    `its lines look like a vector-clock (ShiViz/GoVector) log that no built-in reading fits: try --regex ${shellQuote(guess.regex)} (it reads ${valid} records from the first ${lines} lines)`,
  );
}

/** Single-quoted for a POSIX shell. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}
