/**
 * An execution's events as whole DocEvents, in causal order (the clocks'
 * order): each with its whole vector clock (processes at 0 left out), its
 * time and its time corrected by its domain's offset. What the in-memory
 * document and the other exports read; the JSON document writes its rows
 * from the columns instead (eventRowBytes.ts).
 */
import type { ExecutionResult } from '../analysis/analyze';
import { CHUNK_SHIFT, endOf } from '../base/chunkedStrings';
import { EVENT_KIND_NAMES, eventId, fieldsOf, hasTime, seqOf, type Execution } from '../model/execution';
import { formatIso, formatIsoFloat, toFloatMs } from '../model/eventTime';
import { eventCorrectionMs } from '../offsets/domainCorrection';
import type { DocEvent } from './docEvent';

export function* docEvents(r: ExecutionResult): Generator<DocEvent> {
  const x = r.execution;
  const P = x.processNames.length;
  const clock = new Uint32Array(P);
  for (const e of r.clocks.order) {
    const p = x.eventProc[e]!;
    r.clocks.vc.clockOf(e, clock);
    const vc: Record<string, number> = Object.create(null); // a process may be named __proto__
    for (let q = 0; q < P; q++) if (clock[q]! > 0) vc[x.processNames[q]!] = clock[q]!;
    let time: string | null = null;
    let corrected: string | null = null;
    if (hasTime(x, e)) {
      const digits = x.timeDigits[e]!;
      time = formatIso(x.timeMs[e]!, x.timeNs[e]!, digits);
      const est = eventCorrectionMs(r.offsets, x, e);
      corrected = est === 0 ? time : formatIsoFloat(toFloatMs(x.timeMs[e]!, x.timeNs[e]!) - est, Math.max(digits, 3));
    }
    yield {
      id: eventId(x, e),
      process: x.processNames[p]!,
      seq: seqOf(x, e),
      source: { input: x.inputs[x.eventInput[e]!]!, line: x.eventLine[e]! },
      time,
      correctedTime: corrected,
      lamport: r.clocks.lamport[e]!,
      vc,
      kind: EVENT_KIND_NAMES[x.eventKind[e]!]!,
      text: textInChunk(x, e),
      fields: fieldsOf(x, e),
    };
  }
}

/**
 * textOf(x, e) read through its chunk of 256 (Execution.textChunks.at), for
 * writers that read every text in causal order: texts kept as positions in
 * their files are then read back a chunk at a time (a process's next texts
 * are in the chunk kept), not each alone.
 */
export function textInChunk(x: Execution, e: number): string {
  const chunk = x.textChunks.at(e >>> CHUNK_SHIFT)!;
  return chunk.slice(x.textStart[e]!, endOf(chunk, x.textStart, x.eventCount, e));
}
