/**
 * Event texts kept as where they lie in their input files, not as strings:
 * the CLI reads plain files, and an event's text is (nearly always) a run of
 * bytes of one line, so a position per event (8 bytes) stands for the ~80
 * bytes of text a string would hold in the heap (81 MB of the CLI's peak at
 * a million events). Core reads no file: the CLI gives each such input an
 * InputBytes (read its bytes again at a position), and the reader says where
 * each decoded chunk lies in its input (TextOrigin); a text is kept as a
 * position only when its chunk is the input's own bytes, one character per
 * byte (ChunkDecoder.alignedAt), so the bytes decode back to the same text.
 * Every other text (the page's, archives', UTF-16, lines with continuation
 * lines) is a string, as before.
 *
 * Texts are read back a chunk of 256 at a time, the chunk the rest of core
 * reads (TextChunks.at): the texts' bytes are read from their input in one
 * read per run of one input, packed together in place and decoded once. The
 * passes read the chunks in order, each chunk asked for once per text: the
 * chunk after the last one is kept until the next is made. Another chunk
 * (the JSON writer's, which keeps the bytes of chunks itself) is not kept
 * unless asked for twice in a row: a chunk held while rows hop between
 * processes would outlive two scavenges and be promoted, a pass's worth of
 * old garbage (80 MB at a million events). A text asked for alone (textOf,
 * holdText) outside the kept chunk is read alone, through a window of its
 * input's bytes kept per input. A chunk made again before a whole pass's
 * worth of others were made is a miss; past as many misses as there are
 * chunks (a reader hopping between chunks), every text is read back into the
 * heap once, and the column is then what it would have been.
 */
import { CHUNK_SHIFT, STRINGS_PER_CHUNK, storedString, type StoredStrings, type TextChunks } from '../base/chunkedStrings';

/** An input's bytes, read again (the CLI's files). */
export interface InputBytes {
  /** Reads `length` bytes at `position` into `into` from `offset`; returns how many were read (fewer: the input got shorter). */
  read(into: Uint8Array, offset: number, length: number, position: number): number;
  /** The input's name, for the error when it changed since it was read. */
  readonly name: string;
}

/** A stream input that can be read again at a position (AnalyzeInput of the CLI). */
export interface RereadableInput {
  reread?: InputBytes;
}

/**
 * Where the chunk being parsed lies in its input, set by the reader before
 * each chunk: `chunk` is the decoded text of input `input` handed to the parser, `at` the
 * position of its first character, `bytes` the input's bytes; `chunk` null
 * when the chunk's text is not its bytes one to one.
 */
export interface TextOrigin {
  chunk: string | null;
  input: string;
  at: number;
  bytes: InputBytes | null;
}

/** Misses past the chunk count before every text is read into the heap. */
const MISS_MARGIN = 64;
/**
 * Texts asked for alone are read through a cache of small windows of their
 * inputs (the detectors ask for a receive's text and the lines after it, here
 * and there): WINDOW bytes from a multiple of WINDOW, and SLACK more for a
 * text that starts near the window's end, in WINDOWS slots found by a hash.
 * A read costs about the same for 80 bytes or 1.5 KB; larger windows hit
 * little more often (the events asked for are spread over the whole input).
 */
const WINDOW = 1024;
const SLACK = 512;
const WINDOWS = 256;
const DECODER = new TextDecoder();

/** FileTextChunks' makings (see its constructor): per event a position or −(k + 1) for string k, per chunk its length, the strings, per input its bytes. */
export interface FileTextLayout {
  pos: Float64Array;
  chunkLength: Uint32Array;
  strings: StoredStrings;
  stringCount: number;
  bytesOf: readonly (InputBytes | null)[];
}

/**
 * The event-text chunks of an execution whose texts are positions:
 * `pos[e]` ≥ 0 is the position of e's text in input `eventInput[e]`
 * (`bytesOf`), and −(k + 1) stands for string k of `strings`; `starts` the
 * texts' offsets in their chunk, as for chunks of strings, and `chunkLength`
 * each chunk's length (its last text's end).
 */
