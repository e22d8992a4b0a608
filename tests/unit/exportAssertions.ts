/**
 * Assertions shared by the export tests: the happened-before relation of two
 * analyses compared through every event's vector clock, keyed by ShiViz host
 * name (the original's process names escaped as the ShiViz export does) and
 * sequence number, with the number of events of every process; and the texts,
 * which the ShiViz export flattens to one line.
 */
import { expect } from 'vitest';
import type { Analysis } from '../../src/core/analysis/analyze';
import { shivizHostName, shivizOneLine } from '../../src/core/export/exportShiviz';
import { seqOf, textOf } from '../../src/core/model/execution';

/** Every event's vector clock, keyed by escaped host name and sequence number, and events per process. */
function clockTable(a: Analysis, escape: boolean): Map<string, string>[] {
  return a.executions.map((r) => {
    const x = r.execution;
    const host = (p: number) => (escape ? shivizHostName(x.processNames[p]!) : x.processNames[p]!);
    const out = new Map<string, string>();
    const clock = new Uint32Array(x.processNames.length);
    for (let e = 0; e < x.eventCount; e++) {
      r.clocks.vc.clockOf(e, clock);
      const entries = [...clock].map((v, q) => [host(q), v] as const).filter(([, v]) => v > 0).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0));
      out.set(`${host(x.eventProc[e]!)}:${seqOf(x, e)}`, JSON.stringify(entries));
    }
    for (let p = 0; p < x.processNames.length; p++) out.set(`#events ${host(p)}`, String(x.procStart[p + 1]! - x.procStart[p]!));
    return out;
  });
}

export function expectSameHappenedBefore(original: Analysis, again: Analysis): void {
  expect(again.executions.length).toBe(original.executions.length);
  const a = clockTable(original, true);
  const b = clockTable(again, false);
  a.forEach((table, i) => expect(Object.fromEntries(b[i]!)).toEqual(Object.fromEntries(table)));
}


/** Re-imported texts are the original texts flattened by the ShiViz export. */
export function expectFlattenedTexts(original: Analysis, again: Analysis): void {
  original.executions.forEach((r, i) => {
    const x0 = r.execution;
    const x1 = again.executions[i]!.execution;
    const back = new Map<string, string>();
    for (let e = 0; e < x1.eventCount; e++) back.set(`${x1.processNames[x1.eventProc[e]!]}:${seqOf(x1, e)}`, textOf(x1, e));
    for (let e = 0; e < x0.eventCount; e++) {
      expect(back.get(`${shivizHostName(x0.processNames[x0.eventProc[e]!]!)}:${seqOf(x0, e)}`)).toBe(shivizOneLine(textOf(x0, e)));
    }
  });
}
