/**
 * One frame of the diagram, from data and view to a display list (scene.ts).
 * Paint order: grid, lane lines, messages, events (binned per lane),
 * folded runs, search hits, the selection, then the axis band and the label
 * column on top, which is what hides marks scrolled under them. Only the
 * visible window is visited: rows outside the height are skipped, events by
 * binary search per lane, messages by a clipped pass over the edge columns.
 */
import type { Highlight } from '../../core/session/analyzerSession';
import type { LaneData } from '../../core/view/laneData';
import type { AxisPositions } from '../../core/view/axisPositions';
import { axisTicks } from './axisTicks';
import { processColour } from './processColour';
import type { DrawTheme } from './drawTheme';
import { edgeMarks, STYLE_BACKWARD, STYLE_DIM, STYLE_FORWARD, STYLE_FUTURE, STYLE_IGNORED, STYLE_PAST } from './edgeMarks';
import type { FoldRuns } from './foldRuns';
import { laneLabels, LABEL_FONT_PX } from './eventLabels';
import { shortCount, stubMarks } from './hiddenStubs';
import { BIN_FIELDS, binLane, CLS_CONCURRENT, CLS_FUTURE, CLS_PAST, FOLD_FIELDS } from './laneBins';
import type { LaneLayout } from './laneLayout';
import { MarkBuffers } from './markBuffers';
import { fitText, type Batch, type CircleBatch, type RectBatch, type Scene, type TextBatch } from './scene';
import { AXIS_H, LABEL_W, toX, visibleUnits, type Frame, type Viewport } from './viewport';

/** Dots and capsules per colour: buffers kept across frames (see MarkBuffers). */
const solid = new MarkBuffers();
const hollow = new MarkBuffers();
const capsules = new MarkBuffers();
const hollowCapsules = new MarkBuffers();

/** Segments past which plain messages are drawn as hairlines (see LineBatch.hairline). */
const HAIRLINE_PAST = 1500;

export interface SceneInput {
  lanes: LaneData;
  axis: AxisPositions;
  edgeClass: Uint8Array;
  layout: LaneLayout;
  view: Viewport;
  frame: Frame;
  theme: DrawTheme;
  /** Folded runs and their extents on this axis; null when folding is off. */
  folds: { runs: FoldRuns; lo: Float64Array; hi: Float64Array } | null;
  highlight: Highlight | null;
  selected: number | null;
  marked: Uint8Array | null;
  /** Event texts the page holds, for labels beside the dots where there is room; absent: no labels. */
  labels?: ((e: number) => string | undefined) | null;
  /** With hidden lanes: per process its messages to hidden lanes, and its place in the full order (hiddenStubs.ts). */
  hidden?: { counts: Uint32Array; orderIndex: Int32Array } | null;
}

/** Dot radius: smaller as events crowd, never invisible. */
export function dotRadius(view: Viewport, axis: AxisPositions): number {
  return Math.max(1.5, Math.min(5, (view.scale * axis.typicalGap) / 2.5));
}

/** Screen y of each row's centre. */
export function rowCentres(layout: LaneLayout, view: Viewport): Float64Array {
  const ys = new Float64Array(layout.rows.length);
  layout.rows.forEach((r, i) => (ys[i] = AXIS_H + r.top - view.scrollY + r.height / 2));
  return ys;
}