export class FileTextChunks implements TextChunks {
  readonly length: number;
  /** The chunk kept, and the one asked for last. */
  private lastC = -1;
  private asked = -1;
  private lastChunk = '';
  private made = 0;
  /** Per chunk, `made` when it was last made (+1; 0: never). */
  private readonly madeAt: Uint32Array;
  private misses = 0;
  /** Every chunk, once they were read back into the heap. */
  private all: string[] | null = null;
  private scratch = new Uint8Array(1 << 16);
  /** The windows of inputs read for texts asked for alone (slot k at k × (WINDOW + SLACK)): which input, block and length. */
  private windows: Uint8Array | null = null;
  private readonly slotInput = new Int32Array(WINDOWS).fill(-1);
  private readonly slotBlock = new Float64Array(WINDOWS);
  private readonly slotLength = new Int32Array(WINDOWS);

  constructor(
    private readonly count: number,
    private readonly pos: Float64Array,
    private readonly starts: Uint16Array | Uint32Array,
    private readonly chunkLength: Uint32Array,
    private readonly eventInput: ArrayLike<number>,
    private readonly bytesOf: readonly (InputBytes | null)[],
    private readonly strings: StoredStrings,
    private readonly stringCount: number,
  ) {
    this.length = chunkLength.length;
    this.madeAt = new Uint32Array(this.length);
  }

  /** What the chunks are made from, for a merge of parts read apart (parallel/mergedFileTexts.ts). */
  layout(): FileTextLayout {
    return { pos: this.pos, chunkLength: this.chunkLength, strings: this.strings, stringCount: this.stringCount, bytesOf: this.bytesOf };
  }

  get chars(): number {
    let n = 0;
    for (let c = 0; c < this.length; c++) n += this.chunkLength[c]!;
    return n;
  }

  at(c: number): string | undefined {
    if (c === this.lastC) return this.lastChunk;
    if (!(c >= 0 && c < this.length)) return undefined;
    if (this.all !== null) return this.all[c];
    const before = this.madeAt[c]!;
    if (before > 0 && this.made + 1 - before < this.length && ++this.misses > this.length + MISS_MARGIN) return this.readAll(c);
    this.madeAt[c] = ++this.made;
    const chunk = this.make(c);
    if (c === this.lastC + 1 || c === this.asked) {
      this.lastC = c;
      this.lastChunk = chunk;
    }
    this.asked = c;
    return chunk;
  }

  /** Text e: from its chunk where that is made, else read alone. */
  text(e: number): string {
    const c = e >>> CHUNK_SHIFT;
    const chunk = c === this.lastC ? this.lastChunk : this.all !== null ? this.all[c] : undefined;
    const first = c << CHUNK_SHIFT;
    const end = Math.min(this.count, first + STRINGS_PER_CHUNK);
    const start = this.starts[e]!;
    const n = this.lengthOf(e, first, end);
    if (chunk !== undefined) return chunk.slice(start, start + n);
    const p = this.pos[e]!;
    if (p < 0) return storedString(this.strings.chunks, this.strings.starts, this.stringCount, -p - 1);
    const input = this.eventInput[e]!;
    const source = this.bytesOf[input]!;
    const block = Math.floor(p / WINDOW);
    const from = p - block * WINDOW;
    if (from + n > WINDOW + SLACK) {
      // Longer than a window holds: read on its own.
      const own = new Uint8Array(n);
      if (source.read(own, 0, n, p) !== n) throw new Error(`${source.name} changed while it was analyzed: analyze it again`);
      return DECODER.decode(own);
    }
    const windows = (this.windows ??= new Uint8Array(WINDOWS * (WINDOW + SLACK)));
    const slot = (Math.imul(block, 31) + Math.imul(input, 7919)) & (WINDOWS - 1);
    const at = slot * (WINDOW + SLACK);
    if (this.slotInput[slot] !== input || this.slotBlock[slot] !== block || this.slotLength[slot]! < from + n) {
      const length = source.read(windows, at, WINDOW + SLACK, block * WINDOW);
      if (length < from + n) throw new Error(`${source.name} changed while it was analyzed: analyze it again`);
      this.slotInput[slot] = input;
      this.slotBlock[slot] = block;
      this.slotLength[slot] = length;
    }
    return DECODER.decode(windows.subarray(at + from, at + from + n));
  }

