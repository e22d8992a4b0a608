import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Execution } from '../../src/core/model/execution';
import type { DomainOffset } from '../../src/core/offsets/domainOffset';
import { emptyConstraints, solveOffsets, type OffsetResult } from '../../src/core/offsets/domainOffsets';

/**
 * The sparse offset solver (per-component Bellman–Ford from each reference,
 * both ways; a negative-cycle search that stops early) against the dense one
 * it replaced, kept here as the reference: a domain × domain table, every
 * pair relaxed in every sweep, D sweeps to find a negative cycle.
 */

interface Constraint {
  a: number;
  b: number;
  w: number;
}

const EPS = 1e-9;

function denseReference(D: number, names: string[], constraints: Constraint[], counts: Float64Array): OffsetResult {
  const w = new Float64Array(D * D).fill(Infinity);
  const via = new Int32Array(D * D).fill(-1);
  constraints.forEach(({ a, b, w: bound }, k) => {
    if (a !== b && bound < w[a * D + b]!) {
      w[a * D + b] = bound;
      via[a * D + b] = k;
    }
  });
  const component = new Int32Array(D).fill(-1);
  for (let s = 0; s < D; s++) {
    if (component[s]! >= 0) continue;
    component[s] = s;
    const stack = [s];
    while (stack.length) {
      const a = stack.pop()!;
      for (let b = 0; b < D; b++)
        if (component[b]! < 0 && (w[a * D + b] !== Infinity || w[b * D + a] !== Infinity)) {
          component[b] = s;
          stack.push(b);
        }
    }
  }
  const refOf = new Int32Array(D).fill(-1);
  for (let d = 0; d < D; d++) {
    const c = component[d]!;
    if (refOf[c]! < 0 || counts[d]! > counts[refOf[c]!]!) refOf[c] = d;
  }
  // Each connected set on its own: one whose constraints hold a negative cycle gets no bounds, the others are solved.
  const contradicted = new Uint8Array(D);
  let sets = 0;
  for (let c = 0; c < D; c++) {
    if (component[c] !== c) continue;
    const own = w.map((bound, i) => (component[Math.floor(i / D)] === c && component[i % D] === c ? bound : Infinity));
    if (denseNegativeCycle(D, own, via).length === 0) continue;
    sets++;
    for (let d = 0; d < D; d++) if (component[d] === c) contradicted[d] = 1;
  }
  const conflictEdges = sets > 0 ? denseNegativeCycle(D, w, via) : [];
  const offsets: DomainOffset[] = [];
  const shortest = (src: number, reverse: boolean) => {
    const dist = new Float64Array(D).fill(Infinity);
    dist[src] = 0;
    for (let round = 0; round < D; round++) {
      let changed = false;
      for (let a = 0; a < D; a++)
        for (let b = 0; b < D; b++) {
          const c = reverse ? w[b * D + a]! : w[a * D + b]!;
          if (c === Infinity || dist[a] === Infinity) continue;
          if (dist[a]! + c < dist[b]! - EPS) {
            dist[b] = dist[a]! + c;
            changed = true;
          }
        }
      if (!changed) break;
    }
    return dist;
  };
  for (let d = 0; d < D; d++) {
    const ref = refOf[component[d]!]!;
    if (contradicted[d]) {
      offsets.push({ reference: names[ref]!, low: null, high: null, estimate: d === ref ? 0 : null });
      continue;
    }
    const hi = shortest(ref, false)[d]!;
    const loNeg = shortest(ref, true)[d]!;
    const high = Number.isFinite(hi) ? hi : null;
    const low = Number.isFinite(loNeg) ? 0 - loNeg : null;
    const estimate = low !== null && high !== null ? (low + high) / 2 : low !== null ? Math.max(0, low) : high !== null ? Math.min(0, high) : null;
    offsets.push({ reference: names[ref]!, low, high, estimate });
  }
  // feasible estimates, dense
  const est = new Float64Array(D);
  const unreached = new Uint8Array(D);
  const lowerOnly = new Uint8Array(D);
  for (let d = 0; d < D; d++) {
    if (contradicted[d]) continue;
    const o = offsets[d]!;
    if (o.high === null) {
      unreached[d] = 1;
      est[d] = o.low === null ? 0 : Math.max(0, o.low);
    } else if (o.low === null) {
      lowerOnly[d] = 1;
      est[d] = Math.min(0, o.high);
    } else est[d] = (o.low + o.high) / 2;
  }
  for (let round = 0; round <= D; round++) {
    let changed = false;
    for (let a = 0; a < D; a++) {
      if (!unreached[a]) continue;
      for (let b = 0; b < D; b++) {
        const c = w[a * D + b]!;
        if (c !== Infinity && est[a]! < est[b]! - c - EPS) {
          est[a] = est[b]! - c;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  for (let round = 0; round <= D; round++) {
    let changed = false;
    for (let b = 0; b < D; b++) {
      if (!lowerOnly[b]) continue;
      for (let a = 0; a < D; a++) {
        const c = w[a * D + b]!;
        if (c !== Infinity && est[b]! > est[a]! + c + EPS) {
          est[b] = est[a]! + c;
          changed = true;
        }
      }
    }
    if (!changed) break;
  }
  for (let d = 0; d < D; d++) if (offsets[d]!.low !== null || offsets[d]!.high !== null) offsets[d]!.estimate = est[d]!;
  return { offsets, conflictEdges, conflictCycles: Array.from({ length: sets }, () => []), correctionMs: est, minDelayMs: 0 };
}

function denseNegativeCycle(D: number, w: Float64Array, via: Int32Array): number[] {
  if (D === 0) return [];
  const dist = new Float64Array(D);
  const pred = new Int32Array(D).fill(-1);
  let last = -1;
  for (let round = 0; round < D; round++) {
    last = -1;
    for (let a = 0; a < D; a++)
      for (let b = 0; b < D; b++) {
        const c = w[a * D + b]!;
        if (c !== Infinity && dist[a]! + c < dist[b]! - EPS) {
          dist[b] = dist[a]! + c;
          pred[b] = a;
          last = b;
        }
      }
    if (last < 0) return [];
  }
  let v = last;
  for (let i = 0; i < D; i++) v = pred[v]!;
  const edges: number[] = [];
  let u = v;
  do {
    const p = pred[u]!;
    edges.push(via[p * D + u]!);
    u = p;
  } while (u !== v && edges.length <= D);
  return edges.reverse();
}

function sparse(D: number, names: string[], constraints: Constraint[], counts: Float64Array): OffsetResult {
  const c = emptyConstraints(D);
  constraints.forEach(({ a, b, w }, k) => {
    if (a !== b) c.tighten(a, b, w, k);
  });
  return solveOffsets({ domainNames: names } as unknown as Execution, c, counts, 0);
}

/** A graph of D domains: feasible (bounds from true offsets plus a non-negative delay) or not (any weights). */
const graphArb = fc.integer({ min: 1, max: 12 }).chain((D) =>
  fc.record({
    D: fc.constant(D),
    counts: fc.array(fc.nat(5), { minLength: D, maxLength: D }),
    offsets: fc.array(fc.integer({ min: -100, max: 100 }), { minLength: D, maxLength: D }),
    feasible: fc.boolean(),
    raw: fc.array(
      fc.record({
        a: fc.nat(D - 1),
        b: fc.nat(D - 1),
        delay: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 5, noNaN: true })),
        noise: fc.integer({ min: -40, max: 40 }),
      }),
      { maxLength: 3 * D },
    ),
  }),
);

function constraintsOf(g: { offsets: number[]; feasible: boolean; raw: { a: number; b: number; delay: number; noise: number }[] }): Constraint[] {
  // off(b) − off(a) ≤ w holds for the true offsets when w = off(b) − off(a) + delay, delay ≥ 0
  return g.raw.map(({ a, b, delay, noise }) => ({ a, b, w: g.offsets[b]! - g.offsets[a]! + delay + (g.feasible ? 0 : noise) }));
}

describe('sparse clock offsets', () => {
  it('give exactly the dense solver\'s bounds, estimates and corrections, and find a negative cycle in exactly the connected sets that hold one', () => {
    fc.assert(
      fc.property(graphArb, (g) => {
        const names = Array.from({ length: g.D }, (_, d) => `d${String(d).padStart(2, '0')}`);
        const counts = Float64Array.from(g.counts);
        const constraints = constraintsOf(g);
        const want = denseReference(g.D, names, constraints, counts);
        const got = sparse(g.D, names, constraints, counts);
        expect(got.offsets).toEqual(want.offsets);
        expect(Array.from(got.correctionMs!)).toEqual(Array.from(want.correctionMs!));
        expect(got.conflictEdges.length > 0).toBe(want.conflictEdges.length > 0);
        // One cycle per connected set that holds one, each in its own set.
        expect(got.conflictCycles!.length).toBe(want.conflictCycles!.length);
        if (got.conflictEdges.length === 0) return;
        expect(got.conflictCycles![0]).toEqual(got.conflictEdges);
        // The cycle found may be another one than the dense solver's (it stops early), but it is one:
        // each edge the tightest of its pair, joined end to start, summing below zero.
        const tightest = new Map<string, number>();
        constraints.forEach(({ a, b, w }, k) => {
          const key = `${a},${b}`;
          if (a !== b && !(constraints[tightest.get(key) ?? -1]?.w! <= w)) tightest.set(key, k);
        });
        const references = new Set<string>();
        for (const cycle of got.conflictCycles!) {
          let sum = 0;
          cycle.forEach((k, i) => {
            const c = constraints[k]!;
            const next = constraints[cycle[(i + 1) % cycle.length]!]!;
            expect(c.b).toBe(next.a);
            expect(tightest.get(`${c.a},${c.b}`)).toBe(k);
            sum += c.w;
          });
          expect(sum).toBeLessThan(0);
          references.add(got.offsets[constraints[cycle[0]!]!.a]!.reference);
        }
        expect(references.size).toBe(got.conflictCycles!.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('feasible graphs always agree with the dense solver, however the components fall', () => {
    fc.assert(
      fc.property(graphArb, (g) => {
        const names = Array.from({ length: g.D }, (_, d) => `d${d}`);
        const counts = Float64Array.from(g.counts);
        const constraints = constraintsOf({ ...g, feasible: true });
        const want = denseReference(g.D, names, constraints, counts);
        const got = sparse(g.D, names, constraints, counts);
        expect(want.conflictEdges).toEqual([]);
        expect(got.conflictEdges).toEqual([]);
        expect(got.offsets).toEqual(want.offsets);
        expect(Array.from(got.correctionMs!)).toEqual(Array.from(want.correctionMs!));
      }),
      { numRuns: 1000 },
    );
  });

  it('solves ten thousand domains, most of them unconnected, without a domain × domain table', () => {
    const D = 10_000;
    const names = Array.from({ length: D }, (_, d) => `host-${String(d).padStart(5, '0')}`);
    const counts = new Float64Array(D).fill(1);
    counts[5000] = 2; // the reference of the chain below
    // a chain 5000 → 5001 → … → 5999 with bounds 1 ms each way, and a 3-cycle of zero weight elsewhere
    const c = emptyConstraints(D);
    let k = 0;
    for (let d = 5000; d < 5999; d++) {
      c.tighten(d, d + 1, 1, k++);
      c.tighten(d + 1, d, 1, k++);
    }
    c.tighten(10, 20, 0, k++);
    c.tighten(20, 30, 0, k++);
    c.tighten(30, 10, 0, k++);
    const r = solveOffsets({ domainNames: names } as unknown as Execution, c, counts, 0);
    expect(r.conflictEdges).toEqual([]);
    expect(r.offsets[5999]).toEqual({ reference: 'host-05000', low: -999, high: 999, estimate: 0 });
    expect(r.offsets[7000]).toEqual({ reference: 'host-07000', low: 0, high: 0, estimate: 0 }); // its own reference
    expect(r.offsets[30]).toEqual({ reference: 'host-00010', low: 0, high: 0, estimate: 0 });
    // one contradictory pair among the ten thousand is found and named
    c.tighten(5999, 5998, -2, k++);
    const bad = solveOffsets({ domainNames: names } as unknown as Execution, c, counts, 0);
    expect(bad.conflictEdges.sort((p, q) => p - q)).toEqual([1996, k - 1]);
  });
});
