import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import { withEdges, type EdgeSpec } from '../../src/core/correlate/withEdges';
import { EventKind, type Execution } from '../../src/core/model/execution';
import { randomInputs, stepsArb } from './randomExecution';

/** The comparator version withEdges replaced (objects, Array.sort): the radix sort must give the same columns. */
function reference(x: Execution, extra: EdgeSpec[]) {
  const all: { from: number; to: number; rule: number; key: number }[] = [];
  for (let k = 0; k < x.edgeCount; k++) all.push({ from: x.edgeFrom[k]!, to: x.edgeTo[k]!, rule: x.edgeRule[k]!, key: x.edgeKey[k]! });
  for (const e of extra) all.push({ from: e.from, to: e.to, rule: x.strings.intern(e.rule), key: x.strings.intern(e.key) });
  all.sort((a, b) => a.from - b.from || a.to - b.to);
  const kept = all.filter((ed, i) => i === 0 || ed.from !== all[i - 1]!.from || ed.to !== all[i - 1]!.to);
  const eventKind = x.eventKind.slice();
  for (const { from, to } of kept) {
    if (eventKind[from] === EventKind.Local) eventKind[from] = EventKind.Send;
    if (eventKind[to] !== EventKind.Receive) eventKind[to] = EventKind.Receive;
  }
  return { eventKind, edgeFrom: kept.map((e) => e.from), edgeTo: kept.map((e) => e.to), edgeRule: kept.map((e) => e.rule), edgeKey: kept.map((e) => e.key) };
}

describe('withEdges', () => {
  it('adds edges as the comparator sort did: sorted by (from, to), the first rule of a repeated pair kept', async () => {
    await fc.assert(
      fc.asyncProperty(
        stepsArb,
        fc.array(fc.record({ from: fc.nat(), to: fc.nat(), rule: fc.constantFrom('a', 'b', 'message-id'), key: fc.constantFrom('k1', 'k2', 'msg_id=m1') }), { maxLength: 800 }),
        async (steps, specs) => {
          const x = (await analyze(randomInputs(steps))).executions[0]!.execution;
          const n = x.eventCount;
          const extra = specs.map((s) => ({ ...s, from: s.from % n, to: (s.from + 1 + (s.to % Math.max(1, n - 1))) % n }));
          const want = reference(x, extra);
          const got = withEdges(x, extra);
          expect({ eventKind: got.eventKind, edgeFrom: [...got.edgeFrom], edgeTo: [...got.edgeTo], edgeRule: [...got.edgeRule], edgeKey: [...got.edgeKey] }).toEqual(want);
          expect(got.edgeCount).toBe(want.edgeFrom.length);
        },
      ),
      { numRuns: 60 },
    );
  });
});
