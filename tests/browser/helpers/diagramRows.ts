/**
 * Where the diagram draws its lanes, from the overlay's test hook
 * (LaneDiagram's data-rows): lanes are ordered to cross the fewest messages
 * and stretched into the window's free height, so tests read the geometry
 * rather than assume alphabetical rows of LANE_H.
 */
import type { Page } from 'playwright-core';

export interface DrawnRow {
  name: string;
  /** Centre y in the canvas, CSS px. */
  y: number;
  height: number;
}

export async function drawnRows(page: Page): Promise<DrawnRow[]> {
  const raw = await page.getByTestId('diagram-overlay').getAttribute('data-rows');
  return (JSON.parse(raw ?? '[]') as [string, number, number][]).map(([name, y, height]) => ({ name, y, height }));
}

export async function rowOf(page: Page, name: string): Promise<DrawnRow> {
  const row = (await drawnRows(page)).find((r) => r.name === name);
  if (!row) throw new Error(`no lane ${name} drawn`);
  return row;
}
