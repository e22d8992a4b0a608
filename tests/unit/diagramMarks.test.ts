import { describe, expect, it } from 'vitest';
import { buildAxisPositions } from '../../src/core/view/axisPositions';
import { classifyEdges, countBackward, EDGE_BACKWARD, EDGE_FORWARD, EDGE_IGNORED } from '../../src/ui/draw/edgeDirection';
import { edgeMarks, MAX_SEGMENTS, sampledIn, STYLE_BACKWARD, STYLE_FORWARD } from '../../src/ui/draw/edgeMarks';
import { findFoldRuns, runExtent } from '../../src/ui/draw/foldRuns';
import { BIN_FIELDS, binLane, CLS_CONCURRENT, CLS_FUTURE, CLS_PAST, FOLD_FIELDS } from '../../src/ui/draw/laneBins';
import { defaultChoices, layoutLanes } from '../../src/ui/draw/laneLayout';
import { rowCentres } from '../../src/ui/draw/buildScene';
import { fit, type Viewport } from '../../src/ui/draw/viewport';
import { makeLanes, type FixtureEvent } from './diagramFixtures';

const T = Date.UTC(2024, 2, 1, 12, 0, 0);
const frame = { width: 1000, height: 300 };

function lane(n: number, kinds: Record<number, 'send' | 'receive'> = {}): FixtureEvent[] {
  return Array.from({ length: n }, (_, i) => ({ lamport: i + 1, ms: T + i, kind: kinds[i] ?? 'local' }));
}

describe('backward messages', () => {
  // p0 sends at T+10, p1's clock is 50 ms behind: receives stamped T-35.
  const d = makeLanes(
    [
      [{ lamport: 1, ms: T + 10, kind: 'send' }, { lamport: 4, ms: T + 70, kind: 'receive' }, { lamport: 5, ms: null, kind: 'send' }],
      [{ lamport: 2, ms: T - 35, kind: 'receive' }, { lamport: 3, ms: T - 25, kind: 'send' }, { lamport: 6, ms: T - 20, kind: 'receive' }],
    ],
    [
      [[0, 0], [1, 0]],
      [[1, 1], [0, 1]],
      [[0, 2], [1, 2]],
    ],
    { correction: [0, -50] },
  );

  it('are the receives placed before their sends on the raw axis, never on the logical one', () => {
    const raw = classifyEdges(d, buildAxisPositions(d, 'raw'));
    expect([...raw]).toEqual([EDGE_BACKWARD, EDGE_FORWARD, EDGE_FORWARD]); // the untimed send is no evidence
    expect(countBackward(raw)).toBe(1);
    expect([...classifyEdges(d, buildAxisPositions(d, 'logical'))]).toEqual([0, 0, 0]);
    expect(countBackward(classifyEdges(d, buildAxisPositions(d, 'corrected')))).toBe(0);
  });

  it('set-aside edges keep their own class', () => {
    const e = makeLanes([lane(2, { 0: 'send' }), lane(1, { 0: 'receive' })], [[[0, 0], [1, 0]]], { ignored: [0] });
    expect([...classifyEdges(e, buildAxisPositions(e, 'raw'))]).toEqual([EDGE_IGNORED]);
  });

  it('are drawn in their own style, with a midpoint marker', () => {
    const a = buildAxisPositions(d, 'raw');
    const layout = layoutLanes(defaultChoices(d.processDomain), d.processDomain);
    const view = fit(a, frame);
    const m = edgeMarks({ lanes: d, axis: a, edgeClass: classifyEdges(d, a), layout, rowY: rowCentres(layout, view), view, x0: 160, x1: 1000, y0: 28, y1: 300, r: 3, classOf: null });
    expect(m.byStyle[STYLE_BACKWARD]!.lines.length).toBe(4);
    expect(m.byStyle[STYLE_BACKWARD]!.mids.length).toBe(2);
    expect(m.byStyle[STYLE_FORWARD]!.lines.length).toBe(8);
    expect(m.byStyle[STYLE_FORWARD]!.heads.length).toBe(12);
  });
});

