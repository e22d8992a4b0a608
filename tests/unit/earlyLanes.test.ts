/**
 * Early lanes: the first execution's lanes sent as soon as its clocks and
 * offsets are known, before its anomalies and correlations (the page draws
 * the diagram meanwhile). The session sends them once, with a summary that
 * says it is pending, answers details and highlights while the analysis
 * still runs, and its result holds the very lanes it sent; the worker API
 * transfers them then answers null in their place, and only the first
 * execution goes early.
 */
import { describe, expect, it } from 'vitest';
import { createAnalyzerApi } from '../../workers/analyzerApi';
import { AnalyzerSession, type EarlyLanes, type EventDetails, type SessionFile } from '../../src/core/session/analyzerSession';
import { laneTransferables } from '../../src/core/view/laneData';
import type { NamedBlob } from '../../workers/protocol';

const GOVECTOR = 'alice {"alice":1}\nsending\nbob {"alice":1,"bob":1}\nreceived\nalice {"alice":2}\nagain\n';
const iso = (ms: number) => new Date(Date.UTC(2026, 2, 14, 9) + ms).toISOString();
/** Two services exchanging ids, the receiver's clock 50 ms behind: a clock anomaly to find after the lanes. */
const jsonl = (svc: string, from: number, dir: 'send' | 'recv') =>
  Array.from({ length: 40 }, (_, i) => JSON.stringify({ ts: iso(from + i * 10), service: svc, msg: `m ${i}`, ...(i % 4 === 0 && { msg_id: `x${i}`, dir }) })).join('\n');

function file(name: string, text: string): SessionFile {
  const bytes = new TextEncoder().encode(text);
  return { name, size: bytes.length, arrayBuffer: async () => bytes.buffer.slice(0) as ArrayBuffer };
}

describe('early lanes', () => {
  it('are sent once, before the analysis is done, pending, and are the result’s lanes', async () => {
    const s = new AnalyzerSession();
    const sent: EarlyLanes[] = [];
    let finished = false;
    let during: { details: EventDetails; past: number[] } | null = null;
    const inputs = [file('api.jsonl', jsonl('api', 0, 'send')), file('db.jsonl', jsonl('db', -50, 'recv'))];
    const r = await s.analyze(inputs, {}, undefined, [], {
      minEvents: 0,
      onLanes(e) {
        expect(finished).toBe(false);
        sent.push(e);
        // The worker answers hovers and clicks on the early diagram while anomalies are looked for.
        during = { details: s.eventDetails(0, 40), past: [...s.highlight(0, 40).past] };
      },
    });
    finished = true;
    expect(sent).toHaveLength(1);
    const early = sent[0]!;
    expect(r.lanes[0]).toBe(early.lanes);
    expect(early.summary.pending).toBe(true);
    expect(r.summary.pending).toBeUndefined();
    // The counts are the final ones; the anomalies, inputs and diagnostics come with the result.
    const { anomalies: _, ...counts } = r.summary.executions[0]!;
    expect(early.summary.executions).toEqual([{ ...counts, anomalies: 0 }]);
    expect(r.summary.executions[0]!.anomalies).toBeGreaterThan(0);
    expect(early.summary.inputs).toEqual([]);
    expect(r.summary.inputs.map((i) => i.name)).toEqual(['api.jsonl', 'db.jsonl']);
    expect(during!.details).toEqual(s.eventDetails(0, 40));
    expect(during!.past).toEqual([...s.highlight(0, 40).past]);
    expect(during!.details.incoming.length + during!.details.outgoing.length).toBeGreaterThan(0);
  });

  it('are not sent for an execution smaller than asked', async () => {
    // Three events.
    for (const [minEvents, expected] of [
      [3, 1],
      [4, 0],
    ] as const) {
      const s = new AnalyzerSession();
      let calls = 0;
      await s.analyze([file('g.log', GOVECTOR)], {}, undefined, [], { minEvents, onLanes: () => calls++ });
      expect(calls).toBe(expected);
    }
  });

  it('go through the worker API transferred, and its answer has null in their place only', async () => {
    const api = createAnalyzerApi();
    const got: EarlyLanes[] = [];
    const files: NamedBlob[] = [
      { name: 'run-A/g.log', blob: new Blob([GOVECTOR]) },
      { name: 'run-B/g.log', blob: new Blob([GOVECTOR.replace('again', 'once more')]) },
    ];
    const answer = await api.analyze(files, { executionOf: { 'run-A': 'A', 'run-B': 'B' } }, () => {}, undefined, undefined, { minEvents: 0 }, (e) => got.push(e));
    expect(got).toHaveLength(1);
    expect(got[0]!.summary.executions.map((x) => x.name)).toEqual(['A']);
    expect(answer.summary.executions.map((x) => x.name)).toEqual(['A', 'B']);
    expect(answer.lanes[0]).toBeNull();
    expect(answer.lanes[1]!.processNames).toEqual(['alice', 'bob']);
    // What was sent is the first execution's lanes, as the session builds them.
    const again = new AnalyzerSession();
    const whole = await again.analyze(
      files.map((f) => ({ name: f.name, size: f.blob.size, arrayBuffer: () => f.blob.arrayBuffer() })),
      { executionOf: { 'run-A': 'A', 'run-B': 'B' } },
    );
    expect(laneTransferables(got[0]!.lanes).map((b) => b.byteLength)).toEqual(laneTransferables(whole.lanes[0]!).map((b) => b.byteLength));
    expect([...got[0]!.lanes.lamport]).toEqual([...whole.lanes[0]!.lamport]);
    expect(got[0]!.lanes.logical!.spans.edge).toEqual(whole.lanes[0]!.logical!.spans.edge);
  });

  it('are the lanes buildLaneData makes of the finished execution', async () => {
    const s = new AnalyzerSession();
    let early: EarlyLanes | null = null;
    await s.analyze([file('g.log', GOVECTOR)], {}, undefined, [], { minEvents: 0, onLanes: (e) => (early = e) });
    const again = new AnalyzerSession();
    const r = await again.analyze([file('g.log', GOVECTOR)], {});
    const { logical: a, laneOrder: ao, ...restA } = early!.lanes;
    const { logical: b, laneOrder: bo, ...restB } = r.lanes[0]!;
    expect(restA).toEqual(restB);
    expect([...ao!]).toEqual([...bo!]);
    expect([...a!.axis.pos]).toEqual([...b!.axis.pos]);
  });
});
