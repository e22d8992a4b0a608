/**
 * A part's event texts as they crossed from its reading thread: its text
 * chunks packed as UTF-8 (packStrings), left as bytes on arrival. A merge
 * reads each run of events straight from the bytes into its own chunks
 * (MergedTexts): one decode per piece of a merged chunk, a flat string of
 * just those characters. Decoding every chunk first made each a slice of one
 * large decoded text, which then stayed alive as long as any slice did, and
 * the merge copied the slices again.
 *
 * Offsets count UTF-16 code units. In a piece of ASCII (as many bytes as
 * code units: any other character takes more bytes than code units) they
 * are byte offsets too; a piece with any other character, or packed as code
 * units, is decoded whole when first read and sliced.
 */

/** The packed form of a list of strings (packPart.ts's PackedStrings). */
export interface TextPieces {
  pieces: (Uint8Array | Uint16Array)[];
  counts: Uint32Array;
  ends: Uint32Array;
}

const decoder = new TextDecoder();

export class PackedTexts {
  /** Per chunk: its piece, and where it starts and ends in the piece's text. */
  readonly pieceOf: Uint32Array;
  readonly base: Float64Array;
  readonly end: Float64Array;
  /** Per piece: whether its byte offsets are its character offsets. */
  private readonly ascii: boolean[];
  private readonly decoded: (string | null)[];

  constructor(private readonly packed: TextPieces) {
    const n = packed.ends.length;
    this.pieceOf = new Uint32Array(n);
    this.base = new Float64Array(n);
    this.end = new Float64Array(n);
    this.ascii = [];
    let c = 0;
    packed.pieces.forEach((piece, k) => {
      let at = 0;
      for (let left = packed.counts[k]!; left > 0; left--, c++) {
        this.pieceOf[c] = k;
        this.base[c] = at;
        this.end[c] = at = packed.ends[c]!;
      }
      this.ascii.push(piece instanceof Uint8Array && piece.length === at);
    });
    this.decoded = packed.pieces.map(() => null);
  }

  get count(): number {
    return this.pieceOf.length;
  }

  /** Whether chunk c is read from bytes (bytesOf) rather than as a string. */
  isAscii(c: number): boolean {
    return this.ascii[this.pieceOf[c]!]!;
  }

  /** Characters [from, to) of piece k (an ASCII one) as a string of their own. */
  bytesOf(k: number, from: number, to: number): string {
    return decoder.decode(this.packed.pieces[k]!.subarray(from, to));
  }

  /** Chunk c as a string. */
  chunk(c: number): string {
    const k = this.pieceOf[c]!;
    if (this.ascii[k]) return this.bytesOf(k, this.base[c]!, this.end[c]!);
    const text = (this.decoded[k] ??= decodePiece(this.packed.pieces[k]!));
    return text.slice(this.base[c]!, this.end[c]!);
  }

  /** Every chunk as a string (a part used as it is, not merged). */
  chunks(): string[] {
    return Array.from({ length: this.count }, (_, c) => this.chunk(c));
  }
}

function decodePiece(piece: Uint8Array | Uint16Array): string {
  if (piece instanceof Uint8Array) return decoder.decode(piece);
  const parts: string[] = [];
  for (let at = 0; at < piece.length; at += 8192) parts.push(String.fromCharCode(...piece.subarray(at, at + 8192)));
  return parts.join('');
}
