/**
 * How much input the page accepts before reading a byte of it. Inputs are
 * read as streams, so no file becomes one string; what stays is the analysis:
 * each event's columns (~200 bytes) and its text, about 2–3 times the input
 * in all. Past the limit the page refuses, naming the files and sizes, rather
 * than letting the tab crash.
 *
 *  - Total: 1.5 GiB, or a quarter of the device's memory where the browser
 *    says (navigator.deviceMemory, in GiB, which Chromium caps at 8 and rounds
 *    down, so a small device gets less).
 *  - No separate per-file limit: formats read as one document (ShiViz,
 *    Kubernetes JSON/YAML, traces) are capped at 256 MB each by the core,
 *    which says so in a diagnostic and reads the other files.
 */
import { formatBytes } from '../format/formatBytes';

export const MAX_TOTAL_BYTES = 1.5 * 2 ** 30;

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
  const total = files.reduce((s, f) => s + f.size, 0);
  const list = (fs: SizedFile[]) =>
    fs
      .slice()
      .sort((a, b) => b.size - a.size)
      .slice(0, 5)
      .map((f) => `${f.name} (${formatBytes(f.size)})`)
      .join(', ');
  if (total > limit) {
    return (
      `Too large to analyze in this tab: ${files.length} ${files.length === 1 ? 'file' : 'files'}, ${formatBytes(total)} in all (largest: ${list(files)}). ` +
      `This device allows ${formatBytes(limit)}; analyze fewer files at a time, or use the CLI (npx causeway analyze).`
    );
  }
  return null;
}
