/**
 * The 'logfmt' format: detection and registration. An input is logfmt when
 * most of its first non-empty, non-indented lines (two in three; indented
 * lines are stack-trace continuations) are made only of
 * key=value tokens, at least two per line, and at least one of those lines
 * has a well-known time or message key. That keeps out text logs that merely
 * contain pairs after a free-text timestamp (`2026-03-14 09:26:53 req_id=1`).
 */
import type { FormatSpec } from '../formatParser';
import { MESSAGE_KEYS, TIME_KEYS } from '../fieldConventions';
import { scanLogfmt } from '../keyValuePairs';
import { LogfmtParser } from './logfmtParser';

const PROBE_LINES = 16;
const KNOWN: ReadonlySet<string> = new Set<string>([...TIME_KEYS, ...MESSAGE_KEYS, 'level', 'lvl']);

export const logfmtFormat: FormatSpec = {
  id: 'logfmt',
  label: 'logfmt',
  detect: (_name, head) => looksLikeLogfmt(head),
  create: () => new LogfmtParser(),
};

export function looksLikeLogfmt(head: string): boolean {
  const lines = head.split('\n', PROBE_LINES + 1);
  // The head is cut at a fixed size; its last line may be cut short.
  if (lines.length > PROBE_LINES) lines.pop();
  let seen = 0;
  let good = 0;
  let known = false;
  for (const raw of lines) {
    const line = raw.replace(/^\ufeff/, '').trim();
    if (line === '' || raw[0] === ' ' || raw[0] === '\t') continue;
    seen++;
    const scan = scanLogfmt(line);
    if (scan.error || scan.bareKeys > 0 || scan.pairs.length < 2) continue;
    good++;
    if (scan.pairs.some(([k]) => KNOWN.has(k))) known = true;
  }
  return known && good > 0 && good * 3 >= seen * 2;
}
