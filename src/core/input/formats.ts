/**
 * The known input formats, in detection order: the first whose detect()
 * accepts an input reads it.
 */
import type { FormatSpec } from './formatParser';
import { csvFormat } from './csv/csvFormat';
import { criFormat } from './cri/criFormat';
import { logfmtFormat } from './logfmt/logfmtFormat';
import { textLogFormat } from './textLog/textLogFormat';
import { jaegerFormat } from './traces/jaegerFormat';
import { otlpFormat } from './traces/otlpFormat';
import { jsonLinesFormat } from './jsonLines/jsonLinesFormat';
import { k8sFormat } from './k8s/k8sFormat';
import { k8sTableFormat } from './k8s/k8sTableFormat';
import { shivizFormat } from './shiviz/shivizFormat';
import { rulesFormat } from '../rules/rulesFormat';

// User rules come first: when a rule's pattern fits an input, the user has said how to read it.
// Trace documents come before JSON lines, since one written on a single line (or the OTLP file
// exporter's one document per line) is also a JSON object per line. CSV needs a .csv/.tsv name
// or a header of known column names, logfmt lines made only of pairs; CRI container logs (`<time> stdout F …`)
// come before all three, which would read the runtime's prefix as part of the message; plain text is the catch-all
// (a file without timestamps is still read, in logical order, and says so).
export const FORMATS: FormatSpec[] = [
  rulesFormat,
  shivizFormat,
  k8sFormat,
  k8sTableFormat,
  otlpFormat,
  jaegerFormat,
  criFormat,
  jsonLinesFormat,
  csvFormat,
  logfmtFormat,
  textLogFormat,
];

export function formatById(id: string): FormatSpec | undefined {
  return FORMATS.find((f) => f.id === id);
}
