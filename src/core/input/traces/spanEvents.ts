/**
 * Spans (from OTLP or Jaeger JSON) → events and edges. Each span becomes a
 * start and an end event (and one event per span event/log between them) on
 * its service's process, whose clock domain is the service's host where the
 * trace names one. Spans are collected from every input first and placed in
 * finish(), so a service's events are in start-time order (one process, one
 * clock) even when its spans come from several files. At equal times, starts
 * come before span events, which come before ends; parents start before their
 * children and end after them.
 *
 * Edges: a child span on ANOTHER service than its parent gets parent start →
 * child start (rule 'span-parent', key `span=<parent span id>`): the parent
 * was running when it caused the child. Nothing else is inferred: the child's
 * end is not known to precede the parent's end (a fire-and-forget call, a
 * follows-from link), so that edge would be a guess. Parent and child on one
 * service are already ordered by program order. A parent that is not in the
 * inputs leaves no edge; one diagnostic counts such spans.
 */
import type { ParseContext } from '../formatParser';
import { executionFor } from '../executionFor';
import type { EventHandle } from '../../model/executionBuilder';
import type { WallTime } from '../../model/eventTime';

export const SPAN_PARENT_RULE = 'span-parent';

export interface SpanLog {
  time: WallTime;
  name: string;
  fields: [string, string][];
}

export interface Span {
  traceId: string;
  spanId: string;
  /** '' for a root span. */
  parentId: string;
  name: string;
  service: string;
  /** The service's host, when the trace names one. */
  host?: string;
  start: WallTime;
  end: WallTime;
  fields: [string, string][];
  logs: SpanLog[];
  input: string;
  line: number;
}

const PHASE_START = 0;
const PHASE_LOG = 1;
const PHASE_END = 2;

interface Placed {
  span: Span;
  phase: number;
  depth: number;
  time: WallTime;
  log?: SpanLog;
}

export class SpanCollector {
  private readonly spans: Span[] = [];

  add(span: Span): void {
    this.spans.push(span);
  }

  finish(ctx: ParseContext): void {
    const byExecution = new Map<string, Span[]>();
    for (const s of this.spans) {
      const name = executionFor(s.input, ctx);
      let list = byExecution.get(name);
      if (!list) byExecution.set(name, (list = []));
      list.push(s);
    }
    for (const [name, spans] of byExecution) placeSpans(name, spans, ctx);
    this.spans.length = 0;
  }
}

function placeSpans(execution: string, spans: Span[], ctx: ParseContext): void {
  const b = ctx.execution(execution);
  const byId = new Map<string, Span>();
  for (const s of spans) {
    const key = `${s.traceId}/${s.spanId}`;
    if (byId.has(key)) ctx.diagnostics.add(s.input, s.line, 'warning', `span ${s.spanId} of trace ${s.traceId} appears twice; the later one is ignored for parent links`);
    else byId.set(key, s);
  }
  const depth = new Map<Span, number>();
  const depthOf = (s: Span): number => {
    // Iterative walk up the parents; a cycle or a missing parent ends it.
    const chain: Span[] = [];
    let cur: Span | undefined = s;
    const onChain = new Set<Span>();
    while (cur && !depth.has(cur) && !onChain.has(cur)) {
      chain.push(cur);
      onChain.add(cur);
      cur = cur.parentId ? byId.get(`${cur.traceId}/${cur.parentId}`) : undefined;
    }
    let d = cur && depth.has(cur) ? depth.get(cur)! + 1 : 0;
    for (let i = chain.length - 1; i >= 0; i--) depth.set(chain[i]!, d++);
    return depth.get(s)!;
  };

  const placed: Placed[] = [];
  for (const s of spans) {
    const d = depthOf(s);
    placed.push({ span: s, phase: PHASE_START, depth: d, time: s.start });
    for (const log of s.logs) placed.push({ span: s, phase: PHASE_LOG, depth: d, time: log.time, log });
    placed.push({ span: s, phase: PHASE_END, depth: -d, time: s.end });
  }
  placed.sort(
    (a, b) =>
      a.time.ms - b.time.ms ||
      a.time.ns - b.time.ns ||
      a.phase - b.phase ||
      a.depth - b.depth,
  );

  const startOf = new Map<Span, EventHandle>();
  for (const pl of placed) {
    const s = pl.span;
    const p = b.process(s.service, s.host !== undefined && s.host !== s.service ? s.host : undefined);
    const ids: [string, string][] = [
      ['traceId', s.traceId],
      ['spanId', s.spanId],
    ];
    if (pl.phase === PHASE_START) {
      if (s.parentId) ids.push(['parentSpanId', s.parentId]);
      startOf.set(s, b.addEvent(p, { time: s.start, text: `start ${s.name}`, fields: [...ids, ...s.fields], input: s.input, line: s.line }));
    } else if (pl.phase === PHASE_LOG) {
      b.addEvent(p, { time: pl.time, text: pl.log!.name, fields: [...ids, ...pl.log!.fields], input: s.input, line: s.line });
    } else {
      b.addEvent(p, { time: s.end, text: `end ${s.name}`, fields: ids, input: s.input, line: s.line });
    }
  }

  const orphans = new Map<string, number>();
  for (const s of spans) {
    if (!s.parentId) continue;
    const parent = byId.get(`${s.traceId}/${s.parentId}`);
    if (!parent) {
      orphans.set(s.input, (orphans.get(s.input) ?? 0) + 1);
      continue;
    }
    if (parent.service === s.service) continue;
    b.addEdge(startOf.get(parent)!, startOf.get(s)!, SPAN_PARENT_RULE, `span=${s.parentId}`);
  }
  for (const [input, n] of orphans) {
    ctx.diagnostics.add(input, 0, 'info', `${n} span${n === 1 ? ' names a parent' : 's name parents'} not in the inputs: no edge to ${n === 1 ? 'it' : 'them'}`);
  }
}
