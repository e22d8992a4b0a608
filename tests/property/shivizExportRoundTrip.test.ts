/**
 * Random message-passing executions, simulated so every receive follows its
 * send, written as JSON lines (one file per process, msg_id/dir/to/from
 * fields, skewed clocks, some events without a time, hostile text), analyzed,
 * then exported. The ShiViz export must read back into the same happened-
 * before (every event's vector clock, by process and sequence number) with the
 * same events per process and the texts flattened; in the Chrome trace a flow
 * must run forward in ts exactly when its ends' corrected times do.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import type { InputData } from '../../src/core/read/analyzeInput';
import { exportText } from '../../src/core/export/exportFormats';
import { buildAnalysisDocument } from '../../src/core/document/analysisDocument';
import { eventId } from '../../src/core/model/execution';
import { expectFlattenedTexts, expectSameHappenedBefore } from '../unit/exportAssertions';

interface Step {
  proc: number;
  action: 'local' | 'send' | 'receive';
  pick: number;
  mask: number;
  timed: boolean;
  text: string;
}

interface Model {
  names: string[];
  steps: Step[];
  skewMs: number[];
  viaService: boolean[];
}

const textArb = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('a\nb', '=== x ===', 'back\\slash', '\u2028', 'x {"a":1}', '  ', '- dash', '\r'),
);

const modelArb: fc.Arbitrary<Model> = fc
  // Spaces and % in names exercise the host escaping (a service field carries them; file names would too).
  .uniqueArray(fc.stringMatching(/^[a-z][a-z0-9 %_-]{0,5}$/), { minLength: 2, maxLength: 5 })
  .chain((names) =>
    fc.record({
      names: fc.constant(names),
      steps: fc.array(
        fc.record({
          proc: fc.nat({ max: names.length - 1 }),
          action: fc.constantFrom('local', 'send', 'send', 'receive', 'receive', 'receive'),
          pick: fc.nat(),
          mask: fc.nat({ max: 31 }),
          timed: fc.nat({ max: 3 }).map((n) => n > 0),
          text: textArb,
        }),
        { minLength: 3, maxLength: 70 },
      ),
      skewMs: fc.array(fc.integer({ min: -600_000, max: 600_000 }), { minLength: names.length, maxLength: names.length }),
      viaService: fc.array(fc.boolean(), { minLength: names.length, maxLength: names.length }),
    }),
  );

function generate(m: Model): InputData[] {
  const k = m.names.length;
  const lines: string[][] = m.names.map(() => []);
  const trueTime = { now: Date.UTC(2026, 2, 14, 9) };
  const pending: { id: string; from: number; targets: Set<number> }[] = [];
  let nextId = 0;
  const emit = (p: number, s: Step, fields: Record<string, string>) => {
    trueTime.now += 1 + (s.pick % 50);
    const obj: Record<string, unknown> = { msg: s.text, ...fields };
    if (s.timed) obj.ts = new Date(trueTime.now + m.skewMs[p]!).toISOString();
    if (m.viaService[p]) obj.service = m.names[p];
    lines[p]!.push(JSON.stringify(obj));
  };
  for (const s of m.steps) {
    const p = s.proc;
    if (s.action === 'send') {
      const others = [...Array(k).keys()].filter((q) => q !== p);
      const targets = others.filter((_, i) => s.mask & (1 << i));
      if (targets.length === 0) targets.push(others[s.pick % others.length]!);
      const id = `m${nextId++}`;
      emit(p, s, { msg_id: id, dir: 'send', ...(targets.length === 1 ? { to: m.names[targets[0]!]! } : {}) });
      pending.push({ id, from: p, targets: new Set(targets) });
    } else if (s.action === 'receive') {
      const ready = pending.filter((msg) => msg.targets.has(p));
      if (ready.length === 0) {
        emit(p, s, {});
        continue;
      }
      const msg = ready[s.pick % ready.length]!;
      msg.targets.delete(p);
      emit(p, s, { msg_id: msg.id, dir: 'recv', from: m.names[msg.from]! });
    } else {
      emit(p, s, {});
    }
  }
  const enc = new TextEncoder();
  return m.names.flatMap((name, p) =>
    lines[p]!.length === 0 ? [] : [{ name: m.viaService[p] ? `svc_${p}.jsonl` : `${name}.jsonl`, bytes: enc.encode(lines[p]!.join('\n') + '\n') }],
  );
}

describe('the ShiViz export', () => {
  it('reads back into the same happened-before and the same events per process', async () => {
    let edges = 0;
    await fc.assert(
      fc.asyncProperty(modelArb, async (model) => {
        const files = generate(model);
        const original = await analyze(files);
        for (const r of original.executions) edges += r.execution.edgeCount;
        const text = exportText(original, 'shiviz');
        const again = await analyze([{ name: 'export.log', bytes: new TextEncoder().encode(text) }]);
        expect(again.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
        expectSameHappenedBefore(original, again);
        expectFlattenedTexts(original, again);
        const events = original.executions.reduce((s, r) => s + r.execution.eventCount, 0);
        expect(again.executions.reduce((s, r) => s + r.execution.eventCount, 0)).toBe(events);
      }),
      { numRuns: 200 },
    );
    expect(edges).toBeGreaterThan(200);
  });
});

describe('the Chrome trace export', () => {
  /**
   * The trace places slices at the analysis's corrected times, so a flow runs
   * forward exactly when its ends' corrected times do; and the skews here are
   * constant, so the offsets are feasible and every flow between timed events
   * must run forward.
   */
  it('runs every flow between timed events forward in ts, as their corrected times do', async () => {
    let checked = 0;
    let manyDomains = 0;
    await fc.assert(
      fc.asyncProperty(modelArb, async (model) => {
        const a = await analyze(generate(model));
        const out = JSON.parse(exportText(a, 'chrome-trace')) as { traceEvents: { ph: string; ts: number; bind_id?: string }[] };
        const starts = new Map(out.traceEvents.filter((e) => e.ph === 's').map((e) => [e.bind_id!, e.ts]));
        const ends = new Map(out.traceEvents.filter((e) => e.ph === 'f').map((e) => [e.bind_id!, e.ts]));
        expect([...starts.keys()].sort()).toEqual([...ends.keys()].sort());
        const doc = buildAnalysisDocument(a);
        let base = 0;
        a.executions.forEach((r, i) => {
          const x = r.execution;
          const corrected = new Map([...doc.executions[i]!.events].map((ev) => [ev.id, ev.correctedTime]));
          for (let k = 0; k < x.edgeCount; k++) {
            const id = `0x${(base + k + 1).toString(16)}`;
            const from = corrected.get(eventId(x, x.edgeFrom[k]!));
            const to = corrected.get(eventId(x, x.edgeTo[k]!));
            if (!from || !to) continue;
            const dt = ends.get(id)! - starts.get(id)!;
            const dCorrected = Date.parse(to) - Date.parse(from);
            // correctedTime is written to the ms, ts to the ns: compare where the ms say something.
            if (Math.abs(dCorrected) >= 1) expect(Math.sign(dt)).toBe(Math.sign(dCorrected));
            expect(r.offsets.conflictEdges).toEqual([]);
            expect(dt).toBeGreaterThanOrEqual(0);
            if (x.domainNames.length > 2) manyDomains++;
            checked++;
          }
          base += x.edgeCount;
        });
      }),
      { numRuns: 200 },
    );
    expect(checked).toBeGreaterThan(100);
    // A guard that the generator still makes executions of three or more domains; how many
    // of their edges get checked varies by run (94 was seen), so the bar is well below that.
    expect(manyDomains).toBeGreaterThan(30);
  });
});
