/**
 * Where things are on the lane diagram, shared by drawing and hit testing:
 * lane p is a horizontal band, Lamport time l runs left to right at `px`
 * pixels per tick, and the view is scrolled by `scrollLeft` pixels. The label
 * column stays fixed at the left.
 */
export const LABEL_W = 150;
export const LANE_H = 40;
export const AXIS_H = 28;
export const PAD = 20;

export class LaneGeometry {
  constructor(
    readonly px: number,
    readonly scrollLeft: number,
    readonly width: number,
    readonly lanes: number,
  ) {}

  get height(): number {
    return AXIS_H + this.lanes * LANE_H + 8;
  }

  x(lamport: number): number {
    return LABEL_W + PAD + (lamport - 1) * this.px - this.scrollLeft;
  }

  y(lane: number): number {
    return AXIS_H + lane * LANE_H + LANE_H / 2;
  }

  lamportAt(x: number): number {
    return 1 + (x + this.scrollLeft - LABEL_W - PAD) / this.px;
  }

  laneAt(y: number): number {
    return Math.floor((y - AXIS_H) / LANE_H);
  }

  /** Lamport range whose dots (radius r) can touch the event area. */
  visibleLamport(r: number): [number, number] {
    return [this.lamportAt(LABEL_W - r), this.lamportAt(this.width + r)];
  }

  /** Content width for a Lamport range 1..max, for the scroll area. */
  static contentWidth(maxLamport: number, px: number): number {
    return LABEL_W + 2 * PAD + Math.max(0, maxLamport - 1) * px;
  }
}

/** Dot radius: smaller as ticks get dense, never invisible. */
export function dotRadius(px: number): number {
  return Math.max(1.5, Math.min(5, px / 2.5));
}
