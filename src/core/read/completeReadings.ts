/**
 * The last part of each input's reading report, once the executions are
 * built (and parts read elsewhere merged): timed and untimed are the input's
 * events with and without a time, as built, whatever a parser counted. An
 * input read as one whole document counts records, not lines: its lines are
 * what it gave (events and skipped records), its skips those of the whole
 * analysis (parsers of documents may skip at finish()). An input whose
 * events all lack a time gets a reason (the page turns its time axes off
 * with it) where its reader gave none.
 */
import type { DiagnosticSink } from '../model/diagnostic';
import type { Execution } from '../model/execution';
import type { InputSummary } from './inputSummary';

export function completeReadings(summaries: readonly InputSummary[], executions: readonly Execution[], documentInputs: ReadonlySet<string>, sink: DiagnosticSink): void {
  const at = new Map(summaries.map((s) => [s.name, s.reading]));
  for (const r of at.values()) r.timed = r.untimed = 0;
  for (const x of executions) {
    const readings = x.inputs.map((name) => at.get(name));
    for (let e = 0; e < x.eventCount; e++) {
      const r = readings[x.eventInput[e]!];
      if (!r) continue;
      if (Number.isNaN(x.timeMs[e])) r.untimed++;
      else r.timed++;
    }
  }
  for (const name of documentInputs) {
    const r = at.get(name);
    if (!r) continue;
    r.skipped = sink.skipped(name);
    r.lines = r.timed + r.untimed + r.continuation + r.skipped + r.blank;
  }
  for (const s of summaries) {
    const r = s.reading;
    if (r.timed === 0 && r.untimed > 0 && r.noTimeReason === undefined) r.noTimeReason = noTimeReasonOf(s);
  }
}

function noTimeReasonOf({ format, columns }: InputSummary): string {
  if (columns && columns.columns.time === null) return 'no column was found to hold times (name it in the CSV columns on the Rules view)';
  switch (format) {
    case 'jsonl':
    case 'logfmt':
      return 'no record has a time field that could be read';
    case 'csv':
    case 'tsv':
      return 'no row has a time in its time column';
    case 'shiviz':
      return 'its lines carry vector clocks, not times: logical order only';
    default:
      return 'no event of this input has a time';
  }
}
