/**
 * Paints a lane diagram: one lane per process (coloured by clock domain),
 * events as dots at their Lamport time, messages as arrows send → receive.
 * Only the visible Lamport window is visited per lane (laneRange's binary
 * search), so a long execution costs what is on screen; edges are a single
 * pass over typed arrays with a cheap overlap test. With a highlight, the
 * selected event's causal past and future are coloured and the concurrent
 * rest fades.
 */
import type { Highlight } from '../../core/session/analyzerSession';
import { laneRange, type LaneData } from '../../core/view/laneData';
import { domainColor } from './domainColor';
import { AXIS_H, dotRadius, LABEL_W, LANE_H, type LaneGeometry } from './laneGeometry';

export interface DrawTheme {
  dark: boolean;
  background: string;
  foreground: string;
  muted: string;
  grid: string;
  accent: string;
  past: string;
  future: string;
  warning: string;
}

export interface DrawInput {
  lanes: LaneData;
  geo: LaneGeometry;
  theme: DrawTheme;
  selected: number | null;
  highlight: Highlight | null;
  /** Ticks stop here: the axis should not suggest times nothing has. */
  maxLamport: number;
}

export function drawLanes(ctx: CanvasRenderingContext2D, input: DrawInput): void {
  const { lanes: d, geo, theme } = input;
  const W = geo.width;
  const H = geo.height;
  const r = dotRadius(geo.px);
  const [lo, hi] = geo.visibleLamport(r + 2);

  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, W, H);
  ctx.save();
  ctx.beginPath();
  ctx.rect(LABEL_W, 0, W - LABEL_W, H);
  ctx.clip();
  drawAxis(ctx, geo, theme, lo, Math.min(hi, input.maxLamport));
  drawLaneLines(ctx, d, geo, theme);
  drawEdges(ctx, d, geo, theme, r);
  drawDots(ctx, input, r, lo, hi);
  ctx.restore();
  drawLabels(ctx, d, geo, theme);
}

/** 1, 2, 5, 10, 20, 50… the smallest at least `min`. */
export function niceStep(min: number): number {
  let step = 1;
  for (;;) {
    for (const m of [1, 2, 5]) if (step * m >= min) return step * m;
    step *= 10;
  }
}

function drawAxis(ctx: CanvasRenderingContext2D, geo: LaneGeometry, theme: DrawTheme, lo: number, hi: number): void {
  const step = niceStep(70 / geo.px);
  ctx.font = '11px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.strokeStyle = theme.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
    const first = Math.max(step, Math.ceil(lo / step) * step);
  // Lamport time starts at 1, so 1 gets a tick too when in view.
  const ticks = lo <= 1 && step > 1 ? [1] : [];
  for (let t = first; t <= hi; t += step) ticks.push(t);
  for (const t of ticks) {
    const x = Math.round(geo.x(t)) + 0.5;
    ctx.moveTo(x, AXIS_H - 6);
    ctx.lineTo(x, geo.height);
    ctx.fillStyle = theme.muted;
    ctx.fillText(String(t), x, AXIS_H / 2 - 2);
  }
  ctx.stroke();
}

function drawLaneLines(ctx: CanvasRenderingContext2D, d: LaneData, geo: LaneGeometry, theme: DrawTheme): void {
  ctx.lineWidth = 2;
  for (let p = 0; p < d.processNames.length; p++) {
    const y = geo.y(p);
    ctx.strokeStyle = domainColor(d.processDomain[p]!, theme.dark, 0.45);
    ctx.beginPath();
    ctx.moveTo(LABEL_W, y);
    ctx.lineTo(geo.width, y);
    ctx.stroke();
  }
}

