/**
 * The reading report (core/read/readingReport.ts) as the page's inputs
 * table shows it: the share of lines read with a time, the time layout and
 * where it stands, the source column, and the choices the page offers per
 * input (a time zone, a source column). Plain strings: the table writes
 * them as text, never as HTML.
 */
import type { ReadingReport } from '../../core/read/readingReport';

/** The share of lines that could hold an event (not blank, not continuation) read with a time, 0..1; 1 when there are none. */
export function linesTimedShare(r: ReadingReport): number {
  const lines = r.timed + r.untimed + r.skipped;
  return lines === 0 ? 1 : r.timed / lines;
}

/** "97.3 %": rounded down, so only a complete input says 100 %; "—" when no line could hold an event. */
export function formatShare(r: ReadingReport): string {
  if (r.timed + r.untimed + r.skipped === 0) return '—';
  const share = linesTimedShare(r);
  if (share === 1) return '100 %';
  const tenths = Math.floor(share * 1000) / 10;
  return `${Number.isInteger(tenths) ? tenths : tenths.toFixed(1)} %`;
}

/** Whether the table warns about the input: lines it could not give a time to. */
export function timedWarning(r: ReadingReport): boolean {
  return linesTimedShare(r) < 1;
}

/** Why the warning is shown, as a title. */
export function timedTitle(r: ReadingReport): string {
  const lines = r.timed + r.untimed + r.skipped;
  const parts = [`${r.timed} of ${lines} line${lines === 1 ? '' : 's'} read with a time`];
  if (r.untimed > 0) parts.push(`${r.untimed} read without one (logical order only)`);
  if (r.skipped > 0) parts.push(`${r.skipped} not read`);
  if (r.noTimeReason) parts.push(r.noTimeReason);
  return parts.join('; ');
}

/** "ISO-8601 @ 0" (characters from the line start), "epoch @ ts" (a layout in a field), "field ts" (a field read by value); "—" when neither is known. */
export function formatLayout(r: ReadingReport): string {
  const label = r.timeLayoutLabel ?? r.timeLayout;
  if (label == null) return typeof r.timePosition === 'string' ? `field ${r.timePosition}` : '—';
  return r.timePosition === undefined ? label : `${label} @ ${r.timePosition}`;
}

/** The source column and how many processes it gave: "field host (3)"; "—" when the input is one source. */
export function formatSource(r: ReadingReport): string {
  if (r.sourceColumn === undefined) return '—';
  return r.sources === undefined ? r.sourceColumn : `${r.sourceColumn} (${r.sources})`;
}

/** What the source cell's title says: the other columns that could name sources, where there are. */
export function sourceTitle(r: ReadingReport): string {
  const others = sourceChoices(r).filter((c) => c !== r.sourceColumn);
  return others.length === 0 ? 'No other column could name sources' : `Could also name sources: ${others.join(', ')} (pick one in the reading settings)`;
}

/** The source columns the user may pick for the input: the chosen one and the other candidates, in that order. */
export function sourceChoices(r: ReadingReport): string[] {
  const out: string[] = [];
  for (const c of [r.sourceColumn, ...(r.sourceCandidates ?? [])]) if (c !== undefined && c !== '' && c !== 'none' && !out.includes(c)) out.push(c);
  return out;
}

/** Whether a zone set for the input would change anything: it has times written without a zone. */
export function zoneApplies(r: ReadingReport): boolean {
  return r.zone !== undefined && r.zone !== 'in the data';
}

/** Zones offered in the zone field's list (any IANA name or offset may be typed). */
export const COMMON_ZONES = ['UTC', '+01:00', '+02:00', '-05:00', 'Europe/Berlin', 'Europe/London', 'America/New_York', 'America/Los_Angeles', 'Asia/Tokyo', 'Asia/Kolkata'];
