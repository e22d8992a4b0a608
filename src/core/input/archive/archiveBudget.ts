/**
 * How much archives may expand to, so that a decompression bomb is refused
 * with a clear message instead of exhausting memory. Two limits: the bytes
 * produced by all archives together (default 2 GiB), and, per archive as
 * given by the user, a ratio bomb: more than `ratioMinBytes` (100 MB) out
 * that is also more than `maxRatio` (100×) its own size. Real logs compress
 * 10-20×; only crafted input (or nested compression of zeros) passes 100×.
 * Bytes are charged as they are produced, so a bomb stops early, and sizes
 * an archive declares (gzip's ISIZE, zip's central directory) are looked at
 * before anything is inflated (`expect`), so an honest bomb costs nothing.
 */

export interface ArchiveLimits {
  maxTotalBytes: number;
  maxRatio: number;
  ratioMinBytes: number;
  /** Archives inside archives, counting the outer one as 1. */
  maxDepth: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxTotalBytes: 2 * 1024 ** 3,
  maxRatio: 100,
  ratioMinBytes: 100 * 1024 ** 2,
  maxDepth: 4,
};

/** Thrown while expanding to stop at once; reported by the caller. */
export class BudgetExceeded extends Error {}

export class ArchiveBudget {
  private total = 0;
  /** Bytes produced by the current top-level archive. */
  private current = 0;
  private currentSize = 0;
  private currentName = '';

  constructor(readonly limits: ArchiveLimits) {}

  /** Starts charging a top-level archive of `size` compressed bytes. */
  begin(name: string, size: number): void {
    this.current = 0;
    this.currentSize = size;
    this.currentName = name;
  }

  /** Gives back what the current archive used, when it is refused and its output dropped. */
  refund(): void {
    this.total -= this.current;
    this.current = 0;
  }

  /** Throws BudgetExceeded now if `n` more bytes, as declared, would pass a limit; charges nothing. */
  expect(n: number): void {
    this.check(this.current + n, this.total + n);
  }

  /** Records `n` more bytes produced; throws BudgetExceeded past a limit. */
  charge(n: number): void {
    this.current += n;
    this.total += n;
    this.check(this.current, this.total);
  }

  private check(current: number, total: number): void {
    const { maxTotalBytes, maxRatio, ratioMinBytes } = this.limits;
    if (total > maxTotalBytes) {
      throw new BudgetExceeded(`archives expand to more than ${formatBytes(maxTotalBytes)} in all; ${this.currentName} was not opened`);
    }
    if (current > ratioMinBytes && current > maxRatio * Math.max(1, this.currentSize)) {
      throw new BudgetExceeded(
        `${this.currentName} expands to more than ${formatBytes(current)} from ${formatBytes(this.currentSize)} ` +
          `(over ${maxRatio}×): refused as a likely decompression bomb`,
      );
    }
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}
