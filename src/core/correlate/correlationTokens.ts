/**
 * The shapes of shared ids that correlate events without saying which way a
 * message went: OpenStack request ids (`req-<uuid>`), HDFS block ids
 * (`blk_<n>`), UUIDs (Kubernetes object uids among them), 32-hex trace ids,
 * and the user's own patterns (AnalyzeOptions.correlationPatterns). One
 * scanner per analysis: the built-in shapes are one alternation run once over
 * a text, each user pattern once more. Field keys that name a request, trace
 * or correlation id make their values ids whatever their shape.
 *
 * `maskTemplate` is an event's wording with the ids and numbers masked, so
 * lines that differ only in them share a template.
 */

/** Kinds of the built-in shapes, then user pattern i is USER_KIND + i. */
export const TokenKind = { Request: 0, Block: 1, Uuid: 2, TraceHex: 3, User: 4 } as const;

const HEX = '[0-9a-fA-F]';
const UUID = `${HEX}{8}-${HEX}{4}-${HEX}{4}-${HEX}{4}-${HEX}{12}`;
/** Each built-in kind's regex as a rule's keyText writes it (one named group, `id`). */
export const BUILTIN_SOURCES = [`req-${UUID}`, 'blk_-?\\d+', UUID, `${HEX}{32}`] as const;
export const BUILTIN_LABELS = ['request id', 'block id', 'uuid', 'trace id'] as const;

/** The built-in shapes at one place (sticky): scanTokens finds the places where one may start. */
const BUILTIN_AT = new RegExp(`(?:(${BUILTIN_SOURCES[0]})|(${BUILTIN_SOURCES[1]})|(${BUILTIN_SOURCES[2]})|(${BUILTIN_SOURCES[3]}))(?![0-9A-Za-z_])`, 'y');

/**
 * Field keys whose values are ids that correlate: request, trace, correlation,
 * transaction, conversation and session ids, and object uids. Not pid, tid or
 * user ids, which repeat across hosts by coincidence.
 */
const ID_KEY = /^(?:x[-_]?)?(?:request|req|trace|correlation|corr|transaction|txn|conversation|session|operation|object)[-_.]?(?:id|uid|uuid)$|^uid$/i;

export function isCorrelationKey(key: string): boolean {
  return ID_KEY.test(key);
}

/** A value not worth correlating on: too short, or a placeholder. */
export function isTrivialId(v: string): boolean {
  return v.length < 4 || /^(?:-+|null|none|nil|n\/a|undefined|unknown|0+)$/i.test(v);
}

export interface UserPattern {
  source: string;
  re: RegExp;
}

/** The user's patterns compiled (global, with group indices: an id's span is its group's), and a message per one that does not compile. */
export function compileCorrelationPatterns(sources: readonly string[] | undefined): { patterns: UserPattern[]; problems: string[] } {
  const patterns: UserPattern[] = [];
  const problems: string[] = [];
  for (const source of sources ?? []) {
    try {
      patterns.push({ source, re: new RegExp(source, 'dg') });
    } catch (e) {
      problems.push(`correlation pattern "${source}" is not a regular expression: ${(e as Error).message}`);
    }
  }
  return { patterns, problems };
}

/**
 * Calls `found(value, kind, start, end)` for each id in `text`, in order;
 * built-in hex ids are lower-cased, so one id written in two cases is one
 * value. The built-in shapes are found as one alternation run from left to
 * right would find them, but the regex is tried only where one can start: at
 * a word's start, on `req-`, `blk_` or a run of 8 hex digits. Those places
 * are searched for, not walked to: `req-` and `blk_` by indexOf, runs of 8
 * hex digits by looking 8 characters ahead and stepping past the last
 * character that is no hex digit, so most characters are never read
 * (walking every character cost most of the correlation stage on plain
 * text logs). Texts read in order from one chunk of texts go through one
 * TokenScanner, so each chunk is searched for `req-` and `blk_` about once.
 */
export function scanTokens(
  text: string,
  user: readonly UserPattern[],
  found: (value: string, kind: number, start: number, end: number) => void,
  /** The span of `text` to read (a text stored in a chunk of texts): ids are read as in text.slice(from, to), at indices of text. */
  from = 0,
  to = text.length,
): void {
  ONE_OFF.scan(text, user, found, from, to);
}

/**
 * scanTokens with its own last searches for `req-` and `blk_` (nextIndex):
 * for texts read in order from chunks of texts, where the searches of one
 * text answer the next's. Texts read out of order are read right, only
 * slower.
 */
export class TokenScanner {
  private readonly req: Search = { needle: 'req-', tail: 'q-', text: '', from: 0, at: -1 };
  private readonly blk: Search = { needle: 'blk_', tail: 'k_', text: '', from: 0, at: -1 };

