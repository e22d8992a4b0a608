/**
 * Chrome Trace Event JSON (the object form, `{"traceEvents": [...]}`), so an
 * execution opens in Perfetto and chrome://tracing:
 *
 * - one pid per clock domain (processes on one host read one clock), named by
 *   `process_name` metadata, and one tid per process, named by `thread_name`;
 *   with several executions each has its own pids, named `execution / domain`;
 * - each event a zero-duration complete slice (`"ph":"X","dur":0`) whose `ts`
 *   is the event's corrected time in µs, relative to the earliest corrected
 *   time of its execution. Corrected, not raw: a viewer draws a flow arrow from
 *   the earlier slice to the later one, and raw times on skewed clocks would
 *   put receives before their sends. The raw time, the corrected time, the
 *   Lamport timestamp and the vector clock are in `args`;
 * - an event with no time is placed 1 µs after the latest of its causes (its
 *   program predecessor and the sends it receives), or at 0 when it has none,
 *   and says so in `args.synthetic_ts`; in an execution with no times at all
 *   this makes ts = Lamport − 1 µs, the Lamport order itself;
 * - each message edge (edges set aside to break a cycle excepted) is a flow:
 *   an `s` event at the send's slice and an `f` event with `"bp":"e"` (bind to
 *   the enclosing slice) at the receive's, sharing `id` and `bind_id`: the
 *   hex string ("0x1", "0x2", …) of the edge's 1-based position over all
 *   executions' edges, so unique in the file and stable.
 *
 * Order is fixed: metadata by pid and tid, then per execution its events in
 * annotated causal order, each slice followed by the flow ends it carries
 * (incoming `f` first, then outgoing `s`, in edge order). One trace event per
 * line, so the file streams out and diffs well.
 */
import type { Analysis, ExecutionResult } from '../analysis/analyze';
import { buildAnalysisDocument, type DocEvent } from '../document/analysisDocument';
import { diffMs, formatIsoFloat } from '../model/eventTime';
import { hasTime, type Execution } from '../model/execution';
import { eventAnnotations } from './eventAnnotations';
import { eventCorrectionMs } from '../offsets/domainCorrection';

/** Names longer than this are clipped in the slice name; the whole text is then in args.text. */
const NAME_MAX = 80;
const CHUNK_CHARS = 1 << 16;
const SYNTHETIC_NOTE = 'no time: placed 1 µs after its latest cause (Lamport order)';

export function* exportChromeTrace(analysis: Analysis): Generator<string> {
  const doc = buildAnalysisDocument(analysis, true);
  const several = analysis.executions.length > 1;
  const j = JSON.stringify;
  let pending = '';
  let first = true;
  // Every trace event goes through here: one per line, comma-separated, batched into chunks.
  function* emit(event: object): Generator<string> {
    pending += `${first ? '' : ',\n'}${j(event)}`;
    first = false;
    if (pending.length >= CHUNK_CHARS) {
      yield pending;
      pending = '';
    }
  }

  yield '{"traceEvents":[\n';
  const pidBase: number[] = [];
  let nextPid = 1;
  for (const r of analysis.executions) {
    const x = r.execution;
    pidBase.push(nextPid);
    for (let d = 0; d < x.domainNames.length; d++) {
      const pid = nextPid + d;
      const name = several ? `${x.name} / ${x.domainNames[d]}` : x.domainNames[d]!;
      yield* emit({ ph: 'M', name: 'process_name', pid, tid: 0, args: { name } });
      yield* emit({ ph: 'M', name: 'process_sort_index', pid, tid: 0, args: { sort_index: pid } });
      for (let p = 0; p < x.processNames.length; p++) {
        if (x.processDomain[p] !== d) continue;
        yield* emit({ ph: 'M', name: 'thread_name', pid, tid: p + 1, args: { name: x.processNames[p]! } });
        yield* emit({ ph: 'M', name: 'thread_sort_index', pid, tid: p + 1, args: { sort_index: p + 1 } });
      }
    }
    nextPid += x.domainNames.length;
  }

  const origins: Record<string, string | null> = {};
  let edgeBase = 0;
  for (const [i, r] of analysis.executions.entries()) {
    const x = r.execution;
    const dx = doc.executions[i]!;
    const { ts, origin } = timestamps(r);
    origins[x.name] = origin;
    const pidOf = (e: number) => pidBase[i]! + x.processDomain[x.eventProc[e]!]!;
    const tidOf = (e: number) => x.eventProc[e]! + 1;
    const notes = eventAnnotations(dx);
    const adj = r.clocks.adjacency;
    const flow = (k: number, e: number, ph: 's' | 'f') => {
      const id = `0x${(edgeBase + k + 1).toString(16)}`;
      const base = { ph, name: 'message', cat: 'message', id, bind_id: id, pid: pidOf(e), tid: tidOf(e), ts: ts[e]! };
      return ph === 'f' ? { ...base, bp: 'e' } : base;
    };
    let n = 0;
    for (const ev of dx.events) {
      const e = r.clocks.order[n++]!;
      yield* emit({
        ph: 'X',
        name: sliceName(ev),
        cat: ev.kind,
        ts: ts[e]!,
        dur: 0,
        pid: pidOf(e),
        tid: tidOf(e),
        args: sliceArgs(ev, hasTime(x, e), notes.anomalies(ev.id).map((a) => a.id)),
      });
      for (let a = adj.inStart[e]!; a < adj.inStart[e + 1]!; a++) {
        const k = adj.inEdge[a]!;
        if (!r.clocks.edgeIgnored[k]) yield* emit(flow(k, e, 'f'));
      }
      for (let a = adj.outStart[e]!; a < adj.outStart[e + 1]!; a++) {
        const k = adj.outEdge[a]!;
        if (!r.clocks.edgeIgnored[k]) yield* emit(flow(k, e, 's'));
      }
    }
    edgeBase += x.edgeCount;
  }
  yield `${pending}\n],\n"displayTimeUnit":"ms",\n"otherData":${j({ generator: 'causeway', tsOrigin: origins })}}\n`;
}

