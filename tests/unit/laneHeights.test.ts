import { describe, expect, it } from 'vitest';
import { diagramHeight, fittedLaneHeight, freeHeight, MAX_LANE_H, MIN_DIAGRAM_H } from '../../src/ui/draw/laneHeights';
import { defaultChoices, LANE_H, layoutLanes } from '../../src/ui/draw/laneLayout';

describe('lane heights', () => {
  it('three lanes in a 900 px window fill the free height, not 150 px', () => {
    const free = freeHeight(900, 250);
    const laneH = fittedLaneHeight(free, 3, 0);
    const layout = layoutLanes(defaultChoices(new Uint32Array([0, 1, 2])), new Uint32Array([0, 1, 2]), laneH);
    const h = diagramHeight(free, layout.contentHeight);
    expect(h).toBeGreaterThan(400);
    expect(h).toBeLessThanOrEqual(free);
    expect(laneH).toBeLessThanOrEqual(MAX_LANE_H);
  });

  it('many lanes keep their height and scroll within the free height', () => {
    const free = freeHeight(900, 250);
    expect(fittedLaneHeight(free, 200, 0)).toBe(LANE_H);
    expect(diagramHeight(free, 200 * LANE_H)).toBe(free);
  });

  it('a short window still gets a usable diagram; one lane stays small', () => {
    expect(freeHeight(300, 280)).toBe(MIN_DIAGRAM_H);
    expect(diagramHeight(freeHeight(900, 200), 40)).toBe(28 + 40 + 8);
  });
});
