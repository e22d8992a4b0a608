/**
 * An input as the CLI gives a regular file: streamed in pieces of the given
 * sizes (taken in turn), and readable again at a position (`reread`), so its
 * texts may be kept as positions (fileTexts.ts). `shorter`: the file is found
 * half as long when read again (a file truncated during the run).
 */
import type { InputBytes } from '../../src/core/model/fileTexts';
import type { AnalyzeInput } from '../../src/core/read/analyzeInput';

export function rereadableInput(name: string, bytes: Uint8Array, sizes: readonly number[], shorter = false): AnalyzeInput & { reread: InputBytes } {
  const have = shorter ? bytes.subarray(0, Math.floor(bytes.length / 2)) : bytes;
  return {
    name,
    size: bytes.length,
    async *stream() {
      for (let at = 0, k = 0; at < bytes.length; k++) {
        const n = Math.max(1, sizes[k % sizes.length]!);
        yield bytes.slice(at, at + n);
        at += n;
      }
    },
    reread: {
      name,
      read(into, offset, length, position) {
        const part = have.subarray(position, Math.min(have.length, position + length));
        into.set(part, offset);
        return part.length;
      },
    },
  };
}
