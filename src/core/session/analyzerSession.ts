/**
 * The data side of the page, as a plain class so Node tests can drive it: it
 * reads the files, runs the pipeline, keeps the Analysis for later questions
 * (an event's details, its causal past and future, the JSON export) and hands
 * back only a small summary plus lane columns as typed arrays. The worker
 * wraps it; nothing here knows about Worker, Comlink or the DOM.
 *
 * Cancellation is cooperative: the pipeline calls `checkpoint` between inputs
 * and stages; each call yields one macrotask, so a queued cancel() message
 * gets to run, and then throws AnalysisCancelled if it did. A long single
 * stage cannot be interrupted from here; the client terminates the worker.
 */
import { analyze, AnalysisCancelled, type Analysis, type InputSummary, type Progress } from '../analysis/analyze';
import { buildAnalysisDocument, serializeAnalysisDocument } from '../document/analysisDocument';
import type { AnalyzeOptions } from '../input/formatParser';
import type { Diagnostic } from '../model/diagnostic';
import { formatIso } from '../model/eventTime';
import { EVENT_KIND_NAMES, eventId, fieldsOf, hasTime, seqOf, sourceOf, type Execution } from '../model/execution';
import { buildLaneData, type LaneData } from '../view/laneData';

/** What the session needs of a file: a browser File or Blob wrapper fits. */
export interface SessionFile {
  name: string;
  size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export interface ExecutionSummary {
  name: string;
  events: number;
  processes: number;
  messages: number;
  anomalies: number;
}

export interface AnalysisSummary {
  inputs: InputSummary[];
  diagnostics: Diagnostic[];
  /** All diagnostics, when more than MAX_DIAGNOSTICS were found. */
  diagnosticCount: number;
  executions: ExecutionSummary[];
}

export interface SessionResult {
  summary: AnalysisSummary;
  /** One per execution, in the order of summary.executions. */
  lanes: LaneData[];
}

export interface EdgeDetail {
  /** The event at the other end. */
  event: string;
  /** Its index, so the page can select it. */
  index: number;
  rule: string;
  key: string;
  /** Set aside to break a causal cycle. */
  ignored: boolean;
}

export interface EventDetails {
  id: string;
  process: string;
  seq: number;
  /** "input:line" */
  source: string;
  time: string | null;
  lamport: number;
  /** Vector clock by process name; zero entries omitted. */
  vectorClock: Record<string, number>;
  kind: string;
  text: string;
  fields: Record<string, string>;
  incoming: EdgeDetail[];
  outgoing: EdgeDetail[];
}

export interface Highlight {
  /** Per process: how many of its first events are in the causal past (or are e). */
  past: Uint32Array;
  /** Per process: sequence number of its first event in e's future, 0 when none. */
  future: Uint32Array;
}

/** The summary is cloned to the page; past this the list is cut short. */
export const MAX_DIAGNOSTICS = 2000;

/** One macrotask: lets queued messages (a cancel) run before going on. */
function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export class AnalyzerSession {
  private analysis: Analysis | null = null;
  private cancelRequested = false;

  async analyze(files: SessionFile[], options: AnalyzeOptions, onProgress?: (p: Progress) => void): Promise<SessionResult> {
    this.cancelRequested = false;
    this.analysis = null;
    const checkpoint = async () => {
      await nextMacrotask();
      if (this.cancelRequested) throw new AnalysisCancelled();
    };
    // Reading the files is quick next to parsing; progress counts parsed bytes.
    const bytesTotal = files.reduce((s, f) => s + f.size, 0);
    onProgress?.({ stage: 'read', bytesDone: 0, bytesTotal, events: 0 });
    const inputs = [];
    for (const f of files) {
      await checkpoint();
      inputs.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
    }
    const analysis = await analyze(inputs, options, { onProgress, checkpoint });
    this.analysis = analysis;
    return {
      summary: summarize(analysis),
      lanes: analysis.executions.map(buildLaneData),
    };
  }

  cancel(): void {
    this.cancelRequested = true;
  }

  eventDetails(exec: number, e: number): EventDetails {
    const r = this.result(exec);
    const x = r.execution;
    checkEvent(x, e);
    const clock = r.clocks.vc.clockOf(e);
    const vectorClock: Record<string, number> = Object.create(null);
    clock.forEach((v, q) => {
      if (v > 0) vectorClock[x.processNames[q]!] = v;
    });
    const adj = r.clocks.adjacency;
    const edge = (k: number, other: number): EdgeDetail => ({
      event: eventId(x, other),
      index: other,
      rule: x.strings.get(x.edgeRule[k]!),
      key: x.strings.get(x.edgeKey[k]!),
      ignored: r.clocks.edgeIgnored[k] === 1,
    });
    const incoming: EdgeDetail[] = [];
    for (let i = adj.inStart[e]!; i < adj.inStart[e + 1]!; i++) incoming.push(edge(adj.inEdge[i]!, x.edgeFrom[adj.inEdge[i]!]!));
    const outgoing: EdgeDetail[] = [];
    for (let i = adj.outStart[e]!; i < adj.outStart[e + 1]!; i++) outgoing.push(edge(adj.outEdge[i]!, x.edgeTo[adj.outEdge[i]!]!));
    return {
      id: eventId(x, e),
      process: x.processNames[x.eventProc[e]!]!,
      seq: seqOf(x, e),
      source: sourceOf(x, e),
      time: hasTime(x, e) ? formatIso(x.timeMs[e]!, x.timeNs[e]!, x.timeDigits[e]!) : null,
      lamport: r.clocks.lamport[e]!,
      vectorClock,
      kind: EVENT_KIND_NAMES[x.eventKind[e]!]!,
      text: x.texts[e]!,
      fields: fieldsOf(x, e),
      incoming,
      outgoing,
    };
  }

  /** Fresh arrays each call, so the worker can transfer them. */
  highlight(exec: number, e: number): Highlight {
    const r = this.result(exec);
    checkEvent(r.execution, e);
    return { past: r.clocks.vc.pastPrefix(e), future: r.clocks.vc.futureStart(e) };
  }

  exportJson(): string {
    if (!this.analysis) throw new Error('nothing to export: no analysis has finished');
    return serializeAnalysisDocument(buildAnalysisDocument(this.analysis));
  }

  private result(exec: number) {
    const r = this.analysis?.executions[exec];
    if (!r) throw new Error(`no execution ${exec} in the current analysis`);
    return r;
  }
}

function checkEvent(x: Execution, e: number): void {
  if (!Number.isInteger(e) || e < 0 || e >= x.eventCount) throw new Error(`no event ${e} in execution "${x.name}"`);
}

export function summarize(a: Analysis): AnalysisSummary {
  return {
    inputs: a.inputs.map((i) => ({ ...i })),
    diagnostics: a.diagnostics.slice(0, MAX_DIAGNOSTICS),
    diagnosticCount: a.diagnostics.length,
    executions: a.executions.map((r) => ({
      name: r.execution.name,
      events: r.execution.eventCount,
      processes: r.execution.processNames.length,
      messages: r.execution.edgeCount,
      anomalies: r.anomalies.length,
    })),
  };
}
