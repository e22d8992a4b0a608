/**
 * Places in a line where a time may start: the starts of its tokens. A
 * token starts at a character that is not a separator (white space, `,`,
 * `;`, `|`, brackets, quotes, `=`, `<`, `>`) after one that is, or at the
 * line's start. A place is named by how many tokens come before it (its
 * field), so `host-1 Mar 14 ...` and `longer-host-name Mar 14 ...` have their
 * time at the same place though not at the same column.
 */

/** How far into a line a time is looked for. */
export const SEARCH_CHARS = 120;
/** How far into a line a time's field is followed when reading. */
const READ_CHARS = 512;

export function isSeparator(c: number): boolean {
  return c === 32 || c === 9 || c === 44 || c === 59 || c === 124 || c === 91 || c === 93 || c === 40 || c === 41 || c === 34 || c === 39 || c === 61 || c === 60 || c === 62 || c === 123 || c === 125;
}

/** The token starts of the line's first `limit` characters. */
export function tokenStarts(line: string, limit = SEARCH_CHARS): number[] {
  const out: number[] = [];
  const n = Math.min(line.length, limit);
  let prevSep = true;
  for (let i = 0; i < n; i++) {
    const sep = isSeparator(line.charCodeAt(i));
    if (!sep && prevSep) out.push(i);
    prevSep = sep;
  }
  return out;
}

/** How many token starts come before `at`. */
export function fieldIndexOf(line: string, at: number): number {
  let k = 0;
  let prevSep = true;
  for (let i = 0; i < at && i < line.length; i++) {
    const sep = isSeparator(line.charCodeAt(i));
    if (!sep && prevSep) k++;
    prevSep = sep;
  }
  return k;
}

/** The start of token `field` (0-based), or -1 when the line's first READ_CHARS characters have fewer tokens. */
export function fieldStart(line: string, field: number): number {
  const n = Math.min(line.length, READ_CHARS);
  let k = 0;
  let prevSep = true;
  for (let i = 0; i < n; i++) {
    const sep = isSeparator(line.charCodeAt(i));
    if (!sep && prevSep && k++ === field) return i;
    prevSep = sep;
  }
  return -1;
}

/** The opening bracket or quote right before `start`, which belongs to the time (`[10.30 16:49:06]`), or -1. */
export function openerBefore(line: string, start: number): number {
  const c = line[start - 1];
  return c === '[' || c === '(' || c === '"' || c === "'" ? start - 1 : -1;
}

const CLOSERS: Record<string, string> = { '[': ']', '(': ')', '"': '"', "'": "'" };

/** Where the message starts after a time that ends at `end` and starts at `start`: past its closing bracket and one space. */
export function restAfter(line: string, start: number, end: number): number {
  let rest = end;
  const open = line[start - 1];
  if (open !== undefined && CLOSERS[open] === line[rest]) rest++;
  if (line[rest] === ' ' || line[rest] === '\t') rest++;
  return rest;
}
