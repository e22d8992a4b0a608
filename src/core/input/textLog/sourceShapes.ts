/**
 * Where a text line names its source (the program that wrote it), read with
 * index arithmetic over s[from, to): no regex, no allocation. Each reader
 * fills a SourceSpans — the source's name (and a second part: container,
 * host), and where the rest of the line starts — or returns false when the
 * line is not written that way.
 *
 * Prefixes written by tools that merge several sources into one stream:
 * - `[pod/web-1/nginx] msg` (`kubectl logs --prefix`) and `[web-1/nginx] msg` (stern's templates);
 * - `web-1 nginx msg` (stern's default: pod, container);
 * - `web-1  | msg`, `web_1  | msg` (docker compose);
 * - `app.log:msg`, `/var/log/x.log: msg`, `nova-api.log.1 msg` (grep over several files, tagged copies);
 * - `==> x.log <==` (tail and head of several files: a header before each section).
 * Inside the line (nothing stripped): a whitespace-separated column (the
 * k-th token), or a key=value field.
 */

/** What a reader found: the source name s[a0, a1), a second part s[b0, b1) (b0 < 0: none), the rest's start. */
export interface SourceSpans {
  a0: number;
  a1: number;
  b0: number;
  b1: number;
  rest: number;
}

export function newSpans(): SourceSpans {
  return { a0: -1, a1: -1, b0: -1, b1: -1, rest: 0 };
}

const SP = 32;
const TAB = 9;

function isSpace(c: number): boolean {
  return c === SP || c === TAB;
}

/** A character of a Kubernetes object name, a compose service or a host name: [A-Za-z0-9._-]. */
export function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || c === 45 || c === 46 || c === 95;
}

/**
 * `[a/b/c] ` or `[a/b] ` at the line start: name characters only, one or two
 * slashes. Three parts are kubectl's kind/name/container: the source is
 * name/container in pod `name`; two parts are pod/container.
 */
export function readBracketPrefix(s: string, from: number, to: number, out: SourceSpans): boolean {
  if (s.charCodeAt(from) !== 91 /* [ */) return false;
  const limit = Math.min(to, from + 256);
  let slash1 = -1;
  let slash2 = -1;
  let i = from + 1;
  for (; i < limit; i++) {
    const c = s.charCodeAt(i);
    if (c === 93 /* ] */) break;
    if (c === 47 /* / */) {
      if (slash1 < 0) slash1 = i;
      else if (slash2 < 0) slash2 = i;
      else return false;
    } else if (!isNameChar(c)) return false;
  }
  if (i >= limit || slash1 < 0) return false;
  const close = i;
  const first = slash2 >= 0 ? slash1 + 1 : from + 1;
  const mid = slash2 >= 0 ? slash2 : slash1;
  if (first === mid || mid + 1 === close || (slash2 >= 0 && slash1 === from + 1)) return false;
  out.a0 = first;
  out.a1 = close;
  out.b0 = first;
  out.b1 = mid;
  out.rest = close + 1 < to && isSpace(s.charCodeAt(close + 1)) ? close + 2 : close + 1;
  return true;
}

/** Whether s[from, to) is `[pod/...` with three parts (kubectl's own prefix). */
export function isKubectlPrefix(s: string, from: number): boolean {
  return s.startsWith('[pod/', from);
}

/** `pod container msg` (stern): two name tokens separated by one space; the pod has a '-' and a digit. */
export function readPodContainer(s: string, from: number, to: number, out: SourceSpans): boolean {
  let i = from;
  let dash = false;
  let digit = false;
  for (; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === SP) break;
    if (!isLabelChar(c)) return false;
    if (c === 45) dash = true;
    else if (c >= 48 && c <= 57) digit = true;
  }
  if (i === from || i >= to || !dash || !digit || i - from > 253) return false;
  const podEnd = i;
  const c0 = ++i;
  for (; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === SP) break;
    if (!isLabelChar(c)) return false;
  }
  if (i === c0 || i - c0 > 63) return false;
  out.a0 = from;
  out.a1 = podEnd;
  out.b0 = c0;
  out.b1 = i;
  out.rest = i < to ? i + 1 : i;
  return true;
}

/** [a-z0-9.-]: a character of a DNS label, which pods and containers are named with. */
function isLabelChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 45 || c === 46;
}