describe('message culling and aggregation', () => {
  // 1000 messages p0 → p1, each sent and received at the same tick.
  const N = 1000;
  const d = makeLanes(
    [lane(N, Object.fromEntries(Array.from({ length: N }, (_, i) => [i, 'send' as const]))), lane(N, Object.fromEntries(Array.from({ length: N }, (_, i) => [i, 'receive' as const])))],
    Array.from({ length: N }, (_, i) => [[0, i], [1, i]] as [[number, number], [number, number]]),
  );
  const a = buildAxisPositions(d, 'raw');
  const layout = layoutLanes(defaultChoices(d.processDomain), d.processDomain);
  const run = (view: Viewport, lay = layout) =>
    edgeMarks({ lanes: d, axis: a, edgeClass: classifyEdges(d, a), layout: lay, rowY: rowCentres(lay, view), view, x0: 160, x1: 1000, y0: 28, y1: 300, r: 2, classOf: null });

  it('draws one segment per pixel column pair when zoomed out', () => {
    const m = run(fit(a, frame));
    expect(m.visible).toBe(N);
    expect(m.drawn).toBeLessThan(820);
    expect(m.drawn).toBeGreaterThan(100);
  });

  it('visits only what crosses the view when zoomed in', () => {
    const m = run({ start: 500, scale: 40, scrollY: 0 });
    expect(m.visible).toBeLessThan(30);
    expect(m.drawn).toBe(m.visible);
  });

  it('skips messages to hidden lanes', () => {
    const c = defaultChoices(d.processDomain);
    c.hidden[1] = 1;
    expect(run(fit(a, frame), layoutLanes(c, d.processDomain)).visible).toBe(0);
  });
});

describe('message sampling when zoomed far out', () => {
  // 40 000 messages p0 event i → p1 event (i·7919 mod N): long, crossing lines, about
  // half received at an earlier raw time than sent (backward).
  const N = 40_000;
  const perm = (i: number) => (i * 7919) % N;
  const d = makeLanes(
    [lane(N, Object.fromEntries(Array.from({ length: N }, (_, i) => [i, 'send' as const]))), lane(N, Object.fromEntries(Array.from({ length: N }, (_, i) => [i, 'receive' as const])))],
    Array.from({ length: N }, (_, i) => [[0, i], [1, perm(i)]] as [[number, number], [number, number]]),
  );
  const a = buildAxisPositions(d, 'raw');
  const edgeClass = classifyEdges(d, a);
  const layout = layoutLanes(defaultChoices(d.processDomain), d.processDomain);
  const run = (view: Viewport) => edgeMarks({ lanes: d, axis: a, edgeClass, layout, rowY: rowCentres(layout, view), view, x0: 160, x1: 1000, y0: 28, y1: 300, r: 2, classOf: null });
  const backward = countBackward(edgeClass);

  it('draws 1 in 2^j plain messages, keeping every backward one', () => {
    const m = run(fit(a, frame));
    expect(m.sampleEvery).toBe(8); // 40 000 in view / 8 ≤ MAX_SEGMENTS
    expect(N / m.sampleEvery).toBeLessThanOrEqual(MAX_SEGMENTS);
    const forwardDrawn = m.byStyle[STYLE_FORWARD]!.lines.length / 4;
    const backwardDrawn = m.byStyle[STYLE_BACKWARD]!.lines.length / 4;
    expect(backward).toBeGreaterThan(N / 3);
    expect(forwardDrawn).toBeLessThan(((N - backward) / 8) * 1.2);
    expect(forwardDrawn).toBeGreaterThan(((N - backward) / 8) * 0.6);
    expect(backwardDrawn).toBeGreaterThan(backward * 0.9); // all kept, a few merged on equal pixels
  });

  it('visits only the sample and the messages always drawn, to the marks a full pass makes', () => {
    const zoomed = fit(a, frame);
    for (const v of [zoomed, { ...zoomed, scale: zoomed.scale * 2 }, { ...zoomed, scale: zoomed.scale * 3, start: zoomed.start + 5000 }]) {
      const fast = run(v);
      expect(fast.sampleEvery).toBeGreaterThan(1);
      // Listing stubs (none here: no lane is hidden) makes it visit every message in view.
      const full = edgeMarks({ lanes: d, axis: a, edgeClass, layout, rowY: rowCentres(layout, v), view: v, x0: 160, x1: 1000, y0: 28, y1: 300, r: 2, classOf: null, stubs: [] });
      expect(full.visible).toBeGreaterThan(fast.visible);
      expect(fast.visible).toBeLessThan(backward + (N - backward) / 2);
      expect({ ...fast, visible: 0 }).toEqual({ ...full, visible: 0 });
    }
  });

  it('draws every message once zoomed in, and panning keeps the sample (no flicker)', () => {
    const zoomed = fit(a, frame);
    expect(run({ ...zoomed, scale: zoomed.scale * 8 }).sampleEvery).toBe(1);
    const v = { ...zoomed, scale: zoomed.scale * 2 };
    expect(run(v).sampleEvery).toBe(run({ ...v, start: v.start + 1000 }).sampleEvery);
  });

  it('samples by edge alone, nested across zoom levels, at about the stated rate', () => {
    for (let bits = 1; bits <= 6; bits++) {
      let kept = 0;
      for (let k = 0; k < 100_000; k++) {
        if (!sampledIn(k, bits)) continue;
        kept++;
        expect(sampledIn(k, bits - 1)).toBe(true); // zooming in only adds messages
      }
      expect(kept / (100_000 / 2 ** bits)).toBeGreaterThan(0.9);
      expect(kept / (100_000 / 2 ** bits)).toBeLessThan(1.1);
    }
  });
});

