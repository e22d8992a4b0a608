/**
 * Inflating as a stream: gzip (and a tar inside it) given out in the pieces
 * fflate makes, 16 KiB of compressed input at a time, so whoever reads the
 * output holds one piece, not the whole. A piece is at most what one slice
 * inflates to (deflate expands at most ~1032×: 16 MiB). The scan of an
 * archive charges these pieces to the budget as they come; reading a member
 * again later inflates again from the compressed bytes, held in memory.
 *
 * GzipCursor reads ranges of one gzip stream (a tar's members) in the order
 * they are asked for: forward from where the last range ended, or from the
 * start again when a range lies behind it. Members to be read later that a
 * forward skip passes over are kept, up to STASH_BYTES, so a reading order
 * close to the archive's (a previous container log read before the current
 * one stored ahead of it) costs no second inflate. An order far from the
 * archive's (a tar written in directory-hash order) would inflate the stream
 * once per member read behind the cursor: once reading has inflated the
 * stream REINFLATE_LIMIT times over, the stash has no limit, so the next
 * pass from the top keeps every member still to be read that it passes and
 * is the last (memory then as when members were held whole, time bounded).
 */
import { Gunzip } from 'fflate';

// Deflate expands at most ~1032×: a 16 KiB slice gives at most ~16 MiB before the caller looks again.
export const SLICE = 1 << 14;
/** Bytes of members passed over that a cursor keeps for their reading. */
export const STASH_BYTES = 64 << 20;
/** Times over the stream may be inflated by reading before the stash keeps all it passes. */
export const REINFLATE_LIMIT = 2;

/** The gzip's inflated bytes, piece by piece (concatenated gzip members, as `cat a.gz b.gz` makes, come out as one stream). */
export function* gunzipChunks(bytes: Uint8Array): Generator<Uint8Array, void, undefined> {
  const out: Uint8Array[] = [];
  const gz = new Gunzip((chunk) => {
    if (chunk.length > 0) out.push(chunk);
  });
  for (let at = 0; at < bytes.length; at += SLICE) {
    gz.push(bytes.subarray(at, Math.min(at + SLICE, bytes.length)), at + SLICE >= bytes.length);
    for (let k = 0; k < out.length; k++) yield out[k]!;
    out.length = 0;
  }
}

/** `pieces` re-cut into pieces of exactly `size` bytes (the last shorter), each a fresh array: how an input in memory is given to its reader. */
export function* evenPieces(pieces: Iterable<Uint8Array>, size: number): Generator<Uint8Array, void, undefined> {
  let buf: Uint8Array | null = null;
  let have = 0;
  for (const p of pieces) {
    let at = 0;
    while (at < p.length) {
      if (!buf) {
        buf = new Uint8Array(size);
        have = 0;
      }
      const n = Math.min(size - have, p.length - at);
      buf.set(p.subarray(at, at + n), have);
      have += n;
      at += n;
      if (have === size) {
        yield buf;
        buf = null;
        have = 0;
      }
    }
  }
  if (buf && have > 0) yield buf.subarray(0, have);
}

interface Wanted {
  from: number;
  size: number;
  /** Kept as a skip passed over it; null while not kept. */
  kept: Uint8Array | null;
  keptHave: number;
}

export class GzipCursor {
  private pieces: Iterator<Uint8Array, void, undefined> | null = null;
  /** The piece inflated last, and where it starts in the stream. */
  private piece: Uint8Array | null = null;
  private pieceAt = 0;
  /** Ranges that will be read, by start; kept ones are served without inflating. */
  private readonly wanted = new Map<number, Wanted>();
  private stashed = 0;
  /** Times inflating started again from the top for a range behind the cursor (for tests). */
  restarts = 0;
  /** Bytes inflated by reading, and the stream's length once the scan has counted it. */
  private inflated = 0;
  streamLength = Infinity;

  constructor(
    private readonly bytes: Uint8Array,
    private stashBytes = STASH_BYTES,
  ) {}

  /** Says [from, from + size) will be read: kept, if a skip passes over it and the stash has room. */
  want(from: number, size: number): void {
    if (!this.wanted.has(from)) this.wanted.set(from, { from, size, kept: null, keptHave: 0 });
  }

  /** The inflated stream's bytes [from, from + size), in pieces (views: copy what is kept). */
  *range(from: number, size: number): Generator<Uint8Array, void, undefined> {
    if (size === 0) return;
    const w = this.wanted.get(from);
    if (w?.kept && w.keptHave === w.size && w.size === size) {
      this.wanted.delete(from);
      this.stashed -= w.size;
      const kept = w.kept;
      w.kept = null;
      if (kept.length > 0) yield kept;
      return;
    }
    if (w) this.drop(w);
    if (!this.pieces || from < this.pieceAt) {
      if (this.pieces) {
        this.restarts++;
        if (this.inflated > REINFLATE_LIMIT * this.streamLength) this.stashBytes = Infinity;
      }
      this.pieces = gunzipChunks(this.bytes);
      this.piece = null;
      this.pieceAt = 0;
    }
    if (from > this.pieceAt + (this.piece?.length ?? 0)) this.skipTo(from);
    const end = from + size;
    let at = from;
    while (at < end) {
      const piece = this.at(at);
      if (!piece) throw new Error('the archive ended before the member did');
      const lo = at - this.pieceAt;
      const hi = Math.min(piece.length, end - this.pieceAt);
      at = this.pieceAt + hi;
      yield piece.subarray(lo, hi);
    }
    this.wanted.delete(from);
  }

  /** The piece holding stream offset `at`, inflating forward to it; null past the end. */
  private at(at: number): Uint8Array | null {
    while (!this.piece || at >= this.pieceAt + this.piece.length) {
      if (this.piece) this.pieceAt += this.piece.length;
      const r = this.pieces!.next();
      if (r.done) {
        this.piece = null;
        return null;
      }
      this.piece = r.value;
      this.inflated += r.value.length;
    }
    return this.piece;
  }

  /** Inflates forward to `to`, keeping the wanted ranges wholly passed over while the stash has room. */
  private skipTo(to: number): void {
    const start = this.pieceAt + (this.piece?.length ?? 0);
    const keep: Wanted[] = [];
    for (const w of [...this.wanted.values()].sort((a, b) => a.from - b.from)) {
      if (w.kept || w.from < start || w.from + w.size > to || this.stashed + w.size > this.stashBytes) continue;
      w.kept = new Uint8Array(w.size);
      w.keptHave = 0;
      this.stashed += w.size;
      keep.push(w);
    }
    let k = 0;
    while (true) {
      const piece = this.at(this.pieceAt + (this.piece?.length ?? 0));
      if (!piece) return;
      const lo = this.pieceAt;
      const hi = lo + piece.length;
      for (let j = k; j < keep.length && keep[j]!.from < hi; j++) {
        const w = keep[j]!;
        const a = Math.max(lo, w.from);
        const b = Math.min(hi, w.from + w.size);
        if (b > a) {
          w.kept!.set(piece.subarray(a - lo, b - lo), a - w.from);
          w.keptHave += b - a;
        }
        if (w.from + w.size <= hi && j === k) k++;
      }
      if (hi >= to) return;
    }
  }

  private drop(w: Wanted): void {
    if (w.kept) this.stashed -= w.size;
    w.kept = null;
    w.keptHave = 0;
  }
}
