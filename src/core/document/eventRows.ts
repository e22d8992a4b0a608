/**
 * Events as the analysis document writes them (schema causeway.analysis/2):
 * one JSON array per event, its columns named once in the execution's
 * `eventColumns`. What a reader can rebuild is left out: `process` and `seq`
 * (the id is `process:seq`), the input's name (an index into `inputs`), a
 * corrected time equal to the raw one (null), the fields its process lists,
 * and of the vector clock all but `vcDelta`, the entries that changed since
 * the process's previous event (its own entry is its seq). Events come in
 * causal order, so a process's previous event is always read before; the
 * reader in docs/analysis-schema.md rebuilds the full events. With
 * fullClocks the column is `vc`, the whole clock, as /1 had it.
 */
import type { DocEvent } from './docEvent';

/** What a row is made of: a document event (its seq is the row's place). */
export type RowEvent = Omit<DocEvent, 'seq'>;

export const EVENT_COLUMNS = ['id', 'source', 'time', 'correctedTime', 'lamport', 'vcDelta', 'kind', 'text', 'fields'] as const;
export const FULL_CLOCK_EVENT_COLUMNS = ['id', 'source', 'time', 'correctedTime', 'lamport', 'vc', 'kind', 'text', 'fields'] as const;

export type EventRow = [
  id: string,
  source: [input: number | string, line: number],
  time: string | null,
  correctedTime: string | null,
  lamport: number,
  vc: Record<string, number>,
  kind: string,
  text: string,
  fields: Record<string, string>,
];

export function eventColumns(fullClocks: boolean): readonly string[] {
  return fullClocks ? FULL_CLOCK_EVENT_COLUMNS : EVENT_COLUMNS;
}

/** Turns one execution's events into rows, in the order they are listed. */
export class EventRowWriter {
  private readonly previous = new Map<string, Record<string, number>>();
  private readonly hoisted = new Map<string, Record<string, string>>();

  constructor(
    private readonly inputIndex: ReadonlyMap<string, number>,
    processes: readonly { name: string; fields: Record<string, string> }[],
    private readonly fullClocks: boolean,
  ) {
    for (const p of processes) if (Object.keys(p.fields).length > 0) this.hoisted.set(p.name, p.fields);
  }

  row(ev: RowEvent): EventRow {
    const input = this.inputIndex.get(ev.source.input);
    return [
      ev.id,
      [input ?? ev.source.input, ev.source.line],
      ev.time,
      ev.correctedTime === ev.time ? null : ev.correctedTime,
      ev.lamport,
      this.fullClocks ? ev.vc : this.delta(ev),
      ev.kind,
      ev.text,
      this.ownFields(ev),
    ];
  }

  private delta(ev: RowEvent): Record<string, number> {
    const before = this.previous.get(ev.process);
    this.previous.set(ev.process, ev.vc);
    const out: Record<string, number> = Object.create(null); // a process may be named __proto__
    for (const q in ev.vc) {
      const v = ev.vc[q]!;
      if (q !== ev.process && (before === undefined || before[q] !== v)) out[q] = v;
    }
    return out;
  }

  private ownFields(ev: RowEvent): Record<string, string> {
    const hoisted = this.hoisted.get(ev.process);
    if (!hoisted) return ev.fields;
    const out: Record<string, string> = Object.create(null);
    for (const k in ev.fields) if (!(k in hoisted)) out[k] = ev.fields[k]!;
    return out;
  }
}
