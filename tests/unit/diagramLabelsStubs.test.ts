import { describe, expect, it } from 'vitest';
import { buildAxisPositions } from '../../src/core/view/axisPositions';
import { buildScene, rowCentres, type SceneInput } from '../../src/ui/draw/buildScene';
import { defaultTheme } from '../../src/ui/draw/drawTheme';
import { classifyEdges } from '../../src/ui/draw/edgeDirection';
import { LABEL_CHAR_PX, LABEL_FONT_PX } from '../../src/ui/draw/eventLabels';
import { hiddenEndCounts } from '../../src/ui/draw/hiddenStubs';
import { defaultChoices, layoutLanes, type LaneChoices } from '../../src/ui/draw/laneLayout';
import type { LineBatch, TextBatch } from '../../src/ui/draw/scene';
import { fit, zoomAt } from '../../src/ui/draw/viewport';
import { makeLanes } from './diagramFixtures';

const T = Date.UTC(2024, 2, 1, 12, 0, 0);
// gateway sends to payments, payments to ledger; every event 10 ms apart.
const d = makeLanes(
  [
    Array.from({ length: 20 }, (_, i) => ({ lamport: 2 * i + 1, ms: T + 10 * i, kind: 'send' as const })),
    Array.from({ length: 20 }, (_, i) => ({ lamport: 2 * i + 3, ms: T + 10 * i + 5, kind: 'receive' as const })),
    Array.from({ length: 20 }, (_, i) => ({ lamport: 2 * i + 2, ms: T + 10 * i + 2 })),
  ],
  Array.from({ length: 20 }, (_, i): [[number, number], [number, number]] => [[0, i], [1, i]]),
  { names: ['gateway', 'ledger', 'payments'] },
);
const TEXTS = (e: number) => `event number ${e} with a long text that goes on and on, request r-${1000 + e}`;

function input(choices: LaneChoices, zoom: number, labels: ((e: number) => string | undefined) | null): SceneInput {
  const a = buildAxisPositions(d, 'raw');
  const layout = layoutLanes(choices, d.processDomain);
  const frame = { width: 1000, height: 300 };
  const view = zoomAt(fit(a, frame), 200, zoom);
  const hidden = choices.hidden.some((x) => x) ? { counts: hiddenEndCounts(d, layout), orderIndex: Int32Array.from(choices.order.map((_, i) => choices.order.indexOf(i))) } : null;
  return { lanes: d, axis: a, edgeClass: classifyEdges(d, a), layout, view, frame, theme: defaultTheme(false), folds: null, highlight: null, selected: null, marked: null, labels, hidden };
}

const labelBatch = (s: ReturnType<typeof buildScene>) => s.batches.find((b): b is TextBatch => b.kind === 'texts' && b.size === LABEL_FONT_PX && b.align === 'left' && b.fill === defaultTheme(false).muted);

describe('event labels', () => {
  it('none at fit; zoomed in, beside each dot, cut to the room before the next mark, never overlapping', () => {
    const all = defaultChoices(d.processDomain);
    const atFit = buildScene(input(all, 1, TEXTS));
    expect(atFit.stats.labels ?? 0).toBe(0);

    const zoomed = buildScene(input(all, 8, TEXTS));
    const items = labelBatch(zoomed)!.items;
    expect(items.length).toBeGreaterThan(5);
    expect(zoomed.stats.labels).toBe(items.length);
    for (const t of items) expect(t.text.endsWith('…') || TEXTS(0).length >= t.text.length).toBe(true);
    // Per row (same y), labels do not overlap by their estimated widths.
    const byY = new Map<number, { x: number; w: number }[]>();
    for (const t of items) byY.set(t.y, [...(byY.get(t.y) ?? []), { x: t.x, w: [...t.text].length * LABEL_CHAR_PX }]);
    for (const row of byY.values()) {
      row.sort((a, b) => a.x - b.x);
      for (let i = 1; i < row.length; i++) expect(row[i]!.x).toBeGreaterThanOrEqual(row[i - 1]!.x + row[i - 1]!.w);
    }
  });

  it('asks for the texts it does not hold, and draws none of them', () => {
    const s = buildScene(input(defaultChoices(d.processDomain), 8, () => undefined));
    expect(s.stats.labels).toBe(0);
    expect(s.stats.missingLabels!.length).toBeGreaterThan(5);
  });
});

describe('hidden lanes', () => {
  it('leave a stub arrow at each message end on a shown lane, and a count on its label', () => {
    const choices = defaultChoices(d.processDomain);
    choices.hidden[1] = 1; // hide ledger: gateway's 20 sends lose their other end
    const inp = input(choices, 1, null);
    expect(Array.from(inp.hidden!.counts)).toEqual([20, 0, 0]);
    const s = buildScene(inp);
    const stubs = s.batches.find((b): b is LineBatch => b.kind === 'lines' && b.dash?.join() === '3,2');
    expect(stubs).toBeDefined();
    expect(stubs!.data.length / 4).toBe(20);
    // Each stub starts at a gateway dot and points down (ledger sits below gateway in the order).
    const y = rowCentres(inp.layout, inp.view)[0]!;
    for (let i = 0; i < stubs!.data.length; i += 4) {
      expect(Math.abs(stubs!.data[i + 1]! - y)).toBeLessThan(6);
      expect(stubs!.data[i + 3]!).toBeGreaterThan(y);
    }
    const counts = s.batches.find((b): b is TextBatch => b.kind === 'texts' && b.align === 'right');
    expect(counts!.items.map((t) => t.text)).toEqual(['⇵20']);
  });

  it('draws no stubs and no counts with every lane shown', () => {
    const s = buildScene(input(defaultChoices(d.processDomain), 1, null));
    expect(s.batches.some((b) => b.kind === 'lines' && b.dash?.join() === '3,2')).toBe(false);
    expect(s.batches.some((b) => b.kind === 'texts' && b.align === 'right')).toBe(false);
  });
});
