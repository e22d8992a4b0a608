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
import { asciiBytes } from '../base/asciiBytes';
import { occursAt } from '../base/occursAt';

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
 * It reads bytes, not characters (V8 reads a byte in about half the time):
 * the text's aligned bytes when a reader has them (ChunkDecoder.aligned: the
 * text is then a range of the chunk, read in place), else the text written
 * into a byte buffer, ASCII as it is and any other character as 0x80. All the
 * grammar's characters are ASCII but the non-ASCII spaces and line breaks,
 * which are told by looking such a character up in the text.
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
  /** The text's code units as bytes (see above), at the text's indices. */
  private u: Uint8Array = EMPTY;
  /** The text written as bytes when no aligned bytes were given (grown as needed, reused). */
  private own: Uint8Array = new Uint8Array(256);
  /** The range of the text read: text[start, end). */
  private start = 0;
  private end = 0;
  /** The text's code units as bytes (ASCII as it is, any other character as a byte from 0x80 up), at the text's indices: what reset was given, or the scanner's own copy. */
  get bytes(): Uint8Array {
    return this.u;
  }
  /** Where the regex's search would resume: the end of the last pair. */
  private from = 0;
  /** Where to look for the next '='. */
  private at = 0;
  /** eqAfter's memo: the first '=' at or after eqFrom in eqText is at eqAt (-1: none). */
  private eqText = '';
  private eqFrom = 0;
  private eqAt = -1;

  /**
   * Reads text[start, end) next; `u`: the chunk's aligned bytes, when text
   * is a decoded chunk (ChunkDecoder.aligned), else null.
   */
  reset(text: string, u: Uint8Array | null = null, start = 0, end = text.length): void {
    this.text = text;
    this.start = this.from = this.at = start;
    this.end = end;
    this.u = u ?? this.written(text, start, end);
  }

  /** text[start, end) as bytes at its own indices: ASCII as it is, other characters as 0x80. */
  private written(text: string, start: number, end: number): Uint8Array {
    // A buffer grown for one huge text is not kept for the short ones after it (the scanner lives long).
    if (this.own.length < end || (this.own.length > OWN_KEPT && end <= OWN_KEPT)) this.own = new Uint8Array(Math.max(end, Math.min(this.own.length * 2, OWN_KEPT)));
    const u = this.own;
    for (let i = start; i < end; i++) {
      const c = text.charCodeAt(i);
      u[i] = c < 0x80 ? c : 0x80;
    }
    return u;
  }

  /**
   * The first '=' in the text at or after `at`, or -1. Found natively
   * (indexOf), past the range if need be: in a chunk, that is where the lines
   * after this one will look, so it is kept for them and each character is
   * searched once per chunk however few '=' there are.
   */
  private eqAfter(at: number): number {
    if (this.eqText !== this.text || at < this.eqFrom || (this.eqAt >= 0 && this.eqAt < at)) {
      this.eqText = this.text;
      this.eqFrom = at;
      this.eqAt = this.text.indexOf('=', at);
    }
    return this.eqAt;
  }

  value(): string {
    return this.escaped ? readQuoted(this.text, this.valueStart - 1, this.end).value : this.text.slice(this.valueStart, this.valueEnd);
  }

  /**
   * The next pair; `expectKey` (a key) and `expectValue` (a bare value) are
   * what the reader expects (see above), as hintBytes gives them, or null.
   */
  next(expectKey: Uint8Array | null = null, expectValue: Uint8Array | null = null): boolean {
    const { text, u, start } = this;
    const n = this.end;
    const from = this.from;
    // The expected key right after the last pair and one delimiter: its '=' is the first after the last pair (none can be
    // in the delimiter or the key), so the search for it is skipped.
    const len = expectKey === null ? 0 : expectKey.length;
    let met = len > 0 && from > start && this.at === from && from + 1 + len < n && u[from + 1 + len] === 61 /* = */ && isPairDelimiter(u, text, from) && bytesAre(u, from + 1, expectKey!);
    for (let eq = met ? from + 1 + len : this.eqAfter(this.at); eq >= 0 && eq < n; eq = this.eqAfter(eq + 1), met = false) {
      let k = eq - len;
      // The expected key, whole: a delimiter (never a key character) or the text's start before it.
      const expected = met || (len > 0 && k >= from && bytesAre(u, k, expectKey!) && (k > start ? k - 1 >= from && isPairDelimiter(u, text, k - 1) : from === start));
      if (expected) {
        if (eq + 1 < n && u[eq + 1] === 61 /* = */) continue;
      } else {
        k = eq;
        while (k > from && isKeyChar(u[k - 1]!)) k--;
        if (k === eq || !isKeyStart(u[k]!) || (eq + 1 < n && u[eq + 1] === 61) /* = */) continue;
        if (k > start ? k - 1 < from || !isPairDelimiter(u, text, k - 1) : from > start) continue;
      }
      this.keyStart = k;
      this.keyEnd = eq;
      this.keyExpected = expected;
      this.valueExpected = false;
      let v = eq + 1;
      this.escaped = false;
      if (expected && expectValue !== null && bareValueAt(u, text, v, n, expectValue)) {
        this.valueExpected = true;
        this.valueStart = v;
        this.valueEnd = v = v + expectValue.length;
      } else if (v < n && u[v] === 34 /* " */) {
        // The regex's quoted branch: escapes whose next character is not a line break, up to a closing quote.
        let e = v + 1;
        let escaped = false;
        while (e < n) {
          const c = u[e]!;
          if (c === 34) break;
          if (c === 92 /* \ */) {
            if (e + 1 >= n || isLineBreak(u, text, e + 1)) break;
            escaped = true;
            e += 2;
            continue;
          }
          e++;
        }
        this.valueStart = v + 1;
        this.valueEnd = e;
        if (e < n && u[e] === 34) {
          this.escaped = escaped;
          v = e + 1;
        } else {
          v = e;
        }
      } else {
        let e = v;
        while (e < n) {
          const c = u[e]!;
          if (c === 34 || (c < 0x80 ? isAsciiSpace(c) : isJsSpace(text.charCodeAt(e)))) break;
          e++;
        }
        let end = e;
        while (end > v && isTrailingPunct(u[end - 1]!)) end--;
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

const EMPTY = new Uint8Array(0);
/** The largest byte buffer a scanner keeps between texts. */
const OWN_KEPT = 1 << 16;

const sharedScanner = new KeyValueScanner();

/**
 * A key or value as KeyValueScanner takes it for a hint: its characters as
 * bytes (asciiBytes). Null for '' and for a text with a character from U+0080
 * up, which is then never hinted (such a text is never a key, and rarely a
 * value).
 */
export function hintBytes(text: string): Uint8Array | null {
  return text === '' ? null : asciiBytes(text);
}

/** Whether the ASCII bytes t are at u[at] (the caller knows they fit). */
function bytesAre(u: Uint8Array, at: number, t: Uint8Array): boolean {
  const n = t.length;
  for (let i = 0; i < n; i++) if (u[at + i] !== t[i]) return false;
  return true;
}

/**
 * Whether the bare value at u[v] (before n) is `value` (ASCII bytes): its
 * characters, then a space, a quote or the end, with no quote or space inside
 * and no sentence punctuation at its end (which a bare value never keeps).
 */
function bareValueAt(u: Uint8Array, text: string, v: number, n: number, value: Uint8Array): boolean {
  const len = value.length;
  const end = v + len;
  if (end > n || isTrailingPunct(value[len - 1]!)) return false;
  if (end < n) {
    const after = u[end]!;
    if (after !== 34 && (after < 0x80 ? !isAsciiSpace(after) : !isJsSpace(text.charCodeAt(end)))) return false;
  }
  for (let i = 0; i < len; i++) {
    const c = u[v + i]!;
    if (c !== value[i] || c === 34 || isAsciiSpace(c)) return false;
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

/** `[\s([{,;|]`: what may precede a key, at u[i]. */
function isPairDelimiter(u: Uint8Array, text: string, i: number): boolean {
  const c = u[i]!;
  if (c >= 0x80) return isJsSpace(text.charCodeAt(i));
  return c === 40 || c === 91 || c === 123 || c === 44 || c === 59 || c === 124 || isAsciiSpace(c);
}

/** `[.,;:!?)\]}'>]`: punctuation that ends a sentence, not a bare value. */
function isTrailingPunct(c: number): boolean {
  return c === 46 || c === 44 || c === 59 || c === 58 || c === 33 || c === 63 || c === 41 || c === 93 || c === 125 || c === 39 || c === 62;
}

/** What a regex `.` does not match, at u[i]. */
function isLineBreak(u: Uint8Array, text: string, i: number): boolean {
  const c = u[i]!;
  return c === 10 || c === 13 || (c >= 0x80 && (text.charCodeAt(i) === 0x2028 || text.charCodeAt(i) === 0x2029));
}

/** JavaScript's `\s` among ASCII characters. */
function isAsciiSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

/** JavaScript's `\s`. */
function isJsSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** A double-quoted string starting at s[at], before `end`: its unescaped value and the index after it (-1 if unterminated). */
function readQuoted(s: string, at: number, end = s.length): { value: string; end: number } {
  let value = '';
  let runStart = at + 1;
  for (let i = at + 1; i < end; i++) {
    const c = s[i];
    if (c === '"') return { value: value + s.slice(runStart, i), end: i + 1 };
    if (c === '\\' && i + 1 < end) {
      value += s.slice(runStart, i);
      const e = s[i + 1]!;
      value += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
      i++;
      runStart = i + 1;
    }
  }
  return { value: value + s.slice(runStart, end), end: -1 };
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}
