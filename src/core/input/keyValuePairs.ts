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
import { occursAt } from './keyShapes';

export interface LogfmtLine {
  pairs: [string, string][];
  /** Tokens without '=' (`debug` in `level=info debug`): kept as pairs with value ''. */
  bareKeys: number;
  /** Why the line is not logfmt, when it is not. */
  error?: string;
}

/** scanLogfmt's pairs as strings (detection, tests); the reader uses a LogfmtScanner. */
export function scanLogfmt(line: string): LogfmtLine {
  const sc = new LogfmtScanner();
  sc.scan(line);
  const pairs: [string, string][] = [];
  for (let i = 0; i < sc.count; i++) pairs.push([sc.key(line, i), sc.value(line, i)]);
  return sc.error === undefined ? { pairs, bareKeys: sc.bareKeys } : { pairs, bareKeys: sc.bareKeys, error: sc.error };
}

/**
 * scanLogfmt without strings: the pairs of the line scanned last as spans
 * (key i is line[keyStart[i], keyEnd[i]), its value line[valueStart[i],
 * valueEnd[i]) unless a quoted value had escapes, then unescaped[i]), so a
 * reader can compare keys and values against what it saw before instead of
 * slicing them. Reused line after line.
 */
export class LogfmtScanner {
  count = 0;
  bareKeys = 0;
  error: string | undefined = undefined;
  readonly keyStart: number[] = [];
  readonly keyEnd: number[] = [];
  readonly valueStart: number[] = [];
  readonly valueEnd: number[] = [];
  /** A quoted value with escapes, unescaped; undefined where the value is its span. */
  readonly unescaped: (string | undefined)[] = [];

  key(line: string, i: number): string {
    return line.slice(this.keyStart[i], this.keyEnd[i]);
  }

  value(line: string, i: number): string {
    return this.unescaped[i] ?? line.slice(this.valueStart[i], this.valueEnd[i]);
  }

  /** Scans a line; false (and `error` says why) when it is not logfmt: the pairs before the error stay. */
  scan(line: string): boolean {
    this.count = 0;
    this.bareKeys = 0;
    this.error = undefined;
    const n = line.length;
    // Long values end at the next quote or space: found with indexOf (native, far quicker than a
    // loop of charCodeAt) unless the line has a backslash (escapes) or a tab or CR (other spaces).
    const noEscapes = line.indexOf('\\') < 0;
    const spacesOnly = line.indexOf('\t') < 0 && line.indexOf('\r') < 0;
    let i = 0;
    while (i < n) {
      while (i < n && isSpace(line.charCodeAt(i))) i++;
      if (i >= n) break;
      const keyStart = i;
      let c = 0;
      while (i < n && !isSpace((c = line.charCodeAt(i))) && c !== 61 /* = */ && c !== 34 /* " */) i++;
      if (i === keyStart) return this.fail(`expected a key at column ${i + 1}`);
      const keyEnd = i;
      if (i < n && c === 34) return this.fail(`quote inside key "${line.slice(keyStart, keyEnd).slice(0, 40)}" at column ${i + 1}`);
      if (i >= n || c !== 61) {
        this.push(keyStart, keyEnd, keyEnd, keyEnd, undefined);
        this.bareKeys++;
        continue;
      }
      i++;
      if (i < n && line.charCodeAt(i) === 34) {
        // Most quoted values have no escapes: then the value is a span.
        let e: number;
        if (noEscapes) {
          e = line.indexOf('"', i + 1);
          if (e < 0) e = n;
        } else {
          e = i + 1;
          while (e < n && (c = line.charCodeAt(e)) !== 34 && c !== 92 /* \ */) e++;
        }
        if (e < n && line.charCodeAt(e) === 34) {
          this.push(keyStart, keyEnd, i + 1, e, undefined);
          i = e + 1;
        } else {
          const q = readQuoted(line, i);
          if (q.end < 0) return this.fail(`unterminated quoted value of "${line.slice(keyStart, keyEnd).slice(0, 40)}" at column ${i + 1}`);
          this.push(keyStart, keyEnd, i + 1, q.end - 1, q.value);
          i = q.end;
        }
        if (i < n && !isSpace(line.charCodeAt(i))) return this.fail(`text right after the quoted value of "${line.slice(keyStart, keyEnd).slice(0, 40)}" at column ${i + 1}`);
      } else {
        const valueStart = i;
        if (spacesOnly) {
          i = line.indexOf(' ', i);
          if (i < 0) i = n;
        } else {
          while (i < n && !isSpace(line.charCodeAt(i))) i++;
        }
        this.push(keyStart, keyEnd, valueStart, i, undefined);
      }
    }
    return true;
  }

  private push(keyStart: number, keyEnd: number, valueStart: number, valueEnd: number, unescaped: string | undefined): void {
    const k = this.count++;
    this.keyStart[k] = keyStart;
    this.keyEnd[k] = keyEnd;
    this.valueStart[k] = valueStart;
    this.valueEnd[k] = valueEnd;
    this.unescaped[k] = unescaped;
  }

  private fail(error: string): false {
    this.error = error;
    return false;
  }
}

/**
 * The key=value pairs inside free text, in order; a repeated key keeps its first value.
 * (KeyValueScanner finds them; this makes them strings.)
 */
