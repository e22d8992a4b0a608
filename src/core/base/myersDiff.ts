/**
 * A shortest edit script between two sequences of integer tokens: Myers'
 * O(ND) algorithm in its linear-space form ("An O(ND) Difference Algorithm
 * and Its Variations", 1986, section 4b). The common prefix and suffix are
 * trimmed, then the middle snake of the rest is found by running the forward
 * and the backward search together, and both halves around it are solved the
 * same way. Time is O((N+M)·D) and memory O(N+M), so two runs of 20,000
 * events that differ in a few places align in a few milliseconds.
 *
 * Runs that differ everywhere would cost (N+M)² steps: a subproblem whose
 * middle snake is not found within `maxHalfD` steps of each search (an edit
 * distance over 2·maxHalfD) is given up and its tokens are all left
 * unmatched; `coarse` says so. The script is then still valid, only not the
 * shortest. The search loop costs O(maxHalfD²) at most, about 2·10⁷ simple
 * steps at the default (0.4 s for two disjoint lanes of 20,000).
 */

export interface Alignment {
  /** 1 where token i of A is matched to a token of B (a longest common subsequence when not coarse). */
  matchedA: Uint8Array;
  matchedB: Uint8Array;
  /** Some part was too different to align within the work budget and was left unmatched whole. */
  coarse: boolean;
}

/** Steps of each search (half the edit distance) a subproblem may take before it is given up. */
export const DEFAULT_MAX_HALF_D = 3_000;

export function myersDiff(a: ArrayLike<number>, b: ArrayLike<number>, maxHalfD = DEFAULT_MAX_HALF_D): Alignment {
  const n = a.length;
  const m = b.length;
  const matchedA = new Uint8Array(n);
  const matchedB = new Uint8Array(m);
  // Diagonals k in [-(n+m), n+m], offset so they index from 0; +2 for the k±1 reads at the edges.
  const offset = n + m + 1;
  const vf = new Int32Array(2 * offset + 1);
  const vb = new Int32Array(2 * offset + 1);
  let coarse = false;
  const snake = { x: 0, y: 0, u: 0, v: 0, d: 0 };

  /** Finds the middle snake of a[aLo,aHi) × b[bLo,bHi) (both non-empty, ends differing) into `snake`; false when past the budget. */
  function middleSnake(aLo: number, aHi: number, bLo: number, bHi: number): boolean {
    const N = aHi - aLo;
    const M = bHi - bLo;
    const delta = N - M;
    const odd = (delta & 1) !== 0;
    const maxD = Math.ceil((N + M) / 2);
    const budget = Math.min(maxD, maxHalfD);
    vf[offset + 1] = 0;
    vb[offset + 1] = 0;
    for (let d = 0; d <= maxD; d++) {
      if (d > budget) return false;
      for (let k = -d; k <= d; k += 2) {
        let x = k === -d || (k !== d && vf[offset + k - 1]! < vf[offset + k + 1]!) ? vf[offset + k + 1]! : vf[offset + k - 1]! + 1;
        let y = x - k;
        const x0 = x;
        const y0 = y;
        while (x < N && y < M && a[aLo + x] === b[bLo + y]) x++, y++;
        vf[offset + k] = x;
        if (odd && k >= delta - (d - 1) && k <= delta + (d - 1) && x + vb[offset + delta - k]! >= N) {
          snake.x = x0;
          snake.y = y0;
          snake.u = x;
          snake.v = y;
          snake.d = 2 * d - 1;
          return true;
        }
      }
      for (let k = -d; k <= d; k += 2) {
        // Reversed coordinates: xr tokens taken from the end of A, yr from the end of B.
        let xr = k === -d || (k !== d && vb[offset + k - 1]! < vb[offset + k + 1]!) ? vb[offset + k + 1]! : vb[offset + k - 1]! + 1;
        let yr = xr - k;
        const xr0 = xr;
        const yr0 = yr;
        while (xr < N && yr < M && a[aHi - 1 - xr] === b[bHi - 1 - yr]) xr++, yr++;
        vb[offset + k] = xr;
        const kf = delta - k;
        if (!odd && kf >= -d && kf <= d && xr + vf[offset + kf]! >= N) {
          snake.x = N - xr;
          snake.y = M - yr;
          snake.u = N - xr0;
          snake.v = M - yr0;
          snake.d = 2 * d;
          return true;
        }
      }
    }
    return false; // not reached: the paths meet by d = ceil((N+M)/2)
  }

  // An explicit stack of subproblems, so deep recursion cannot overflow.
  const stack: number[] = [0, n, 0, m];
  while (stack.length > 0) {
    let bHi = stack.pop()!;
    let bLo = stack.pop()!;
    let aHi = stack.pop()!;
    let aLo = stack.pop()!;
    while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) matchedA[aLo++] = matchedB[bLo++] = 1;
    while (aLo < aHi && bLo < bHi && a[aHi - 1] === b[bHi - 1]) matchedA[--aHi] = matchedB[--bHi] = 1;
    if (aLo === aHi || bLo === bHi) continue;
    if (!middleSnake(aLo, aHi, bLo, bHi)) {
      coarse = true;
      continue;
    }
    const { x, y, u, v } = snake;
    for (let i = 0; i < u - x; i++) matchedA[aLo + x + i] = matchedB[bLo + y + i] = 1;
    stack.push(aLo, aLo + x, bLo, bLo + y);
    stack.push(aLo + u, aHi, bLo + v, bHi);
  }
  return { matchedA, matchedB, coarse };
}
