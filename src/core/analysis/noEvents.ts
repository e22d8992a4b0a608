/**
 * Why an analysis has no events, said per input from what the reading
 * already reports (sizes, reading reports, diagnostics), for the CLI's
 * stderr and the page's empty state: empty, not text, refused (an archive
 * bomb, a document over the cap, an unknown format), every line skipped or
 * blank, or nothing given at all. Archives that were refused whole never
 * become inputs, so their error diagnostics are said too.
 */
import type { Diagnostic } from '../model/diagnostic';
import type { InputSummary } from '../read/inputSummary';

export interface NoEventsInput {
  name: string;
  why: string;
}

export interface NoEvents {
  /** One sentence: how many inputs, and why each kind of them gave nothing. */
  summary: string;
  inputs: NoEventsInput[];
}

/** Null when some input gave events. */
export function whyNoEvents(inputs: readonly InputSummary[], diagnostics: readonly Diagnostic[]): NoEvents | null {
  if (inputs.some((i) => i.events > 0)) return null;
  const errors = new Map<string, string>();
  const warnings = new Map<string, string>();
  for (const d of diagnostics) {
    const into = d.severity === 'error' ? errors : d.severity === 'warning' ? warnings : null;
    if (into && d.line === 0 && !into.has(d.input)) into.set(d.input, d.message);
  }
  const out: NoEventsInput[] = inputs.map((i) => ({ name: i.name, why: reasonOf(i, errors.get(i.name), warnings.get(i.name)) }));
  const named = new Set(inputs.map((i) => i.name));
  // Archives refused whole, and other errors about inputs that never became one.
  for (const [name, message] of errors) if (!named.has(name) && name !== 'rules' && name !== 'options') out.push({ name, why: `refused: ${message}` });
  const kinds = new Map<string, number>();
  for (const i of out) {
    const kind = i.why.startsWith('refused') ? 'refused' : i.why.split(/[ :(]/)[0] === 'empty' ? 'empty' : i.why.startsWith('not text') ? 'not text' : i.why.startsWith('every') ? 'all lines skipped' : 'no events';
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  const parts = [...kinds].map(([k, n]) => `${n} ${k}`);
  const summary =
    out.length === 0 ? 'No events: no input was given.' : `No events in ${out.length} input${out.length === 1 ? '' : 's'}: ${parts.join(', ')}.`;
  return { summary, inputs: out };
}

function reasonOf(i: InputSummary, error: string | undefined, warning: string | undefined): string {
  if (i.bytes === 0) return 'empty (0 bytes)';
  if (error?.startsWith('not a text file')) return `not text: ${error}`;
  if (error) return `refused: ${error}`;
  const r = i.reading;
  if (r && r.lines > 0 && r.lines === r.blank) return `empty (${r.lines} blank line${r.lines === 1 ? '' : 's'})`;
  if (r && r.lines > 0) return `every line skipped: ${r.skipped} of ${r.lines} lines skipped, ${r.blank} blank${warning ? ` (${warning})` : ''}`;
  return warning ? `no events: ${warning}` : `no events read as ${i.format}`;
}