  /** Every chunk into the heap, for good: reading them back one by one costs more than they do. */
  private readAll(c: number): string {
    const all: string[] = [];
    for (let k = 0; k < this.length; k++) all.push(k === this.lastC ? this.lastChunk : this.make(k));
    this.all = all;
    this.lastC = c;
    return (this.lastChunk = all[c]!);
  }

  /** Chunk c: runs of texts of one input read in one read each, packed into the scratch bytes, decoded once. */
  private make(c: number): string {
    const first = c << CHUNK_SHIFT;
    const end = Math.min(this.count, first + STRINGS_PER_CHUNK);
    const { pos, starts, eventInput } = this;
    const pieces: string[] = [];
    let e = first;
    while (e < end) {
      const p = pos[e]!;
      if (p < 0) {
        pieces.push(storedString(this.strings.chunks, this.strings.starts, this.stringCount, -p - 1));
        e++;
        continue;
      }
      // A run: texts of one input, each after the one before, not too far apart to read the bytes between.
      const input = eventInput[e]!;
      let last = e;
      let textBytes = this.lengthOf(e, first, end);
      let stop = p + textBytes;
      while (last + 1 < end) {
        const q = pos[last + 1]!;
        if (q < stop || eventInput[last + 1] !== input) break;
        const n = this.lengthOf(last + 1, first, end);
        if (q + n - p > 4 * (textBytes + n) + 4096) break;
        last++;
        textBytes += n;
        stop = q + n;
      }
      pieces.push(this.run(e, last, first, end, p, stop, textBytes));
      e = last + 1;
    }
    return pieces.length === 1 ? pieces[0]! : pieces.join('');
  }

  /** The texts of events e .. last (a run of one input, bytes p .. stop), decoded. */
  private run(e: number, last: number, first: number, end: number, p: number, stop: number, textBytes: number): string {
    const span = stop - p;
    if (this.scratch.length < span) this.scratch = new Uint8Array(Math.max(span, this.scratch.length * 2));
    const buf = this.scratch;
    const source = this.bytesOf[this.eventInput[e]!]!;
    if (source.read(buf, 0, span, p) !== span) throw new Error(`${source.name} changed while it was analyzed: analyze it again`);
    let at = 0;
    for (let k = e; k <= last; k++) {
      const from = this.pos[k]! - p;
      const n = this.lengthOf(k, first, end);
      if (from !== at) buf.copyWithin(at, from, from + n);
      at += n;
    }
    const text = DECODER.decode(buf.subarray(0, textBytes));
    if (text.length === textBytes) return text;
    // Texts packed together can make a character of bytes that were apart (a lone lead byte, a lone continuation
    // byte): each text decoded on its own is what was read.
    const parts: string[] = [];
    for (let k = e, from = 0; k <= last; k++) {
      const n = this.lengthOf(k, first, end);
      parts.push(DECODER.decode(buf.subarray(from, from + n)));
      from += n;
    }
    return parts.join('');
  }

  /** Text e's length (its bytes: one character per byte). */
  private lengthOf(e: number, first: number, end: number): number {
    const to = e + 1 < end ? this.starts[e + 1]! : this.chunkLength[first >>> CHUNK_SHIFT]!;
    return to - this.starts[e]!;
  }
}