export function buildScene(input: SceneInput): Scene {
  const { lanes: d, axis, layout, view, frame, theme, highlight, marked } = input;
  const W = frame.width;
  const H = frame.height;
  const batches: Batch[] = [];
  const stats: Scene['stats'] = { events: 0, marks: 0, edges: 0, edgeSample: 1 };
  const r = dotRadius(view, axis);
  const [lo, hi] = visibleUnits(view, frame, r + 2);
  const rowY = rowCentres(layout, view);

  // Grid: one line per tick, across the lanes.
  const ticks = axisTicks(axis, lo, hi, 90 / view.scale);
  const grid: number[] = [];
  for (const t of ticks) {
    const x = Math.round(toX(view, t.u)) + 0.5;
    grid.push(x, AXIS_H - 6, x, H);
  }
  batches.push({ kind: 'lines', stroke: theme.grid, width: 1, alpha: 1, dash: null, data: grid });

  // Lanes: a line per full lane, a tinted strip per collapsed one, a rule between clock domains.
  const laneLines = new Map<string, number[]>();
  const strips = new Map<string, number[]>();
  const rules: number[] = [];
  const visibleRows: number[] = [];
  layout.rows.forEach((row, i) => {
    const top = rowY[i]! - row.height / 2;
    if (top > H || top + row.height < AXIS_H) return;
    visibleRows.push(i);
    if (row.collapsed) push(strips, processColour(row.process, theme.dark, 0.18), LABEL_W, top + 1, W - LABEL_W, row.height - 2);
    else push(laneLines, processColour(row.process, theme.dark, 0.45), LABEL_W, rowY[i]!, W, rowY[i]!);
    if (row.groupStart) rules.push(0, Math.round(top) + 0.5, W, Math.round(top) + 0.5);
  });
  for (const [fill, data] of strips) batches.push(rects(fill, null, data));
  for (const [stroke, data] of laneLines) batches.push({ kind: 'lines', stroke, width: 2, alpha: 1, dash: null, data });
  batches.push({ kind: 'lines', stroke: theme.muted, width: 1, alpha: 0.5, dash: [2, 3], data: rules });

  // Highlight class of any event (for messages); lanes get theirs inside binLane.
  const classOf = highlight
    ? (e: number) => {
        const p = d.eventProc[e]!;
        const seq = e - d.procStart[p]! + 1;
        const fut = highlight.future[p]!;
        return seq <= highlight.past[p]! ? CLS_PAST : fut > 0 && seq >= fut ? CLS_FUTURE : CLS_CONCURRENT;
      }
    : null;

  // Messages.
  const stubEdges: number[] | undefined = input.hidden ? [] : undefined;
  const em = edgeMarks({ lanes: d, axis, edgeClass: input.edgeClass, layout, rowY, view, x0: LABEL_W, x1: W, y0: AXIS_H, y1: H, r, classOf, ...(stubEdges && { stubs: stubEdges }) });
  if (input.hidden && stubEdges!.length > 0) {
    const st = stubMarks(stubEdges!, d, axis, layout, rowY, view, r, input.hidden.orderIndex);
    batches.push({ kind: 'lines', stroke: theme.muted, width: 1.25, alpha: 0.9, dash: [3, 2], data: st.lines });
    batches.push({ kind: 'triangles', fill: theme.muted, alpha: 0.9, data: st.heads });
  }
  stats.edges = em.drawn;
  stats.edgeSample = em.sampleEvery;
  const dense = em.drawn > HAIRLINE_PAST;
  const edgeLook: [number, string, number, number, number[] | null][] = [
    [STYLE_DIM, theme.foreground, 1, 0.15, null],
    [STYLE_FORWARD, theme.foreground, 1.25, 0.7, null],
    [STYLE_PAST, theme.past, 1.5, 0.9, null],
    [STYLE_FUTURE, theme.future, 1.5, 0.9, null],
    [STYLE_IGNORED, theme.warning, 1.25, 0.9, [4, 4]],
    [STYLE_BACKWARD, theme.danger, 1.75, 1, [6, 3]],
  ];
  for (const [style, colour, width, alpha, dash] of edgeLook) {
    const b = em.byStyle[style]!;
    if (b.lines.length === 0) continue;
    const plain = style === STYLE_FORWARD || style === STYLE_DIM;
    batches.push({ kind: 'lines', stroke: colour, width, alpha, dash, data: b.lines, ...(dense && plain && { hairline: true }) });
    if (b.heads.length) batches.push({ kind: 'triangles', fill: colour, alpha, data: b.heads });
    if (b.mids.length) {
      // A ringed dot halfway: the backward message is visible even when its line is short.
      const mids: number[] = [];
      for (let i = 0; i < b.mids.length; i += 2) mids.push(b.mids[i]!, b.mids[i + 1]!, 3.5);
      batches.push({ kind: 'circles', fill: theme.background, stroke: colour, width: 2, alpha: 1, data: mids });
    }
  }

  // Events, binned per lane.
  for (const m of [solid, hollow, capsules, hollowCapsules]) m.reset();
  const foldBoxes = new Map<string, number[]>();
  const foldLabels: TextBatch = { kind: 'texts', fill: theme.foreground, size: 10, weight: 600, align: 'center', items: [] };
  const eventLabels: TextBatch = { kind: 'texts', fill: theme.muted, size: LABEL_FONT_PX, weight: 400, align: 'left', items: [] };
  const missingLabels: number[] = [];
  const rings: number[] = [];
  // Dots closer than a diameter overlap: one mark (a capsule with their count) instead.
  const mergePx = Math.max(1.5, 2 * r);
  for (const i of visibleRows) {
    const row = layout.rows[i]!;
    const p = row.process;
    const y = rowY[i]!;
    const rr = row.collapsed ? Math.min(r, 3) : r;
    const lb = binLane({
      lanes: d,
      axis,
      process: p,
      lo,
      hi,
      view,
      mergePx,
      past: highlight ? highlight.past[p]! : null,
      future: highlight ? highlight.future[p]! : 0,
      folds: input.folds?.runs ?? null,
      foldLo: input.folds?.lo ?? null,
      foldHi: input.folds?.hi ?? null,
      marked,
    });
    stats.events += lb.visited;
    const plainColour = processColour(p, theme.dark, 1);
    const concurrentColour = processColour(p, theme.dark, 0.3);
    const colourOf = (cls: number) => (cls === CLS_PAST ? theme.past : cls === CLS_FUTURE ? theme.future : cls === CLS_CONCURRENT ? concurrentColour : plainColour);
    const maxExtra = row.collapsed ? 0 : Math.max(0, row.height / 2 - rr - 3);
    const bins = lb.bins;
    for (let b = 0; b < bins.length; b += BIN_FIELDS) {
      const x0 = bins[b]!;
      const x1 = bins[b + 1]!;
      const count = bins[b + 2]!;
      const colour = colourOf(bins[b + 3]!);
      const isHollow = bins[b + 4] === 1;
      stats.marks++;
      let ringX = x0 - rr;
      let ringW = 2 * rr;
      let ringH = 2 * rr;
      if (count === 1) {
        (isHollow ? hollow : solid).push3(colour, x0, y, rr);
      } else {
        // Many events in a few pixels: a capsule, taller the more it holds.
        const h = 2 * rr + Math.min(maxExtra, 2 * Math.log2(count));
        ringW = x1 - x0 + 2 * rr;
        ringH = h;
        (isHollow ? hollowCapsules : capsules).push4(colour, x0 - rr, y - h / 2, ringW, h);
        ringX = x0 - rr;
      }
      if (bins[b + 5]! > 0) rings.push(ringX - 3, y - ringH / 2 - 3, ringW + 6, ringH + 6);
    }
    if (input.labels && !row.collapsed) laneLabels(bins, y, rr, W - 4, input.labels, missingLabels, eventLabels.items);
    const glyphs = lb.folds;
    for (let g = 0; g < glyphs.length; g += FOLD_FIELDS) {
      const x0 = glyphs[g]!;
      const x1 = glyphs[g + 1]!;
      const n = glyphs[g + 2]!;
      const colour = colourOf(glyphs[g + 3]!);
      const label = String(n);
      const h = row.collapsed ? 2 * rr : 14;
      const w = Math.max(x1 - x0 + 2 * rr, row.collapsed ? 2 * rr : label.length * 6 + 8);
      const cx = (x0 + x1) / 2;
      stats.marks++;
      push(foldBoxes, colour, cx - w / 2, y - h / 2, w, h);
      if (!row.collapsed) foldLabels.items.push({ x: cx, y, text: label });
      if (glyphs[g + 4]! > 0) rings.push(cx - w / 2 - 3, y - h / 2 - 3, w + 6, h + 6);
    }
  }
  for (const [fill, data] of capsules.take()) batches.push({ ...rects(fill, null, data), radius: 99 });
  for (const [stroke, data] of hollowCapsules.take()) batches.push({ ...rects(theme.background, stroke, data), radius: 99, width: 1.5 });
  for (const [fill, data] of solid.take()) batches.push(circles(fill, null, data));
  for (const [stroke, data] of hollow.take()) batches.push({ ...circles(theme.background, stroke, data), width: 1.5 });
  for (const [stroke, data] of foldBoxes) batches.push({ ...rects(theme.surface, stroke, data), radius: 7, width: 1.5 });
  if (foldLabels.items.length) batches.push(foldLabels);
  if (rings.length) batches.push({ ...rects(null, theme.mark, rings), radius: 99, width: 2 });
  if (eventLabels.items.length) batches.push(eventLabels);
  if (input.labels) {
    stats.labels = eventLabels.items.length;
    stats.missingLabels = missingLabels;
  }

  // The selected event.
  const sel = input.selected;
  if (sel !== null && sel < d.eventProc.length) {
    const row = layout.rowOf[d.eventProc[sel]!]!;
    if (row >= 0) batches.push({ kind: 'circles', fill: null, stroke: theme.accent, width: 2.5, alpha: 1, data: [toX(view, axis.pos[sel]!), rowY[row]!, r + 4] });
  }

  // Axis band over anything scrolled under it, then its labels.
  batches.push(rects(theme.background, null, [LABEL_W, 0, W - LABEL_W, AXIS_H]));
  batches.push({ kind: 'lines', stroke: theme.grid, width: 1, alpha: 1, dash: null, data: [LABEL_W, AXIS_H - 0.5, W, AXIS_H - 0.5] });
  const tickText: TextBatch = { kind: 'texts', fill: theme.muted, size: 11, weight: 400, align: 'center', items: [] };
  for (const t of ticks) {
    const x = Math.round(toX(view, t.u)) + 0.5;
    // Whole labels only: one cut by the label column would misread.
    if (x - t.label.length * 3.3 >= LABEL_W + 2 && x + t.label.length * 3.3 <= W) tickText.items.push({ x, y: AXIS_H / 2 - 2, text: t.label });
  }
  batches.push(tickText);

  // Label column.
  batches.push(rects(theme.background, null, [0, 0, LABEL_W, H]));
  batches.push({ kind: 'lines', stroke: theme.grid, width: 1, alpha: 1, dash: null, data: [LABEL_W - 0.5, 0, LABEL_W - 0.5, H] });
  const caption = axis.mode === 'logical' ? 'Lamport time →' : axis.mode === 'raw' ? 'Raw time (UTC) →' : 'Corrected time (UTC) →';
  batches.push({ kind: 'texts', fill: theme.muted, size: 11, weight: 400, align: 'left', items: [{ x: 10, y: AXIS_H / 2 - 2, text: caption }] });
  const bars = new Map<string, number[]>();
  const names: TextBatch = { kind: 'texts', fill: theme.foreground, size: 13, weight: 600, align: 'left', items: [] };
  const small: TextBatch = { kind: 'texts', fill: theme.foreground, size: 10, weight: 400, align: 'left', items: [] };
  const subs: TextBatch = { kind: 'texts', fill: theme.muted, size: 11, weight: 400, align: 'left', items: [] };
  const hiddenCounts: TextBatch = { kind: 'texts', fill: theme.muted, size: 10, weight: 600, align: 'right', items: [] };
  const labelRules: number[] = [];
  for (const i of visibleRows) {
    const row = layout.rows[i]!;
    const y = rowY[i]!;
    if (y < AXIS_H) continue;
    const p = row.process;
    const dom = d.processDomain[p]!;
    const name = d.processNames[p]!;
    const domain = d.domainNames[dom]!;
    if (row.groupStart) labelRules.push(0, Math.round(y - row.height / 2) + 0.5, LABEL_W, Math.round(y - row.height / 2) + 0.5);
    if (row.collapsed) {
      push(bars, processColour(p, theme.dark), 8, y - row.height / 2 + 2, 4, row.height - 4);
      small.items.push({ x: 18, y, text: fitText(`▸ ${name}`, LABEL_W - 24, 6) });
      continue;
    }
    push(bars, processColour(p, theme.dark), 8, y - row.height / 2 + 8, 4, row.height - 16);
    const toHidden = input.hidden?.counts[p] ?? 0;
    if (toHidden > 0) hiddenCounts.items.push({ x: LABEL_W - 6, y: domain !== name ? y + 9 : y + 13, text: `⇵${shortCount(toHidden)}` });
    if (domain !== name) {
      names.items.push({ x: 18, y: y - 6, text: fitText(name, LABEL_W - 26, 7.6) });
      subs.items.push({ x: 18, y: y + 9, text: fitText(`clock: ${domain}`, LABEL_W - 26 - (toHidden > 0 ? 40 : 0), 6.2) });
    } else {
      names.items.push({ x: 18, y, text: fitText(name, LABEL_W - 26, 7.6) });
    }
  }
  for (const [fill, data] of bars) batches.push(rects(fill, null, data));
  if (labelRules.length) batches.push({ kind: 'lines', stroke: theme.muted, width: 1, alpha: 0.5, dash: [2, 3], data: labelRules });
  for (const t of [names, subs, small, hiddenCounts]) if (t.items.length) batches.push(t);

  return { width: W, height: H, background: theme.background, batches, stats };
}

function push(m: Map<string, number[]>, key: string, ...values: number[]): void {
  let a = m.get(key);
  if (!a) m.set(key, (a = []));
  for (const v of values) a.push(v);
}

function rects(fill: string | null, stroke: string | null, data: ArrayLike<number>): RectBatch {
  return { kind: 'rects', fill, stroke, width: 1, alpha: 1, radius: 0, dash: null, data };
}

function circles(fill: string | null, stroke: string | null, data: ArrayLike<number>): CircleBatch {
  return { kind: 'circles', fill, stroke, width: 1, alpha: 1, data };
}
