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

/**
 * The key=value pairs inside free text, in order; a repeated key keeps its first value.
 *
 * A hand-written scanner (this runs on every text-log message): it finds what
 * the regex `(?:^|[\s([{,;|])([A-Za-z_][\w.-]*)=(?!=)("(?:[^"\\]|\\.)*"?|[^\s"]*)`
 * would find with a global search, without its per-position backtracking. A
 * key starts the text or follows one of `\s([{,;|`, runs over `[\w.-]` and
 * is followed by one '=' (not '=='); a quoted value may be unterminated (then
 * it runs to the end of the text, or to a backslash before a line break, as
 * the regex's `.` stops there), and a bare value runs to the next space or
 * quote, less trailing sentence punctuation (`to=ledger.`).
 */
export function keyValuePairsIn(text: string): [string, string][] {
  const out: [string, string][] = [];
  const n = text.length;
  // The first '=' bounds where a key can start: no pair ends before it.
  let eq = text.indexOf('=');
  if (eq < 0) return out;
  let i = 0;
  while (i < n) {
    // Where a key can start: the text's start, or after a delimiter.
    let k: number;
    if (i === 0 && isKeyStart(text.charCodeAt(0))) k = 0;
    else if (isPairDelimiter(text.charCodeAt(i))) k = i + 1;
    else {
      i++;
      continue;
    }
    if (k >= n || !isKeyStart(text.charCodeAt(k))) {
      i++;
      continue;
    }
    if (eq < k) {
      eq = text.indexOf('=', k);
      if (eq < 0) break;
    }
    let j = k + 1;
    while (j < n && isKeyChar(text.charCodeAt(j))) j++;
    if (j !== eq || text.charCodeAt(j + 1) === 61 /* = */) {
      i++;
      continue;
    }
    const key = text.slice(k, j);
    let v = j + 1;
    let value: string;
    if (text.charCodeAt(v) === 34 /* " */) {
      // The regex's quoted branch: escapes whose next character is not a line break, up to a closing quote.
      let e = v + 1;
      let escaped = false;
      for (;;) {
        if (e >= n) break;
        const c = text.charCodeAt(e);
        if (c === 34) break;
        if (c === 92 /* \ */) {
          if (e + 1 >= n || isLineBreak(text.charCodeAt(e + 1))) break;
          escaped = true;
          e += 2;
          continue;
        }
        e++;
      }
      if (text.charCodeAt(e) === 34 && e < n) {
        value = escaped ? readQuoted(text, v).value : text.slice(v + 1, e);
        v = e + 1;
      } else {
        value = text.slice(v + 1, e);
        v = e;
      }
    } else {
      let e = v;
      while (e < n) {
        const c = text.charCodeAt(e);
        if (c === 34 || isJsSpace(c)) break;
        e++;
      }
      let end = e;
      while (end > v && isTrailingPunct(text.charCodeAt(end - 1))) end--;
      value = text.slice(v, end);
      v = e;
    }
    i = v;
    if (!hasKey(out, key)) out.push([key, value]);
  }
  return out;
}

function hasKey(pairs: readonly [string, string][], key: string): boolean {
  for (let p = 0; p < pairs.length; p++) if (pairs[p]![0] === key) return true;
  return false;
}

/** `[A-Za-z_]`. */
function isKeyStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}

/** `[\w.-]`. */
function isKeyChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 46 || c === 45;
}

/** `[\s([{,;|]`: what may precede a key. */
function isPairDelimiter(c: number): boolean {
  return c === 40 || c === 91 || c === 123 || c === 44 || c === 59 || c === 124 || isJsSpace(c);
}

/** `[.,;:!?)\]}'>]`: punctuation that ends a sentence, not a bare value. */
function isTrailingPunct(c: number): boolean {
  return c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 41 || c === 93 || c === 125 || c === 39 || c === 62;
}

/** What a regex `.` does not match. */
function isLineBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
}

/** JavaScript's `\s`. */
function isJsSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
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
