/**
 * key=value pairs, as logfmt writes them (`level=info msg="a b" req_id=7`) and
 * as free-text log messages embed them (`sent req_id=abc to=ledger`).
 *
 * scanLogfmt reads a whole line strictly: space-separated tokens, each `key`,
 * `key=` or `key=value`, a value either bare (up to the next space) or a
 * double-quoted string with backslash escapes. keyValuePairsIn picks pairs out
 * of free text: only a key that starts a word counts, and punctuation that
 * ends a sentence (`to=ledger.`) is not part of a bare value. Both are single
 * left-to-right passes, so a 1 MB line costs one scan.
 */

export interface LogfmtLine {
  pairs: [string, string][];
  /** Tokens without '=' (`debug` in `level=info debug`): kept as pairs with value ''. */
  bareKeys: number;
  /** Why the line is not logfmt, when it is not. */
  error?: string;
}

export function scanLogfmt(line: string): LogfmtLine {
  const pairs: [string, string][] = [];
  let bareKeys = 0;
  const n = line.length;
  let i = 0;
  while (i < n) {
    while (i < n && isSpace(line.charCodeAt(i))) i++;
    if (i >= n) break;
    const keyStart = i;
    while (i < n && !isSpace(line.charCodeAt(i)) && line[i] !== '=' && line[i] !== '"') i++;
    const key = line.slice(keyStart, i);
    if (key === '') return { pairs, bareKeys, error: `expected a key at column ${i + 1}` };
    if (line[i] === '"') return { pairs, bareKeys, error: `quote inside key "${key.slice(0, 40)}" at column ${i + 1}` };
    if (line[i] !== '=') {
      pairs.push([key, '']);
      bareKeys++;
      continue;
    }
    i++;
    if (line[i] === '"') {
      const q = readQuoted(line, i);
      if (q.end < 0) return { pairs, bareKeys, error: `unterminated quoted value of "${key.slice(0, 40)}" at column ${i + 1}` };
      pairs.push([key, q.value]);
      i = q.end;
      if (i < n && !isSpace(line.charCodeAt(i))) return { pairs, bareKeys, error: `text right after the quoted value of "${key.slice(0, 40)}" at column ${i + 1}` };
    } else {
      const valueStart = i;
      while (i < n && !isSpace(line.charCodeAt(i))) i++;
      pairs.push([key, line.slice(valueStart, i)]);
    }
  }
  return { pairs, bareKeys };
}

// A key starts a word; a quoted value may be unterminated (then it runs to the
// end of the text), so a stray quote never makes the regex backtrack.
const PAIR_IN_TEXT = /(?:^|[\s([{,;|])([A-Za-z_][\w.-]*)=(?!=)("(?:[^"\\]|\\.)*"?|[^\s"]*)/g;
const TRAILING_PUNCT = /[.,;:!?)\]}'>]+$/;

/** The key=value pairs inside free text, in order; a repeated key keeps its first value. */
export function keyValuePairsIn(text: string): [string, string][] {
  if (!text.includes('=')) return [];
  const out: [string, string][] = [];
  const seen = new Set<string>();
  PAIR_IN_TEXT.lastIndex = 0;
  for (let m = PAIR_IN_TEXT.exec(text); m; m = PAIR_IN_TEXT.exec(text)) {
    const key = m[1]!;
    const raw = m[2]!;
    let value: string;
    if (raw.startsWith('"')) {
      const q = readQuoted(raw, 0);
      value = q.end < 0 ? raw.slice(1) : q.value;
    } else {
      value = raw.replace(TRAILING_PUNCT, '');
    }
    if (seen.has(key)) continue;
    seen.add(key);
    out.push([key, value]);
  }
  return out;
}

/** A double-quoted string starting at s[at]: its unescaped value and the index after it (-1 if unterminated). */
function readQuoted(s: string, at: number): { value: string; end: number } {
  let value = '';
  let runStart = at + 1;
  for (let i = at + 1; i < s.length; i++) {
    const c = s[i];
    if (c === '"') return { value: value + s.slice(runStart, i), end: i + 1 };
    if (c === '\\' && i + 1 < s.length) {
      value += s.slice(runStart, i);
      const e = s[i + 1]!;
      value += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
      i++;
      runStart = i + 1;
    }
  }
  return { value: value + s.slice(runStart), end: -1 };
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}
