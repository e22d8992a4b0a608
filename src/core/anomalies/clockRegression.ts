/**
 * clock-regression: a process's clock steps back in program order by more
 * than the input's precision and stays back, as after an NTP step
 * (classification in backwardSteps.ts). Stamps on either side of the step
 * cannot be compared with each other; the offsets cut the clock into epochs
 * there (offsets/clockEpochs.ts).
 */
import type { Execution } from '../model/execution';
import { seqOf } from '../model/execution';
import type { Anomaly } from './anomaly';
import { formatMs, possessive, precisionMs, round6, timeText } from './anomalyText';
import type { BackwardSteps } from './backwardSteps';

/** A step back longer than this is rarely a clock's correction (NTP steps are seconds to minutes). */
const LONG_STEP_MS = 3_600_000;

export function findClockRegressions(x: Execution, steps: BackwardSteps): Anomaly[] {
  const out: Anomaly[] = [];
  for (let i = 0; i < steps.before.length; i++) {
    if (steps.outlier[i]) continue;
    const a = steps.before[i]!;
    const b = steps.after[i]!;
    const p = x.eventProc[a]!;
    const proc = x.processNames[p]!;
    const step = steps.stepMs[i]!;
    out.push({
      kind: 'clock-regression',
      severity: 'warning',
      events: [a, b],
      summary:
        `${possessive(proc)} clock jumped back ${formatMs(step)} between its events ${seqOf(x, a)} and ${seqOf(x, b)} ` +
        (step > LONG_STEP_MS
          ? `and stayed back: more than an hour, so more likely lines of another file, run or writer joined here than an NTP step; raw times before and after the jump cannot be compared, so its clock is cut into epochs there, each corrected by its own offset`
          : `and stayed back, as after an NTP step: raw times before and after the jump cannot be compared, so its clock is cut into epochs there, each corrected by its own offset`),
      detail: {
        process: proc,
        domain: x.domainNames[x.processDomain[p]!]!,
        before: timeText(x, a),
        after: timeText(x, b),
        stepMs: round6(step),
        precisionMs: Math.max(precisionMs(x, a), precisionMs(x, b)),
      },
    });
  }
  return out;
}
