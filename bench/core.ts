/**
 * The core in Node: ingest throughput per format, clocks, happened-before
 * queries, memory per event and scaling. Everything runs on one thread, as
 * in one worker, except the read stage with N workers (worker_threads, the
 * page's parallel reading: readPart, pack, merge).
 */
import { analyze, type Analysis } from '../src/core/analysis/analyze';
import { readStage } from '../src/core/read/readStage';
import type { AnalyzeInput, InputData } from '../src/core/read/analyzeInput';
import { computeLamport } from '../src/core/clocks/lamport';
import { buildAdjacency, TopologicalSweep } from '../src/core/clocks/topologicalOrder';
import { computeVectorClocks } from '../src/core/clocks/vectorClocks';
import { ClockSweep } from '../src/core/clocks/clockSweep';
import { DiagnosticSink } from '../src/core/model/diagnostic';
import type { Execution } from '../src/core/model/execution';
import { ExecutionBuilder } from '../src/core/model/executionBuilder';
import { EventType, rng, simulate, type GenOptions } from '../scripts/generate/model';
import type { GenFormat } from '../scripts/generate/formats';
import { dataset, readInputs } from './lib/data';
import { readPartsInThreads } from '../src/cli/partThreads';
import { planReaders } from '../src/core/parallel/planReaders';
import { gc, hasGc, liveBytes, log, median, now, timeRuns } from './lib/measure';
import { linesTimed, type LinesTimed } from './timeDetection';

export interface IngestResult {
  format: GenFormat;
  status: 'ok' | 'not supported yet' | 'error';
  detectedAs?: string;
  note?: string;
  events?: number;
  bytes?: number;
  eventsRead?: number;
  edgesExpected?: number;
  edgesFound?: number;
  /** decode + split + fields + timestamps + columnar build: analyze() without edges, clocks, offsets, anomalies. */
  ingestMs?: number;
  ingestMBps?: number;
  /** The median of the timed ingest runs, beside the best: this VM's memory speed varies by ±20 % from run to run. */
  ingestMBpsMedian?: number;
  /** memoryProbe.ts in the round of the best ingest run: how fast memory was (lower is faster). */
  memoryProbeMs?: number;
  ingestRuns?: number;
  /** The whole analyze(). */
  analyzeMs?: number;
  analyzeMBps?: number;
  analyzeEventsPerSec?: number;
  /** How many of its lines the analysis read with a time (its reading reports, added up). */
  linesTimed?: LinesTimed;
}

/**
 * analyze()'s read stage alone, through the same code analyze() runs
 * (readStage: archives, chunked decode, detection, streaming parsers), then
 * the parsers' finish and the columnar build of every execution.
 */
export async function ingestOnly(inputs: AnalyzeInput[]): Promise<{ events: number; formats: string[] }> {
  const r = await readStage(inputs, {}, {}, new DiagnosticSink());
  for (const parser of r.parsers.values()) parser.finish?.(r.ctx);
  let events = 0;
  for (const b of r.builders.values()) events += b.build().eventCount;
  return { events, formats: [...new Set(r.summaries.map((s) => s.format).filter((f) => f !== 'unknown'))] };
}

function eventsOf(a: Analysis): number {
  return a.executions.reduce((s, x) => s + x.execution.eventCount, 0);
}

function edgesOf(a: Analysis): number {
  return a.executions.reduce((s, x) => s + x.execution.edgeCount, 0);
}

/**
 * Ingest and analyze() of every format. The timed ingest runs take turns
 * between formats (round r starts with format r mod k): this VM's memory
 * speed changes from one minute to the next, and formats timed one after
 * the other would each meet a different phase. `probe` (memoryProbe.ts) is
 * taken once per round; each format reports the one of the round of its
 * best run.
 */
