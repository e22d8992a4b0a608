/**
 * Which timestamp shape an input's lines start with, learnt from its first
 * non-empty lines: the shape that reads the most of them wins (ties go to the
 * more specific shape, in TIMESTAMP_SHAPES order). A bare number is weak
 * evidence, so the epoch shape must read at least half of the lines that are
 * not indented (indented lines are usually stack-trace continuations).
 */
import { TIMESTAMP_SHAPES, type TimestampShape } from './timestampShapes';

export const PROBE_LINES = 64;

export function learnTimestampShape(head: string): TimestampShape | null {
  const lines: string[] = [];
  let pos = head.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (pos < head.length && lines.length < PROBE_LINES) {
    let end = head.indexOf('\n', pos);
    if (end < 0) end = head.length;
    const line = head.slice(pos, end).replace(/\r$/, '');
    pos = end + 1;
    if (line.trim() !== '') lines.push(line);
  }
  const unindented = lines.filter((l) => l[0] !== ' ' && l[0] !== '\t').length;
  let best: TimestampShape | null = null;
  let bestHits = 0;
  for (const shape of TIMESTAMP_SHAPES) {
    let hits = 0;
    for (const l of lines) if (shape.read(l)) hits++;
    if (shape.id === 'epoch' && hits * 2 < unindented) continue;
    if (hits > bestHits) {
      best = shape;
      bestHits = hits;
    }
  }
  return best;
}
