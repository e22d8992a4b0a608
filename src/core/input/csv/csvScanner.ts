/**
 * A streaming RFC 4180 scanner: decoded text in, rows of cells out, chunk by
 * chunk. An unquoted field runs to the next delimiter or line break, found
 * with indexOf (V8's search beats a loop over charCodeAt several times); each
 * cell is sliced out of the chunk into one reused array of cells (no array
 * per row), and the row goes to the sink, which must use or copy the cells
 * before it returns.
 *
 * A field that starts with a quote is quoted: it runs to the next quote that
 * is not doubled, and may hold delimiters, quotes ("" for one) and line
 * breaks. Rows end at LF, CRLF or a lone CR (as Python's csv module reads
 * them), so files of any line-end style, or of mixed ones, read alike
 * (papaparse, used before, took one line end per file: a lone LF in an
 * unquoted field of a CRLF file was text there). A row or a cell cut by a
 * chunk boundary anywhere (inside quotes, between a quote and its double,
 * between CR and LF) carries over to the next chunk: any chunking gives the
 * rows of the whole text.
 *
 * What is not RFC 4180 is read as papaparse read it, so analyses of odd files
 * do not change: a quote inside an unquoted field is text; whitespace between
 * a closing quote and the delimiter or line end is dropped; a quote that
 * neither doubles nor closes (other text follows) is text, the quoted field
 * goes on and the row is flagged malformed; a quoted field still open at the
 * end of the input is given as unterminated. A blank line is a row of one
 * empty cell (the sink decides to skip it); text that ends with a line break
 * has no empty row after it.
 *
 * Lines are counted as rows are (LF, CRLF, lone CR; inside quotes too), and
 * each row is given with the 1-based line it starts on.
 */

const QUOTE = 34;
const LF = 10;
const CR = 13;

/** Between fields: at a row's start (no cells yet) or after a delimiter. */
const FIELD = 0;
/** Inside an unquoted field; `piece` is its text so far. */
const UNQUOTED = 1;
/** Inside quotes; `piece` is the field's text so far, unescaped. */
const QUOTED = 2;
/** Inside quotes, right after a quote: closing, or the first of a "". */
const QUOTE_SEEN = 3;
/** After a closing quote and the whitespace `ws`: a delimiter or line end must follow. */
const AFTER_QUOTE = 4;

export interface CsvRowSink {
  /**
   * One row: cells[0 .. count), valid only during the call. `malformed`: a
   * quote in a quoted field neither doubled nor closed it, and was read as text.
   */
  row(cells: readonly string[], count: number, line: number, malformed: boolean): void;
  /**
   * The input ended inside a quoted field: the row starting at `line` was not
   * ended. cells[count - 1] is the open field's text so far.
   */
  unterminated(cells: readonly string[], count: number, line: number): void;
}

/** Whitespace as String.prototype.trim drops it, but line breaks, which end rows here. */
export function isCsvSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || (c >= 0xa0 && isWideSpace(c));
}

