/**
 * Splits text that arrives in chunks into lines: on LF, with the CR of a CRLF
 * dropped, numbered from 1 across chunk boundaries. It holds at most the
 * unfinished last line of the chunks seen so far; a chunk boundary anywhere
 * (inside a line, between CR and LF) gives the same lines as the whole text.
 * Every line is given, empty ones too; a final line without a line break is
 * given at end(), and text that ends with a line break has no empty line
 * after it (the line count of `countLines`).
 */

export interface LineSink {
  /** One line without its terminator; `lineNo` is 1-based. */
  line(text: string, lineNo: number): void;
}

/** A sink that can read a line where it lies in its chunk. */
export interface LineInSink extends LineSink {
  /** A line that lies whole in one chunk: s[from, to), without its terminator. Lines split between chunks still go to line(). */
  lineIn(s: string, from: number, to: number, lineNo: number): void;
}

/** A reader of one input's decoded text, fed in order. */
export interface TextReader {
  /** `bytes`: ChunkDecoder.aligned for this chunk, when a reader can use it (null when the text is not aligned). */
  text(chunk: string, bytes?: Uint8Array | null): void;
  /** No more text; a reader reports what it saw over the whole input here. */
  end(): void;
}

export class LineSplitter implements TextReader {
  private carry = '';
  private lineNo = 0;

  /** With `inPlace`, lines that lie whole in a chunk go to the sink's lineIn, as ranges of the chunk, not as strings. */
  constructor(
    private readonly sink: LineSink,
    private readonly inPlace: LineInSink | null = null,
  ) {}

  /** Lines given so far. */
  get lines(): number {
    return this.lineNo;
  }

  text(chunk: string): void {
    let nl = chunk.indexOf('\n');
    if (nl < 0) {
      if (chunk.length > 0) this.carry += chunk;
      return;
    }
    const sink = this.sink;
    if (this.carry.length > 0) {
      const first = this.carry + chunk.slice(0, nl);
      this.carry = '';
      sink.line(first.charCodeAt(first.length - 1) === 13 ? first.slice(0, -1) : first, ++this.lineNo);
    } else {
      sink.line(chunk.slice(0, nl > 0 && chunk.charCodeAt(nl - 1) === 13 ? nl - 1 : nl), ++this.lineNo);
    }
    let pos = nl + 1;
    const inPlace = this.inPlace;
    if (inPlace !== null) {
      while ((nl = chunk.indexOf('\n', pos)) >= 0) {
        inPlace.lineIn(chunk, pos, nl > pos && chunk.charCodeAt(nl - 1) === 13 ? nl - 1 : nl, ++this.lineNo);
        pos = nl + 1;
      }
    } else {
      while ((nl = chunk.indexOf('\n', pos)) >= 0) {
        sink.line(chunk.slice(pos, nl > pos && chunk.charCodeAt(nl - 1) === 13 ? nl - 1 : nl), ++this.lineNo);
        pos = nl + 1;
      }
    }
    if (pos < chunk.length) this.carry = chunk.slice(pos);
  }

  end(): void {
    const last = this.carry;
    this.carry = '';
    if (last.length > 0) this.sink.line(last.charCodeAt(last.length - 1) === 13 ? last.slice(0, -1) : last, ++this.lineNo);
  }
}

/** Feeds one whole text through a reader. */
export function readWhole(reader: TextReader, text: string): void {
  reader.text(text);
  reader.end();
}
