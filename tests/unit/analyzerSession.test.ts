/**
 * The session the worker wraps, driven directly in Node: summary and lane
 * columns, event details, highlight, export, cancellation, and that the
 * worker API marks every lane buffer for transfer without detaching the
 * session's own arrays (lanes and a correlation group's events).
 */
import { describe, expect, it } from 'vitest';
import { createAnalyzerApi } from '../../workers/analyzerApi';
import { AnalyzerSession, type SessionFile } from '../../src/core/session/analyzerSession';
import { axisPositionsOf, defaultLaneOrder, laneRange, laneTransferables, maxLamport } from '../../src/core/view/laneData';
import { orderLanes } from '../../src/core/view/laneOrder';
import { buildAxisPositions } from '../../src/core/view/axisPositions';
import { edgeSpanIndex } from '../../src/core/view/edgeSpanIndex';
import { openstackLogs } from '../browser/helpers/openstackLog';

const GOVECTOR = 'alice {"alice":1}\nsending\nbob {"alice":1,"bob":1}\nreceived\n';

function file(name: string, text: string): SessionFile {
  const bytes = new TextEncoder().encode(text);
  return { name, size: bytes.length, arrayBuffer: async () => bytes.buffer.slice(0) as ArrayBuffer };
}

describe('AnalyzerSession', () => {
  it('summarizes and gives lane columns', async () => {
    const s = new AnalyzerSession();
    const stages: string[] = [];
    const r = await s.analyze([file('g.log', GOVECTOR)], {}, (p) => stages.push(p.stage));
    expect(stages.at(-1)).toBe('done');
    expect(r.summary.inputs).toEqual([{ name: 'g.log', format: 'shiviz', bytes: GOVECTOR.length, events: 2, skipped: 0, reading: expect.any(Object) }]);
    // A document format counts records: two, read without a time (ShiViz logs carry clocks, not times).
    expect(r.summary.inputs[0]!.reading).toMatchObject({ lines: 2, timed: 0, untimed: 2, continuation: 0, skipped: 0, blank: 0, skippedSamples: [] });
    expect(r.summary.executions).toEqual([{ name: 'default', events: 2, processes: 2, messages: 1, anomalies: 0, domains: { alice: 'alice', bob: 'bob' } }]);
    expect(r.summary.csvMappings).toEqual([]);
    const d = r.lanes[0]!;
    expect(d.processNames).toEqual(['alice', 'bob']);
    expect([...d.lamport]).toEqual([1, 2]);
    expect([...d.edgeFrom]).toEqual([0]);
    expect([...d.edgeTo]).toEqual([1]);
    expect(maxLamport(d)).toBe(2);
    expect(laneRange(d, 1, 2, 2)).toEqual([1, 2]);
    expect(laneRange(d, 1, 3, 9)).toEqual([2, 2]);
  });

  it('answers details, highlight and export for the last analysis', async () => {
    const s = new AnalyzerSession();
    await s.analyze([file('g.log', GOVECTOR)], {});
    const det = s.eventDetails(0, 1);
    expect(det).toMatchObject({ id: 'bob:1', process: 'bob', seq: 1, source: 'g.log:3', time: null, lamport: 2, kind: 'receive', text: 'received' });
    expect(det.vectorClock).toEqual({ alice: 1, bob: 1 });
    expect(det.incoming).toEqual([{ event: 'alice:1', index: 0, rule: 'vector-clock', key: 'alice:1', ignored: false }]);
    expect(det.outgoing).toEqual([]);
    const h = s.highlight(0, 0);
    expect([...h.past]).toEqual([1, 0]);
    expect([...h.future]).toEqual([0, 1]);
    expect(() => s.eventDetails(0, 2)).toThrow(/no event 2/);
    expect(() => s.highlight(1, 0)).toThrow(/no execution 1/);
    expect(JSON.parse(s.exportJson()).schema).toBe('causeway.analysis/2');
  });

  it('stops at a checkpoint once cancelled', async () => {
    const s = new AnalyzerSession();
    const files = Array.from({ length: 5 }, (_, i) => file(`g${i}.log`, GOVECTOR));
    const running = s.analyze(files, {});
    s.cancel();
    await expect(running).rejects.toMatchObject({ name: 'AnalysisCancelled' });
    expect(() => s.exportJson()).toThrow(/no analysis/);
    // A later analysis is not affected by the earlier cancel.
    await expect(s.analyze(files, {})).resolves.toBeTruthy();
  });
});

