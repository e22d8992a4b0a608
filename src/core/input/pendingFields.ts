/**
 * Fields read before their event is begun: a reader that takes the event's
 * process from its fields (a `service=` source, textSource.ts) scans them
 * first, then begins the event and adds them. Reused line after line.
 */
import type { ExecutionBuilder } from '../model/executionBuilder';

export class PendingFields {
  readonly keys: number[] = [];
  readonly values: number[] = [];
  n = 0;

  push(key: number, value: number): void {
    this.keys[this.n] = key;
    this.values[this.n] = value;
    this.n++;
  }

  /** The value of the first field with this key, or -1. */
  valueOf(key: number): number {
    const keys = this.keys;
    for (let i = 0; i < this.n; i++) if (keys[i] === key) return this.values[i]!;
    return -1;
  }

  /** Adds the fields to the event begun last, and empties. */
  flush(b: ExecutionBuilder): void {
    const { keys, values } = this;
    for (let i = 0; i < this.n; i++) b.addFieldId(keys[i]!, values[i]!);
    this.n = 0;
  }
}
