/**
 * The series behind the charts, computed in the worker as typed arrays:
 *  - per clock domain (other than a reference), its offset interval per time
 *    window (windowOffsets.ts) as low/high, and the window's estimate, each
 *    held over the window's span (two points per window); where the domain's
 *    clock stepped, also each epoch's whole estimate over the windows it
 *    covers, so the step shows as a jump of the line;
 *  - events per second per process, in equal bins over the timed span;
 *  - per cross-domain message, the delay its timestamps show (receive minus
 *    send) raw and corrected: a negative raw delay is clock skew made visible,
 *    its depth the skew's least magnitude.
 * Times are seconds since the epoch (uPlot's time axis unit).
 */
import type { ExecutionResult } from '../analysis/analyze';
import { hasTime } from '../model/execution';
import { diffMs, toFloatMs } from '../model/eventTime';
import { estimateWindowOffsets, offsetSeries } from '../offsets/windowOffsets';
import { eventCorrectionMs } from '../offsets/domainCorrection';
import { correctedMs } from './eventOrders';

export interface OffsetChart {
  domain: string;
  reference: string;
  /** Whole-execution estimate, ms; null when unbounded. */
  estimateMs: number | null;
  x: Float64Array;
  low: Float64Array;
  high: Float64Array;
  estimate: Float64Array;
  /** Where the domain's clock stepped: per point, the estimate of the epoch then in effect (NaN where none). */
  epochEstimate?: Float64Array;
  /** Where the domain's clock stepped: each epoch's whole estimate, ms (null when unbounded), in order. */
  epochEstimatesMs?: (number | null)[];
}

export interface RateChart {
  /** Bin starts, seconds. */
  x: Float64Array;
  binMs: number;
  processes: string[];
  /** Per process (aligned with processes): events per second in each bin. */
  perSecond: Float64Array[];
}

export interface DelayChart {
  /** Send time (raw), seconds, ascending. */
  x: Float64Array;
  rawMs: Float64Array;
  correctedMs: Float64Array;
  /** Messages whose raw delay is negative. */
  backwards: number;
}

export interface ChartData {
  offsets: OffsetChart[];
  rate: RateChart | null;
  delay: DelayChart | null;
}

/** At most this many bins, so a day of logs stays a few hundred points per line. */
export const MAX_BINS = 400;
/** Lines beyond this many processes are summed into one "other processes" line. */
export const MAX_RATE_LINES = 24;

const NICE_MS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 30_000, 60_000, 300_000, 600_000, 1_800_000, 3_600_000];

export function chartSeries(r: ExecutionResult): ChartData {
  return { offsets: offsetCharts(r), rate: rateChart(r), delay: delayChart(r) };
}

function offsetCharts(r: ExecutionResult): OffsetChart[] {
  const x = r.execution;
  const windows = estimateWindowOffsets(x, r.offsets, r.clocks.edgeIgnored);
  const out: OffsetChart[] = [];
  x.domainNames.forEach((name, d) => {
    const whole = r.offsets.offsets[d]!;
    if (whole.reference === name) return; // a reference is 0 by definition
    const s = offsetSeries(windows, d);
    // Each window is drawn as a step over its whole span: a point at its start and one just
    // before its end (x must rise strictly), so even a single window shows as a band.
    const m = windows.length;
    const chart: OffsetChart = {
      domain: name,
      reference: whole.reference,
      estimateMs: whole.estimate,
      x: new Float64Array(2 * m),
      low: new Float64Array(2 * m),
      high: new Float64Array(2 * m),
      estimate: new Float64Array(2 * m),
    };
    windows.forEach((w, i) => {
      const start = w.startMs / 1000;
      const end = Math.max(start + 1e-6, w.endMs / 1000 - 1e-6);
      chart.x[2 * i] = start;
      chart.x[2 * i + 1] = end;
      for (const k of ['low', 'high', 'estimate'] as const) chart[k][2 * i] = chart[k][2 * i + 1] = s[k][i]!;
    });
    epochLine(r, d, chart);
    out.push(chart);
  });
  return out;
}

/**
 * A stepped domain's epochs on its chart: epoch k is in effect from its first
 * event's corrected time (on the process that shows the steps) to the next
 * epoch's, and each point gets that epoch's whole estimate.
 */