function drawEdges(ctx: CanvasRenderingContext2D, d: LaneData, geo: LaneGeometry, theme: DrawTheme, r: number): void {
  const lines = new Path2D();
  const heads = new Path2D();
  const ignored = new Path2D();
  const head = Math.max(4, Math.min(8, r * 1.8));
  for (let k = 0; k < d.edgeFrom.length; k++) {
    const a = d.edgeFrom[k]!;
    const b = d.edgeTo[k]!;
    const xa = geo.x(d.lamport[a]!);
    const xb = geo.x(d.lamport[b]!);
    if (Math.max(xa, xb) < LABEL_W - r || Math.min(xa, xb) > geo.width + r) continue;
    const ya = geo.y(d.eventProc[a]!);
    const yb = geo.y(d.eventProc[b]!);
    const len = Math.hypot(xb - xa, yb - ya);
    if (len < 2 * r + 1) continue;
    const ux = (xb - xa) / len;
    const uy = (yb - ya) / len;
    const sx = xa + ux * r;
    const sy = ya + uy * r;
    const ex = xb - ux * (r + 1);
    const ey = yb - uy * (r + 1);
    const path = d.edgeIgnored[k] ? ignored : lines;
    path.moveTo(sx, sy);
    path.lineTo(ex, ey);
    if (!d.edgeIgnored[k]) {
      heads.moveTo(ex, ey);
      heads.lineTo(ex - ux * head - uy * head * 0.5, ey - uy * head + ux * head * 0.5);
      heads.lineTo(ex - ux * head + uy * head * 0.5, ey - uy * head - ux * head * 0.5);
      heads.closePath();
    }
  }
  ctx.lineWidth = 1.25;
  ctx.strokeStyle = theme.foreground;
  ctx.globalAlpha = 0.7;
  ctx.stroke(lines);
  ctx.fillStyle = theme.foreground;
  ctx.fill(heads);
  ctx.globalAlpha = 1;
  ctx.setLineDash([4, 4]);
  ctx.strokeStyle = theme.warning;
  ctx.stroke(ignored);
  ctx.setLineDash([]);
}

function drawDots(ctx: CanvasRenderingContext2D, input: DrawInput, r: number, lo: number, hi: number): void {
  const { lanes: d, geo, theme, highlight, selected } = input;
  for (let p = 0; p < d.processNames.length; p++) {
    const [from, to] = laneRange(d, p, Math.max(1, Math.floor(lo)), hi);
    if (from >= to) continue;
    const y = geo.y(p);
    // 0: plain (or concurrent when highlighting), 1: past, 2: future
    const paths = [new Path2D(), new Path2D(), new Path2D()];
    const start = d.procStart[p]!;
    const past = highlight ? highlight.past[p]! : 0;
    const future = highlight ? highlight.future[p]! : 0;
    for (let e = from; e < to; e++) {
      const seq = e - start + 1;
      const cls = !highlight ? 0 : seq <= past ? 1 : future > 0 && seq >= future ? 2 : 0;
      const path = paths[cls]!;
      const x = geo.x(d.lamport[e]!);
      path.moveTo(x + r, y);
      path.arc(x, y, r, 0, Math.PI * 2);
    }
    ctx.fillStyle = domainColor(d.processDomain[p]!, theme.dark, highlight ? 0.3 : 1);
    ctx.fill(paths[0]!);
    ctx.fillStyle = theme.past;
    ctx.fill(paths[1]!);
    ctx.fillStyle = theme.future;
    ctx.fill(paths[2]!);
  }
  if (selected !== null && selected < d.eventProc.length) {
    const x = geo.x(d.lamport[selected]!);
    const y = geo.y(d.eventProc[selected]!);
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = theme.accent;
    ctx.beginPath();
    ctx.arc(x, y, r + 4, 0, Math.PI * 2);
    ctx.stroke();
  }
}

function drawLabels(ctx: CanvasRenderingContext2D, d: LaneData, geo: LaneGeometry, theme: DrawTheme): void {
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, LABEL_W, geo.height);
  ctx.strokeStyle = theme.grid;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(LABEL_W - 0.5, 0);
  ctx.lineTo(LABEL_W - 0.5, geo.height);
  ctx.stroke();
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = theme.muted;
  ctx.font = '11px system-ui, sans-serif';
  ctx.fillText('Lamport time →', 10, AXIS_H / 2 - 2);
  for (let p = 0; p < d.processNames.length; p++) {
    const y = geo.y(p);
    const dom = d.processDomain[p]!;
    ctx.fillStyle = domainColor(dom, theme.dark);
    ctx.fillRect(8, y - LANE_H / 2 + 8, 4, LANE_H - 16);
    ctx.font = '600 13px system-ui, sans-serif';
    ctx.fillStyle = theme.foreground;
    const name = d.processNames[p]!;
    const domain = d.domainNames[dom]!;
    if (domain !== name) {
      ctx.fillText(fit(ctx, name, LABEL_W - 28), 18, y - 6);
      ctx.font = '11px system-ui, sans-serif';
      ctx.fillStyle = theme.muted;
      ctx.fillText(fit(ctx, `clock: ${domain}`, LABEL_W - 28), 18, y + 8);
    } else {
      ctx.fillText(fit(ctx, name, LABEL_W - 28), 18, y);
    }
  }
}

/** The text, cut with an ellipsis to fit the width. */
function fit(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (ctx.measureText(`${text.slice(0, mid)}…`).width <= width) lo = mid;
    else hi = mid - 1;
  }
  return `${text.slice(0, lo)}…`;
}
