/**
 * Counts an input's lines and blank lines as its text streams by, the way
 * LineSplitter numbers them (on LF, the CR of a CRLF dropped, a final line
 * without a break counted), for the reading report of parsers that do not
 * count them. Blank is what `line.trim() === ''` says, which is how the line
 * readers pass over blank lines; most lines start with a printable character
 * and cost one look.
 *
 * It keeps the last two chunks it saw (they are in memory anyway while a
 * parser reads them), so the text of a line a parser skipped a little
 * earlier can be given as a sample (`lineText`) without keeping any line.
 */
import { sampleOf, type LineSample } from './readingReport';

/** Characters of an unfinished line kept for a sample. */
const KEEP = 256;

interface SeenChunk {
  text: string;
  /** The number of the line text[0] is on. */
  firstLine: number;
  /** That line's start where it began in an earlier chunk (cut to KEEP). */
  prefix: string;
}

export class LineTally {
  /** Line breaks seen (each ends one line). */
  private breaks = 0;
  blank = 0;
  /** The start of the line the text seen so far ends in (cut to KEEP), or '' at a line start. */
  private open = '';
  private openLength = 0;
  /** Whether everything of the open line so far is whitespace. */
  private openBlank = true;
  private last: SeenChunk | null = null;
  private before: SeenChunk | null = null;

  /** Lines so far, the unfinished last one included (LineSplitter's count once the text has ended). */
  get lines(): number {
    return this.breaks + (this.openLength > 0 ? 1 : 0);
  }

  text(chunk: string): void {
    if (chunk.length === 0) return;
    this.before = this.last;
    this.last = { text: chunk, firstLine: this.breaks + 1, prefix: this.open };
    let pos = 0;
    let nl = chunk.indexOf('\n');
    if (nl < 0) {
      this.extendOpen(chunk, 0, chunk.length);
      return;
    }
    // The line open from the chunk before ends here.
    if (this.openLength > 0) {
      if (this.openBlank && isBlank(chunk, 0, nl)) this.blank++;
    } else if (isBlank(chunk, 0, nl)) this.blank++;
    this.breaks++;
    pos = nl + 1;
    while ((nl = chunk.indexOf('\n', pos)) >= 0) {
      const c = chunk.charCodeAt(pos);
      // A printable ASCII or later character first: not blank (trim() never removes those below U+00A0 but spaces).
      if (!(c > 32 && c < 0xa0) && isBlank(chunk, pos, nl)) this.blank++;
      this.breaks++;
      pos = nl + 1;
    }
    this.open = '';
    this.openLength = 0;
    this.openBlank = true;
    if (pos < chunk.length) this.extendOpen(chunk, pos, chunk.length);
  }

  /** No more text: a final line without a break is counted. */
  end(): void {
    if (this.openLength > 0 && this.openBlank) this.blank++;
    if (this.openLength > 0) this.breaks++;
    this.open = '';
    this.openLength = 0;
    this.openBlank = true;
  }

  private extendOpen(s: string, from: number, to: number): void {
    if (this.openBlank && !isBlank(s, from, to)) this.openBlank = false;
    if (this.open.length < KEEP) this.open += s.slice(from, Math.min(to, from + KEEP - this.open.length));
    this.openLength += to - from;
  }

  /** The text of line `n` (1-based), when it lies in the last two chunks seen; without its CR, cut for a sample. */
  lineText(n: number): LineSample | null {
    for (const c of [this.last, this.before]) {
      if (!c || n < c.firstLine) continue;
      let start = 0;
      for (let line = c.firstLine; line < n; line++) {
        const nl = c.text.indexOf('\n', start);
        if (nl < 0) {
          start = -1;
          break;
        }
        start = nl + 1;
      }
      if (start < 0 || (start >= c.text.length && n > c.firstLine)) continue;
      const nl = c.text.indexOf('\n', start);
      let text = (n === c.firstLine ? c.prefix : '') + c.text.slice(start, nl < 0 ? Math.min(c.text.length, start + KEEP) : Math.min(nl, start + KEEP));
      if (text.endsWith('\r')) text = text.slice(0, -1);
      return sampleOf(n, text);
    }
    return null;
  }
}

/** Whether s[from, to) is all whitespace (as String.prototype.trim sees it). */
function isBlank(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c > 32 && c < 0xa0) return false;
    if (c !== 32 && !(c >= 9 && c <= 13) && s.slice(i, i + 1).trim() !== '') return false;
  }
  return true;
}
