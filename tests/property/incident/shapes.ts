/**
 * The shapes one incident is written in. Each shape is a set of log files
 * (and the options a user would give for them: which host each process runs
 * on where the logs do not say) plus knobs fast-check picks: field names,
 * prefixes, time layouts per host. `jsonl-dir` is the reference: explicit
 * fields for everything.
 */
import fc from 'fast-check';
import type { AnalyzeOptions } from '../../../src/core/analysis/analyzeOptions';
import { writtenEvents, type Incident, type ModelEvent } from './incidentModel';
import { jsonLine, logfmtLine, PLAIN_RECORD, recordOf, textLine, type RecordKnobs, type TextKnobs } from './lineWriters';
import { TIME_LAYOUTS, type TimeLayout } from './timeLayouts';

export interface Knobs {
  serviceKey: 'svc' | 'service';
  requestIdKey: 'req_id' | 'correlation_id' | 'x_request_id';
  dirKey: 'direction' | 'kind';
  timeKey: 'ts' | 'time' | 'timestamp';
  prefix: 'compose' | 'kubectl';
  /** Per host index. */
  layouts: TimeLayout[];
}

export const knobsArb: fc.Arbitrary<Knobs> = fc.record({
  serviceKey: fc.constantFrom('svc', 'service'),
  requestIdKey: fc.constantFrom('req_id', 'correlation_id', 'x_request_id'),
  dirKey: fc.constantFrom('direction', 'kind'),
  timeKey: fc.constantFrom('ts', 'time', 'timestamp'),
  prefix: fc.constantFrom('compose', 'kubectl'),
  layouts: fc.array(fc.constantFrom(...TIME_LAYOUTS), { minLength: 3, maxLength: 3 }),
});

export interface Rendered {
  files: { name: string; text: string }[];
  options: AnalyzeOptions;
}

export interface Shape {
  id: string;
  render(inc: Incident, k: Knobs): Rendered;
}

/**
 * Process name → host, for logs that do not name the host: what a user sets
 * as clockDomainOf, by the lane names the page shows (`payments-1`, or
 * `payments-1/app` for a pod's container).
 */
const hostsOf = (inc: Incident, container = ''): AnalyzeOptions => ({
  clockDomainOf: Object.fromEntries(inc.procs.map((p) => [`${p.name}${container}`, inc.hosts[p.host]!.name])),
});

/** One file per process, named after it; lines in program order. */
function perProcess(inc: Incident, ext: string, line: (e: ModelEvent) => string, noise = false): Rendered['files'] {
  const by = new Map<number, string[]>();
  for (const e of writtenEvents(inc, noise)) {
    let l = by.get(e.proc);
    if (!l) by.set(e.proc, (l = []));
    l.push(line(e));
  }
  return [...by].map(([p, lines]) => ({ name: `${inc.procs[p]!.name}.${ext}`, text: lines.join('\n') + '\n' }));
}

const textKnobs = (wording: 'A' | 'B', more: Partial<TextKnobs> = {}): TextKnobs => ({ wording, layout: () => 'iso-z', attempt: () => true, ...more });
const text = (id: string, wording: 'A' | 'B', noise = false): Shape => ({
  id,
  render: (inc) => ({ files: perProcess(inc, 'log', (e) => textLine(inc, e, textKnobs(wording)), noise), options: hostsOf(inc) }),
});
const jsonl = (id: string, knobs: (k: Knobs) => Partial<RecordKnobs>, hosts = false): Shape => ({
  id,
  render: (inc, k) => {
    const rk = { ...PLAIN_RECORD, ...knobs(k) };
    return { files: perProcess(inc, 'jsonl', (e) => jsonLine(recordOf(inc, e, rk))), options: hosts ? hostsOf(inc) : {} };
  },
});

const csvCell = (v: string | number | undefined) => (v === undefined ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v));

export const SHAPES: readonly Shape[] = [
  text('text-wording-a', 'A'),
  text('text-wording-b', 'B'),
  jsonl('jsonl-dir', () => ({})),
  {
    id: 'logfmt',
    render: (inc) => ({ files: perProcess(inc, 'log', (e) => logfmtLine(recordOf(inc, e, PLAIN_RECORD))), options: {} }),
  },
  {
    id: 'csv-header',
    render: (inc) => {
      const cols = ['timestamp', 'service', 'host', 'level', 'message', 'request_id', 'msg_id', 'dir', 'to', 'from', 'attempt'];
      const rows = writtenEvents(inc, false).map((e) => {
        const r = new Map(recordOf(inc, e, { ...PLAIN_RECORD, timeKey: 'timestamp', messageKey: 'message' }));
        return cols.map((c) => csvCell(r.get(c))).join(',');
      });
      return { files: [{ name: 'export.csv', text: [cols.join(','), ...rows].join('\n') + '\n' }], options: {} };
    },
  },
  jsonl(
    'field-names',
    (k) => ({
      timeKey: k.timeKey,
      processKey: k.serviceKey,
      hostKey: null,
      messageKey: 'message',
      requestIdKey: k.requestIdKey,
      messageIdKey: 'message_id',
      dirKey: k.dirKey,
      dirWords: k.dirKey === 'kind' ? 'span' : 'inout',
      peers: 'peer',
    }),
    true,
  ),
  jsonl('server-no-attempt', () => ({ serverAttempts: false })),
  {
    id: 'service-and-host',
    render: (inc, k) => {
      const rk: RecordKnobs = { ...PLAIN_RECORD, processKey: k.serviceKey, processValue: 'service' };
      const by = new Map<number, string[]>();
      for (const e of writtenEvents(inc, false)) {
        const h = inc.procs[e.proc]!.host;
        if (!by.has(h)) by.set(h, []);
        by.get(h)!.push(logfmtLine(recordOf(inc, e, rk)));
      }
      return { files: [...by].map(([h, lines]) => ({ name: `${inc.hosts[h]!.name}.log`, text: lines.join('\n') + '\n' })), options: {} };
    },
  },
  text('mentions', 'A', true),
  jsonl('silent-broker', () => ({ kafka: true })),
  {
    id: 'one-shared-file',
    render: (inc, k) => {
      const width = Math.max(...inc.procs.map((p) => p.name.length));
      const lines = writtenEvents(inc, false).map((e) => {
        const name = inc.procs[e.proc]!.name;
        const line = textLine(inc, e, textKnobs('A'));
        return k.prefix === 'compose' ? `${name.padEnd(width)}  | ${line}` : `[pod/${name}/app] ${line}`;
      });
      return { files: [{ name: 'all.log', text: lines.join('\n') + '\n' }], options: hostsOf(inc, k.prefix === 'kubectl' ? '/app' : '') };
    },
  },
  {
    id: 'time-layouts',
    render: (inc, k) => ({
      files: perProcess(inc, 'log', (e) => textLine(inc, e, textKnobs('A', { layout: (ev) => k.layouts[inc.procs[ev.proc]!.host]! }))),
      options: hostsOf(inc),
    }),
  },
];

export const REFERENCE = SHAPES.find((s) => s.id === 'jsonl-dir')!;