/** `name  | msg` (docker compose): a name, spaces, a bar, a space. */
export function readComposePrefix(s: string, from: number, to: number, out: SourceSpans): boolean {
  let i = from;
  const limit = Math.min(to, from + 128);
  while (i < limit && isNameChar(s.charCodeAt(i))) i++;
  if (i === from) return false;
  const nameEnd = i;
  while (i < limit && s.charCodeAt(i) === SP) i++;
  if (i === nameEnd || s.charCodeAt(i) !== 124 /* | */) return false;
  out.a0 = from;
  out.a1 = nameEnd;
  out.b0 = -1;
  out.b1 = -1;
  i++;
  out.rest = i < to && s.charCodeAt(i) === SP ? i + 1 : i;
  return true;
}

/**
 * A leading file name: `app.log:msg`, `/var/log/x.log: msg`, `x.log:12:msg`
 * (grep -n) or `nova-api.log.1 msg`. The token must name a log file: `.log`
 * in it, or a `.txt`, `.out`, `.err` ending.
 */
export function readFilePrefix(s: string, from: number, to: number, out: SourceSpans): boolean {
  const limit = Math.min(to, from + 512);
  let i = from;
  let colon = -1;
  for (; i < limit; i++) {
    const c = s.charCodeAt(i);
    if (isSpace(c)) break;
    // `path:rest`: the first colon ends a file name that has its extension before it.
    if (c === 58 /* : */ && endsAsLogFile(s, from, i)) {
      colon = i;
      break;
    }
  }
  if (i >= limit && i < to) return false;
  const end = colon >= 0 ? colon : i;
  if (colon < 0 && !looksLikeLogFile(s, from, end)) return false;
  out.a0 = from;
  out.a1 = end;
  out.b0 = -1;
  out.b1 = -1;
  let r = end;
  if (colon >= 0) {
    r++;
    // grep -n: `path:123:`
    let d = r;
    while (d < to && s.charCodeAt(d) >= 48 && s.charCodeAt(d) <= 57) d++;
    if (d > r && s.charCodeAt(d) === 58) r = d + 1;
  }
  while (r < to && isSpace(s.charCodeAt(r))) r++;
  out.rest = r;
  return true;
}

/** Whether s[from, to) names a log file: has `.log` (then end, '.', '_' or '-'), or ends in .txt/.out/.err. */
export function looksLikeLogFile(s: string, from: number, to: number): boolean {
  if (to - from < 5) return false;
  const at = logExtensionAt(s, from, to);
  if (at >= 0) return true;
  return hasPlainExtension(s, to);
}

/** Whether s ends at `to` with .txt, .out or .err. */
function hasPlainExtension(s: string, to: number): boolean {
  return s.startsWith('.txt', to - 4) || s.startsWith('.out', to - 4) || s.startsWith('.err', to - 4);
}

/** Whether s[from, to) ends as a log file's name: `.log`, `.log.1` (rotations), `.txt`, `.out`, `.err`. */
function endsAsLogFile(s: string, from: number, to: number): boolean {
  let i = to;
  while (i > from && (s.charCodeAt(i - 1) === 46 || (s.charCodeAt(i - 1) >= 48 && s.charCodeAt(i - 1) <= 57))) i--;
  if (i - from >= 5 && s.startsWith('.log', i - 4)) return true;
  if (i !== to) return false;
  return to - from >= 5 && hasPlainExtension(s, to);
}

/** Where `.log` stands in s[from, to) as an extension (followed by the end, '.', '_', '-' or a digit), or -1. */
export function logExtensionAt(s: string, from: number, to: number): number {
  let at = s.indexOf('.log', from);
  while (at >= 0 && at + 4 <= to) {
    if (at > from) {
      const next = at + 4 === to ? 46 : s.charCodeAt(at + 4);
      if (next === 46 || next === 95 || next === 45 || (next >= 48 && next <= 57)) return at;
    }
    at = s.indexOf('.log', at + 1);
  }
  return -1;
}

/** The process name of a file path: its base name up to `.log`, else without its last extension. */
export function laneOfFile(path: string): string {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const at = logExtensionAt(base, 0, base.length);
  if (at > 0) return base.slice(0, at);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base || path;
}

/** `==> path <==`: a section header of tail/head over several files; the path is out.a0..a1. */
export function readSectionHeader(s: string, from: number, to: number, out: SourceSpans): boolean {
  let end = to;
  while (end > from && isSpace(s.charCodeAt(end - 1))) end--;
  if (end - from < 9 || !s.startsWith('==> ', from) || !s.startsWith(' <==', end - 4)) return false;
  out.a0 = from + 4;
  out.a1 = end - 4;
  out.b0 = -1;
  out.b1 = -1;
  out.rest = to;
  return out.a1 > out.a0;
}

