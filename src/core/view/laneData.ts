/**
 * What a lane diagram needs of one execution, and nothing else: per-process
 * lanes and domains, per-event process, Lamport time, wall time and kind, the
 * message edges, the causal order and each domain's clock correction. Every column is a fresh typed array
 * that owns its buffer, so a worker can transfer them to the page without
 * copying and without detaching the arrays the session keeps for later
 * queries (details, highlight, export).
 *
 * It also carries the default (logical) axis positions and the message span
 * index over them, made here in the worker: at a million events they are a
 * few hundred milliseconds of sorting that would otherwise freeze the page
 * between the result's arrival and the first frame. Other axis modes are
 * made on the page when chosen. The default lane order (laneOrder.ts) is
 * made here too: at 100 k events it was a fifth of the page's longest task.
 */
import type { ClockedExecution } from '../read/analyzeHooks';
import { eventSlots, slotCorrectionsMs } from '../offsets/domainCorrection';
import { buildAxisPositions, type AxisMode, type AxisPositions } from './axisPositions';
import { edgeSpanIndex, primeEdgeSpanIndex, type EdgeSpanIndex } from './edgeSpanIndex';
import { orderLanes } from './laneOrder';

export interface LaneData {
  name: string;
  processNames: string[];
  /** Clock domain index per process, into domainNames. */
  processDomain: Uint32Array;
  domainNames: string[];
  /** Length processes + 1; events of p are procStart[p] .. procStart[p+1]-1. */
  procStart: Uint32Array;
  eventProc: Uint32Array;
  lamport: Uint32Array;
  /** Whole ms since the epoch; NaN where the line had no time. */
  timeMs: Float64Array;
  /** Nanoseconds within that millisecond: raw times closer than 1 ms still differ. */
  timeNs: Uint32Array;
  /**
   * Per clock domain, what the corrected axis subtracts from raw times
   * (domainCorrectionMs: the same quantity as the document's correctedTime);
   * where a clock stepped, per slot (a domain's epoch, clockEpochs.ts).
   */
  domainCorrectionMs: Float64Array;
  /** Per event, its slot in domainCorrectionMs where a clock stepped; absent otherwise (the slot is the domain). */
  eventSlot?: Int32Array;
  eventKind: Uint8Array;
  edgeFrom: Uint32Array;
  edgeTo: Uint32Array;
  /** Per edge: 1 where the edge was set aside to break a causal cycle. */
  edgeIgnored: Uint8Array;
  /** Events in causal order (ascending Lamport, then process, then sequence). */
  order: Uint32Array;
  /** The logical axis and its message span index, when made with the lanes. */
  logical?: { axis: AxisPositions; spans: EdgeSpanIndex };
  /** The lanes' default order (orderLanes), when made with the lanes. */
  laneOrder?: Uint32Array;
}

export function buildLaneData(r: ClockedExecution): LaneData {
  const d = laneColumns(r);
  const axis = buildAxisPositions(d, 'logical');
  const laneOrder = Uint32Array.from(orderLanes(d.processDomain, d.eventProc, d.edgeFrom, d.edgeTo));
  return { ...d, logical: { axis, spans: edgeSpanIndex(axis.pos, d.edgeFrom, d.edgeTo, d.eventProc) }, laneOrder };
}

/** The lanes' default order: the one made with the lanes when there is, else made now. */
export function defaultLaneOrder(d: LaneData): number[] {
  return d.laneOrder ? Array.from(d.laneOrder) : orderLanes(d.processDomain, d.eventProc, d.edgeFrom, d.edgeTo);
}

/** The positions for an axis mode: the ones made with the lanes when there are, else made now. */
export function axisPositionsOf(d: LaneData, mode: AxisMode): AxisPositions {
  if (mode !== 'logical' || !d.logical) return buildAxisPositions(d, mode);
  primeEdgeSpanIndex(d.logical.axis.pos, d.edgeFrom, d.logical.spans);
  return d.logical.axis;
}

function laneColumns(r: ClockedExecution): LaneData {
  const x = r.execution;
  // slice() copies into a new buffer sized to the view, even for subarrays.
  return {
    name: x.name,
    processNames: [...x.processNames],
    processDomain: x.processDomain.slice(),
    domainNames: [...x.domainNames],
    procStart: x.procStart.slice(),
    eventProc: x.eventProc.slice(),
    lamport: r.clocks.lamport.slice(),
    timeMs: x.timeMs.slice(),
    timeNs: x.timeNs.slice(),
    domainCorrectionMs: slotCorrectionsMs(r.offsets, x).slice(),
    ...(eventSlots(r.offsets) && { eventSlot: eventSlots(r.offsets)!.slice() }),
    eventKind: x.eventKind.slice(),
    edgeFrom: x.edgeFrom.slice(),
    edgeTo: x.edgeTo.slice(),
    edgeIgnored: r.clocks.edgeIgnored.slice(),
    order: r.clocks.order.slice(),
  };
}

/** The buffers to list as transferables when posting lane data. */
export function laneTransferables(d: LaneData): ArrayBuffer[] {
  const arrays = [
    d.processDomain,
    d.procStart,
    d.eventProc,
    d.lamport,
    d.timeMs,
    d.timeNs,
    d.domainCorrectionMs,
    d.eventKind,
    d.edgeFrom,
    d.edgeTo,
    d.edgeIgnored,
    d.order,
    ...(d.eventSlot ? [d.eventSlot] : []),
    ...(d.laneOrder ? [d.laneOrder] : []),
  ];
  if (d.logical) {
    const { axis, spans } = d.logical;
    arrays.push(axis.pos, axis.untimed, axis.lamportOfRank, ...axis.laneSorted.filter((s) => s !== null));
    arrays.push(spans.edge, spans.posFrom, spans.posTo, spans.procFrom, spans.procTo, spans.starts, spans.sampled, spans.sampledStart);
  }
  return arrays.map((a) => a.buffer as ArrayBuffer);
}

/** Largest Lamport timestamp, 0 for an empty execution. */
export function maxLamport(d: LaneData): number {
  let m = 0;
  for (let e = 0; e < d.lamport.length; e++) if (d.lamport[e]! > m) m = d.lamport[e]!;
  return m;
}

/**
 * The events of lane p whose Lamport time lies in [lo, hi], as an index range
 * [from, to). Lamport time strictly increases along a process, so two binary
 * searches find it; drawing a window never visits the events outside it.
 */
export function laneRange(d: LaneData, p: number, lo: number, hi: number): [number, number] {
  const start = d.procStart[p]!;
  const end = d.procStart[p + 1]!;
  return [lowerBound(d.lamport, start, end, lo), lowerBound(d.lamport, start, end, Math.floor(hi) + 1)];
}

function lowerBound(a: Uint32Array, lo: number, hi: number, v: number): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid]! < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
