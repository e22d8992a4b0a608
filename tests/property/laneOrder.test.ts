import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupedOrder, laneCrossings, laneWeights, orderLanes } from '../../src/core/view/laneOrder';

/** One event per message end: messages as [from process, to process]. */
function graph(messages: [number, number][]) {
  const eventProc = new Uint32Array(messages.flat());
  const edgeFrom = Uint32Array.from(messages, (_, k) => 2 * k);
  const edgeTo = Uint32Array.from(messages, (_, k) => 2 * k + 1);
  return { eventProc, edgeFrom, edgeTo };
}

/** Lanes crossed, counted message by message (the definition, not the CSR). */
function crossedBy(order: number[], messages: [number, number][]): number {
  const row = new Map(order.map((p, i) => [p, i]));
  return messages.reduce((s, [a, b]) => s + (a === b ? 0 : Math.abs(row.get(a)! - row.get(b)!) - 1), 0);
}

describe('lane order', () => {
  it('moves ledger out from between gateway and payments', () => {
    // Alphabetical: gateway, ledger, payments. Every gateway → payments request crosses ledger.
    const messages: [number, number][] = [];
    for (let i = 0; i < 20; i++) messages.push([0, 2], [2, 0]);
    for (let i = 0; i < 5; i++) messages.push([2, 1], [1, 2]);
    const { eventProc, edgeFrom, edgeTo } = graph(messages);
    const order = orderLanes(new Uint32Array([0, 1, 2]), eventProc, edgeFrom, edgeTo);
    expect(crossedBy([0, 1, 2], messages)).toBe(40);
    expect(crossedBy(order, messages)).toBe(0);
    expect(order.indexOf(2)).toBe(1); // payments in the middle
  });

  it('never crosses more lanes than alphabetical order, and is a deterministic permutation (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 14 }).chain((P) =>
          fc.record({
            P: fc.constant(P),
            domains: fc.array(fc.integer({ min: 0, max: Math.max(0, P - 1) }), { minLength: P, maxLength: P }),
            messages: fc.array(fc.tuple(fc.integer({ min: 0, max: P - 1 }), fc.integer({ min: 0, max: P - 1 })), { maxLength: 80 }),
          }),
        ),
        ({ P, domains, messages }) => {
          const { eventProc, edgeFrom, edgeTo } = graph(messages);
          const processDomain = Uint32Array.from(domains);
          const order = orderLanes(processDomain, eventProc, edgeFrom, edgeTo);
          expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: P }, (_, p) => p));
          const alphabetical = Array.from({ length: P }, (_, p) => p);
          expect(crossedBy(order, messages)).toBeLessThanOrEqual(crossedBy(alphabetical, messages));
          expect(crossedBy(order, messages)).toBeLessThanOrEqual(crossedBy(groupedOrder(processDomain), messages));
          expect(laneCrossings(order, laneWeights(P, eventProc, edgeFrom, edgeTo))).toBe(crossedBy(order, messages));
          expect(orderLanes(processDomain, eventProc, edgeFrom, edgeTo)).toEqual(order);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('does better than alphabetical on a chain named out of order', () => {
    // Chain a - d - b - e - c (by message), names alphabetical a..e: alphabetical crosses many lanes.
    const chain = [0, 3, 1, 4, 2];
    const messages: [number, number][] = [];
    for (let i = 0; i + 1 < chain.length; i++) for (let k = 0; k < 3; k++) messages.push([chain[i]!, chain[i + 1]!]);
    const { eventProc, edgeFrom, edgeTo } = graph(messages);
    const order = orderLanes(new Uint32Array([0, 1, 2, 3, 4]), eventProc, edgeFrom, edgeTo);
    expect(crossedBy(order, messages)).toBe(0);
    expect(crossedBy([0, 1, 2, 3, 4], messages)).toBeGreaterThan(0);
  });

  it('orders 10,000 lanes and 200,000 messages quickly', () => {
    const P = 10_000;
    const messages: [number, number][] = [];
    let s = 1;
    const rnd = () => ((s = Math.imul(s, 48271) % 2147483647), s / 2147483647);
    for (let k = 0; k < 200_000; k++) {
      const a = Math.floor(rnd() * P);
      messages.push([a, (a + 1 + Math.floor(rnd() * 20)) % P]);
    }
    const { eventProc, edgeFrom, edgeTo } = graph(messages);
    const domains = Uint32Array.from({ length: P }, (_, p) => p % 300);
    const t0 = performance.now();
    const order = orderLanes(domains, eventProc, edgeFrom, edgeTo);
    const ms = performance.now() - t0;
    expect(order.length).toBe(P);
    expect(ms).toBeLessThan(3000);
    console.log(`orderLanes: 10,000 lanes, 200,000 messages in ${ms.toFixed(0)} ms`);
  });
});
