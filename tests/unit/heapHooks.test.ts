import { describe, expect, it } from 'vitest';
import { heapHooks } from '../../src/cli/heapHooks';

/**
 * The CLI's analysis hooks collect dead typed arrays at an execution's stage
 * ends (when its clocks are known, and at its checkpoint after that), not at
 * the read's checkpoints.
 */
describe('heapHooks', () => {
  const dropArrays = () => {
    // 48 MB of arrays, dropped at once: V8 alone would wait for 64 MB more before it collects them.
    let kept: Uint8Array[] | null = Array.from({ length: 48 }, () => new Uint8Array(1 << 20).fill(1));
    const held = kept.reduce((s, a) => s + a[0]!, 0);
    kept = null;
    return held;
  };

  it('frees dropped arrays when the clocks are known and at the checkpoint that ends the execution', () => {
    const hooks = heapHooks();
    expect(dropArrays()).toBe(48);
    const before = process.memoryUsage().arrayBuffers;
    hooks.onClocked!(0, undefined as never);
    expect(process.memoryUsage().arrayBuffers).toBeLessThan(before - (40 << 20));
    expect(dropArrays()).toBe(48);
    const again = process.memoryUsage().arrayBuffers;
    void hooks.checkpoint!();
    expect(process.memoryUsage().arrayBuffers).toBeLessThan(again - (40 << 20));
  });

  it('collects nothing at the read’s checkpoints (before any clocks)', () => {
    const hooks = heapHooks();
    expect(dropArrays()).toBe(48);
    const before = process.memoryUsage().arrayBuffers;
    void hooks.checkpoint!();
    expect(process.memoryUsage().arrayBuffers).toBeGreaterThan(before - (8 << 20));
  });
});