describe('lane bins', () => {
  const d = makeLanes([lane(1000)]);
  const a = buildAxisPositions(d, 'raw');
  const base = { lanes: d, axis: a, process: 0, past: null, future: 0, folds: null, foldLo: null, foldHi: null, marked: null };

  it('merges events closer than mergePx and counts them', () => {
    const view = fit(a, frame); // ~0.8 px per event
    const lb = binLane({ ...base, lo: a.min, hi: a.max, view, mergePx: 2 });
    const bins = lb.bins.length / BIN_FIELDS;
    expect(lb.visited).toBe(1000);
    expect(bins).toBeLessThan(400);
    let total = 0;
    for (let b = 0; b < lb.bins.length; b += BIN_FIELDS) total += lb.bins[b + 2]!;
    expect(total).toBe(1000);
  });

  it('keeps single events apart when zoomed in, and visits only the window', () => {
    const view = { start: 100, scale: 10, scrollY: 0 };
    const lb = binLane({ ...base, lo: 100, hi: 110, view, mergePx: 2 });
    expect(lb.visited).toBe(11);
    expect(lb.bins.length / BIN_FIELDS).toBe(11);
  });

  it('splits bins at the causal past and future, and counts search hits', () => {
    const marked = new Uint8Array(1000);
    marked[5] = 1;
    const view = fit(a, frame);
    const lb = binLane({ ...base, lo: a.min, hi: a.max, view, mergePx: 1e9, past: 10, future: 20, marked });
    const cls = [];
    for (let b = 0; b < lb.bins.length; b += BIN_FIELDS) cls.push([lb.bins[b + 2], lb.bins[b + 3], lb.bins[b + 5]]);
    expect(cls).toEqual([
      [10, CLS_PAST, 1],
      [9, CLS_CONCURRENT, 0],
      [981, CLS_FUTURE, 0],
    ]);
  });

  it('folds runs of local events into glyphs with counts', () => {
    // local ×3, send, local ×2, receive, local
    const e = makeLanes([lane(8, { 3: 'send', 6: 'receive' })]);
    const runs = findFoldRuns(e);
    expect([...runs.first]).toEqual([0, 4]);
    expect([...runs.last]).toEqual([2, 5]);
    expect(runs.runOf[7]).toBe(-1); // a single local event is not a run
    const ax = buildAxisPositions(e, 'logical');
    expect(runExtent(runs, 0, ax.pos)).toEqual([0, 2]);
    const lo = Float64Array.from([0, 4]);
    const hi = Float64Array.from([2, 5]);
    const lb = binLane({ ...base, lanes: e, axis: ax, lo: 0, hi: 7, view: { start: 0, scale: 50, scrollY: 0 }, mergePx: 2, folds: runs, foldLo: lo, foldHi: hi });
    expect(lb.folds.length / FOLD_FIELDS).toBe(2);
    expect([lb.folds[2], lb.folds[FOLD_FIELDS + 2]]).toEqual([3, 2]);
    expect(lb.bins.length / BIN_FIELDS).toBe(3); // the send, the receive, the lone local
  });
});
