import { afterEach, describe, expect, it, vi } from 'vitest';
import { AnalyzerSession, type SessionFile } from '../../src/core/session/analyzerSession';

function file(name: string, text: string): SessionFile {
  const bytes = new TextEncoder().encode(text);
  return { name, size: bytes.length, arrayBuffer: async () => bytes.buffer.slice(0) as ArrayBuffer, stream: async function* () { yield bytes; } };
}

afterEach(() => vi.restoreAllMocks());

describe('the session checkpoint and progress with thousands of inputs (#15)', () => {
  it('yields now and then, not once per input (a browser clamps each yield to 4 ms or more)', async () => {
    const files = Array.from({ length: 2000 }, (_, i) => {
      const name = `pod-${String(i).padStart(4, '0')}`;
      return file(`${name}.jsonl`, `{"ts":"2026-03-14T09:00:00.000Z","service":"${name}","msg":"started"}\n`);
    });
    const timeouts = vi.spyOn(globalThis, 'setTimeout');
    const s = new AnalyzerSession();
    const r = await s.analyze(files, {});
    expect(r.summary.executions[0]!.events).toBe(2000);
    expect(r.summary.executions[0]!.processes).toBe(2000);
    // One yield per input would be 2000 and more; one per 25 ms is a few dozen here.
    expect(timeouts.mock.calls.filter(([, ms]) => !ms).length).toBeLessThan(400);
  });

  it('reports progress now and then, not once per input, and every stage', async () => {
    const files = Array.from({ length: 2000 }, (_, i) => file(`f${i}.jsonl`, `{"ts":"2026-03-14T09:00:00.000Z","service":"s${i}","msg":"x"}\n`));
    const reports: { stage: string; events: number }[] = [];
    const r = await new AnalyzerSession().analyze(files, {}, (p) => reports.push({ stage: p.stage, events: p.events }));
    expect(r.summary.executions[0]!.events).toBe(2000);
    expect(reports.length).toBeLessThan(400);
    const stages = [...new Set(reports.map((p) => p.stage))];
    expect(stages[0]).toBe('read');
    expect(stages.at(-1)).toBe('done');
    expect(reports.at(-1)!.events).toBe(2000);
  });

  it('still stops at the first checkpoint once cancelled', async () => {
    const files = Array.from({ length: 50 }, (_, i) => file(`f${i}.jsonl`, `{"ts":"2026-03-14T09:00:00.000Z","service":"s${i}","msg":"x"}\n`));
    const s = new AnalyzerSession();
    const running = s.analyze(files, {});
    s.cancel();
    await expect(running).rejects.toMatchObject({ name: 'AnalysisCancelled' });
  });
});