describe('the worker API', () => {
  it('transfers fresh lane buffers and keeps the session usable', async () => {
    const api = createAnalyzerApi();
    const blob = new Blob([GOVECTOR]);
    const r = await api.analyze([{ name: 'g.log', blob }], {}, () => {});
    const buffers = laneTransferables(r.lanes[0]!);
    expect(new Set(buffers).size).toBe(buffers.length);
    // Detach them as postMessage would; the session's own columns must survive.
    structuredClone(buffers, { transfer: buffers });
    expect(r.lanes[0]!.lamport.length).toBe(0);
    expect(api.eventDetails(0, 1).lamport).toBe(2);
    const h = api.highlight(0, 1);
    expect([...h.past]).toEqual([1, 1]);
  });

  it('lists correlations, transfers a group\'s events and gives proposals with their rule text', async () => {
    const api = createAnalyzerApi();
    const files = openstackLogs({ requests: 3 }).map((f) => ({ name: f.name, blob: new Blob([f.text]) }));
    await api.analyze(files, {}, () => {});
    const list = await api.correlations(0, 'request');
    expect(list.matching).toBe(3);
    const events = await api.correlationEvents(0, list.items[0]!.index);
    expect(events).toHaveLength(list.items[0]!.eventCount);
    structuredClone(events, { transfer: [events.buffer as ArrayBuffer] });
    // Detached, as postMessage leaves it; the session answers again from its own groups.
    expect(events).toHaveLength(0);
    expect(await api.correlationEvents(0, list.items[0]!.index)).toHaveLength(list.items[0]!.eventCount);
    const proposals = await api.correlationProposals(0);
    expect(proposals.length).toBeGreaterThan(0);
    for (const p of proposals) expect(JSON.parse(p.ruleJson)).toEqual(p.rule);
  });
});

describe('lanes with their logical axis', () => {
  it('carry positions and a span index equal to what the page would make, in buffers of their own', async () => {
    const api = createAnalyzerApi();
    const r = await api.analyze([{ name: 'g.log', blob: new Blob([GOVECTOR]) }], {}, () => {});
    const lanes = r.lanes[0]!;
    expect(lanes.logical).toBeDefined();
    const fresh = buildAxisPositions(lanes, 'logical');
    expect([...lanes.logical!.axis.pos]).toEqual([...fresh.pos]);
    expect([...lanes.logical!.axis.lamportOfRank]).toEqual([...fresh.lamportOfRank]);
    const spans = lanes.logical!.spans;
    expect([...spans.edge].sort((a, b) => a - b)).toEqual([...lanes.edgeFrom.keys()]);
    // The page asks for the logical axis and gets these, index included, without rebuilding.
    expect(axisPositionsOf(lanes, 'logical')).toBe(lanes.logical!.axis);
    expect(edgeSpanIndex(lanes.logical!.axis.pos, lanes.edgeFrom, lanes.edgeTo, lanes.eventProc)).toBe(spans);
    expect(axisPositionsOf(lanes, 'raw').mode).toBe('raw');
    const buffers = laneTransferables(lanes);
    expect(buffers).toContain(spans.posFrom.buffer);
    expect(new Set(buffers).size).toBe(buffers.length);
  });

  it('carry the default lane order the page would make, in a buffer of its own', async () => {
    const api = createAnalyzerApi();
    const files = openstackLogs({ requests: 4 }).map((f) => ({ name: f.name, blob: new Blob([f.text]) }));
    const r = await api.analyze(files, {}, () => {});
    const lanes = r.lanes[0]!;
    expect(lanes.processNames.length).toBeGreaterThan(2);
    const fresh = orderLanes(lanes.processDomain, lanes.eventProc, lanes.edgeFrom, lanes.edgeTo);
    expect([...lanes.laneOrder!]).toEqual(fresh);
    expect(defaultLaneOrder(lanes)).toEqual(fresh);
    expect(laneTransferables(lanes)).toContain(lanes.laneOrder!.buffer);
    // Lane data made without it (a hand-built fixture) gets the order made on the spot.
    const { laneOrder: _, ...without } = lanes;
    expect(defaultLaneOrder(without)).toEqual(fresh);
  });
});
