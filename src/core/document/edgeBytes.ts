/**
 * The analysis document's edges written straight from the execution's edge
 * columns into a ByteSink, each line the bytes JSON.stringify writes for the
 * DocEdge that docExecution makes of it (from, to, rule, key, then `match`
 * where the matcher had a choice): no object and no id string per edge.
 * documentReader.test.ts holds the two to the same bytes.
 */
import type { ExecutionResult } from '../analysis/analyze';
import { eventId } from '../model/execution';
import { putBytes, putNumber, NUMBER_BYTES, utf8, type ByteSink } from './byteSink';

/** Writes the edges' list (from `[` to `]`, lines indented by `indent` and two spaces) into sink, yielding chunks as they fill. */
export function* edgeBytes(r: ExecutionResult, indent: string, sink: ByteSink): Generator<Uint8Array> {
  const x = r.execution;
  const j = JSON.stringify;
  const { edgeFrom, edgeTo, edgeRule, edgeKey, eventProc, procStart, strings } = x;
  const ignored = r.clocks.edgeIgnored;
  const ids = x.processNames.map((name) => j(`${name}:`).slice(0, -1)); // "name: without its closing quote
  const idPrefix = ids.map((id) => utf8(id));
  // A line's start up to its sender's seq, per process: `,\n        {"from":"name:` (the first line's opens the list).
  const first = ids.map((id) => utf8(`[\n${indent}  {"from":${id}`));
  const next = ids.map((id) => utf8(`,\n${indent}  {"from":${id}`));
  let longest = 0;
  for (const b of first) longest = Math.max(longest, b.length);
  const to = utf8(`","to":`);
  // Per rule, `","rule":"name","key":` (a run of edges of one rule reads the map once).
  const rules = new Map<number, Uint8Array>();
  let lastRule = -1;
  let ruleBytes: Uint8Array = new Uint8Array(0);
  // Where a key lies in its chunk of the string table: no string made per edge (StringTable.locate).
  const span = new Int32Array(2);
  let any = false;
  for (let k = 0; k < x.edgeCount; k++) {
    if (ignored[k]) continue;
    const from = edgeFrom[k]!;
    const until = edgeTo[k]!;
    sink.room(2 * (longest + NUMBER_BYTES) + to.length);
    const buf = sink.buf;
    const p = eventProc[from]!;
    let pos = putBytes(buf, sink.pos, any ? next[p]! : first[p]!);
    any = true;
    pos = putNumber(buf, pos, from - procStart[p]! + 1);
    pos = putBytes(buf, pos, to);
    const q = eventProc[until]!;
    pos = putBytes(buf, pos, idPrefix[q]!);
    pos = putNumber(buf, pos, until - procStart[q]! + 1);
    sink.pos = pos;
    const ruleId = edgeRule[k]!;
    if (ruleId !== lastRule) {
      let rb = rules.get(ruleId);
      if (rb === undefined) rules.set(ruleId, (rb = utf8(`","rule":${j(strings.get(ruleId))},"key":`)));
      ruleBytes = rb;
      lastRule = ruleId;
    }
    sink.bytes(ruleBytes);
    const keyText = strings.locate(edgeKey[k]!, span);
    sink.jsonStringOf(keyText, span[0]!, span[1]!);
    const ev = r.messages?.evidence(from, until);
    if (ev && (ev.alternatives.length > 0 || ev.by === 'redelivery')) {
      sink.text(`,"match":${j({ by: ev.by, alternatives: ev.alternatives.map((e) => eventId(x, e)) })}`);
    }
    sink.byte(0x7d); // }
    if (sink.full) yield* sink.take();
  }
  sink.text(any ? `\n${indent}]` : '[]');
}
