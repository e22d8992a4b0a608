/**
 * The 'jsonl' format: detection and registration. An input is JSON lines when
 * its first non-empty line is a JSON object and so are most of the next few
 * (at least half when the name says .jsonl/.ndjson/.json, three in four
 * otherwise), so one stray or truncated line does not change the format (the
 * parser reports such lines one by one).
 */
import type { FormatSpec } from '../formatParser';
import { JsonLinesParser } from './jsonLinesParser';

/** How many non-empty lines detection looks at. */
const PROBE_LINES = 8;

export const jsonLinesFormat: FormatSpec = {
  id: 'jsonl',
  label: 'JSON lines',
  detect: (name, head) => looksLikeJsonLines(head, /\.(jsonl|ndjson|json)$/i.test(name) ? 0.5 : 0.75),
  create: () => new JsonLinesParser(),
};

export function looksLikeJsonLines(head: string, share = 0.75): boolean {
  let pos = head.charCodeAt(0) === 0xfeff ? 1 : 0;
  let seen = 0;
  let objects = 0;
  while (pos < head.length && seen < PROBE_LINES) {
    let end = head.indexOf('\n', pos);
    const complete = end >= 0;
    if (!complete) end = head.length;
    const line = head.slice(pos, end).trim();
    pos = end + 1;
    if (line === '') continue;
    // The head is cut at a fixed size, so its last line may be cut short.
    if (!complete && seen > 0) break;
    seen++;
    const ok = isJsonObjectLine(line) || (!complete && seen === 1 && line[0] === '{' && line.length >= 4096);
    if (!ok && seen === 1) return false;
    if (ok) objects++;
  }
  return objects > 0 && objects >= seen * share;
}

function isJsonObjectLine(line: string): boolean {
  if (line[0] !== '{' || line[line.length - 1] !== '}') return false;
  try {
    const v: unknown = JSON.parse(line);
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  } catch {
    return false;
  }
}
