/**
 * How much input the page accepts before reading a byte of it. The worker
 * holds every input's bytes and then its decoded text (up to twice as many
 * bytes again for UTF-16 strings) plus the columns of the analysis, so a tab
 * needs several times the input size. Past the limit the page refuses, naming
 * the files and sizes, rather than letting the tab crash.
 *
 *  - Total: 1.5 GiB, or a quarter of the device's memory where the browser
 *    says (navigator.deviceMemory, in GiB, which Chromium caps at 8 and rounds
 *    down, so a small device gets less).
 *  - Per file: 500 MiB, as each input is decoded into one string and V8 caps
 *    strings near 512 Mi characters.
 */
import { formatBytes } from '../format/formatBytes';

export const MAX_TOTAL_BYTES = 1.5 * 2 ** 30;
export const MAX_FILE_BYTES = 500 * 2 ** 20;

export interface SizedFile {
  name: string;
  size: number;
}

/** The total limit for a device with this much memory (GiB; undefined when unknown). */
export function totalLimit(deviceMemoryGiB: number | undefined): number {
  if (deviceMemoryGiB === undefined || !(deviceMemoryGiB > 0)) return MAX_TOTAL_BYTES;
  return Math.min(MAX_TOTAL_BYTES, (deviceMemoryGiB * 2 ** 30) / 4);
}

/** Null when the files fit; else the message to show. */
export function refuseTooLarge(files: SizedFile[], deviceMemoryGiB?: number): string | null {
  const limit = totalLimit(deviceMemoryGiB);
  const big = files.filter((f) => f.size > MAX_FILE_BYTES);
  const total = files.reduce((s, f) => s + f.size, 0);
  const list = (fs: SizedFile[]) =>
    fs
      .slice()
      .sort((a, b) => b.size - a.size)
      .slice(0, 5)
      .map((f) => `${f.name} (${formatBytes(f.size)})`)
      .join(', ');
  if (big.length > 0) {
    return (
      `Too large to analyze in this tab: ${list(big)}${big.length > 5 ? ` and ${big.length - 5} more` : ''}. ` +
      `Each file may be at most ${formatBytes(MAX_FILE_BYTES)}; split it, or use the CLI (npx causeway analyze).`
    );
  }
  if (total > limit) {
    return (
      `Too large to analyze in this tab: ${files.length} ${files.length === 1 ? 'file' : 'files'}, ${formatBytes(total)} in all (largest: ${list(files)}). ` +
      `This device allows ${formatBytes(limit)}; analyze fewer files at a time, or use the CLI (npx causeway analyze).`
    );
  }
  return null;
}