function epochLine(r: ExecutionResult, d: number, chart: OffsetChart): void {
  const ep = r.offsets.epochs;
  if (!ep) return;
  const slots: number[] = [];
  for (let s = 0; s < ep.epochs.slots; s++) if (ep.epochs.slotDomain[s] === d) slots.push(s);
  if (slots.length < 2) return;
  slots.sort((a, b) => ep.epochs.slotEpoch[a]! - ep.epochs.slotEpoch[b]!);
  const starts = slots.map((s) => {
    let t = NaN;
    for (let e = ep.epochs.slotFrom[s]!; e >= 0 && e <= ep.epochs.slotTo[s]! && Number.isNaN(t); e++) t = correctedMs(r, e);
    return t / 1000;
  });
  const estimates = slots.map((s) => ep.offsets[s]!.estimate);
  const line = new Float64Array(chart.x.length).fill(NaN);
  chart.x.forEach((at, i) => {
    let k = -1;
    for (let j = 0; j < starts.length; j++) if (!(starts[j]! > at)) k = j; // an epoch with no time starts nowhere
    if (k < 0) k = 0;
    line[i] = estimates[k] ?? NaN;
  });
  chart.epochEstimate = line;
  chart.epochEstimatesMs = estimates;
}

function rateChart(r: ExecutionResult): RateChart | null {
  const x = r.execution;
  let lo = Infinity;
  let hi = -Infinity;
  for (let e = 0; e < x.eventCount; e++) {
    if (!hasTime(x, e)) continue;
    lo = Math.min(lo, x.timeMs[e]!);
    hi = Math.max(hi, x.timeMs[e]!);
  }
  if (lo > hi) return null;
  const span = hi - lo + 1;
  const binMs = NICE_MS.find((w) => span / w <= MAX_BINS) ?? Math.ceil(span / MAX_BINS);
  const start = Math.floor(lo / binMs) * binMs;
  const bins = Math.floor((hi - start) / binMs) + 1;
  // Busiest processes get their own line; the rest share one.
  const P = x.processNames.length;
  const byCount = [...Array(P).keys()].sort((a, b) => x.procStart[b + 1]! - x.procStart[b]! - (x.procStart[a + 1]! - x.procStart[a]!) || a - b);
  const own = byCount.slice(0, P > MAX_RATE_LINES ? MAX_RATE_LINES - 1 : P).sort((a, b) => a - b);
  const lineOf = new Int32Array(P).fill(own.length);
  own.forEach((p, i) => (lineOf[p] = i));
  const names = own.map((p) => x.processNames[p]!);
  if (own.length < P) names.push(`${P - own.length} other processes`);
  const perSecond = names.map(() => new Float64Array(bins));
  const scale = 1000 / binMs;
  for (let e = 0; e < x.eventCount; e++) {
    if (!hasTime(x, e)) continue;
    perSecond[lineOf[x.eventProc[e]!]!]![Math.floor((x.timeMs[e]! - start) / binMs)]! += scale;
  }
  const xs = new Float64Array(bins);
  for (let i = 0; i < bins; i++) xs[i] = (start + i * binMs) / 1000;
  return { x: xs, binMs, processes: names, perSecond };
}

function delayChart(r: ExecutionResult): DelayChart | null {
  const x = r.execution;
  const rows: [number, number, number][] = [];
  let backwards = 0;
  for (let k = 0; k < x.edgeCount; k++) {
    if (r.clocks.edgeIgnored[k]) continue;
    const s = x.edgeFrom[k]!;
    const t = x.edgeTo[k]!;
    if (!hasTime(x, s) || !hasTime(x, t)) continue;
    const ds = x.processDomain[x.eventProc[s]!]!;
    const dt = x.processDomain[x.eventProc[t]!]!;
    if (ds === dt) continue;
    const raw = diffMs(x.timeMs[t]!, x.timeNs[t]!, x.timeMs[s]!, x.timeNs[s]!);
    if (raw < 0) backwards++;
    rows.push([toFloatMs(x.timeMs[s]!, x.timeNs[s]!) / 1000, raw, raw - (eventCorrectionMs(r.offsets, x, t) - eventCorrectionMs(r.offsets, x, s))]);
  }
  if (rows.length === 0) return null;
  rows.sort((a, b) => a[0] - b[0]);
  return {
    x: Float64Array.from(rows, (v) => v[0]),
    rawMs: Float64Array.from(rows, (v) => v[1]),
    correctedMs: Float64Array.from(rows, (v) => v[2]),
    backwards,
  };
}

/** The buffers to transfer when posting chart data. */
export function chartTransferables(c: ChartData): ArrayBuffer[] {
  const arrays: Float64Array[] = [];
  for (const o of c.offsets) arrays.push(o.x, o.low, o.high, o.estimate, ...(o.epochEstimate ? [o.epochEstimate] : []));
  if (c.rate) arrays.push(c.rate.x, ...c.rate.perSecond);
  if (c.delay) arrays.push(c.delay.x, c.delay.rawMs, c.delay.correctedMs);
  return arrays.map((a) => a.buffer as ArrayBuffer);
}