function isWideSpace(c: number): boolean {
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** The index of the next `c` in s from i, or s.length. */
function next(s: string, c: string, i: number): number {
  const at = s.indexOf(c, i);
  return at < 0 ? s.length : at;
}

export class CsvScanner {
  private readonly delimiter: number;
  private readonly delimiterText: string;
  private readonly cells: string[] = [];
  private count = 0;
  private state = FIELD;
  private piece = '';
  private ws = '';
  private malformed = false;
  /** The line the scan is on, and the line the current row started on. */
  private line = 1;
  private rowLine = 1;
  /** The last chunk ended with a CR: an LF first in the next one is part of the same line break. */
  private crAtEnd = false;
  /** countBreaks' next LF and CR in the chunk (-1: not searched yet). */
  private nextLF = -1;
  private nextCR = -1;
  private rowsLeft: number;
  private done = false;

  /** `delimiter`: one character, not a quote or line break. `maxRows`: stop after this many rows (0: all). */
  constructor(
    delimiter: string,
    private readonly sink: CsvRowSink,
    maxRows = 0,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
    this.delimiterText = delimiter;
    this.rowsLeft = maxRows;
  }

  /** The line the scan is on (1-based): after end(), the last line when the text did not end with a line break, else the one after it. */
  get lineNumber(): number {
    return this.line;
  }

  /** Whether maxRows rows were given: the rest of the text is not read. */
  get finished(): boolean {
    return this.done;
  }

  text(s: string): void {
    if (this.done || s.length === 0) return;
    let i = 0;
    this.nextLF = this.nextCR = -1;
    if (this.crAtEnd) {
      this.crAtEnd = false;
      if (s.charCodeAt(0) === LF) {
        // The CR was counted; inside quotes the LF is text and counts again below.
        if (this.state === QUOTED) this.line--;
        else i = 1;
      }
    }
    switch (this.state) {
      case UNQUOTED:
        i = this.unquotedRest(s, i);
        break;
      case QUOTED:
      case QUOTE_SEEN:
      case AFTER_QUOTE:
        i = this.quoted(s, i, this.state);
        break;
    }
    if (i < s.length && !this.done) this.scan(s, i);
  }

  /** No more text: the last row, if the text did not end with a line break. */
  end(): void {
    if (this.done) return;
    const cells = this.cells;
    switch (this.state) {
      case FIELD:
        if (this.count === 0) return;
        cells[this.count++] = '';
        break;
      case UNQUOTED:
      case QUOTE_SEEN:
        cells[this.count++] = this.piece;
        break;
      default:
        // Inside quotes, or whitespace after a quote and no delimiter: papaparse's unterminated field.
        cells[this.count++] = this.state === AFTER_QUOTE ? `${this.piece}"${this.ws}` : this.piece;
        this.piece = this.ws = '';
        this.state = FIELD;
        this.done = true;
        this.sink.unterminated(cells, this.count, this.rowLine);
        return;
    }
    this.piece = '';
    this.state = FIELD;
    this.endRow();
    this.done = true;
  }

  /**
   * Fields from s[i], a field's start, to the end of s. An unquoted field
   * ends at the next delimiter or line break, whichever is first: their next
   * places are found with indexOf (a fast search in V8) and kept until passed,
   * rather than testing every character.
   */
  private scan(s: string, i: number): void {
    const n = s.length;
    const d = this.delimiterText;
    const cells = this.cells;
    let dl = next(s, d, i);
    let lf = next(s, '\n', i);
    let cr = next(s, '\r', i);
    while (i < n) {
      const k = this.count;
      if (k === 0) this.rowLine = this.line;
      if (s.charCodeAt(i) === QUOTE) {
        this.piece = '';
        i = this.quoted(s, i + 1, QUOTED);
        if (this.done) return;
        if (dl < i) dl = next(s, d, i);
        if (lf < i) lf = next(s, '\n', i);
        if (cr < i) cr = next(s, '\r', i);
        continue;
      }
      const brk = lf < cr ? lf : cr;
      const end = dl < brk ? dl : brk;
      if (end === n) {
        this.piece = s.slice(i);
        this.state = UNQUOTED;
        return;
      }
      cells[k] = s.slice(i, end);
      this.count = k + 1;
      if (end === dl) {
        i = dl + 1;
        dl = next(s, d, i);
      } else {
        i = this.rowEnd(s, end);
        if (this.done) return;
        if (lf < i) lf = next(s, '\n', i);
        if (cr < i) cr = next(s, '\r', i);
      }
    }
  }

  /** The rest of an unquoted field cut by the last chunk boundary; the index after its end. */
  private unquotedRest(s: string, i: number): number {
    const n = s.length;
    const d = this.delimiter;
    const start = i;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c === d || c === LF || c === CR) {
        this.cells[this.count++] = this.piece + s.slice(start, i);
        this.piece = '';
        this.state = FIELD;
        return c === d ? i + 1 : this.rowEnd(s, i);
      }
    }
    this.piece += s.slice(start);
    return n;
  }

  /**
   * A quoted field from s[i] in `phase` (QUOTED, QUOTE_SEEN, AFTER_QUOTE),
   * its text so far in this.piece (and this.ws): the index after the
   * delimiter or line break that ends it, or s.length with the state kept.
   */
  private quoted(s: string, i: number, phase: number): number {
    const n = s.length;
    let piece = this.piece;
    let ws = this.ws;
    for (;;) {
      if (phase === QUOTED) {
        const q = s.indexOf('"', i);
        const to = q < 0 ? n : q;
        this.countBreaks(s, i, to);
        if (q < 0) {
          this.piece = piece + s.slice(i);
          this.state = QUOTED;
          return n;
        }
        if (q > i) piece += s.slice(i, q);
        i = q + 1;
        phase = QUOTE_SEEN;
      }
      if (phase === QUOTE_SEEN) {
        if (i === n) {
          this.piece = piece;
          this.state = QUOTE_SEEN;
          return n;
        }
        if (s.charCodeAt(i) === QUOTE) {
          piece += '"';
          i++;
          phase = QUOTED;
          continue;
        }
        ws = '';
      }
      let j = i;
      const d = this.delimiter;
      // A tab is whitespace, unless it is the delimiter.
      while (j < n) {
        const c = s.charCodeAt(j);
        if (c === d || !isCsvSpace(c)) break;
        j++;
      }
      if (j === n) {
        this.piece = piece;
        this.ws = ws + s.slice(i);
        this.state = AFTER_QUOTE;
        return n;
      }
      const c = s.charCodeAt(j);
      if (c === d || c === LF || c === CR) {
        this.cells[this.count++] = piece;
        this.piece = this.ws = '';
        this.state = FIELD;
        return c === d ? j + 1 : this.rowEnd(s, j);
      }
      // Neither a double nor a closing quote: it is text, and so is the whitespace after it.
      this.malformed = true;
      piece += `"${ws}${s.slice(i, j)}`;
      ws = '';
      i = j;
      phase = QUOTED;
    }
  }

  /**
   * Line breaks in s[from .. to), inside quotes: LF, CRLF and lone CR count
   * one each. The next LF and CR of the chunk are kept between calls, so a
   * chunk is searched for each once.
   */
  private countBreaks(s: string, from: number, to: number): void {
    let lf = this.nextLF;
    if (lf < from) lf = next(s, '\n', from);
    for (; lf < to; lf = next(s, '\n', lf + 1)) this.line++;
    this.nextLF = lf;
    let cr = this.nextCR;
    if (cr < from) cr = next(s, '\r', from);
    for (; cr < to; cr = next(s, '\r', cr + 1)) {
      if (cr + 1 === s.length) {
        this.line++;
        this.crAtEnd = true;
      } else if (s.charCodeAt(cr + 1) !== LF) this.line++;
    }
    this.nextCR = cr;
  }

  /** The row ended by the line break at s[i] (LF or CR): the index after the break. */
  private rowEnd(s: string, i: number): number {
    this.line++;
    if (s.charCodeAt(i) === CR) {
      if (i + 1 === s.length) this.crAtEnd = true;
      else if (s.charCodeAt(i + 1) === LF) i++;
    }
    this.endRow();
    return i + 1;
  }

  private endRow(): void {
    const count = this.count;
    const malformed = this.malformed;
    this.count = 0;
    this.malformed = false;
    this.state = FIELD;
    if (this.rowsLeft > 0 && --this.rowsLeft === 0) this.done = true;
    this.sink.row(this.cells, count, this.rowLine, malformed);
  }
}
