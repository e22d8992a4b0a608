/**
 * How the comparison's Myers diff scales: long token sequences edited in a
 * few places (near linear in N for a fixed number of edits), and how the
 * time grows with the number of edits (O(N·D)). Also one completely
 * different pair, which is given up past the budget. Run:
 *   npx esbuild scripts/measure/diffScaling.ts --bundle --platform=node --format=esm --outfile=/tmp/diffScaling.mjs && node /tmp/diffScaling.mjs
 */
import { myersDiff } from '../../src/core/base/myersDiff';

function edited(n: number, edits: number, seed: number): [Int32Array, Int32Array] {
  let s = seed;
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  const a = Int32Array.from({ length: n }, () => Math.floor(rand() * 40));
  const b: number[] = [...a];
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(rand() * b.length);
    const op = i % 3;
    if (op === 0) b.splice(at, 0, 1000 + i);
    else if (op === 1) b.splice(at, 1);
    else b[at] = 2000 + i;
  }
  return [a, Int32Array.from(b)];
}

function time(a: Int32Array, b: Int32Array): { ms: number; unmatched: number; coarse: boolean } {
  let best = Infinity;
  let r = myersDiff(a, b);
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    r = myersDiff(a, b);
    best = Math.min(best, performance.now() - t);
  }
  const unmatched = r.matchedA.length + r.matchedB.length - 2 * r.matchedA.reduce((x, v) => x + v, 0);
  return { ms: best, unmatched, coarse: r.coarse };
}

console.log('N per side, edits, ms, unmatched tokens');
for (const n of [5_000, 20_000, 80_000, 320_000]) {
  const [a, b] = edited(n, 10, 7);
  const t = time(a, b);
  console.log(`${n}\t10\t${t.ms.toFixed(2)}\t${t.unmatched}`);
}
for (const edits of [1, 10, 100, 1000]) {
  const [a, b] = edited(20_000, edits, 11);
  const t = time(a, b);
  console.log(`20000\t${edits}\t${t.ms.toFixed(2)}\t${t.unmatched}`);
}
const far = time(Int32Array.from({ length: 20_000 }, (_, i) => i), Int32Array.from({ length: 20_000 }, (_, i) => 100_000 + i));
console.log(`20000 vs 20000 disjoint: ${far.ms.toFixed(0)} ms, coarse ${far.coarse}`);
