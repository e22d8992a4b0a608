/**
 * The 'cri' format: container logs as the kubelet's container runtime writes
 * them under /var/log/pods (the CRI logging format): each line is
 * `<RFC 3339 time> <stdout|stderr> <tag> <content>`, the tag `F` for a full
 * line or `P` for a partial one (a long line split by the runtime, continued
 * by the next line of the same stream). Detection wants most of the first
 * non-blank lines in that shape; it runs before JSON lines, logfmt and text,
 * which would otherwise read the runtime's prefix as part of the message.
 */
import type { FormatSpec } from '../formatParser';
import { CriParser } from './criParser';

/** A CRI line's prefix: time, stream, tag (the content follows one space later). */
export const CRI_PREFIX = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d{1,9})?(?:Z|[+-]\d\d:?\d\d)) (stdout|stderr) ([FP])(?: |$)/;

const PROBE_LINES = 8;

export function looksLikeCri(head: string): boolean {
  let seen = 0;
  let hits = 0;
  for (const raw of head.split('\n', 64)) {
    const line = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    if (line.trim() === '') continue;
    if (++seen > PROBE_LINES) break;
    if (CRI_PREFIX.test(line)) hits++;
    else if (seen === 1) return false;
  }
  return hits > 0 && hits >= Math.min(seen, PROBE_LINES) * 0.75;
}

export const criFormat: FormatSpec = {
  id: 'cri',
  label: 'Container log (CRI)',
  detect: (_name, head) => looksLikeCri(head),
  create: () => new CriParser(),
};
