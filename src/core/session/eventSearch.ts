/**
 * Search over the events of one execution, in the worker. A query is one of:
 *  - `/pattern/flags`: a regular expression tested on the event text;
 *  - `name=value`: a field equals a value (`*` matches any run of characters).
 *    Besides the event's own fields, `process`, `kind`, `domain`, `id`,
 *    `lamport`, `input` and `anomaly` (a kind or an id such as clock-skew-1)
 *    are understood;
 *  - anything else: the text contains it, ignoring case.
 * The answer is one mark per event (a typed array the page can hand to the
 * diagram) and a count. The scan yields at a checkpoint every CHUNK events,
 * so a newer search (or a cancel) stops an older one; a regex that hangs on a
 * single line cannot be stopped from here, which is why the page gives a
 * search a time budget and replaces the worker past it.
 */
import { err, ok, type Result } from '../base/result';
import type { ExecutionResult } from '../analysis/analyze';
import { EVENT_KIND_NAMES, eventId, fieldValue, textOf } from '../model/execution';
import type { AnomalyIndex } from './anomalyIndex';

export type SearchQuery =
  | { type: 'text'; text: string }
  | { type: 'regex'; regex: RegExp }
  | { type: 'field'; field: string; value: string; pattern: RegExp };

export type ParsedQuery = Result<SearchQuery | null, string>;

export interface SearchResult {
  /** Per event: 1 where it matches. */
  marks: Uint8Array;
  count: number;
}

export const CHUNK = 20_000;

export function parseQuery(input: string): ParsedQuery {
  const q = input.trim();
  if (!q) return ok(null);
  const re = /^\/(.+)\/([a-z]*)$/s.exec(q);
  if (re) {
    // g and y make test() stateful across events; they mean nothing for a per-line test.
    const flags = re[2]!.replace(/[gy]/g, '');
    try {
      return ok({ type: 'regex', regex: new RegExp(re[1]!, flags) });
    } catch (e) {
      return err(`not a valid regular expression: ${(e as Error).message}`);
    }
  }
  const field = /^([A-Za-z_@][\w.@-]*)=(.*)$/s.exec(q);
  if (field) {
    const value = field[2]!;
    const body = value.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
    return ok({ type: 'field', field: field[1]!, value, pattern: new RegExp(`^${body}$`) });
  }
  return ok({ type: 'text', text: q.toLowerCase() });
}

/** The test for one event. */
export function eventMatcher(r: ExecutionResult, query: SearchQuery, anomalies: AnomalyIndex): (e: number) => boolean {
  const x = r.execution;
  switch (query.type) {
    case 'text':
      return (e) => textOf(x, e).toLowerCase().includes(query.text);
    case 'regex':
      return (e) => query.regex.test(textOf(x, e));
    case 'field': {
      const p = query.pattern;
      switch (query.field) {
        case 'process':
          return (e) => p.test(x.processNames[x.eventProc[e]!]!);
        case 'kind':
          return (e) => p.test(EVENT_KIND_NAMES[x.eventKind[e]!]!);
        case 'domain':
          return (e) => p.test(x.domainNames[x.processDomain[x.eventProc[e]!]!]!);
        case 'id':
          return (e) => p.test(eventId(x, e));
        case 'lamport':
          return (e) => p.test(String(r.clocks.lamport[e]));
        case 'input':
          return (e) => p.test(x.inputs[x.eventInput[e]!]!);
        case 'anomaly':
          return (e) => anomalies.ofEvent(e).some((id) => p.test(id) || p.test(id.replace(/-\d+$/, '')));
        default: {
          const key = x.strings.find(query.field);
          return (e) => {
            const v = fieldValue(x, e, key);
            return v !== undefined && p.test(v);
          };
        }
      }
    }
  }
}

export async function searchEvents(
  r: ExecutionResult,
  query: SearchQuery,
  anomalies: AnomalyIndex,
  checkpoint: () => Promise<void>,
): Promise<SearchResult> {
  const n = r.execution.eventCount;
  const test = eventMatcher(r, query, anomalies);
  const marks = new Uint8Array(n);
  let count = 0;
  for (let from = 0; from < n; from += CHUNK) {
    if (from > 0) await checkpoint();
    const to = Math.min(n, from + CHUNK);
    for (let e = from; e < to; e++) {
      if (test(e)) {
        marks[e] = 1;
        count++;
      }
    }
  }
  return { marks, count };
}
