/**
 * The worker's life, held as a Web Lock: the worker takes a lock of its own
 * and tells the page its name; the page asks for the same lock, which it is
 * granted the moment the worker is gone (terminated from inside, crashed,
 * killed for memory), however busy it was before. A busy worker keeps it:
 * long synchronous work is never mistaken for death, as a missed heartbeat
 * would be. Where Web Locks are missing the page relies on error events.
 */
import type { LifeMessage } from './protocol';

export function holdLife(): void {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!locks) return;
  const name = `causeway-worker-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  void locks.request(name, () => {
    (globalThis as unknown as { postMessage(m: LifeMessage): void }).postMessage({ causewayLife: name });
    return new Promise<never>(() => {});
  });
}
