/**
 * The CSV/TSV column mapping of each CSV input, as data for the page (issue
 * 3: "the column mapping is detected, and the user can correct it"). The CSV
 * parser reports the mapping it used in one info diagnostic per input
 * (csvParser.ts); this reads that message back, and lists the columns seen
 * as fields of the input's events (every column other than time, process and
 * message becomes a field under its header name), so that the page can offer
 * them as choices. What it cannot read back it leaves out: the diagnostic
 * stays in the list either way.
 */
import type { ExecutionResult } from '../analysis/analyze';
import { CSV_ROLES, type CsvRole } from '../input/csv/csvColumns';
import type { Diagnostic } from '../model/diagnostic';

export interface CsvInputMapping {
  input: string;
  /** Whether the first row was read as a header. */
  header: boolean;
  delimiter: string;
  /** Column name per role; null for none. */
  columns: Record<CsvRole, string | null>;
  /** Column names known for this input: the mapped ones, then fields seen on its events. */
  known: string[];
}

const PREFIX = /^CSV columns \((header row|no header row), delimiter ("(?:[^"\\]|\\.)*")\): /;
const ROLE_LABELS: Record<CsvRole, string> = { time: 'time', process: 'process', message: 'message', clockDomain: 'clock domain' };
/** Events sampled per input for its field names. */
const SAMPLED_EVENTS = 200;
const MAX_KNOWN = 200;

/** One mapping per CSV input, in diagnostic order. */
export function csvMappingsOf(diagnostics: readonly Diagnostic[], executions: readonly ExecutionResult[]): CsvInputMapping[] {
  const out: CsvInputMapping[] = [];
  for (const d of diagnostics) {
    if (d.severity !== 'info') continue;
    const m = PREFIX.exec(d.message);
    if (!m) continue;
    const columns = readRoles(d.message.slice(m[0].length));
    if (!columns) continue;
    let delimiter = '';
    try {
      delimiter = String(JSON.parse(m[2]!));
    } catch {
      delimiter = '';
    }
    const known = new Set<string>();
    for (const r of CSV_ROLES) if (columns[r] !== null) known.add(columns[r]!);
    for (const name of fieldNamesOf(d.input, executions)) {
      if (known.size >= MAX_KNOWN) break;
      known.add(name);
    }
    out.push({ input: d.input, header: m[1] === 'header row', delimiter, columns, known: [...known] });
  }
  return out;
}

/** "time = a, process = b, message = c, clock domain = d; ..." → the names, or null. */
function readRoles(rest: string): Record<CsvRole, string | null> | null {
  const end = rest.lastIndexOf('; ');
  const body = end >= 0 ? rest.slice(0, end) : rest;
  const columns = {} as Record<CsvRole, string | null>;
  let at = 0;
  for (let k = 0; k < CSV_ROLES.length; k++) {
    const role = CSV_ROLES[k]!;
    const label = `${ROLE_LABELS[role]} = `;
    if (!body.startsWith(label, at)) return null;
    const start = at + label.length;
    const next = CSV_ROLES[k + 1];
    const stop = next ? body.indexOf(`, ${ROLE_LABELS[next]} = `, start) : body.length;
    if (stop < 0) return null;
    const name = body.slice(start, stop);
    columns[role] = name === '(none)' ? null : name;
    at = stop + 2;
  }
  return columns;
}

/** Field names on the first events of one input (the CSV's other columns, and key=value pairs of its messages). */
function fieldNamesOf(input: string, executions: readonly ExecutionResult[]): string[] {
  const names = new Set<string>();
  for (const r of executions) {
    const x = r.execution;
    const i = x.inputs.indexOf(input);
    if (i < 0) continue;
    let seen = 0;
    for (let e = 0; e < x.eventCount && seen < SAMPLED_EVENTS; e++) {
      if (x.eventInput[e] !== i) continue;
      seen++;
      for (let f = x.fieldStart[e]!; f < x.fieldStart[e + 1]!; f++) names.add(x.strings.get(x.fieldKey[f]!));
    }
  }
  return [...names];
}
