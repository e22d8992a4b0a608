/**
 * What analyze() reads: either bytes already in memory (tests, archive
 * members, small data) or a stream of byte chunks (Blob.stream() in the
 * browser and the worker, fs.createReadStream in the CLI). A stream input can
 * be opened more than once (`stream()` is called per read), so a peek at its
 * first bytes and the read proper are two streams over the same data.
 */
export interface BytesInput {
  name: string;
  bytes: Uint8Array;
}

export interface StreamInput {
  name: string;
  /** Bytes in the whole input, for progress and the document-size cap. */
  size: number;
  stream(): AsyncIterable<Uint8Array>;
}

export type InputData = BytesInput | StreamInput;

/** In-memory inputs are handed out in pieces of this size, so progress and cancellation work inside one. */
export const BYTES_CHUNK = 1 << 20;

export function isBytesInput(input: InputData): input is BytesInput {
  return (input as BytesInput).bytes !== undefined;
}

export function inputSize(input: InputData): number {
  return isBytesInput(input) ? input.bytes.length : input.size;
}

/**
 * The input's bytes, chunk by chunk. In-memory bytes are cut after a line
 * break near each chunk's end (where one is in its last LINE_CUT bytes): the
 * decoder holds back a chunk's unfinished last line and would otherwise copy
 * it and the whole next chunk into one new array, chunk after chunk.
 */
export async function* chunksOf(input: InputData, chunk = BYTES_CHUNK): AsyncGenerator<Uint8Array> {
  if (isBytesInput(input)) {
    const b = input.bytes;
    for (let at = 0; at < b.length; ) {
      const end = cutAfterLine(b, at, Math.min(b.length, at + chunk));
      yield b.subarray(at, end);
      at = end;
    }
    return;
  }
  for await (const c of input.stream()) if (c.length > 0) yield c;
}

/** How far back from a chunk's end a line break is looked for. */
const LINE_CUT = 1 << 16;

/** `end`, or just after the last LF in b[at, end) within LINE_CUT bytes of it (end is b's length: end). */
function cutAfterLine(b: Uint8Array, at: number, end: number): number {
  if (end >= b.length) return end;
  const stop = Math.max(at, end - LINE_CUT);
  for (let i = end - 1; i >= stop; i--) if (b[i] === 10) return i + 1;
  return end;
}

/** At least the first `n` bytes (fewer only when the input is shorter); the stream is closed after. */
export async function headBytes(input: InputData, n: number): Promise<Uint8Array> {
  if (isBytesInput(input)) return input.bytes.subarray(0, n);
  const parts: Uint8Array[] = [];
  let have = 0;
  for await (const c of input.stream()) {
    parts.push(c);
    have += c.length;
    if (have >= n) break; // leaving for-await closes the stream
  }
  return concatBytes(parts, have);
}

/** The whole input as one byte array, or null when it turns out longer than `cap` bytes. */
export async function readAllBytes(input: InputData, cap = Infinity): Promise<Uint8Array | null> {
  if (isBytesInput(input)) return input.bytes.length > cap ? null : input.bytes;
  const parts: Uint8Array[] = [];
  let have = 0;
  for await (const c of input.stream()) {
    have += c.length;
    if (have > cap) return null;
    parts.push(c);
  }
  return concatBytes(parts, have);
}

export function concatBytes(parts: readonly Uint8Array[], total = parts.reduce((s, p) => s + p.length, 0)): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A browser ReadableStream as an async iterable (not every engine makes ReadableStream iterable). */
export async function* readableChunks(rs: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = rs.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value && value.length > 0) yield value;
    }
  } finally {
    // An early exit (cancel, a peek) releases the file.
    await reader.cancel().catch(() => undefined);
  }
}