  scan(text: string, user: readonly UserPattern[], found: (value: string, kind: number, start: number, end: number) => void, from = 0, to = text.length): void {
    scanBuiltins(text, found, from, to, this.req, this.blk);
    if (user.length > 0) scanUser(text, user, found, from, to);
  }

  /** The user's patterns alone, as scan reads them after the built-in shapes (those found beforehand: textSearches.ts). */
  scanUser(text: string, user: readonly UserPattern[], found: (value: string, kind: number, start: number, end: number) => void, from = 0, to = text.length): void {
    if (user.length > 0) scanUser(text, user, found, from, to);
  }
}

const ONE_OFF = new TokenScanner();

/**
 * Whether scanTokens can find a built-in id in `text` at all: a block id holds `blk_`, and
 * the other shapes are 32 characters or more, so a shorter value without `blk_` holds none
 * (most field values: a message id, a host, a count), and is not scanned.
 */
export function mayHoldBuiltinId(text: string): boolean {
  return text.length >= 32 || text.includes('blk_');
}

function scanBuiltins(text: string, found: (value: string, kind: number, start: number, end: number) => void, from: number, to: number, reqs: Search, blks: Search): void {
  // Places where a shape may start, each the first at or after the last one tried (to: none left).
  let req = nextIndex(reqs, text, from, to);
  let blk = nextIndex(blks, text, from, to);
  let hex = nextHexRun(text, from, to);
  // Ids do not overlap: a place inside the last id found is not tried.
  let done = from;
  for (;;) {
    const at = req < blk ? (req < hex ? req : hex) : blk < hex ? blk : hex;
    if (at >= to) break;
    if (at >= done && (at === from || WORD[text.charCodeAt(at - 1)] === 0)) {
      const m = builtinAt(text, at, to);
      if (m !== null) {
        const kind = m[1] !== undefined ? 0 : m[2] !== undefined ? 1 : m[3] !== undefined ? 2 : 3;
        found(kind === TokenKind.Block ? m[0] : m[0].toLowerCase(), kind, at, at + m[0].length);
        done = at + m[0].length;
      }
    }
    if (at === req) req = nextIndex(reqs, text, at + 1, to);
    if (at === blk) blk = nextIndex(blks, text, at + 1, to);
    if (at === hex) {
      // No word starts inside a run of hex digits: the next run is searched for after this one.
      let end = at + 8;
      while (end < to && IS_HEX[text.charCodeAt(end)] === 1) end++;
      hex = nextHexRun(text, end + 1, to);
    }
  }
}

function scanUser(text: string, user: readonly UserPattern[], found: (value: string, kind: number, start: number, end: number) => void, from: number, to: number): void {
  // A user pattern may look anywhere (lookbehind, anchors): it reads the text alone.
  const own = from === 0 && to === text.length ? text : text.slice(from, to);
  for (let i = 0; i < user.length; i++) {
    const re = user[i]!.re;
    re.lastIndex = 0;
    for (let m = re.exec(own); m !== null; m = re.exec(own)) {
      if (m[0] === '') {
        re.lastIndex++;
        continue;
      }
      const v = m[1] ?? m[0];
      // The span is the id's own (group 1), so a template masks the id and keeps the words around it.
      const at = m[1] !== undefined ? m.indices![1]! : null;
      if (v) found(v, TokenKind.User + i, from + (at ? at[0] : m.index), from + (at ? at[1] : m.index + m[0].length));
    }
  }
}

/**
 * A rule's `keyText` and `key` that read ids of one kind as the scanner does:
 * built-in shapes with its boundaries (a uuid inside a `req-` id is not a
 * uuid), a user pattern's first capturing group where it has one (named
 * `id`, or keeping its own name), else its whole match.
 */
