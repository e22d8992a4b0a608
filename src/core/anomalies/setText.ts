/**
 * A write named in a log line's words: `SET name=` (a Redis-like command),
 * and a fast search for the texts that may hold one.
 */
export const SET_TEXT = /\bSET\s+([^\s=]+)=/i;

/**
 * Where SET_TEXT may match in a chunk of texts (less its `\b`): an `=` with `SET`, spaces
 * and a name before it. indexOf finds each `=` far faster than a case-insensitive regex
 * scans for `SET`, and most texts have none; the run of name characters before an `=`, and
 * of spaces before that, are exactly the ones the regex would match.
 */
export function findSet(chunk: string, from: number): number {
  for (let eq = chunk.indexOf('=', from); eq >= 0; eq = chunk.indexOf('=', eq + 1)) {
    let i = eq - 1;
    while (i >= 0 && !isSpace(chunk.charCodeAt(i)) && chunk.charCodeAt(i) !== 0x3d) i--;
    if (i === eq - 1) continue; // no name
    const nameStart = i + 1;
    while (i >= 0 && isSpace(chunk.charCodeAt(i))) i--;
    if (i === nameStart - 1 || i < 2) continue; // no space, or no room for SET
    if ((chunk.charCodeAt(i) | 0x20) === 0x74 && (chunk.charCodeAt(i - 1) | 0x20) === 0x65 && (chunk.charCodeAt(i - 2) | 0x20) === 0x73) return eq;
  }
  return -1;
}

/** What `\s` matches. */
function isSpace(c: number): boolean {
  return (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}
