import type { PartResult } from '../parallel/partResult';

/**
 * Parts still being read elsewhere: the inputs given to each reader, and the
 * parts when they are done. The read stage goes on with the other inputs and
 * waits for the parts only when it reaches one of these inputs.
 */
export interface PendingParts {
  inputs: readonly string[];
  parts(): Promise<readonly PartResult[]>;
}