export function keyTextFor(kind: number, userSources: readonly string[]): { keyText: string; key: string } {
  if (kind < TokenKind.User) {
    // A uuid right after a `req-` that itself starts an id is that request id's tail, as the scanner reads it.
    const before = kind === TokenKind.Uuid ? '(?<![0-9A-Za-z_]|(?<![0-9A-Za-z_])req-)' : '(?<![0-9A-Za-z_])';
    return { keyText: `${before}(?<id>${BUILTIN_SOURCES[kind]!})(?![0-9A-Za-z_])`, key: '${id}' };
  }
  const source = userSources[kind - TokenKind.User]!;
  const at = firstGroup(source);
  if (at < 0) return { keyText: `(?<id>${source})`, key: '${id}' };
  const named = /^\(\?<([A-Za-z_$][\w$]*)>/.exec(source.slice(at));
  if (named) return { keyText: source, key: `\${${named[1]}}` };
  return { keyText: `${source.slice(0, at)}(?<id>${source.slice(at + 1)}`, key: '${id}' };
}

/** Where a regex source's first capturing group opens (-1: none): not escaped, not in a class, not `(?:`, `(?=` and the like. */
function firstGroup(source: string): number {
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(' && (source[i + 1] !== '?' || (source[i + 2] === '<' && source[i + 3] !== '=' && source[i + 3] !== '!'))) return i;
  }
  return -1;
}

/**
 * The built-in match at text[i] as text.slice(0, to) would give it: the sticky
 * regex runs on the whole text unless the characters an id is made of run on
 * to `to`, where what follows `to` (the next text of a chunk) could change the
 * answer; only then is the span sliced.
 */
function builtinAt(text: string, i: number, to: number): RegExpExecArray | null {
  let end = i;
  while (end < to && (isWordCode(text.charCodeAt(end)) || text.charCodeAt(end) === 45)) end++;
  if (end < to || to === text.length) {
    BUILTIN_AT.lastIndex = i;
    return BUILTIN_AT.exec(text);
  }
  BUILTIN_AT.lastIndex = 0;
  const m = BUILTIN_AT.exec(text.slice(i, to));
  if (m !== null) m.index += i;
  return m;
}

/** [0-9A-Za-z_] */
function isWordCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

function isHexCode(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

/** 1 for a character isWordCode takes, by UTF-16 code: a table read is quicker than the comparisons in a loop over every character. */
const WORD = new Uint8Array(65536);
for (let c = 0; c < 128; c++) if (isWordCode(c)) WORD[c] = 1;

/** 1 for a hex digit, by UTF-16 code. */
const IS_HEX = new Uint8Array(65536);
for (let c = 0; c < 128; c++) if (isHexCode(c)) IS_HEX[c] = 1;

/**
 * The first i in [at, to - 8] where text[i .. i + 8) are hex digits, else
 * `to`. Reads the window's last character first: where it is no hex digit,
 * no run of 8 holds it and the next window starts after it, 8 on.
 */
function nextHexRun(text: string, at: number, to: number): number {
  let i = at;
  while (i + 8 <= to) {
    let j = i + 7;
    while (IS_HEX[text.charCodeAt(j)] === 1) {
      if (j === i) return i;
      j--;
    }
    i = j + 1;
  }
  return to;
}

/**
 * A needle's last search: in `text`, its first place at or after `from` was
 * `at` (-1: none). Where texts are read in order from one chunk, most asks
 * are answered by the last search and each chunk is searched about once: an
 * indexOf per text would run on past the text, to the chunk's end, where the
 * needle is rare. The search is for the needle's last two characters (`tail`),
 * rare in prose, then the two before: indexOf stops at every `r` of a text
 * when asked for `req-`, and took 19 ms where `q-` took 2 over the bench's texts.
 */
interface Search {
  needle: string;
  tail: string;
  text: string;
  from: number;
  at: number;
}

/** The first place of s.needle in text at or after `from` if before `to`, else `to`. */
function nextIndex(s: Search, text: string, from: number, to: number): number {
  if (!(text === s.text && from >= s.from && (s.at < 0 || from <= s.at))) {
    s.text = text;
    s.from = from;
    const head = s.needle.length - s.tail.length;
    let at = -1;
    for (let i = text.indexOf(s.tail, from + head); i >= 0; i = text.indexOf(s.tail, i + 1)) {
      if (text.startsWith(s.needle, i - head)) {
        at = i - head;
        break;
      }
    }
    s.at = at;
  }
  return s.at < 0 || s.at >= to ? to : s.at;
}

/** The text with its ids replaced by `<id>` and other digit runs by `<n>`, spaces collapsed. */
export function maskTemplate(text: string, user: readonly UserPattern[]): string {
  const spans: [number, number][] = [];
  scanTokens(text, user, (_v, _k, start, end) => spans.push([start, end]));
  spans.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [s, e] of spans) {
    if (s < at) continue;
    out += text.slice(at, s).replace(/\d+/g, '<n>') + '<id>';
    at = e;
  }
  out += text.slice(at).replace(/\d+/g, '<n>');
  return out.replace(/\s+/g, ' ').trim();
}

/** A regex that matches the texts of a template (`<id>` any run without spaces, `<n>` digits). */
export function templateRegex(template: string): string {
  const parts = template.split(/(<id>|<n>)/);
  const body = parts
    .map((p) => (p === '<id>' ? '\\S+' : p === '<n>' ? '\\d+' : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')))
    .join('');
  return `^\\s*${body}\\s*$`;
}
