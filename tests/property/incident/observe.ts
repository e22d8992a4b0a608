/**
 * What the analyzer made of one rendering, in the model's own terms: edges
 * and anomalies as model event ids (read back from each event's `#<id>`
 * tag; an event without one is named `?process:seq`), and per clock domain
 * its offset interval and reference. Comparable across shapes, since no
 * process name, file name or line number is in it.
 */
import { analyze } from '../../../src/core/analysis/analyze';
import { eventId, textOf, type Execution } from '../../../src/core/model/execution';
import type { Rendered } from './shapes';

export interface ObservedAnomaly {
  kind: string;
  outcome: string | null;
  events: string[];
}

export interface ObservedOffset {
  domain: string;
  reference: string;
  low: number | null;
  high: number | null;
}

export interface Observed {
  edges: string[];
  anomalies: ObservedAnomaly[];
  offsets: ObservedOffset[];
  conflict: boolean;
  executions: number;
  /** Diagnostics that are not info, as `input:line message`. */
  problems: string[];
  /** `process@domain` per lane, for failure messages. */
  lanes: string[];
  /** Domains the analyzer split into epochs at a clock step (clockEpochs.ts); their offset is their last epoch's. */
  stepped: string[];
  /** Per edge (`s->r`), the other sends its evidence says the receive could have had. */
  alternatives: Record<string, string[]>;
}

const TAG = /#(e\d+)\b/;

export async function observe(r: Rendered): Promise<Observed> {
  const enc = new TextEncoder();
  const a = await analyze(
    r.files.map((f) => ({ name: f.name, bytes: enc.encode(f.text) })),
    r.options,
  );
  const problems = a.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.input}:${d.line} ${d.message}`);
  const x0 = a.executions[0];
  if (!x0) return { edges: [], anomalies: [], offsets: [], conflict: false, executions: 0, problems, lanes: [], alternatives: {}, stepped: [] };
  const x: Execution = x0.execution;
  const id = (e: number) => TAG.exec(textOf(x, e))?.[1] ?? `?${eventId(x, e)}`;
  const edges: string[] = [];
  const alternatives: Record<string, string[]> = {};
  for (let k = 0; k < x.edgeCount; k++) {
    const edge = `${id(x.edgeFrom[k]!)}->${id(x.edgeTo[k]!)}`;
    edges.push(edge);
    alternatives[edge] = (x0.messages?.evidence(x.edgeFrom[k]!, x.edgeTo[k]!)?.alternatives ?? []).map(id);
  }
  const anomalies = x0.anomalies
    .map((an) => ({ kind: an.kind, outcome: (an.detail['outcome'] as string | undefined) ?? null, events: an.events.map(id) }))
    .sort((p, q) => cmpText(key(p), key(q)));
  const offsets = x0.offsets.offsets.map((o, d) => ({ domain: x.domainNames[d]!, reference: o.reference, low: o.low, high: o.high }));
  const ep = x0.offsets.epochs?.epochs;
  const stepped = ep ? [...new Set(Array.from(ep.slotDomain.subarray(x.domainNames.length), (d) => x.domainNames[d]!))] : [];
  const lanes = x.processNames.map((p, i) => `${p}@${x.domainNames[x.processDomain[i]!]}`);
  return { edges: edges.sort(cmpText), anomalies, offsets, conflict: x0.offsets.conflictEdges.length > 0, executions: a.executions.length, problems, lanes, alternatives, stepped };
}

/** An anomaly as compared across shapes: its events as a set, since their order follows lane names, which shapes may spell differently (`worker-1` or `worker@node-3`). */
export const key = (a: ObservedAnomaly) => `${a.kind} ${a.outcome ?? '-'} ${[...a.events].sort(cmpText).join(',')}`;
export const cmpText = (p: string, q: string) => (p < q ? -1 : p > q ? 1 : 0);
