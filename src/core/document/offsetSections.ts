/**
 * An execution's sections on clocks: per clock domain its offset interval
 * from its reference (and, where its clock stepped back, per epoch:
 * clockEpochs.ts), and the offsets estimated per window of time
 * (windowOffsets.ts). Offsets are rounded to the nanosecond, so float noise
 * never makes two documents differ.
 */
import type { ExecutionResult } from '../analysis/analyze';
import { formatIsoFloat } from '../model/eventTime';
import { estimateWindowOffsets } from '../offsets/windowOffsets';
import type { DocClockDomain, DocOffsetWindow } from './analysisDocumentTypes';

/** Per clock domain, in domain order: its reference, its offset from it and its epochs. */
export function docClockDomains(r: ExecutionResult, ids: (e: number) => string): DocClockDomain[] {
  const x = r.execution;
  return x.domainNames.map((name, d): DocClockDomain => {
    const o = r.offsets.offsets[d]!;
    const epochs = domainEpochs(r, d, ids);
    return { name, reference: o.reference, offsetMs: { low: round(o.low), high: round(o.high), estimate: round(o.estimate) }, ...(epochs && { epochs }) };
  });
}

export function docOffsetWindows(r: ExecutionResult, ids: (e: number) => string): DocOffsetWindow[] {
  const x = r.execution;
  return estimateWindowOffsets(x, r.offsets, r.clocks.edgeIgnored).map((w) => {
    const offsetMs: DocOffsetWindow['offsetMs'] = {};
    w.offsets.forEach((o, d) => (offsetMs[x.domainNames[d]!] = { low: round(o.low), high: round(o.high), estimate: round(o.estimate) }));
    return {
      start: formatIsoFloat(w.startMs, 3),
      end: formatIsoFloat(w.endMs, 3),
      edges: w.edges,
      offsetMs,
      conflicts: w.conflictEdges.map((k) => ({ from: ids(x.edgeFrom[k]!), to: ids(x.edgeTo[k]!) })),
    };
  });
}

/** A stepped domain's epochs, in order; undefined for a domain whose clock did not step. */
function domainEpochs(r: ExecutionResult, d: number, ids: (e: number) => string): DocClockDomain['epochs'] {
  const ep = r.offsets.epochs;
  if (!ep) return undefined;
  const slots: number[] = [];
  for (let s = 0; s < ep.epochs.slots; s++) if (ep.epochs.slotDomain[s] === d) slots.push(s);
  if (slots.length < 2) return undefined;
  return slots.map((s) => {
    const o = ep.offsets[s]!;
    return { from: ids(ep.epochs.slotFrom[s]!), to: ids(ep.epochs.slotTo[s]!), reference: o.reference, offsetMs: { low: round(o.low), high: round(o.high), estimate: round(o.estimate) } };
  });
}

/** Offsets to the nanosecond: float noise must not make output differ. */
function round(v: number | null): number | null {
  return v === null ? null : Math.round(v * 1e6) / 1e6;
}
