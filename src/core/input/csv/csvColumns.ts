/**
 * Which CSV/TSV column holds an event's time, process, message and clock
 * domain. With a header row, columns are found by name (case-insensitive):
 * the field conventions of JSON lines first, then the names log platforms
 * export (Splunk `_time`/`_raw`/`host`/`source`, Elastic `@timestamp` and
 * `host.name`, Kubernetes pod and container names...). Without a header, the
 * time column is the first whose values read as timestamps and the message is
 * the widest other column. The user's `csvColumns` option overrides any role
 * by column name (or `columnN`, 1-based; '' for none).
 */
import type { AnalyzeOptions } from '../../analysis/analyzeOptions';
import { HOST_KEYS, MESSAGE_KEYS, SERVICE_KEYS, TIME_KEYS } from '../fieldConventions';
import { readTimeText } from '../../time/readTimeText';

export const CSV_TIME_NAMES: readonly string[] = [
  ...TIME_KEYS, '_time', 'date', 'datetime', 'date_time', 'eventtime', 'event_time', 'logtime', 'log_time', '_messagetime', 'timegenerated', 'received_at',
];
export const CSV_HOST_NAMES: readonly string[] = [...HOST_KEYS, 'host.hostname', 'kubernetes.node_name', 'kubernetes.host', '_sourcehost', 'computer'];
// Service-like names before machine names: a host column beside them is the clock domain.
export const CSV_PROCESS_NAMES: readonly string[] = [
  ...SERVICE_KEYS, 'servicename', 'kubernetes.pod_name', 'kubernetes.pod.name', 'kubernetes.container_name', 'container.name',
  ...CSV_HOST_NAMES, 'source', '_sourcename', 'sourcetype',
];
export const CSV_MESSAGE_NAMES: readonly string[] = [
  ...MESSAGE_KEYS, '_raw', 'raw', 'body', 'line', 'text', 'content', 'full_message', 'log.original', 'event.original',
];

export type CsvRole = 'time' | 'process' | 'message' | 'clockDomain';
export const CSV_ROLES: readonly CsvRole[] = ['time', 'process', 'message', 'clockDomain'];

/** Column index per role, -1 for none. */
export type CsvMapping = Record<CsvRole, number>;

/** The mapping a CSV input was read with, as the page shows it for correcting. */
export interface CsvColumnReport {
  /** Whether the first row was read as a header. */
  header: boolean;
  delimiter: string;
  /** Column name per role; null for none. */
  columns: Record<CsvRole, string | null>;
  /** Every column's name (header text, or `columnN`). */
  names: string[];
}

/** Whether the first row names columns: non-empty distinct cells, none a timestamp or a number. */
export function looksLikeHeader(row: readonly string[]): boolean {
  const seen = new Set<string>();
  for (const raw of row) {
    const cell = raw.trim();
    if (cell === '' || seen.has(cell) || /^[-+]?\d+(?:[.,]\d+)?$/.test(cell) || readTimeText(cell)) return false;
    seen.add(cell);
  }
  return row.length > 0;
}

/** Whether a header has a known time column and one other known role: a CSV export, not prose with commas. */
export function headerLooksLikeLogExport(header: readonly string[]): boolean {
  const names = header.map((h) => h.trim().toLowerCase());
  const has = (list: readonly string[]) => names.some((n) => list.includes(n));
  return header.length >= 2 && has(CSV_TIME_NAMES) && (has(CSV_PROCESS_NAMES) || has(CSV_MESSAGE_NAMES) || has(CSV_HOST_NAMES));
}

/** The mapping detected from the header (or, without one, from sample rows). */
export function detectColumns(header: readonly string[] | null, sample: readonly (readonly string[])[], width: number): CsvMapping {
  const mapping: CsvMapping = { time: -1, process: -1, message: -1, clockDomain: -1 };
  if (header) {
    const names = header.map((h) => h.trim().toLowerCase());
    const find = (list: readonly string[], not: number[] = []) => {
      for (const n of list) {
        const i = names.indexOf(n);
        if (i >= 0 && !not.includes(i)) return i;
      }
      return -1;
    };
    mapping.time = find(CSV_TIME_NAMES);
    mapping.message = find(CSV_MESSAGE_NAMES, [mapping.time]);
    mapping.process = find(CSV_PROCESS_NAMES, [mapping.time, mapping.message]);
    const hostNames = CSV_HOST_NAMES.filter((n) => !(mapping.process >= 0 && names[mapping.process] === n));
    if (mapping.process >= 0 && !CSV_HOST_NAMES.includes(names[mapping.process]!)) {
      mapping.clockDomain = find(hostNames, [mapping.time, mapping.message, mapping.process]);
    }
    if (mapping.time >= 0 || mapping.message >= 0) return mapping;
  }
  // By content: the first column whose sampled values are mostly timestamps, the widest other one as text.
  for (let c = 0; c < width && mapping.time < 0; c++) {
    const values = sample.map((r) => r[c] ?? '').filter((v) => v.trim() !== '');
    if (values.length > 0 && values.filter((v) => readTimeText(v)).length * 2 > values.length) mapping.time = c;
  }
  let widest = -1;
  let best = 0;
  for (let c = 0; c < width; c++) {
    if (c === mapping.time || c === mapping.process) continue;
    const total = sample.reduce((s, r) => s + (r[c]?.length ?? 0), 0);
    if (total > best) [widest, best] = [c, total];
  }
  mapping.message = widest;
  return mapping;
}

/**
 * Applies the user's corrections. Returns problems for names that match no
 * column; that role keeps its detected column.
 */
export function applyColumnOverrides(
  mapping: CsvMapping,
  names: readonly string[],
  override: AnalyzeOptions['csvColumns'],
): string[] {
  const problems: string[] = [];
  if (!override) return problems;
  for (const role of CSV_ROLES) {
    const want = override[role];
    if (want === undefined) continue;
    if (want.trim() === '') {
      mapping[role] = -1;
      continue;
    }
    const lower = want.trim().toLowerCase();
    let i = names.findIndex((n) => n.trim().toLowerCase() === lower);
    const numbered = /^column(\d+)$/.exec(lower);
    if (i < 0 && numbered) {
      const k = Number(numbered[1]) - 1;
      if (k >= 0 && k < names.length) i = k;
    }
    if (i < 0) problems.push(`csvColumns.${role} "${want}" is not a column (columns: ${names.join(', ')}); the detected mapping is kept for it`);
    else mapping[role] = i;
  }
  return problems;
}
