/**
 * The comparison view's state: which two executions are compared, whether
 * numbers and ids are ignored in event texts, and the diff (per-event marks
 * for each side as typed arrays, per-process status), computed in the worker.
 */
import type { ExecutionDiff } from '../../core/session/executionDiff';
import type { StateHost } from './stateHost';

export class CompareState {
  a = $state(0);
  b = $state(1);
  ignoreNumbers = $state(true);
  diff = $state.raw<ExecutionDiff | null>(null);
  busy = $state(false);

  constructor(private readonly app: StateHost) {}

  reset(): void {
    this.diff = null;
  }

  async run(): Promise<void> {
    const n = this.app.result?.lanes.length ?? 0;
    if (n < 2 || this.a === this.b || this.a >= n || this.b >= n) {
      this.diff = null;
      return;
    }
    this.busy = true;
    try {
      this.diff = await this.app.client.compare(this.a, this.b, { ignoreNumbers: this.ignoreNumbers });
    } catch (err) {
      this.app.failed(err);
    } finally {
      this.busy = false;
    }
  }

  async set(patch: { a?: number; b?: number; ignoreNumbers?: boolean }): Promise<void> {
    if (patch.a !== undefined) this.a = patch.a;
    if (patch.b !== undefined) this.b = patch.b;
    if (patch.ignoreNumbers !== undefined) this.ignoreNumbers = patch.ignoreNumbers;
    await this.run();
  }
}
