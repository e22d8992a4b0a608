/** Timing, statistics and memory helpers for the bench (Node side). */

export function now(): number {
  return performance.now();
}

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
}

/** Rounds to about 3 significant digits (keeps JSON diffs quiet). */
export function sig(v: number, digits = 3): number {
  if (!Number.isFinite(v) || v === 0) return v;
  const p = Math.pow(10, digits - 1 - Math.floor(Math.log10(Math.abs(v))));
  return p >= 1 ? Math.round(v * p) / p : Math.round(v / (1 / p)) * (1 / p);
}

/** Full GC when node runs with --expose-gc; a no-op otherwise. */
export function gc(): void {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) {
    g();
    g();
  }
}

export function hasGc(): boolean {
  return typeof (globalThis as { gc?: unknown }).gc === 'function';
}

/** JS heap plus array buffers (typed arrays live there), after a full GC. */
export function liveBytes(): number {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/** Runs f `runs` times and returns the per-run ms. */
export async function timeRuns(runs: number, f: () => unknown): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = now();
    await f();
    out.push(now() - t0);
  }
  return out;
}

export function log(msg: string): void {
  process.stderr.write(`[bench] ${msg}\n`);
}
