/**
 * ShiViz's own rule, which it does not enforce: a host's own clock entry
 * counts its events, so in program order it reads 1, 2, 3… A duplicate or a
 * jump means events are missing or a clock is wrong. Each break is reported
 * once, against the previous entry rather than the position, so one missing
 * event gives one error, not one per later event.
 */
import type { Lanes } from './clockGraph';

export interface OwnSequenceProblem {
  input: string;
  line: number;
  message: string;
}

export function checkOwnSequence(lanes: Lanes): OwnSequenceProblem[] {
  const out: OwnSequenceProblem[] = [];
  for (const [host, lane] of lanes) {
    let prevOwn = 0;
    let prevWhere = '';
    for (const ev of lane) {
      const where = `${ev.input}:${ev.line}`;
      const h = JSON.stringify(host);
      if (ev.own === prevOwn) {
        out.push({
          input: ev.input,
          line: ev.line,
          message: `host ${h} has two events with its own clock entry ${ev.own} (the other is at ${prevWhere}); each event must raise it by exactly 1`,
        });
      } else if (ev.own !== prevOwn + 1) {
        out.push({
          input: ev.input,
          line: ev.line,
          message:
            prevOwn === 0
              ? `host ${h}'s first event has its own clock entry ${ev.own}; it must start at 1 (events ${rangeText(1, ev.own - 1)} of ${h} are missing)`
              : `host ${h}'s own clock entry jumps from ${prevOwn} (at ${prevWhere}) to ${ev.own}; it must rise by exactly 1 (events ${rangeText(prevOwn + 1, ev.own - 1)} of ${h} are missing)`,
        });
      }
      prevOwn = ev.own;
      prevWhere = where;
    }
  }
  return out;
}

function rangeText(a: number, b: number): string {
  return a === b ? String(a) : `${a}–${b}`;
}
