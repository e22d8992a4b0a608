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
  const idPrefix = x.processNames.map((name) => utf8(j(`${name}:`).slice(0, -1))); // "name: without its closing quote
  let longest = 0;
  for (const b of idPrefix) longest = Math.max(longest, b.length);
  const first = utf8(`[\n${indent}  {"from":`);
  const next = utf8(`,\n${indent}  {"from":`);
  const to = utf8(`","to":`);
  const rule = utf8(`","rule":`);
  const key = utf8(`,"key":`);
  const rules = new Map<number, Uint8Array>();
  let any = false;
  for (let k = 0; k < x.edgeCount; k++) {
    if (ignored[k]) continue;
    const from = edgeFrom[k]!;
    const until = edgeTo[k]!;
    sink.room(next.length + 2 * (longest + NUMBER_BYTES) + to.length + rule.length);
    const buf = sink.buf;
    let pos = putBytes(buf, sink.pos, any ? next : first);
    any = true;
    const p = eventProc[from]!;
    pos = putBytes(buf, pos, idPrefix[p]!);
    pos = putNumber(buf, pos, from - procStart[p]! + 1);
    pos = putBytes(buf, pos, to);
    const q = eventProc[until]!;
    pos = putBytes(buf, pos, idPrefix[q]!);
    pos = putNumber(buf, pos, until - procStart[q]! + 1);
    pos = putBytes(buf, pos, rule);
    sink.pos = pos;
    const ruleId = edgeRule[k]!;
    let rb = rules.get(ruleId);
    if (rb === undefined) rules.set(ruleId, (rb = utf8(j(strings.get(ruleId)))));
    sink.bytes(rb);
    sink.bytes(key);
    sink.jsonString(strings.get(edgeKey[k]!));
    const ev = r.messages?.evidence(from, until);
    if (ev && (ev.alternatives.length > 0 || ev.by === 'redelivery')) {
      sink.text(`,"match":${j({ by: ev.by, alternatives: ev.alternatives.map((e) => eventId(x, e)) })}`);
    }
    sink.byte(0x7d); // }
    if (sink.full) yield* sink.take();
  }
  sink.text(any ? `\n${indent}]` : '[]');
}
