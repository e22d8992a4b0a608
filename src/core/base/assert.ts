/** Broken invariants throw; expected failures are diagnostics (see diagnostics.ts). */
export function assert(cond: unknown, message = 'assertion failed'): asserts cond {
  if (!cond) throw new Error(`Causeway invariant: ${message}`);
}

export function assertUnreachable(x: never): never {
  throw new Error(`Causeway invariant: unreachable value ${String(x)}`);
}