/** The k-th (1-based) whitespace-separated token of s[from, to) into a0..a1; rest stays at from. */
export function readColumn(s: string, from: number, to: number, k: number, out: SourceSpans): boolean {
  let i = from;
  for (let t = 1; ; t++) {
    while (i < to && isSpace(s.charCodeAt(i))) i++;
    if (i >= to) return false;
    const start = i;
    while (i < to && !isSpace(s.charCodeAt(i))) i++;
    if (t === k) {
      out.a0 = start;
      out.a1 = i;
      out.b0 = -1;
      out.b1 = -1;
      out.rest = from;
      return true;
    }
  }
}

/**
 * The value of `key=` (at the line start or after a space) in s[from, to):
 * to the next space, or inside double quotes. found → a0..a1.
 */
export function readKeyValue(s: string, from: number, to: number, bare: string, spaced: string, out: SourceSpans): boolean {
  // `bare` is 'key=', `spaced` ' key=': a key at the very start of the line has no space before it.
  let v: number;
  if (s.startsWith(bare, from)) v = from + bare.length;
  else {
    const at = s.indexOf(spaced, from);
    if (at < 0 || at + spaced.length > to) return false;
    v = at + spaced.length;
  }
  let end: number;
  if (s.charCodeAt(v) === 34 /* " */) {
    v++;
    end = s.indexOf('"', v);
    if (end < 0 || end > to) end = to;
  } else {
    end = v;
    while (end < to && !isSpace(s.charCodeAt(end))) end++;
    // A value ending a sentence or a list (`host=a,`) loses the punctuation.
    while (end > v && isTrailing(s.charCodeAt(end - 1))) end--;
  }
  if (end === v) return false;
  out.a0 = v;
  out.a1 = end;
  out.rest = from;
  return true;
}

function isTrailing(c: number): boolean {
  return c === 44 || c === 59 || c === 41 || c === 93 || c === 125; // , ; ) ] }
}

/**
 * A syslog head at `at` (after the time): `host tag[pid]: msg`, `host tag: msg`,
 * and the looser ones journals and macOS write: `host Some App[12]: msg`
 * (spaces in a tag with a pid), `host tag[12] (detail)` (no colon after the
 * pid). Host → a0..a1, tag → b0..b1; `out.rest` after the head. Returns 2
 * with a pid, 1 without, 0 when the text is no syslog head.
 */
export function readSyslogHead(s: string, at: number, to: number, out: SourceSpans): number {
  let i = at;
  while (i < to && !isSpace(s.charCodeAt(i))) i++;
  const hostEnd = i;
  if (hostEnd === at || hostEnd - at > 255 || s.charCodeAt(i) !== SP) return 0;
  out.a0 = at;
  out.a1 = hostEnd;
  return readSyslogTag(s, i + 1, to, out);
}

/** The tag part of readSyslogHead at t0 (the host, if any, already in a0..a1): tag → b0..b1. */
export function readSyslogTag(s: string, t0: number, to: number, out: SourceSpans): number {
  let i = t0;
  if (t0 >= to || isSpace(s.charCodeAt(t0))) return 0;
  const limit = Math.min(to, t0 + 65);
  let spaced = false;
  let c = 0;
  for (; i < limit; i++) {
    c = s.charCodeAt(i);
    if (c === 91 /* [ */ || c === 58 /* : */) break;
    if (c === SP) spaced = true;
  }
  if (i >= limit || i === t0 || isSpace(s.charCodeAt(i - 1))) return 0;
  const tagEnd = i;
  let withPid = 0;
  if (c === 91) {
    const p0 = ++i;
    while (i < to && i - p0 <= 32 && isNameChar(s.charCodeAt(i))) i++;
    if (i === p0 || s.charCodeAt(i) !== 93 /* ] */) return 0;
    i++;
    if (s.charCodeAt(i) === 58) i++;
    else if (i < to && !isSpace(s.charCodeAt(i))) return 0;
    withPid = 2;
  } else {
    if (spaced || s.charCodeAt(i + 1) !== SP) return 0;
    i++;
    withPid = 1;
  }
  while (i < to && isSpace(s.charCodeAt(i))) i++;
  out.b0 = t0;
  out.b1 = tagEnd;
  out.rest = i;
  return withPid;
}
