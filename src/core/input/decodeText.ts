/**
 * Bytes to text. A byte-order mark picks UTF-8 or UTF-16; otherwise UTF-8.
 * A file with NUL bytes or mostly undecodable bytes near its start is not text:
 * that is said, not guessed at.
 */
import { err, ok, type Result } from '../base/result';
export type Decoded = Result<string, string>;

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes.subarray(2), 'utf-16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes.subarray(2), 'utf-16be');
  const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  const head = body.subarray(0, 8192);
  let nul = 0;
  for (let i = 0; i < head.length; i++) if (head[i] === 0) nul++;
  if (nul > 0) return err(`not a text file (${nul} NUL bytes in its first ${head.length} bytes)`);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(body);
  const probe = text.slice(0, 8192);
  let bad = 0;
  for (let i = 0; i < probe.length; i++) if (probe.charCodeAt(i) === 0xfffd) bad++;
  if (probe.length > 0 && bad / probe.length > 0.1) {
    return err(`not a text file (${bad} of its first ${probe.length} characters are not valid UTF-8)`);
  }
  return ok(text);
}

function utf16(bytes: Uint8Array, label: 'utf-16le' | 'utf-16be'): Decoded {
  return ok(new TextDecoder(label).decode(bytes));
}

/** Lines without their terminators (LF or CRLF), 1-based numbering by index + 1. */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.endsWith('\r')) lines[i] = l.slice(0, -1);
  }
  return lines;
}