export async function benchIngestAll(dataRoot: string, sets: { format: GenFormat; options: GenOptions }[], runs: number, ingestRuns: number, probe: () => number): Promise<IngestResult[]> {
  interface FormatRun {
    d: ReturnType<typeof dataset>;
    inputs: AnalyzeInput[];
    bytes: number;
    result: IngestResult;
    times: number[];
    probes: number[];
    events: number;
  }
  const all: FormatRun[] = [];
  for (const { format, options } of sets) {
    const d = dataset(dataRoot, format, options);
    const inputs = readInputs(d);
    const bytes = inputs.reduce((s, i) => s + i.bytes.length, 0);
    const result: IngestResult = { format, status: 'ok', events: d.events, bytes, edgesExpected: d.truth['edges'] as number };
    all.push({ d, inputs, bytes, result, times: [], probes: [], events: 0 });
    try {
      // Detection first: a format the analyzer cannot read yet is reported, not timed.
      const detected = await ingestOnly(inputs.slice(0, 1).map((i) => ({ name: i.name, bytes: i.bytes.subarray(0, Math.min(i.bytes.length, 1 << 16)) })));
      if (detected.formats.length === 0 || detected.events === 0) {
        Object.assign(result, { status: 'not supported yet', note: 'no input format of the analyzer recognises these files' });
        continue;
      }
      result.detectedAs = detected.formats.join('+');
      // Warm the JIT on a slice of every input (whole lines).
      await ingestOnly(inputs.map((i) => ({ name: i.name, bytes: i.bytes.subarray(0, cutAtLine(i.bytes, 1 << 17)) })));
    } catch (err) {
      Object.assign(result, { status: 'error', note: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
    }
  }
  const timed = all.filter((x) => x.result.status === 'ok');
  for (let r = 0; r < ingestRuns; r++) {
    const memoryMs = probe();
    for (let k = 0; k < timed.length; k++) {
      const x = timed[(r + k) % timed.length]!;
      try {
        // Each run starts from a collected heap, outside the timing.
        gc();
        const t0 = now();
        x.events = (await ingestOnly(x.inputs)).events;
        x.times.push(now() - t0);
        x.probes.push(memoryMs);
      } catch (err) {
        Object.assign(x.result, { status: 'error', note: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
      }
    }
  }
  for (const x of timed) {
    if (x.result.status !== 'ok') continue;
    gc();
    try {
      let a: Analysis | undefined;
      const full = await timeRuns(runs, async () => {
        a = undefined;
        a = await analyze(x.inputs);
      });
      const ingestMs = Math.min(...x.times);
      const analyzeMs = Math.min(...full);
      Object.assign(x.result, {
        eventsRead: x.events,
        edgesFound: a ? edgesOf(a) : 0,
        ingestMs,
        ingestMBps: x.bytes / 1e6 / (ingestMs / 1000),
        ingestMBpsMedian: x.bytes / 1e6 / (median(x.times) / 1000),
        ingestRuns: x.times.length,
        memoryProbeMs: x.probes[x.times.indexOf(ingestMs)],
        analyzeMs,
        analyzeMBps: x.bytes / 1e6 / (analyzeMs / 1000),
        analyzeEventsPerSec: (a ? eventsOf(a) : 0) / (analyzeMs / 1000),
        ...(a && { linesTimed: linesTimed(a.inputs) }),
      } satisfies Partial<IngestResult>);
      if (x.events !== x.d.events) x.result.note = `read ${x.events} of ${x.d.events} events`;
    } catch (err) {
      Object.assign(x.result, { status: 'error', note: err instanceof Error ? `${err.name}: ${err.message}` : String(err) });
    }
  }
  return all.map((x) => x.result);
}

function cutAtLine(bytes: Uint8Array, max: number): number {
  if (bytes.length <= max) return bytes.length;
  const nl = bytes.lastIndexOf(10, max);
  return nl > 0 ? nl + 1 : max;
}

/** An execution straight from a simulation: events and the true edges, no text. */
export function executionOf(options: GenOptions): Execution {
  const sim = simulate(options);
  const b = new ExecutionBuilder('bench');
  for (const name of sim.processNames) b.process(name);
  const handles = new Uint32Array(sim.n);
  for (let i = 0; i < sim.n; i++) handles[i] = b.addEvent(sim.proc[i]!, { text: '', input: 'generated', line: i + 1 });
  for (let i = 0; i < sim.n; i++) {
    if (sim.type[i] === EventType.Receive) b.addEdge(handles[sim.sendOf[i]!]!, handles[i]!, 'generated', '');
  }
  return b.build();
}

export interface ClockResult {
  events: number;
  processes: number;
  receiveShare: number;
  edges: number;
  topoSortMs: number;
  lamportMs: number;
  lamportEventsPerSec: number;
  vectorClockMs: number;
  vectorClockEventsPerSec: number;
  vectorClockSnapshotBytes: number;
  /** Lamport times and vector clocks as analyze() makes them: one ClockSweep over a prebuilt adjacency (median). */
  sweepMs: number;
  sweepEventsPerSec: number;
}

export function benchClocks(options: GenOptions, runs: number): ClockResult {
  const x = executionOf(options);
  const adj = buildAdjacency(x);
  const topo = [];
  let order: Uint32Array = new Uint32Array(0);
  for (let r = 0; r < runs; r++) {
    for (let k = 0; k < adj.skip.length; k++) adj.skip[k] = 0;
    const t0 = now();
    const sweep = new TopologicalSweep(x, adj);
    if (!sweep.run()) throw new Error('generated execution has a cycle');
    topo.push(now() - t0);
    order = sweep.order;
  }
  const lam: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = now();
    computeLamport(x, adj, order);
    lam.push(now() - t0);
  }
  const vcs: number[] = [];
  let snapBytes = 0;
  for (let r = 0; r < runs; r++) {
    const t0 = now();
    const vc = computeVectorClocks(x, adj, order);
    vcs.push(now() - t0);
    snapBytes = vc.snapshots.byteLength + vc.snapOf.byteLength;
  }
  const sweeps: number[] = [];
  for (let r = 0; r < runs; r++) {
    for (let k = 0; k < adj.skip.length; k++) adj.skip[k] = 0;
    const t0 = now();
    const sweep = new ClockSweep(x, adj);
    if (!sweep.run()) throw new Error('generated execution has a cycle');
    sweep.clocks();
    sweeps.push(now() - t0);
  }
  const lamportMs = median(lam);
  const vectorClockMs = median(vcs);
  const sweepMs = median(sweeps);
  return {
    events: x.eventCount,
    processes: x.processNames.length,
    receiveShare: options.receiveShare ?? 0.2,
    edges: x.edgeCount,
    topoSortMs: median(topo),
    lamportMs,
    lamportEventsPerSec: x.eventCount / (lamportMs / 1000),
    vectorClockMs,
    vectorClockEventsPerSec: x.eventCount / (vectorClockMs / 1000),
    vectorClockSnapshotBytes: snapBytes,
    sweepMs,
    sweepEventsPerSec: x.eventCount / (sweepMs / 1000),
  };
}

export interface HbResult {
  events: number;
  processes: number;
  queries: number;
  nsPerQuery: number;
  trueShare: number;
}

export function benchHappenedBefore(options: GenOptions, queries: number): HbResult {
  const x = executionOf(options);
  const adj = buildAdjacency(x);
  // The clocks as analyze() makes them (clockSweep.ts).
  const sweep = new ClockSweep(x, adj);
  sweep.run();
  const vc = sweep.clocks();
  const rand = rng(99);
  const n = x.eventCount;
  const a = new Uint32Array(queries);
  const b = new Uint32Array(queries);
  for (let i = 0; i < queries; i++) {
    a[i] = Math.floor(rand() * n);
    b[i] = Math.floor(rand() * n);
  }
  let hits = 0;
  for (let i = 0; i < Math.min(queries, 100000); i++) if (vc.happenedBefore(a[i]!, b[i]!)) hits++; // warm-up
  const times: number[] = [];
  for (let r = 0; r < 3; r++) {
    hits = 0;
    const t0 = now();
    for (let i = 0; i < queries; i++) if (vc.happenedBefore(a[i]!, b[i]!)) hits++;
    times.push(now() - t0);
  }
  return { events: n, processes: x.processNames.length, queries, nsPerQuery: (median(times) * 1e6) / queries, trueShare: hits / queries };
}

export interface ScalingPoint {
  events: number;
  bytes: number;
  analyzeMs: number;
  /** ms per 1 000 events at this size. */
  msPer1kEvents: number;
  /** ms per 1 000 events added since the previous size. */
  marginalMsPer1kEvents?: number;
}

export interface MemoryResult {
  events: number;
  rawBytes: number;
  rawBytesPerEvent: number;
  /** Live JS heap + array buffers after analyze(), beyond the input bytes, per event. */
  bytesPerEvent: number;
  totalBytes: number;
  gcExposed: boolean;
}

/** A warm-up run whose result dies with this frame (an awaited value can linger in the caller's frame). */
async function warm(inputs: InputData[]): Promise<void> {
  await analyze(inputs);
}

export async function benchScaling(dataRoot: string, sizes: number[], base: GenOptions): Promise<{ points: ScalingPoint[]; memory: MemoryResult | null }> {
  const points: ScalingPoint[] = [];
  let memory: MemoryResult | null = null;
  for (const events of sizes) {
    const d = dataset(dataRoot, 'jsonl', { ...base, events });
    let inputs: InputData[] | null = readInputs(d);
    const bytes = inputs.reduce((s, i) => s + i.bytes.length, 0);
    const runs = events <= 20_000 ? 5 : events <= 200_000 ? 2 : 1;
    if (events <= 200_000) await warm(inputs);
    const before = liveBytes();
    let keep: Analysis | null = null;
    const times = await timeRuns(runs, async () => {
      keep = null;
      keep = await analyze(inputs!);
    });
    const after = liveBytes();
    const ms = Math.min(...times);
    const prev = points[points.length - 1];
    points.push({
      events,
      bytes,
      analyzeMs: ms,
      msPer1kEvents: ms / (events / 1000),
      ...(prev && { marginalMsPer1kEvents: (ms - prev.analyzeMs) / ((events - prev.events) / 1000) }),
    });
    if (events === sizes[sizes.length - 1]) {
      const total = after - before;
      memory = {
        events,
        rawBytes: bytes,
        rawBytesPerEvent: bytes / events,
        bytesPerEvent: total / events,
        totalBytes: total,
        gcExposed: hasGc(),
      };
    }
    log(`scaling ${events}: ${ms.toFixed(0)} ms`);
    keep = null;
    inputs = null;
    void keep;
    gc();
  }
  return { points, memory };
}

export interface ParallelReadResult {
  format: GenFormat;
  events: number;
  bytes: number;
  files: number;
  workers: number;
  /** The read stage to built executions on one thread (readStage, finish, build). */
  oneWorkerMs: number;
  /** The same with the files split into `workers` groups: this thread reads one, threads the others (readPart + pack, transfer, unpack), then the merge. */
  parallelMs: number;
  speedup: number;
  /** Both gave the same events. */
  sameEvents: boolean;
}

/** The read stage, through analyze()'s own code, with parts read elsewhere merged in; the executions built. */
async function readAndBuild(inputs: AnalyzeInput[], parts: Parameters<typeof readStage>[4] = []): Promise<number> {
  const r = await readStage(inputs, {}, {}, new DiagnosticSink(), parts);
  for (const parser of r.parsers.values()) parser.finish?.(r.ctx);
  let events = 0;
  for (const name of r.executionNames()) events += r.build(name).eventCount;
  return events;
}

/**
 * "read stage with N workers": the dataset's files (in memory, copied to the
 * threads as the page hands Blobs to its workers) split in name order into
 * `workers` groups, the first read here and each other by a thread of
 * `script` (this bench, re-entered; started per run, as the page starts its
 * readers per analysis), against one thread reading all.
 */
export async function benchParallelRead(dataRoot: string, format: GenFormat, options: GenOptions, workers: number, script: URL, runs: number): Promise<ParallelReadResult> {
  const d = dataset(dataRoot, format, options);
  const inputs = readInputs(d);
  const bytes = inputs.reduce((s, i) => s + i.bytes.length, 0);
  // The page's and the CLI's plan, with the reader count forced as ?workers=N and CAUSEWAY_WORKERS=N force it.
  const sized = inputs.map((i) => ({ ...i, size: i.bytes.length }));
  const groups = planReaders(sized, { cores: workers, forced: String(workers) }) ?? [sized];
  await readAndBuild(inputs.map((i) => ({ name: i.name, bytes: i.bytes.subarray(0, cutAtLine(i.bytes, 1 << 17)) })));
  // One and N alternate, so a change in the machine's load (other processes) weighs on both alike.
  let one = 0;
  let many = 0;
  const oneTimes: number[] = [];
  const manyTimes: number[] = [];
  for (let r = 0; r < runs; r++) {
    oneTimes.push(...(await timeRuns(1, async () => (one = await readAndBuild(inputs)))));
    gc();
    manyTimes.push(
      ...(await timeRuns(1, async () => {
        // As the page does: this thread reads the first group while threads read the others.
        const others = groups.slice(1);
        const reading = readPartsInThreads(script, others.map((g) => g.map((i) => ({ name: i.name, bytes: i.bytes }))), {});
        reading.catch(() => {});
        many = await readAndBuild(inputs, { inputs: others.flat().map((i) => i.name), parts: () => reading });
      })),
    );
    gc();
  }
  const oneWorkerMs = Math.min(...oneTimes);
  const parallelMs = Math.min(...manyTimes);
  return { format, events: d.events, bytes, files: inputs.length, workers: groups.length, oneWorkerMs, parallelMs, speedup: oneWorkerMs / parallelMs, sameEvents: one === many && one === d.events };
}
