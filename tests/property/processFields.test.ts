import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import { processFields } from '../../src/core/document/processFields';
import { fieldsOf, type Execution } from '../../src/core/model/execution';
import { randomInputs, stepsArb } from './randomExecution';

/** The fields a process lists in the document: exactly the keys every one of its events has once, with one value. */
function constantFields(x: Execution, p: number): Record<string, string> {
  const out: Record<string, string> = Object.create(null);
  const start = x.procStart[p]!;
  const end = x.procStart[p + 1]!;
  if (start === end) return out;
  const pairs = (e: number) => Array.from({ length: x.fieldStart[e + 1]! - x.fieldStart[e]! }, (_, k) => [x.strings.get(x.fieldKey[x.fieldStart[e]! + k]!), x.strings.get(x.fieldValue[x.fieldStart[e]! + k]!)] as const);
  for (const [key, value] of pairs(start)) {
    let constant = true;
    for (let e = start; e < end && constant; e++) {
      const own = pairs(e).filter(([k]) => k === key);
      constant = own.length === 1 && own[0]![1] === value;
    }
    if (constant) out[key] = value;
  }
  return out;
}

describe('processFields', () => {
  it('lists exactly the keys each event of the process has once with the same value', async () => {
    let hoisted = 0;
    let kept = 0;
    await fc.assert(
      fc.asyncProperty(stepsArb, async (steps) => {
        const a = await analyze(randomInputs(steps));
        for (const r of a.executions) {
          const x = r.execution;
          for (let p = 0; p < x.processNames.length; p++) {
            const want = constantFields(x, p);
            expect(processFields(x, p)).toEqual(want);
            hoisted += Object.keys(want).length;
            for (let e = x.procStart[p]!; e < x.procStart[p + 1]!; e++) kept += Object.keys(fieldsOf(x, e)).filter((k) => !(k in want)).length;
          }
        }
      }),
      { numRuns: 100 },
    );
    expect(hoisted, 'fields listed on processes').toBeGreaterThan(100);
    expect(kept, 'fields left on events').toBeGreaterThan(100);
  });
});