export function keyValuePairsIn(text: string): [string, string][] {
  const out: [string, string][] = [];
  const sc = sharedScanner;
  sc.reset(text);
  while (sc.next()) {
    const key = text.slice(sc.keyStart, sc.keyEnd);
    if (!hasKey(out, key)) out.push([key, sc.value()]);
  }
  sc.reset('');
  return out;
}

/**
 * The key=value pairs inside free text, one at a time and without making
 * strings: after next() returns true, the key is text[keyStart, keyEnd) and
 * the value text[valueStart, valueEnd), or value() when `escaped`. Repeated
 * keys are all given (keyValuePairsIn keeps the first).
 *
 * A hand-written scanner (this runs on every text-log message): it finds what
 * the regex `(?:^|[\s([{,;|])([A-Za-z_][\w.-]*)=(?!=)("(?:[^"\\]|\\.)*"?|[^\s"]*)`
 * would find with a global search, without its per-position backtracking. A
 * key starts the text or follows one of `\s([{,;|`, runs over `[\w.-]` and
 * is followed by one '=' (not '=='); a quoted value may be unterminated (then
 * it runs to the end of the text, or to a backslash before a line break, as
 * the regex's `.` stops there), and a bare value runs to the next space or
 * quote, less trailing sentence punctuation (`to=ledger.`).
 *
 * It jumps from '=' to '=' and reads each key backwards: a key is the whole
 * run of key characters before its '=' (what precedes a key is never a key
 * character), so the pairs come out in the regex's order.
 *
 * A reader may say which key and bare value it expects next (the ones at the
 * same place on the line before): where the text before the '=' is that key
 * after a delimiter, and the text after it is that value before a space, a
 * quote or the end, the pair is taken with one compare each instead of a walk
 * over its characters, and `keyExpected` / `valueExpected` tell the reader it
 * need not look them up. What is found is the same either way.
 */
export class KeyValueScanner {
  text = '';
  keyStart = 0;
  keyEnd = 0;
  valueStart = 0;
  valueEnd = 0;
  /** A terminated quoted value with escapes: value() unescapes it. */
  escaped = false;
  /** Whether the key was next()'s expectKey, and (only then) the value its expectValue. */
  keyExpected = false;
  valueExpected = false;
  /** Where the regex's search would resume: the end of the last pair. */
  private from = 0;
  /** Where to look for the next '='. */
  private at = 0;

  reset(text: string): void {
    this.text = text;
    this.from = 0;
    this.at = 0;
  }

  value(): string {
    return this.escaped ? readQuoted(this.text, this.valueStart - 1).value : this.text.slice(this.valueStart, this.valueEnd);
  }

  /**
   * The next pair; `expectKey` (a key, or '') and `expectValue` (a bare value,
   * or '') are what the reader expects (see above).
   */
  next(expectKey = '', expectValue = ''): boolean {
    const text = this.text;
    const n = text.length;
    const from = this.from;
    for (let eq = text.indexOf('=', this.at); eq >= 0; eq = text.indexOf('=', eq + 1)) {
      let k = eq - expectKey.length;
      // The expected key, whole: a delimiter (never a key character) or the text's start before it.
      const expected = expectKey !== '' && k >= from && occursAt(text, k, expectKey) && (k > 0 ? k - 1 >= from && isPairDelimiter(text.charCodeAt(k - 1)) : from === 0);
      if (expected) {
        if (text.charCodeAt(eq + 1) === 61 /* = */) continue;
      } else {
        k = eq;
        while (k > from && isKeyChar(text.charCodeAt(k - 1))) k--;
        if (k === eq || !isKeyStart(text.charCodeAt(k)) || text.charCodeAt(eq + 1) === 61 /* = */) continue;
        if (k > 0 ? k - 1 < from || !isPairDelimiter(text.charCodeAt(k - 1)) : from > 0) continue;
      }
      this.keyStart = k;
      this.keyEnd = eq;
      this.keyExpected = expected;
      this.valueExpected = false;
      let v = eq + 1;
      this.escaped = false;
      if (expected && expectValue !== '' && bareValueAt(text, v, expectValue)) {
        this.valueExpected = true;
        this.valueStart = v;
        this.valueEnd = v = v + expectValue.length;
      } else if (text.charCodeAt(v) === 34 /* " */) {
        // The regex's quoted branch: escapes whose next character is not a line break, up to a closing quote.
        let e = v + 1;
        let escaped = false;
        while (e < n) {
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
        this.valueStart = v + 1;
        this.valueEnd = e;
        if (e < n && text.charCodeAt(e) === 34) {
          this.escaped = escaped;
          v = e + 1;
        } else {
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
        this.valueStart = v;
        this.valueEnd = end;
        v = e;
      }
      this.from = v;
      this.at = v;
      return true;
    }
    this.at = n;
    return false;
  }
}

const sharedScanner = new KeyValueScanner();

/**
 * Whether the bare value at text[v] is `value`: its characters, then a space, a
 * quote or the end, with no quote or space inside and no sentence punctuation
 * at its end (which a bare value never keeps).
 */
function bareValueAt(text: string, v: number, value: string): boolean {
  const len = value.length;
  const end = v + len;
  if (end > text.length || isTrailingPunct(value.charCodeAt(len - 1))) return false;
  if (end < text.length) {
    const after = text.charCodeAt(end);
    if (after !== 34 && !isJsSpace(after)) return false;
  }
  for (let i = 0; i < len; i++) {
    const c = text.charCodeAt(v + i);
    if (c !== value.charCodeAt(i) || c === 34 || isJsSpace(c)) return false;
  }
  return true;
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
