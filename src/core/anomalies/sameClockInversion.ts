/**
 * same-clock-inversion: within one clock domain, a cause stamped after its
 * effect. One clock cannot disagree with itself, so this is not skew: an
 * event was logged after the fact (a buffered or late log call). Checked on
 * the pairs that carry happened-before directly: message edges within one
 * domain, and program-order neighbours whose backward step is a single
 * out-of-line stamp (a step that persists is a clock-regression instead).
 * O(edges + events); as elsewhere, only a gap beyond the stamps' precision
 * counts.
 */
import { seqOf, type Execution } from '../model/execution';
import { diffMs } from '../model/eventTime';
import { recordingSlackMs } from '../offsets/recordingSlack';
import type { Anomaly } from './anomaly';
import { LazyAnomaly } from './lazyAnomaly';
import { formatMs, possessive, precisionMs, round6, timeText } from './anomalyText';
import type { BackwardSteps } from './backwardSteps';

/**
 * `within`: the messages within one domain and timed at both ends, not set aside (edge
 * indices, ascending), as findClockSkew lists them on its pass; found here when not given.
 */
export function findSameClockInversions(x: Execution, edgeIgnored: Uint8Array, steps: BackwardSteps, within: readonly number[] = sameDomainMessages(x, edgeIgnored)): Anomaly[] {
  const out: Anomaly[] = [];
  const { edgeFrom, edgeTo, timeMs, timeNs, eventProc, processDomain } = x;
  for (let i = 0; i < within.length; i++) {
    const k = within[i]!;
    const s = edgeFrom[k]!;
    const r = edgeTo[k]!;
    const gap = diffMs(timeMs[s]!, timeNs[s]!, timeMs[r]!, timeNs[r]!);
    // Within a recording stamp's slack it is a recorded-after-effect note.
    if (gap - recordingSlackMs(x, s) <= Math.max(precisionMs(x, s), precisionMs(x, r))) continue;
    out.push(edgeInversion(x, k, processDomain[eventProc[s]!]!, gap));
  }
  for (let i = 0; i < steps.before.length; i++) {
    if (!steps.outlier[i]) continue;
    const a = steps.before[i]!;
    const b = steps.after[i]!;
    const p = x.eventProc[a]!;
    const proc = x.processNames[p]!;
    const gap = steps.stepMs[i]!;
    out.push({
      kind: 'same-clock-inversion',
      severity: 'warning',
      events: [a, b],
      summary:
        `${possessive(proc)} event ${seqOf(x, a)} is stamped ${formatMs(gap)} after its event ${seqOf(x, b)}, which follows it in program order: ` +
        `one stamp is out of line with its neighbours, so it was logged after the fact, not a clock jump`,
      detail: { domain: x.domainNames[x.processDomain[p]!]!, relation: 'program-order', causeTime: timeText(x, a), effectTime: timeText(x, b), byMs: round6(gap) },
    });
  }
  return out;
}

/** The messages within one domain, timed at both ends and not set aside, ascending. */
function sameDomainMessages(x: Execution, edgeIgnored: Uint8Array): number[] {
  const out: number[] = [];
  // Columns in locals: the loop runs once per analysis over every edge, mostly before it is optimized.
  const { edgeFrom, edgeTo, timeMs, eventProc, processDomain } = x;
  for (let k = 0, m = x.edgeCount; k < m; k++) {
    if (edgeIgnored[k]) continue;
    const s = edgeFrom[k]!;
    const r = edgeTo[k]!;
    // The domain first: most messages cross domains, and times are read only for the others.
    if (processDomain[eventProc[s]!]! === processDomain[eventProc[r]!]! && !Number.isNaN(timeMs[s]) && !Number.isNaN(timeMs[r])) out.push(k);
  }
  return out;
}

/** A message's receive stamped before its send on one clock (out of the loop over edges: the summary's closure holds this call's values only). */
function edgeInversion(x: Execution, k: number, d: number, gap: number): Anomaly {
  const s = x.edgeFrom[k]!;
  const r = x.edgeTo[k]!;
  const sender = x.processNames[x.eventProc[s]!]!;
  const receiver = x.processNames[x.eventProc[r]!]!;
  const domain = x.domainNames[d]!;
  const key = x.strings.get(x.edgeKey[k]!);
  const detail = { domain, relation: 'message', causeTime: timeText(x, s), effectTime: timeText(x, r), byMs: round6(gap), rule: x.strings.get(x.edgeRule[k]!), key };
  return new LazyAnomaly(
    'same-clock-inversion',
    'warning',
    [s, r],
    detail,
    () =>
      `${receiver} stamped receiving ${key} ${formatMs(gap)} before ${sender} stamped sending it, though both read ${possessive(domain)} clock: ` +
      `one of them was logged after the fact, not skewed`,
  );
}
