/**
 * Whether the wall-clock axes (raw, corrected) mean anything for a lane
 * diagram, and what their buttons say when they do not. Without a single
 * timed event there is no time axis: the diagram stays logical and the raw
 * and corrected buttons are off, titled with the reasons the reading report
 * gave (an input no time layout reads, a time field that never parsed).
 * Lanes with no timed event at all are named in the title: on a time axis
 * their events can only be placed between others, not by time.
 */
import type { LaneData } from './laneData';

export interface TimeAxes {
  /** Whether any event has a time: the raw and corrected axes can be drawn. */
  available: boolean;
  /** Processes with events, none of which has a time. */
  untimedLanes: string[];
  /** What the raw and corrected buttons add to their title; '' when every lane has times. */
  note: string;
}

/** Lanes named in a note before "and N more". */
const NAMED = 3;

/** `reasons`: per input without times, "name: why" (ReadingReport.noTimeReason). */
export function timeAxesOf(d: Pick<LaneData, 'timeMs' | 'procStart' | 'processNames'>, reasons: readonly string[]): TimeAxes {
  const untimedLanes: string[] = [];
  let timed = false;
  for (let p = 0; p < d.processNames.length; p++) {
    const s = d.procStart[p]!;
    const t = d.procStart[p + 1]!;
    let any = false;
    for (let e = s; e < t && !any; e++) any = !Number.isNaN(d.timeMs[e]!);
    if (any) timed = true;
    else if (t > s) untimedLanes.push(d.processNames[p]!);
  }
  const why = reasons.length > 0 ? reasons.join('; ') : 'no event has a time';
  if (!timed) return { available: false, untimedLanes, note: `No time axis: ${why}.` };
  if (untimedLanes.length === 0) return { available: true, untimedLanes, note: '' };
  const named = untimedLanes.slice(0, NAMED).join(', ') + (untimedLanes.length > NAMED ? ` and ${untimedLanes.length - NAMED} more` : '');
  const lanes = untimedLanes.length === 1 ? 'lane' : 'lanes';
  return {
    available: true,
    untimedLanes,
    note: `No time on the ${lanes} ${named}${reasons.length > 0 ? ` (${why})` : ''}: on this axis their events are only placed between others, not by time.`,
  };
}
