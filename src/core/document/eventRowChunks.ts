/**
 * The analysis document's event rows written straight from the columns, in
 * chunks of about 64 K characters: no DocEvent object, no vector clock record
 * and no string per event but the row's own. It writes exactly what
 * EventRowWriter writes from the DocEvents (documentReader.test.ts and the
 * export tests hold the two to the same bytes): names, kinds and field keys
 * are escaped once, the clock delta compares the process's previous clock in
 * a typed array, and an event whose fields JSON.stringify would reorder
 * (integer-like keys) or merge (a key twice) takes the record path.
 */
import type { ExecutionResult } from '../analysis/analyze';
import { EVENT_KIND_NAMES, fieldsOf, hasTime, textOf } from '../model/execution';
import { formatIso, formatIsoFloat, toFloatMs } from '../model/eventTime';
import { eventSlots, slotCorrectionsMs } from '../offsets/domainCorrection';

const CHUNK_CHARS = 1 << 16;

export function* eventRowChunks(
  r: ExecutionResult,
  inputIndex: ReadonlyMap<string, number>,
  hoisted: readonly Record<string, string>[],
  fullClocks: boolean,
  indent: string,
): Generator<string> {
  const x = r.execution;
  const j = JSON.stringify;
  const P = x.processNames.length;
  const idPrefix = x.processNames.map((name) => j(`${name}:`).slice(0, -1)); // "name: without its closing quote
  const clockKey = x.processNames.map((name) => `${j(name)}:`);
  const kinds = EVENT_KIND_NAMES.map((k) => j(k));
  const input = x.inputs.map((name) => {
    const k = inputIndex.get(name);
    return k === undefined ? j(name) : String(k);
  });
  const corrections = slotCorrectionsMs(r.offsets, x); // per domain, or per epoch where a clock stepped
  const slots = eventSlots(r.offsets);
  // Hoisted keys per process as string ids (a key no event has is no id: nothing to skip).
  const hoistedIds: number[][] = hoisted.map((fields) => Object.keys(fields).map((k) => x.strings.find(k)).filter((id) => id >= 0));
  const keyJson = new Map<number, string | null>(); // key id → `"key":`, or null for an integer-like key
  const previous = new Uint32Array(fullClocks ? 0 : P * P);
  const clock = new Uint32Array(P);
  const vc = r.clocks.vc;
  let out = '';
  let first = true;
  for (const e of r.clocks.order) {
    const p = x.eventProc[e]!;
    const seq = e - x.procStart[p]! + 1;
    let row = `${first ? '[\n' : ',\n'}${indent}  [${idPrefix[p]}${seq}",[${input[x.eventInput[e]!]},${x.eventLine[e]}],`;
    first = false;
    if (hasTime(x, e)) {
      const digits = x.timeDigits[e]!;
      const time = formatIso(x.timeMs[e]!, x.timeNs[e]!, digits);
      const est = corrections[slots ? slots[e]! : x.processDomain[p]!]!;
      const corrected = est === 0 ? time : formatIsoFloat(toFloatMs(x.timeMs[e]!, x.timeNs[e]!) - est, Math.max(digits, 3));
      row += corrected === time ? `"${time}",null,` : `"${time}","${corrected}",`;
    } else row += 'null,null,';
    row += `${r.clocks.lamport[e]},{`;
    vc.clockOf(e, clock);
    let sep = '';
    for (let q = 0; q < P; q++) {
      const v = clock[q]!;
      if (v === 0) continue;
      if (!fullClocks) {
        if (q === p || previous[p * P + q] === v) continue;
        previous[p * P + q] = v;
      }
      row += `${sep}${clockKey[q]}${v}`;
      sep = ',';
    }
    row += `},${kinds[x.eventKind[e]!]},${j(textOf(x, e))},${fieldsJson(e, hoistedIds[p]!)}]`;
    out += row;
    if (out.length >= CHUNK_CHARS) {
      yield out;
      out = '';
    }
  }
  yield `${out}${first ? '[]' : `\n${indent}]`}`;

  function fieldsJson(e: number, skip: number[]): string {
    const start = x.fieldStart[e]!;
    const end = x.fieldStart[e + 1]!;
    let s = '{';
    for (let i = start; i < end; i++) {
      const key = x.fieldKey[i]!;
      if (skip.includes(key)) continue;
      let kj = keyJson.get(key);
      if (kj === undefined) {
        const name = x.strings.get(key);
        kj = /^\d+$/.test(name) ? null : `${j(name)}:`;
        keyJson.set(key, kj);
      }
      if (kj === null || repeated(key, start, i)) return slowFields(e, skip);
      s += `${s.length > 1 ? ',' : ''}${kj}${j(x.strings.get(x.fieldValue[i]!))}`;
    }
    return `${s}}`;
  }

  function repeated(key: number, start: number, i: number): boolean {
    for (let k = start; k < i; k++) if (x.fieldKey[k] === key) return true;
    return false;
  }

  function slowFields(e: number, skip: number[]): string {
    const fields = fieldsOf(x, e);
    for (const id of skip) delete fields[x.strings.get(id)];
    return j(fields);
  }
}