/**
 * ts in µs per event (see the module note), and the corrected wall time that
 * ts 0 stands for (null when nothing has a time). Differences are taken from
 * whole ms and ns apart (diffMs), so nanoseconds survive epoch-sized times;
 * ts is rounded to the nanosecond so float noise cannot change the bytes.
 */
function timestamps(r: ExecutionResult): { ts: Float64Array; origin: string | null } {
  const x = r.execution;
  const n = x.eventCount;
  const ts = new Float64Array(n);
  let anchorMs = Infinity;
  for (let e = 0; e < n; e++) if (hasTime(x, e) && x.timeMs[e]! < anchorMs) anchorMs = x.timeMs[e]!;
  const correctedMs = (e: number) => diffMs(x.timeMs[e]!, x.timeNs[e]!, anchorMs, 0) - offsetOf(r, x, e);
  let base = Infinity;
  let digits = 3;
  for (let e = 0; e < n; e++) {
    if (!hasTime(x, e)) continue;
    base = Math.min(base, correctedMs(e));
    digits = Math.max(digits, x.timeDigits[e]!);
  }
  const adj = r.clocks.adjacency;
  // Causal order: every cause of e has its ts before e is reached.
  for (const e of r.clocks.order) {
    if (hasTime(x, e)) {
      ts[e] = Math.round((correctedMs(e) - base) * 1e6) / 1e3;
      continue;
    }
    let latest = -1;
    const p = x.eventProc[e]!;
    if (e > x.procStart[p]!) latest = ts[e - 1]!;
    for (let a = adj.inStart[e]!; a < adj.inStart[e + 1]!; a++) {
      const k = adj.inEdge[a]!;
      if (!adj.skip[k]) latest = Math.max(latest, ts[x.edgeFrom[k]!]!);
    }
    ts[e] = latest < 0 ? 0 : latest + 1;
  }
  const origin = Number.isFinite(base) ? formatIsoFloat(anchorMs + base, digits) : null;
  return { ts, origin };
}

/** What the analysis document's correctedTime subtracts, so ts and args.correctedTime agree. */
function offsetOf(r: ExecutionResult, x: Execution, e: number): number {
  return eventCorrectionMs(r.offsets, x, e);
}

function sliceName(ev: DocEvent): string {
  const firstLine = ev.text.split(/\r?\n/, 1)[0]!.trim();
  if (firstLine === '') return `${ev.kind} ${ev.id}`;
  return firstLine.length > NAME_MAX ? `${firstLine.slice(0, NAME_MAX - 1)}…` : firstLine;
}

function sliceArgs(ev: DocEvent, timed: boolean, anomalies: string[]): Record<string, unknown> {
  const args: Record<string, unknown> = {
    id: ev.id,
    time: ev.time,
    correctedTime: ev.correctedTime,
    lamport: ev.lamport,
    vc: ev.vc,
    source: `${ev.source.input}:${ev.source.line}`,
  };
  if (!timed) args['synthetic_ts'] = SYNTHETIC_NOTE;
  if (anomalies.length > 0) args['anomalies'] = anomalies;
  if (sliceName(ev) !== ev.text) args['text'] = ev.text;
  return args;
}
