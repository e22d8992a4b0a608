/**
 * A stamp (UTC epoch ms) written in the layouts real hosts use: ISO-8601
 * with Z, ISO-8601 at a zone offset (the same instant in local time), epoch
 * milliseconds, and Python logging's `YYYY-MM-DD HH:MM:SS,mmm` (no zone:
 * read as UTC). Every layout keeps whole milliseconds, so none loses what
 * another keeps.
 */
export type TimeLayout = 'iso-z' | 'iso-offset' | 'epoch-ms' | 'python';
export const TIME_LAYOUTS: readonly TimeLayout[] = ['iso-z', 'iso-offset', 'epoch-ms', 'python'];

/** The zone the iso-offset layout writes in, minutes east of UTC. */
const OFFSET_MIN = 120;

export function writeStamp(ms: number, layout: TimeLayout): string {
  switch (layout) {
    case 'iso-z':
      return new Date(ms).toISOString();
    case 'iso-offset': {
      const local = new Date(ms + OFFSET_MIN * 60_000).toISOString().slice(0, 23);
      const sign = OFFSET_MIN >= 0 ? '+' : '-';
      const a = Math.abs(OFFSET_MIN);
      return `${local}${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
    }
    case 'epoch-ms':
      return String(ms);
    case 'python': {
      const iso = new Date(ms).toISOString();
      return `${iso.slice(0, 10)} ${iso.slice(11, 19)},${iso.slice(20, 23)}`;
    }
  }
}
