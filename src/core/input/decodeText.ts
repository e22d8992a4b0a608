/**
 * Bytes to text at once, as ChunkDecoder gives it chunk by chunk: a
 * byte-order mark picks UTF-8 or UTF-16, otherwise UTF-8; a file mostly of
 * NUL, control or undecodable bytes near its start is not text: that is said,
 * not guessed at. Lone CRs are line breaks; lines holding a NUL are dropped.
 */
import { err, ok, type Result } from '../base/result';
import { ChunkDecoder, PROBE_BYTES } from './chunkDecoder';
export type Decoded = Result<string, string>;

export function decodeText(bytes: Uint8Array): Decoded {
  const d = new ChunkDecoder();
  const text = d.push(bytes) + d.end();
  const why = d.notTextReason(text.length > PROBE_BYTES ? text.slice(0, PROBE_BYTES) : text);
  return why ? err(why) : ok(text);
}

/** Lines without their terminators (LF or CRLF; decodeText made lone CRs LF), 1-based numbering by index + 1. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.endsWith('\r')) lines[i] = l.slice(0, -1);
  }
  return lines;
}
