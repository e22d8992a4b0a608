/**
 * The synthetic-log generator (scripts/generate) that the bench feeds the
 * analyzer: deterministic for a seed, and its ground truth is what the
 * analyzer finds (message edges; clock-skew anomalies from configured skew).
 */
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/core/analysis/analyze';
import type { InputData } from '../../src/core/read/analyzeInput';
import { writeFormat, type GenFormat } from '../../scripts/generate/formats';
import { simulate, type GenOptions } from '../../scripts/generate/model';

function generate(format: GenFormat, options: GenOptions): { inputs: InputData[]; sim: ReturnType<typeof simulate> } {
  const sim = simulate(options);
  const files = new Map<string, string>();
  writeFormat(sim, format, { write: (file, chunk) => files.set(file, (files.get(file) ?? '') + chunk) });
  const enc = new TextEncoder();
  const inputs = [...files].map(([name, text]) => ({ name, bytes: enc.encode(text) }));
  return { inputs, sim };
}

const SMALL: GenOptions = { events: 3000, processes: 6, hosts: 3, retryShare: 0.1, multicastShare: 0.1, seed: 42 };

describe('generator', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const text = (seed: number) =>
      generate('jsonl', { ...SMALL, seed })
        .inputs.map((i) => `${i.name}\n${new TextDecoder().decode(i.bytes)}`)
        .join('\n');
    expect(text(42)).toBe(text(42));
    expect(text(42)).not.toBe(text(43));
  });

  it('makes retries, multicasts and the configured receive share', () => {
    const { sim } = generate('jsonl', { ...SMALL, events: 20000 });
    expect(sim.counts.retrySends).toBeGreaterThan(0);
    expect(sim.counts.multicastSends).toBeGreaterThan(0);
    expect(sim.counts.receives / sim.n).toBeGreaterThan(0.17);
    expect(sim.counts.receives / sim.n).toBeLessThan(0.23);
    expect(sim.counts.edges).toBe(sim.counts.receives);
  });

  it('JSON lines: analyze() finds exactly the generated edges', async () => {
    const { inputs, sim } = generate('jsonl', SMALL);
    const a = await analyze(inputs);
    expect(a.executions).toHaveLength(1);
    const x = a.executions[0]!;
    expect(x.execution.eventCount).toBe(SMALL.events);
    expect(x.execution.processNames).toHaveLength(SMALL.processes);
    expect(x.execution.edgeCount).toBe(sim.counts.edges);
    // The very edges, not only their number: (sender process, receiver process, msg id) multisets agree.
    const got = new Map<string, number>();
    for (let k = 0; k < x.execution.edgeCount; k++) {
      const key = x.execution.strings.get(x.execution.edgeKey[k]!);
      const s = `${x.execution.processNames[x.execution.eventProc[x.execution.edgeFrom[k]!]!]}>${x.execution.processNames[x.execution.eventProc[x.execution.edgeTo[k]!]!]} ${key}`;
      got.set(s, (got.get(s) ?? 0) + 1);
    }
    const want = new Map<string, number>();
    for (let i = 0; i < sim.n; i++) {
      const s = sim.sendOf[i]!;
      if (s < 0) continue;
      const k = `${sim.processNames[sim.proc[s]!]}>${sim.processNames[sim.proc[i]!]} msg_id=m${String(sim.msg[i]).padStart(8, '0')}`;
      want.set(k, (want.get(k) ?? 0) + 1);
    }
    expect(got).toEqual(want);
  });

  it('configured skew shows as clock-skew anomalies where receives are stamped before sends', async () => {
    const skewed = generate('jsonl', { ...SMALL, skewMs: 50, driftPpm: 0, stepMs: 0 });
    expect(skewed.sim.counts.skewedEdges).toBeGreaterThan(0);
    const a = await analyze(skewed.inputs);
    const anomalies = a.executions[0]!.anomalies.filter((an) => an.kind === 'clock-skew');
    expect(anomalies).toHaveLength(skewed.sim.counts.skewedEdges);

    const synced = generate('jsonl', { ...SMALL, skewMs: 0, driftPpm: 0, stepMs: 0 });
    expect(synced.sim.counts.skewedEdges).toBe(0);
    const b = await analyze(synced.inputs);
    expect(b.executions[0]!.anomalies.filter((an) => an.kind === 'clock-skew')).toHaveLength(0);
  });
});
