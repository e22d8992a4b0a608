import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import { ANALYSIS_SCHEMA, buildAnalysisDocument, serializeAnalysisDocument, } from '../../src/core/document/analysisDocument';
import { fullEvents } from '../unit/documentReader';
import { randomInputs, stepsArb } from './randomExecution';

/**
 * The reader docs/analysis-schema.md gives (this test runs the block as it is
 * written there) rebuilds, from a causeway.analysis/2 document's rows and
 * vcDelta, every event's whole vector clock as the clock engine has it, and
 * the rest of the event as /1 wrote it; with --full-clocks too; and it passes
 * /1 documents through.
 */
describe('the documented reader of causeway.analysis/2', () => {
  it('rebuilds whole clocks from vcDelta equal to the engine’s, and every other column, for random executions', async () => {
    let deltas = 0;
    await fc.assert(
      fc.asyncProperty(stepsArb, async (steps) => {
        const a = await analyze(randomInputs(steps));
        const model = buildAnalysisDocument(a);
        for (const fullClocks of [false, true]) {
          const text = serializeAnalysisDocument(model, { fullClocks });
          // Rows written from the columns are the rows written from the DocEvents (a copy of an execution is not tied to its columns).
          const copy = { ...model, executions: model.executions.map((x) => ({ ...x })) };
          expect(text).toBe(serializeAnalysisDocument(copy, { fullClocks }));
          const doc = JSON.parse(text);
          expect(doc.schema).toBe(ANALYSIS_SCHEMA);
          doc.executions.forEach((docX: { eventColumns: string[] }, i: number) => {
            expect(docX.eventColumns).toContain(fullClocks ? 'vc' : 'vcDelta');
            const at = docX.eventColumns.indexOf('vcDelta');
            if (at >= 0) deltas += (docX as unknown as { events: unknown[][] }).events.filter((row) => Object.keys(row[at] as object).length > 0).length;
            const r = a.executions[i]!;
            const x = r.execution;
            const events = fullEvents(doc, docX);
            expect(events).toEqual([...model.executions[i]!.events].map((e) => ({ ...e, vc: { ...e.vc }, fields: { ...e.fields } })));
            const clock = new Uint32Array(x.processNames.length);
            for (const ev of events) {
              const p = x.processNames.indexOf(ev.process);
              r.clocks.vc.clockOf(x.procStart[p]! + ev.seq - 1, clock);
              const want: Record<string, number> = Object.create(null); // a process is named __proto__
              clock.forEach((v, q) => v > 0 && (want[x.processNames[q]!] = v));
              expect(ev.vc).toEqual(want);
            }
          });
        }
      }),
      { numRuns: 60 },
    );
    expect(deltas, 'receives that raise other entries').toBeGreaterThan(20);
  });

  it('passes a causeway.analysis/1 document’s events through', () => {
    const events = [{ id: 'a:1', process: 'a', seq: 1, vc: { a: 1 } }];
    expect(fullEvents({ schema: 'causeway.analysis/1' }, { events })).toBe(events);
  });

  it('writes fewer bytes than whole clocks, five processes exchanging messages', async () => {
    const steps = Array.from({ length: 400 }, (_, i) => ({ proc: i % 5, kind: i % 3, ms: i * 3, zone: 1, timed: true, text: 'work' }));
    const model = buildAnalysisDocument(await analyze(randomInputs(steps)));
    const lean = serializeAnalysisDocument(model).length;
    const full = serializeAnalysisDocument(model, { fullClocks: true }).length;
    expect(lean).toBeLessThan(full);
  });
});
